import { strFromU8, unzipSync } from 'fflate';
import { PublishedFileError } from './types.ts';

/**
 * A small reader for Excel workbooks (.xlsx, Office Open XML SpreadsheetML): sheet names from
 * xl/workbook.xml, shared strings, inline strings, numbers and booleans. Enough for the DfE statistical
 * neighbour sheets; no styles, dates, formulas or merged cells (a formula's cached value is read).
 * Written on fflate rather than a spreadsheet library so that one small, audited dependency reads
 * every zip the platform imports.
 */

export type XlsxCell = string | number | boolean | null;

export type XlsxSheet = {
  name: string;
  /** rows[r][c], both 0-based (row 1 / column A is [0][0]); cells that are absent are null. */
  rows: XlsxCell[][];
};

export type XlsxWorkbook = {
  sheetNames: string[];
  /** The sheet of that name (exactly as the workbook spells it), or undefined. */
  sheet(name: string): XlsxSheet | undefined;
};

/** A sheet part larger than this is not a statistics table but a zip bomb or the wrong file. */
const MAX_PART_BYTES = 200_000_000;

export function readXlsx(bytes: Uint8Array, fileName = 'the file'): XlsxWorkbook {
  const expected = `${fileName} is not an Excel workbook: expected an .xlsx file (a zip holding xl/workbook.xml)`;
  if (!isZip(bytes)) throw new PublishedFileError(`${expected}.`);
  let files: Record<string, Uint8Array>;
  let oversized: string | undefined;
  try {
    // Only the XML parts are inflated: printer settings, images and the like are never needed.
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('.xml') && !f.name.endsWith('.rels')) return false;
        if (f.originalSize > MAX_PART_BYTES) oversized = f.name;
        return oversized === undefined;
      },
    });
  } catch (error) {
    throw new PublishedFileError(
      `${expected}; the zip could not be read (${(error as Error).message}), so it may be truncated.`,
    );
  }
  if (oversized) {
    throw new PublishedFileError(
      `${fileName}: ${oversized} would unpack to more than ${MAX_PART_BYTES / 1e6} MB.`,
    );
  }
  const text = (name: string): string | undefined => {
    const part = files[name];
    return part ? strFromU8(part) : undefined;
  };

  const workbookPath = officeDocumentPath(text('_rels/.rels')) ?? 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === undefined) throw new PublishedFileError(`${expected}; it has no ${workbookPath}.`);
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = relationships(text(relsPathOf(workbookPath)));

  const sheets = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => {
    const attrs = attributes(m[1] ?? '');
    const relId = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rels.find((r) => r.id === relId)?.target;
    return { name: attrs.name ?? '', path: target ? resolvePart(baseDir, target) : undefined };
  });

  const sharedStringsTarget = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const sharedStringsPath = sharedStringsTarget
    ? resolvePart(baseDir, sharedStringsTarget)
    : `${baseDir}sharedStrings.xml`;
  let shared: string[] | undefined;
  const sharedStrings = (): string[] => (shared ??= readSharedStrings(text(sharedStringsPath)));

  const cache = new Map<string, XlsxSheet>();
  return {
    sheetNames: sheets.map((s) => s.name),
    sheet(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      const entry = sheets.find((s) => s.name === name);
      if (!entry) return undefined;
      const xml = entry.path ? text(entry.path) : undefined;
      if (xml === undefined) {
        throw new PublishedFileError(`${fileName}: the sheet "${name}" is listed but its part is missing.`);
      }
      const sheet = { name, rows: readSheetRows(xml, sharedStrings) };
      cache.set(name, sheet);
      return sheet;
    },
  };
}

function isZip(bytes: Uint8Array): boolean {
  // A local file header ("PK\3\4"); an empty zip ("PK\5\6") holds no workbook either.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

function officeDocumentPath(relsXml: string | undefined): string | undefined {
  // Transitional and strict OOXML name the relationship in different namespaces.
  const target = relationships(relsXml).find((r) => r.type.endsWith('/officeDocument'))?.target;
  return target ? resolvePart('', target) : undefined;
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

type Relationship = { id: string; type: string; target: string };

function relationships(relsXml: string | undefined): Relationship[] {
  if (!relsXml) return [];
  return [...relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)].flatMap((m) => {
    const attrs = attributes(m[1] ?? '');
    return attrs.Id && attrs.Target ? [{ id: attrs.Id, type: attrs.Type ?? '', target: attrs.Target }] : [];
  });
}

/** A relationship target is relative to the part's folder unless it starts with "/". */
function resolvePart(baseDir: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1] as string] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

function readSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) =>
    stringItem(m[1] ?? ''),
  );
}

/** The text of a string item: plain <t>, or the runs of rich text, leaving out phonetic guides. */
function stringItem(xml: string): string {
  const withoutPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const m of withoutPhonetic.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) {
    out += decodeXml(m[1] ?? '');
  }
  return out;
}

function readSheetRows(xml: string, sharedStrings: () => string[]): XlsxCell[][] {
  const rows: XlsxCell[][] = [];
  let nextRow = 0;
  const rowPattern = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  const cellPattern = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  for (const rowMatch of xml.matchAll(rowPattern)) {
    const rowAttrs = attributes(rowMatch[1] ?? '');
    const rowIndex = rowAttrs.r ? Number(rowAttrs.r) - 1 : nextRow;
    nextRow = rowIndex + 1;
    const row: XlsxCell[] = [];
    let nextColumn = 0;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(cellPattern)) {
      const attrs = attributes(cellMatch[1] ?? '');
      const column = attrs.r ? columnIndex(attrs.r) : nextColumn;
      nextColumn = column + 1;
      const value = cellValue(attrs.t, cellMatch[2] ?? '', sharedStrings);
      if (value === null) continue;
      while (row.length < column) row.push(null);
      row[column] = value;
    }
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = row;
  }
  return rows;
}

function cellValue(type: string | undefined, inner: string, sharedStrings: () => string[]): XlsxCell {
  if (type === 'inlineStr') {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
    return is ? stringItem(is[1] ?? '') : null;
  }
  const v = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner);
  if (!v) return null;
  const raw = decodeXml(v[1] ?? '');
  switch (type) {
    case 's': {
      const strings = sharedStrings();
      const index = Number(raw);
      const s = strings[index];
      if (!Number.isInteger(index) || s === undefined) {
        throw new PublishedFileError(`The workbook refers to shared string ${raw}, which it does not hold.`);
      }
      return s;
    }
    case 'str':
    case 'e':
      return raw;
    case 'b':
      return raw === '1' || raw === 'true';
    default: {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
    }
  }
}

/** "AB12" → 27 (0-based column). */
export function columnIndex(cellRef: string): number {
  let n = 0;
  for (const ch of cellRef.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities, then the _xHHHH_ escapes OOXML uses for characters XML cannot carry. */
function decodeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
      return NAMED_ENTITIES[ref] ?? whole;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
