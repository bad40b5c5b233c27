/**
 * A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes, commas and new lines inside
 * quotes, CRLF or LF. The reader is incremental, so a large file is read a chunk at a time.
 */
export function createCsvReader(onRow: (fields: string[]) => void) {
  let field = '';
  let row: string[] = [];
  let inQuotes = false;
  let quoteSeen = false; // a quote inside a quoted field: either the end or the first of a pair
  let any = false;

  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) onRow(row);
    row = [];
  };

  return {
    push(chunk: string) {
      for (let i = 0; i < chunk.length; i += 1) {
        const c = chunk[i] as string;
        any = true;
        if (inQuotes) {
          if (quoteSeen) {
            quoteSeen = false;
            if (c === '"') {
              field += '"';
              continue;
            }
            inQuotes = false;
            // fall through: c is the character after the closing quote
          } else if (c === '"') {
            quoteSeen = true;
            continue;
          } else {
            field += c;
            continue;
          }
        }
        if (c === '"' && field === '') inQuotes = true;
        else if (c === ',') endField();
        else if (c === '\n') endRow();
        else if (c === '\r') continue;
        else field += c;
      }
    },
    end() {
      if (quoteSeen) {
        quoteSeen = false;
        inQuotes = false;
      }
      if (inQuotes) throw new Error('The file ends inside a quoted field');
      if (any && (field !== '' || row.length > 0)) endRow();
    },
  };
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const reader = createCsvReader((r) => rows.push(r));
  reader.push(text.replace(/^\uFEFF/, ''));
  reader.end();
  return rows;
}

/** A field as CSV: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
