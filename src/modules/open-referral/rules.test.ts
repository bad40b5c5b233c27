import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../test/helpers/shared.ts';
import { isRfc3339DateTime, pagingBreaks, ruleBreaks } from './rules.ts';

const shared = requireShared('ORUK examples for the rules');
const oruk = shared ? path.join(shared, 'oruk', '3.0') : '';

const SERVICE_ID = 'ac148810-d857-441c-9679-408f346de14b';
const ORG_ID = 'D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610';

/** A service that keeps every rule, with something of each kind the rules look at. */
function service(): Record<string, unknown> {
  return {
    id: SERVICE_ID,
    organization_id: ORG_ID,
    name: 'Saturday Swim Club',
    minimum_age: 0,
    maximum_age: 105,
    assured_date: '2024-02-29',
    last_modified: '2025-03-01T09:30:00+01:00',
    schedules: [
      {
        id: '48102e86-bb50-41c4-8f1e-e269368c41d1',
        valid_from: '2025-01-01',
        valid_to: '2025-12-31',
        dtstart: '2025-01-04',
      },
    ],
    cost_options: [{ id: '1fdf4d39-3d80-484d-9f92-a8ffa08621e7', valid_from: '2020-01-01', amount: 0 }],
  };
}

describe('ruleBreaks', () => {
  it('finds nothing wrong with a service that keeps every rule', () => {
    expect(ruleBreaks(service())).toEqual([]);
    expect(ruleBreaks({ total_items: 0, contents: [] })).toEqual([]);
  });

  it('refuses null anywhere, at any depth', () => {
    expect(ruleBreaks(null)).toEqual(['(root): must be left out rather than null']);
    expect(ruleBreaks({ ...service(), fees: null })).toEqual(['/fees: must be left out rather than null']);
    expect(ruleBreaks({ contents: [{ ...service(), schedules: [{ notes: null }] }] })).toEqual([
      '/contents/0/schedules/0/notes: must be left out rather than null',
    ]);
    expect(ruleBreaks({ list: [1, null] })).toEqual(['/list/1: must be left out rather than null']);
  });

  it('wants every id and *_id string to be a UUID, in any case', () => {
    expect(ruleBreaks({ id: SERVICE_ID.toUpperCase(), taxonomy_term_id: ORG_ID })).toEqual([]);
    expect(ruleBreaks({ id: 'reg-12345' })).toEqual(['/id: must be a UUID, not "reg-12345"']);
    expect(ruleBreaks({ contents: [{ organization_id: '42' }] })).toEqual([
      '/contents/0/organization_id: must be a UUID, not "42"',
    ]);
    // Ajv's uuid format allows this prefix; an ORUK id must not have it.
    expect(ruleBreaks({ id: `urn:uuid:${SERVICE_ID}` })).toHaveLength(1);
    // A UUID with a character too many or too few, or braces.
    expect(ruleBreaks({ id: `${SERVICE_ID}0` })).toHaveLength(1);
    expect(ruleBreaks({ id: SERVICE_ID.slice(1) })).toHaveLength(1);
    expect(ruleBreaks({ id: `{${SERVICE_ID}}` })).toHaveLength(1);
  });

  it('leaves alone ids that are not strings and fields that only look like ids', () => {
    // The schemas already refuse a numeric id; these rules are about strings.
    expect(ruleBreaks({ id: 7, identifier: 'reg-12345', external_identifier: 'X1', idea: 'x' })).toEqual([]);
  });

  it('wants ages to be whole numbers from 0, with no upper limit', () => {
    expect(ruleBreaks({ minimum_age: 0, maximum_age: 120 })).toEqual([]);
    expect(ruleBreaks({ minimum_age: '5' })).toEqual([
      '/minimum_age: must be a whole number of years (0 or more), not "5"',
    ]);
    expect(ruleBreaks({ maximum_age: 16.5 })).toEqual([
      '/maximum_age: must be a whole number of years (0 or more), not 16.5',
    ]);
    expect(ruleBreaks({ minimum_age: -1 })).toHaveLength(1);
    expect(ruleBreaks({ contents: [{ minimum_age: 18, maximum_age: 5 }] })).toEqual([
      '/contents/0/minimum_age: must not be more than maximum_age (18 > 5)',
    ]);
    expect(ruleBreaks({ minimum_age: 5, maximum_age: 5 })).toEqual([]);
  });

  it('wants last_modified as an RFC 3339 date-time with a time zone', () => {
    for (const ok of [
      '2025-03-01T09:30:00Z',
      '2025-03-01T09:30:00.123Z',
      '2025-03-01t09:30:00-05:30',
      '2016-12-31T23:59:60Z',
    ]) {
      expect(ruleBreaks({ last_modified: ok }), ok).toEqual([]);
    }
    for (const bad of [
      '2025-03-01T09:30:00', // no time zone
      '2025-03-01 09:30:00Z', // no T
      '2025-03-01', // a date only
      '2025-02-30T09:30:00Z', // no such day
      '2025-03-01T24:00:00Z',
      '2025-03-01T09:60:00Z',
      '2025-03-01T09:30:00+0100', // offset without its colon
      '1740821400',
    ]) {
      expect(ruleBreaks({ last_modified: bad }), bad).toEqual([
        `/last_modified: must be an RFC 3339 date-time with a time zone, such as 2025-03-01T09:30:00Z, not ${JSON.stringify(bad)}`,
      ]);
    }
    expect(ruleBreaks({ last_modified: 1740821400 })).toHaveLength(1);
  });

  it('wants assured_date, valid_from, valid_to and dtstart as YYYY-MM-DD dates that exist', () => {
    expect(
      ruleBreaks({
        assured_date: '2024-02-29',
        valid_from: '2025-01-01',
        valid_to: '2025-12-31',
        dtstart: '2025-01-04',
      }),
    ).toEqual([]);
    expect(ruleBreaks({ assured_date: '2025-02-29' })).toEqual([
      '/assured_date: must be a date that exists, written YYYY-MM-DD, not "2025-02-29"',
    ]);
    expect(ruleBreaks({ schedules: [{ valid_to: '31/12/2025' }] })).toEqual([
      '/schedules/0/valid_to: must be a date that exists, written YYYY-MM-DD, not "31/12/2025"',
    ]);
    expect(ruleBreaks({ dtstart: '2025-01-04T10:00:00Z' })).toHaveLength(1);
    expect(ruleBreaks({ valid_from: '2025-1-4' })).toHaveLength(1);
    expect(ruleBreaks({ valid_from: 20250104 })).toHaveLength(1);
  });

  it('reports every break, with JSON pointers escaped', () => {
    const body = { contents: [{ ...service(), id: 'x', fees: null, minimum_age: 1.5 }], 'a/b': { id: 'y' } };
    expect(ruleBreaks(body)).toEqual([
      '/contents/0/id: must be a UUID, not "x"',
      '/contents/0/minimum_age: must be a whole number of years (0 or more), not 1.5',
      '/contents/0/fees: must be left out rather than null',
      '/a~1b/id: must be a UUID, not "y"',
    ]);
  });
});

