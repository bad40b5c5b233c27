import { PublishedFileError } from './types.ts';

/**
 * Reading a published CSV as the DfE and the MoJ publish it: UTF-8 (with or without a byte order mark),
 * RFC 4180 quoting, CRLF or LF. Each record keeps the line of the file it starts on (the header is
 * line 1), because that line is the provenance stored with every figure. A file that is not UTF-8 is
 * refused, never guessed at: a Latin-1 "£" or "–" read as UTF-8 would silently change names.
 */

export type CsvRecord = { line: number; fields: string[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a UTF-8 file without its byte order mark; refused when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, fileLabel: string, expected: string): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new PublishedFileError(
      `${fileLabel} is not UTF-8 text (an invalid byte at position ${at.toLocaleString('en-GB')}, on line ${lineAt(bytes, at)}): ` +
        `expected ${expected}, encoded in UTF-8 as published. Download the file again rather than opening and re-saving it in a spreadsheet.`,
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const extra =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += extra + 1;
  }
  return i;
}

function lineAt(bytes: Uint8Array, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** Every record of a CSV text, with the line each starts on. Blank lines are skipped. */
export function parseCsvRecords(text: string, fileLabel: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    field = '';
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */ && field === '') {
      // A quoted field: up to the closing quote, doubled quotes standing for one.
      let j = i + 1;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw new PublishedFileError(
            `${fileLabel} ends inside a quoted field that starts on line ${line}: the file is incomplete`,
          );
        }
        const chunk = text.slice(j, q);
        for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line += 1;
        value += chunk;
        if (text.charCodeAt(q + 1) === 0x22) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field = value.replace(/\r\n/g, '\n');
      continue;
    }
    if (c === 0x2c /* , */) {
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (c === 0x0a /* \n */) {
      endRecord();
      line += 1;
      recordLine = line;
      i += 1;
      continue;
    }
    if (c === 0x0d /* \r */) {
      i += 1;
      continue;
    }
    // Plain characters up to the next delimiter, in one slice.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x0a || d === 0x0d) break;
      j += 1;
    }
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** A CSV with one header row: the column names and, by name, where each is. */
export type CsvTable = {
  header: string[];
  rows: CsvRecord[];
  /** The index of a column by its name; throws for a column the table was not checked for. */
  column: (name: string) => number;
};

/**
 * A CSV whose first record is its header, checked to have every required column and, on every row, as
 * many fields as the header (a row cut short means a file cut short or damaged).
 */
export function readCsvTable(
  text: string,
  options: { fileLabel: string; expected: string; required: readonly string[] },
): CsvTable {
  const records = parseCsvRecords(text, options.fileLabel);
  const head = records[0];
  if (!head) {
    throw new PublishedFileError(`${options.fileLabel} is empty: expected ${options.expected}`);
  }
  const header = head.fields.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  const missing = options.required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new PublishedFileError(
      `${options.fileLabel} does not have the columns expected of ${options.expected}: ` +
        `missing ${missing.join(', ')}. Expected at least: ${options.required.join(', ')}.`,
    );
  }
  const rows = records.slice(1);
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      throw new PublishedFileError(
        `${options.fileLabel} line ${row.line} has ${row.fields.length} fields where the header has ${header.length}: ` +
          `the file is incomplete or damaged (expected ${options.expected}).`,
      );
    }
  }
  return {
    header,
    rows,
    column: (name) => {
      const i = index.get(name);
      if (i === undefined) throw new Error(`column ${name} was not among the required columns`);
      return i;
    },
  };
}
