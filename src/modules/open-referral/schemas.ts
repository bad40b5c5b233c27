/**
 * The ORUK API's query parameters: each checked, and a bad one answered 400 with which parameter
 * and why. Parameters the standard does not define are ignored, as the standard expects.
 */
import { isUuid } from '../../lib/uuid.ts';
import { parsePostcode, type ParsedPostcode } from '../local-offer/domain/postcode.ts';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
/** `minimal` lists are ids and dates only, meant to be fetched in one go. */
export const MAX_PER_PAGE_MINIMAL = 1000;
export const MAX_PROXIMITY_METRES = 100_000;
const MAX_SEARCH_LENGTH = 200;

export type ParameterProblem = { parameter: string; message: string };

export type OrukQuery = {
  page: number;
  perPage: number;
  search?: string | undefined;
  taxonomyTermId?: string | undefined;
  taxonomyId?: string | undefined;
  organisationId?: string | undefined;
  parentId?: string | undefined;
  modifiedAfter?: Date | undefined;
  minimal: boolean;
  full: boolean;
  fullService: boolean;
  topOnly: boolean;
  postcode?: ParsedPostcode | undefined;
  proximityMetres?: number | undefined;
};

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/** An RFC 3339 timestamp with a time zone, or a date (taken as midnight UTC); undefined if neither. */
export function parseTimestamp(value: string): Date | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  if (m[4] === undefined) return date;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60) return undefined;
  const parsed = new Date(value.replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/**
 * Reads the parameters an endpoint accepts. `accepts` lists them; anything else in the query is
 * ignored. Every problem is reported, not only the first.
 */
export function parseOrukQuery(
  query: Record<string, unknown>,
  accepts: readonly string[],
): { ok: true; value: OrukQuery } | { ok: false; problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  const allowed = new Set(accepts);
  const one = (name: string): string | undefined => {
    if (!allowed.has(name)) return undefined;
    const raw = query[name];
    if (raw === undefined) return undefined;
    if (Array.isArray(raw)) {
      problems.push({ parameter: name, message: `${name} must be given once` });
      return undefined;
    }
    return String(raw);
  };
  const wholeNumber = (name: string, min: number, max: number, fallback: number): number => {
    const raw = one(name);
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d{1,9}$/.test(raw)) {
      problems.push({ parameter: name, message: `${name} must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      problems.push({
        parameter: name,
        message: n > max ? `${name} must be at most ${max}` : `${name} must be at least ${min}`,
      });
      return fallback;
    }
    return n;
  };
  const flag = (name: string): boolean => {
    const raw = one(name);
    if (raw === undefined || raw === '') return false;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push({ parameter: name, message: `${name} must be true or false` });
    return false;
  };
  const uuid = (name: string): string | undefined => {
    const raw = one(name);
    if (raw === undefined || raw === '') return undefined;
    if (!isUuid(raw)) {
      problems.push({
        parameter: name,
        message: `${name} must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2`,
      });
      return undefined;
    }
    return raw.toLowerCase();
  };

  const minimal = flag('minimal');
  const page = wholeNumber('page', 1, 1_000_000, 1);
  const perPage = wholeNumber('per_page', 1, minimal ? MAX_PER_PAGE_MINIMAL : MAX_PER_PAGE, DEFAULT_PER_PAGE);

  let search = one('search')?.trim();
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    problems.push({
      parameter: 'search',
      message: `search must be ${MAX_SEARCH_LENGTH} characters or fewer`,
    });
    search = undefined;
  }

  let modifiedAfter: Date | undefined;
  const modified = one('modified_after');
  if (modified !== undefined && modified !== '') {
    modifiedAfter = parseTimestamp(modified);
    if (!modifiedAfter) {
      problems.push({
        parameter: 'modified_after',
        message:
          'modified_after must be an RFC 3339 date-time, like 2026-11-01T09:00:00Z, or a date, like 2026-11-01',
      });
    }
  }

  let postcode: ParsedPostcode | undefined;
  const rawPostcode = one('postcode');
  if (rawPostcode !== undefined && rawPostcode.trim() !== '') {
    postcode = parsePostcode(rawPostcode) ?? undefined;
    if (!postcode) {
      problems.push({
        parameter: 'postcode',
        message: 'postcode must be a UK postcode, like WV1 1SH, or the first part of one, like WV1',
      });
    }
  }
  let proximityMetres: number | undefined;
  const rawProximity = one('proximity');
  if (rawProximity !== undefined && rawProximity !== '') {
    const n = Number(rawProximity);
    if (!/^\d+(\.\d+)?$/.test(rawProximity) || !(n > 0) || n > MAX_PROXIMITY_METRES) {
      problems.push({
        parameter: 'proximity',
        message: `proximity must be a distance in metres, more than 0 and at most ${MAX_PROXIMITY_METRES}`,
      });
    } else if (rawPostcode === undefined || rawPostcode.trim() === '') {
      problems.push({ parameter: 'proximity', message: 'proximity needs a postcode to measure from' });
    } else {
      proximityMetres = n;
    }
  }

  const value: OrukQuery = {
    page,
    perPage,
    search: search || undefined,
    taxonomyTermId: uuid('taxonomy_term_id'),
    taxonomyId: uuid('taxonomy_id'),
    organisationId: uuid('organization_id'),
    parentId: uuid('parent_id'),
    modifiedAfter,
    minimal,
    full: flag('full'),
    fullService: flag('full_service'),
    topOnly: flag('top_only'),
    postcode,
    proximityMetres,
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
