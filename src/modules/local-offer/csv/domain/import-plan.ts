import { parseCsv } from '../../../../lib/csv.ts';
import type { Listing } from '../../domain/listing.ts';
import {
  cellValue,
  changedColumns,
  comparableListing,
  isColumn,
  listingToRow,
  REQUIRED_COLUMNS,
  rowToListing,
  type Column,
  type CsvLookups,
  type ExistingService,
} from './columns.ts';

/**
 * Reading an uploaded file and deciding what it would do, before anything is written: the whole
 * file is checked, and it is applied only if every row is right.
 */

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILE_ROWS = 5000;

export type Upload = { filename: string; bytes: Uint8Array; tooLarge: boolean };

export type ImportFile = {
  /** The columns in the order of the file. */
  header: Column[];
  /** Data rows with their row numbers as a spreadsheet shows them (the header is row 1). */
  rows: { rowNumber: number; cells: string[] }[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const list = (items: string[]) => items.join(', ');

/** The file as rows, or what is wrong with it as a whole (GOV.UK error messages for the file field). */
export function readImportFile(upload: Upload | undefined): { file: ImportFile } | { errors: string[] } {
  if (!upload || (upload.filename === '' && upload.bytes.length === 0))
    return { errors: ['Select a CSV file'] };
  if (upload.tooLarge) return { errors: ['The selected file must be smaller than 5 MB'] };
  if (!/\.csv$/i.test(upload.filename)) return { errors: ['The selected file must be a CSV'] };
  if (upload.bytes.length === 0) return { errors: ['The selected file is empty'] };
  if (upload.bytes.includes(0)) return { errors: ['The selected file must be a CSV'] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(upload.bytes);
  } catch {
    return {
      errors: ['The selected file must be saved as CSV UTF-8. In Excel, choose Save As and then CSV UTF-8'],
    };
  }
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch {
    return {
      errors: ['The selected file ends inside a quoted value. Check for a missing closing quote (")'],
    };
  }
  const [first, ...data] = records;
  if (!first || first.every((h) => h.trim() === '')) return { errors: ['The selected file is empty'] };

  const names = first.map((h) => h.trim().toLowerCase());
  const errors: string[] = [];
  const unknown = names.filter((n) => !isColumn(n));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const repeated = [...new Set(names.filter((n, i) => n !== '' && names.indexOf(n) !== i))];
  if (missing.length > 0) {
    errors.push(
      `The first row of the file must name the columns. ${missing.length === 1 ? 'This column is' : 'These columns are'} missing: ${list(missing)}`,
    );
  }
  if (unknown.length > 0) {
    const shown = unknown.map((n) => (n === '' ? '(a column with no name)' : n));
    errors.push(
      `The file has columns we do not recognise: ${list(shown.slice(0, 10))}${shown.length > 10 ? ' and more' : ''}. Remove them or check their spelling`,
    );
  }
  if (repeated.length > 0) errors.push(`The file has more than one column called ${list(repeated)}`);
  if (errors.length > 0) return { errors };

  const rows = data
    .map((cells, i) => ({ rowNumber: i + 2, cells }))
    // Spreadsheets often save rows with nothing in them: they are not services.
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0)
    return { errors: ['The selected file has no services in it, only the column names'] };
  if (rows.length > MAX_FILE_ROWS) {
    return {
      errors: [
        `The selected file has ${rows.length.toLocaleString('en-GB')} services. Import up to ${MAX_FILE_ROWS.toLocaleString('en-GB')} at a time`,
      ],
    };
  }
  return { file: { header: names as Column[], rows } };
}

/** Service ids the file names (well-formed ones), so the service can look them up. */
export function serviceIdsIn(file: ImportFile): string[] {
  const at = file.header.indexOf('service_id');
  const ids = new Set<string>();
  for (const row of file.rows) {
    const id = cellValue(row.cells[at] ?? '');
    if (UUID.test(id)) ids.add(id.toLowerCase());
  }
  return [...ids];
}

export type ImportProblem = { rowNumber: number; column: Column | null; message: string };

export type ExistingForImport = ExistingService & {
  /** Listings from partners' open data feeds are changed at their source. */
  fromFeed: boolean;
  isDemo: boolean;
};

export type PlannedRow = {
  rowNumber: number;
  kind: 'new' | 'changed' | 'confirmed' | 'unchanged';
  serviceId: string | null;
  organisationId: string;
  listing: Listing;
  /** The assured date the row sets (a change with none given is confirmed today). */
  assuredDate: string;
  changed: Column[];
  isDemo: boolean;
};

export type ImportPlan =
  | { ok: false; problems: ImportProblem[]; rowCount: number }
  | {
      ok: true;
      rows: PlannedRow[];
      counts: { created: number; changed: number; unchanged: number };
    };

/**
 * Checks every row and works out what each would do. Any problem anywhere means the plan is not
 * ok and nothing is to be applied; the problems are all reported, in row order.
 */
export function planImport(
  file: ImportFile,
  lookups: CsvLookups,
  existingById: ReadonlyMap<string, ExistingForImport>,
): ImportPlan {
  const problems: ImportProblem[] = [];
  const planned: PlannedRow[] = [];
  const firstRowOf = new Map<string, number>();
  const width = file.header.length;

  for (const { rowNumber, cells } of file.rows) {
    const rowProblems: ImportProblem[] = [];
    const add = (column: Column | null, message: string) => rowProblems.push({ rowNumber, column, message });
    if (cells.length !== width) {
      add(
        null,
        `This row has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} but the first row names ${width} columns. Check for a comma that should be inside quotes`,
      );
      problems.push(...rowProblems);
      continue;
    }
    const row: Partial<Record<Column, string>> = {};
    file.header.forEach((column, i) => {
      row[column] = cellValue(cells[i] ?? '');
    });

    let existing: ExistingForImport | undefined;
    const id = (row.service_id ?? '').toLowerCase();
    if (id) {
      if (!UUID.test(id)) add('service_id', 'This is not a service ID. Leave it blank for a new service');
      else {
        existing = existingById.get(id);
        if (!existing) add('service_id', 'No service has this ID. Leave it blank for a new service');
        const first = firstRowOf.get(id);
        if (first !== undefined)
          add('service_id', `This service is also in row ${first}. Each service can be in the file once`);
        else firstRowOf.set(id, rowNumber);
      }
    }

    const result = rowToListing(row, { ...lookups, existing });
    if ('problems' in result) {
      for (const p of result.problems) add(p.column, p.message);
    }
    if (rowProblems.length > 0 || 'problems' in result) {
      problems.push(...rowProblems);
      continue;
    }

    const { listing, organisationId, assuredDate } = result;
    if (!existing) {
      planned.push({
        rowNumber,
        kind: 'new',
        serviceId: null,
        organisationId,
        listing,
        assuredDate: assuredDate ?? lookups.today,
        changed: [],
        isDemo: false,
      });
      continue;
    }
    const sameListing =
      comparableListing(listing) === comparableListing(existing.listing) &&
      organisationId === existing.organisationId;
    const kind: PlannedRow['kind'] = !sameListing
      ? 'changed'
      : assuredDate !== null && assuredDate !== existing.assuredDate
        ? 'confirmed'
        : 'unchanged';
    if (kind !== 'unchanged' && existing.fromFeed) {
      problems.push({
        rowNumber,
        column: 'service_id',
        message:
          "This listing comes from a partner's open data feed. Change it at its source, or leave its row as it was",
      });
      continue;
    }
    const resolvedDate = kind === 'unchanged' ? existing.assuredDate : (assuredDate ?? lookups.today);
    planned.push({
      rowNumber,
      kind,
      serviceId: existing.id,
      organisationId,
      listing,
      assuredDate: resolvedDate,
      changed:
        kind === 'unchanged' ? [] : changesBetween(existing, listing, lookups, resolvedDate, organisationId),
      isDemo: existing.isDemo,
    });
  }

  if (problems.length > 0) return { ok: false, problems, rowCount: file.rows.length };
  return {
    ok: true,
    rows: planned,
    counts: {
      created: planned.filter((r) => r.kind === 'new').length,
      changed: planned.filter((r) => r.kind === 'changed' || r.kind === 'confirmed').length,
      unchanged: planned.filter((r) => r.kind === 'unchanged').length,
    },
  };
}

function changesBetween(
  existing: ExistingForImport,
  listing: Listing,
  lookups: CsvLookups,
  assuredDate: string,
  organisationId: string,
): Column[] {
  // Organisations are compared by id: the name column shows as changed when the organisation is.
  const context = { serviceId: existing.id, withdrawn: existing.withdrawn, termsById: lookups.termsById };
  const before = listingToRow(existing.listing, {
    ...context,
    organisationName: existing.organisationId,
    assuredDate: existing.assuredDate,
  });
  const after = listingToRow(listing, { ...context, organisationName: organisationId, assuredDate });
  return changedColumns(before, after);
}

/** "12 new services, 30 changes, 3 unchanged". */
export function describeCounts(counts: { created: number; changed: number; unchanged: number }): string {
  const plural = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  return [
    plural(counts.created, 'new service', 'new services'),
    plural(counts.changed, 'change', 'changes'),
    `${counts.unchanged.toLocaleString('en-GB')} unchanged`,
  ].join(', ');
}