describe('isRfc3339DateTime', () => {
  it('knows a date-time with a zone from one without', () => {
    expect(isRfc3339DateTime(new Date().toISOString())).toBe(true);
    expect(isRfc3339DateTime('2025-03-01T09:30:00+25:00')).toBe(false);
  });
});

/** Page `pageNumber` of `totalItems` items at `perPage` a page, as the rules want it, then `overrides`. */
function page(
  totalItems: number,
  pageNumber: number,
  perPage: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const totalPages = Math.ceil(totalItems / perPage);
  const shown = Math.max(0, Math.min(perPage, totalItems - (pageNumber - 1) * perPage));
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: shown,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: shown === 0,
    contents: Array.from({ length: shown }, (_, i) => ({ id: String(i) })),
    ...overrides,
  };
}

describe('pagingBreaks', () => {
  it('accepts consistent first, middle, last and single pages', () => {
    expect(pagingBreaks(page(25, 1, 10), { page: 1, perPage: 10 })).toEqual([]);
    expect(pagingBreaks(page(25, 2, 10), { page: 2, perPage: 10 })).toEqual([]);
    expect(pagingBreaks(page(25, 3, 10), { page: 3, perPage: 10 })).toEqual([]);
    expect(pagingBreaks(page(20, 2, 10), { page: 2, perPage: 10 })).toEqual([]);
    expect(pagingBreaks(page(1, 1, 50), { page: 1, perPage: 50 })).toEqual([]);
  });

  it('wants an empty result to have no pages: total_pages 0, first, last and empty', () => {
    const empty = page(0, 1, 10);
    expect(empty).toMatchObject({ total_pages: 0, size: 0, first_page: true, last_page: true, empty: true });
    expect(pagingBreaks(empty, { page: 1, perPage: 10 })).toEqual([]);
    expect(pagingBreaks({ ...empty, total_pages: 1 }, { page: 1, perPage: 10 })).toEqual([
      '/total_pages: is 1 but 0 items at 10 a page make 0',
    ]);
  });

  it('accepts a page past the end when it is empty and says it is the last', () => {
    expect(pagingBreaks(page(25, 9, 10), { page: 9, perPage: 10 })).toEqual([]);
    const overfull = page(25, 9, 10, { size: 1, empty: false, contents: [{}] });
    expect(pagingBreaks(overfull, { page: 9, perPage: 10 })).toEqual([
      '/contents: has 1 items on page 9, after the last page',
    ]);
  });

  it('wants every paging field, well typed', () => {
    expect(pagingBreaks({ contents: [] }, { page: 1, perPage: 10 })).toEqual([
      '/total_items: is missing',
      '/total_pages: is missing',
      '/page_number: is missing',
      '/size: is missing',
      '/first_page: is missing',
      '/last_page: is missing',
      '/empty: is missing',
    ]);
    expect(
      pagingBreaks(page(3, 1, 10, { total_items: '3', empty: 'false', contents: {} }), {
        page: 1,
        perPage: 10,
      }),
    ).toEqual([
      '/total_items: must be a whole number (0 or more), not "3"',
      '/empty: must be true or false, not "false"',
      '/contents: must be a list, not an object',
    ]);
    expect(pagingBreaks(page(3, 1, 10, { size: -1 }), { page: 1, perPage: 10 })).toEqual([
      '/size: must be a whole number (0 or more), not -1',
    ]);
    expect(pagingBreaks([], { page: 1, perPage: 10 })).toEqual([
      '(root): a list response must be an object, not a list',
    ]);
    expect(pagingBreaks(page(3, 1, 10, { contents: undefined }), { page: 1, perPage: 10 })).toEqual([
      '/contents: is missing',
    ]);
  });

  it('wants size to count the contents', () => {
    // As in the official Default organization_list.json: size 1 beside 10 items.
    expect(pagingBreaks(page(25, 1, 10, { size: 1 }), { page: 1, perPage: 10 })).toEqual([
      '/size: is 1 but contents has 10 items',
    ]);
  });

  it('wants the page that was asked for', () => {
    expect(pagingBreaks(page(25, 1, 10), { page: 2, perPage: 10 })).toContain(
      '/page_number: is 1 but page 2 was asked for',
    );
  });

  it('wants total_pages to follow from total_items and the page size', () => {
    expect(pagingBreaks(page(25, 1, 10, { total_pages: 2 }), { page: 1, perPage: 10 })).toContain(
      '/total_pages: is 2 but 25 items at 10 a page make 3',
    );
    // As in the official Warn taxonomy_term_list.json: 1 item, 2 pages.
    expect(pagingBreaks(page(1, 1, 1, { total_pages: 2 }), { page: 1, perPage: 1 })).toContain(
      '/total_pages: is 2 but 1 items at 1 a page make 1',
    );
  });

  it('wants first_page, last_page and empty to tell the truth', () => {
    expect(pagingBreaks(page(25, 2, 10, { first_page: true }), { page: 2, perPage: 10 })).toEqual([
      '/first_page: is true on page 2',
    ]);
    expect(pagingBreaks(page(25, 1, 10, { first_page: false }), { page: 1, perPage: 10 })).toEqual([
      '/first_page: is false on page 1',
    ]);
    expect(pagingBreaks(page(25, 3, 10, { last_page: false }), { page: 3, perPage: 10 })).toEqual([
      '/last_page: is false on page 3 of 3',
    ]);
    expect(pagingBreaks(page(25, 2, 10, { last_page: true }), { page: 2, perPage: 10 })).toEqual([
      '/last_page: is true on page 2 of 3',
    ]);
    expect(pagingBreaks(page(25, 1, 10, { empty: true }), { page: 1, perPage: 10 })).toEqual([
      '/empty: is true but contents has 10 items',
    ]);
    expect(pagingBreaks(page(0, 1, 10, { empty: false }), { page: 1, perPage: 10 })).toEqual([
      '/empty: is false but contents has 0 items',
    ]);
  });

  it('wants no more than a page of items, and a full page before the last', () => {
    const eleven = Array.from({ length: 11 }, () => ({}));
    expect(pagingBreaks(page(25, 1, 10, { size: 11, contents: eleven }), { page: 1, perPage: 10 })).toEqual([
      '/contents: has 11 items, more than the 10 a page asked for',
      '/contents: has 11 items on page 1 of 3, not 10',
    ]);
    const nine = Array.from({ length: 9 }, () => ({}));
    expect(pagingBreaks(page(25, 2, 10, { size: 9, contents: nine }), { page: 2, perPage: 10 })).toEqual([
      '/contents: has 9 items on page 2 of 3, not 10',
    ]);
    expect(
      pagingBreaks(page(25, 3, 10, { size: 4, contents: nine.slice(0, 4) }), { page: 3, perPage: 10 }),
    ).toEqual(['/contents: has 4 items on the last page, not the 5 left over']);
  });

  it('refuses a request that is not one', () => {
    expect(() => pagingBreaks(page(1, 1, 10), { page: 0, perPage: 10 })).toThrow(RangeError);
    expect(() => pagingBreaks(page(1, 1, 10), { page: 1, perPage: 0 })).toThrow(RangeError);
  });
});

describe.skipIf(!shared)('the rules on the official ORUK files', () => {
  const read = (file: string) =>
    JSON.parse(readFileSync(path.join(oruk, file), 'utf8')) as Record<string, unknown>;

  it('find nothing wrong with the official examples (lists of 10 items at 1 a page)', () => {
    const files = readdirSync(path.join(oruk, 'examples')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const body = read(`examples/${file}`);
      expect(ruleBreaks(body), file).toEqual([]);
      if (file.endsWith('_list.json')) expect(pagingBreaks(body, { page: 1, perPage: 1 }), file).toEqual([]);
    }
  });

  it('see the non-UUID ids nested where the list schema does not look', () => {
    // Default/organization_list.json passes its schema, which does not describe organization_identifiers
    // or attributes inside a list item; its ids there ("reg-12345", "attr-001") break the UUID rule.
    const breaks = ruleBreaks(read('validator-fixtures/Default/organization_list.json'));
    expect(breaks).toContain('/contents/0/organization_identifiers/0/id: must be a UUID, not "reg-12345"');
    expect(breaks).toContain('/contents/0/attributes/0/id: must be a UUID, not "attr-001"');
  });
});
