import { isIsoDate } from '../../lib/dates.ts';

/**
 * Open Referral UK rules that the JSON Schemas do not enforce (see shared/design/local-offer.md).
 * The schemas type ages as any number, give dates no format, accept `urn:uuid:` ids, say nothing of
 * null, describe nested objects in list responses only partly, and do not require the paging fields.
 * Each problem is reported as "<JSON pointer>: <message>".
 */

// Any case: the standard asks for UUIDs, not lowercase ones. No `urn:uuid:` prefix, which the
// JSON Schema `uuid` format (and so Ajv) accepts but no ORUK consumer expects in an id.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// RFC 3339 §5.6 date-time; the time zone (Z or ±hh:mm) is compulsory.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const AGE_FIELDS = new Set(['minimum_age', 'maximum_age']);
// The only date-time the ORUK 3.0 schemas declare (service.last_modified).
const DATE_TIME_FIELDS = new Set(['last_modified']);
// Calendar dates the schemas type as plain strings though their descriptions say YYYY-MM-DD.
const DATE_FIELDS = new Set(['assured_date', 'valid_from', 'valid_to', 'dtstart']);

/** Every break of the rules above anywhere in an ORUK response body (or record). */
export function ruleBreaks(body: unknown): string[] {
  const breaks: string[] = [];
  walk(body, '', undefined, breaks);
  return breaks;
}

function walk(value: unknown, pointer: string, key: string | undefined, breaks: string[]): void {
  const at = pointer || '(root)';
  if (value === null) {
    breaks.push(`${at}: must be left out rather than null`);
    return;
  }
  if (key !== undefined) {
    if ((key === 'id' || key.endsWith('_id')) && typeof value === 'string' && !UUID.test(value)) {
      breaks.push(`${at}: must be a UUID, not ${show(value)}`);
    }
    if (AGE_FIELDS.has(key) && !isAge(value)) {
      breaks.push(`${at}: must be a whole number of years (0 or more), not ${show(value)}`);
    }
    if (DATE_TIME_FIELDS.has(key) && !(typeof value === 'string' && isRfc3339DateTime(value))) {
      breaks.push(
        `${at}: must be an RFC 3339 date-time with a time zone, such as 2025-03-01T09:30:00Z, not ${show(value)}`,
      );
    }
    if (DATE_FIELDS.has(key) && !(typeof value === 'string' && isIsoDate(value))) {
      breaks.push(`${at}: must be a date that exists, written YYYY-MM-DD, not ${show(value)}`);
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${pointer}/${i}`, undefined, breaks));
    return;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) walk(v, `${pointer}/${escapePointer(k)}`, k, breaks);
    const { minimum_age: min, maximum_age: max } = record;
    if (isAge(min) && isAge(max) && min > max) {
      breaks.push(`${pointer}/minimum_age: must not be more than maximum_age (${min} > ${max})`);
    }
  }
}

function isAge(value: unknown): value is number {
  // No upper bound: a feed covers adult services too (ORUK ages of 100+ are real).
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isRfc3339DateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [, date = '', h, min, s, offH, offMin] = m;
  return (
    isIsoDate(date) &&
    Number(h) <= 23 &&
    Number(min) <= 59 &&
    Number(s) <= 60 && // 60: a leap second, which RFC 3339 allows
    (offH === undefined || (Number(offH) <= 23 && Number(offMin) <= 59))
  );
}

const PAGING_COUNTS = ['total_items', 'total_pages', 'page_number', 'size'] as const;
const PAGING_FLAGS = ['first_page', 'last_page', 'empty'] as const;

/**
 * Every inconsistency in the paging of one list response, given the page and page size that were
 * asked for. An empty result (total_items 0) has total_pages 0 — Math.ceil(0 / perPage), as in Spring
 * Data's Page, whose fields ORUK's mirror — and page 1 of it is both the first and the last page,
 * with size 0 and empty true. The official examples and empy_list_response.json do not say; 0 keeps
 * one formula for every case and means "no pages to fetch" to a client counting 1..total_pages.
 */
export function pagingBreaks(body: unknown, request: { page: number; perPage: number }): string[] {
  if (!Number.isInteger(request.page) || request.page < 1) {
    throw new RangeError(`page must be a whole number from 1, not ${request.page}`);
  }
  if (!Number.isInteger(request.perPage) || request.perPage < 1) {
    throw new RangeError(`perPage must be a whole number from 1, not ${request.perPage}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [`(root): a list response must be an object, not ${show(body)}`];
  }
  const b = body as Record<string, unknown>;
  const breaks: string[] = [];
  for (const field of PAGING_COUNTS) {
    const v = b[field];
    if (v === undefined) breaks.push(`/${field}: is missing`);
    else if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0)) {
      breaks.push(`/${field}: must be a whole number (0 or more), not ${show(v)}`);
    }
  }
  for (const field of PAGING_FLAGS) {
    const v = b[field];
    if (v === undefined) breaks.push(`/${field}: is missing`);
    else if (typeof v !== 'boolean') breaks.push(`/${field}: must be true or false, not ${show(v)}`);
  }
  if (b.contents === undefined) breaks.push('/contents: is missing');
  else if (!Array.isArray(b.contents)) breaks.push(`/contents: must be a list, not ${show(b.contents)}`);
  // The arithmetic below needs every field present and well typed.
  if (breaks.length > 0) return breaks;

  const totalItems = b.total_items as number;
  const totalPages = b.total_pages as number;
  const pageNumber = b.page_number as number;
  const size = b.size as number;
  const count = (b.contents as unknown[]).length;
  const { page, perPage } = request;

  const expect = (ok: boolean, message: string) => {
    if (!ok) breaks.push(message);
  };
  expect(size === count, `/size: is ${size} but contents has ${count} items`);
  expect(pageNumber === page, `/page_number: is ${pageNumber} but page ${page} was asked for`);
  const pages = Math.ceil(totalItems / perPage);
  expect(
    totalPages === pages,
    `/total_pages: is ${totalPages} but ${totalItems} items at ${perPage} a page make ${pages}`,
  );
  expect(b.first_page === (pageNumber === 1), `/first_page: is ${b.first_page} on page ${pageNumber}`);
  expect(
    b.last_page === pageNumber >= totalPages,
    `/last_page: is ${b.last_page} on page ${pageNumber} of ${totalPages}`,
  );
  expect(b.empty === (count === 0), `/empty: is ${b.empty} but contents has ${count} items`);
  expect(count <= perPage, `/contents: has ${count} items, more than the ${perPage} a page asked for`);
  if (pageNumber < totalPages) {
    expect(
      count === perPage,
      `/contents: has ${count} items on page ${pageNumber} of ${totalPages}, not ${perPage}`,
    );
  } else if (pageNumber === totalPages) {
    // The last page holds what is left over.
    const rest = totalItems - (totalPages - 1) * perPage;
    expect(count === rest, `/contents: has ${count} items on the last page, not the ${rest} left over`);
  } else {
    expect(count === 0, `/contents: has ${count} items on page ${pageNumber}, after the last page`);
  }
  return breaks;
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
