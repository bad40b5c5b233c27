import type { FastifyInstance } from 'fastify';
import type { OrukSchemaName, OrukValidator } from '../../src/modules/open-referral/validation.ts';
import { pagingBreaks, ruleBreaks } from '../../src/modules/open-referral/rules.ts';

/**
 * The Open Referral UK conformance checks, as the official validator (OpenReferralUK/oruk-validator)
 * applies them to a feed, plus the rules the schemas leave out: used by
 * test/integration/oruk-conformance.test.ts on our own API through `app.inject`.
 */

export const ORUK_BASE = '/api/oruk';

/** What a check needs of a response: enough to build a doctored one by hand. */
export type ApiResponse = {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
};

/** What a response must be: its schema, and for a list the page and page size that were asked for. */
export type Expectation = {
  schema?: OrukSchemaName | undefined;
  paging?: { page: number; perPage: number } | undefined;
};

/** A list endpoint, the schema of its answer, and the schema of its /{id} answer. */
export type OrukEndpoint = { path: string; listSchema: OrukSchemaName; itemSchema: OrukSchemaName };

export const ORUK_LIST_ENDPOINTS: readonly OrukEndpoint[] = [
  { path: '/services', listSchema: 'service_list', itemSchema: 'service' },
  {
    path: '/service_at_locations',
    listSchema: 'service_at_location_list',
    itemSchema: 'service_at_location',
  },
  { path: '/taxonomies', listSchema: 'taxonomy_list', itemSchema: 'taxonomy' },
  { path: '/taxonomy_terms', listSchema: 'taxonomy_term_list', itemSchema: 'taxonomy_term' },
  { path: '/organizations', listSchema: 'organization_list', itemSchema: 'organization' },
];

/** GET a path under /api/oruk (the path starts with '/'). */
export async function orukGet(
  app: FastifyInstance,
  path: string,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await app.inject({ method: 'GET', url: `${ORUK_BASE}${path}`, headers });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body };
}

const header = (res: ApiResponse, name: string): string | undefined => {
  const value = res.headers[name];
  return value === undefined ? undefined : String(value);
};

/** The headers every API answer carries, whatever its status. */
export function headerProblems(res: ApiResponse): string[] {
  const problems: string[] = [];
  const cors = header(res, 'access-control-allow-origin');
  if (cors !== '*') problems.push(`header access-control-allow-origin: is ${cors ?? 'missing'}, not *`);
  if (res.statusCode !== 304) {
    const type = header(res, 'content-type');
    if (!type || !/^application\/json(\s*;|$)/i.test(type)) {
      problems.push(`header content-type: is ${type ?? 'missing'}, not application/json`);
    }
  }
  return problems;
}

/** Parses a JSON body, or says why it cannot. */
export function parseBody(res: ApiResponse): { ok: true; json: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, json: JSON.parse(res.body) };
  } catch (error) {
    return {
      ok: false,
      problem: `body: is not JSON (${(error as Error).message}): ${res.body.slice(0, 200)}`,
    };
  }
}

/**
 * Every way a successful (200) answer breaks the standard: status, headers, ETag, the official
 * schema (when a validator is given), the rules the schemas leave out (no null, UUID ids, whole
 * ages, RFC 3339 timestamps) and, for a list, the paging fields. Empty when it conforms.
 */
export function conformanceProblems(
  res: ApiResponse,
  expected: Expectation,
  validator: OrukValidator | undefined,
): string[] {
  const problems: string[] = [];
  if (res.statusCode !== 200) problems.push(`status: is ${res.statusCode}, not 200`);
  problems.push(...headerProblems(res));
  const etag = header(res, 'etag');
  if (!etag || !/^(W\/)?"[^"]+"$/.test(etag)) problems.push(`header etag: is ${etag ?? 'missing'}`);
  const parsed = parseBody(res);
  if (!parsed.ok) return [...problems, parsed.problem];
  const body = parsed.json;

  if (validator && expected.schema) {
    const result = validator.validate(expected.schema, body);
    for (const p of result.problems)
      problems.push(`schema ${expected.schema} ${p.path || '(root)'}: ${p.message}`);
  }
  for (const rule of ruleBreaks(body)) problems.push(`rule ${rule}`);
  if (expected.paging) problems.push(...listProblems(body, expected.paging));
  return problems;
}

/**
 * The paging fields of a list: pagingBreaks, and the same invariants written out again here so
 * that a mistake in one is caught by the other.
 */
export function listProblems(body: unknown, paging: { page: number; perPage: number }): string[] {
  const problems = pagingBreaks(body, paging).map((p) => `paging ${p}`);
  if (problems.length > 0) return problems;
  const b = body as {
    total_items: number;
    total_pages: number;
    page_number: number;
    size: number;
    first_page: boolean;
    last_page: boolean;
    empty: boolean;
    contents: unknown[];
  };
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(`list ${message}`);
  };
  check(b.size === b.contents.length, `size ${b.size} but ${b.contents.length} contents`);
  check(b.first_page === (b.page_number === 1), `first_page ${b.first_page} on page ${b.page_number}`);
  check(
    b.last_page === b.page_number >= b.total_pages,
    `last_page ${b.last_page} on page ${b.page_number} of ${b.total_pages}`,
  );
  check(b.empty === (b.contents.length === 0), `empty ${b.empty} with ${b.contents.length} contents`);
  check(
    b.total_pages === Math.ceil(b.total_items / paging.perPage),
    `total_pages ${b.total_pages} for ${b.total_items} items at ${paging.perPage} a page`,
  );
  return problems;
}

/** One response the walk fetched, with what it must be. */
export type Walked = { url: string; expected: Expectation; response: ApiResponse };

/** Ids of a list's contents (empty when the body is not a list). */
export function contentIds(res: ApiResponse): string[] {
  const parsed = parseBody(res);
  if (!parsed.ok) return [];
  const contents = (parsed.json as { contents?: unknown }).contents;
  if (!Array.isArray(contents)) return [];
  return contents.map((c) => (c as { id?: unknown }).id).filter((id): id is string => typeof id === 'string');
}

/** Up to `n` items spread evenly through a list, first and last included. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))] as T);
}

/**
 * Walks one list endpoint as the official validator does: page 1, a middle page and the last page
 * (plus the page after the last, which must be an empty page, not an error), then up to `maxIds`
 * records by id, taken from the pages fetched. `query` is added to every list request.
 */
export async function walkEndpoint(
  app: FastifyInstance,
  endpoint: OrukEndpoint,
  options: { perPage: number; maxIds: number; query?: string; idQuery?: string },
): Promise<Walked[]> {
  const walked: Walked[] = [];
  const extra = options.query ? `&${options.query}` : '';
  const list = async (page: number) => {
    const url = `${endpoint.path}?page=${page}&per_page=${options.perPage}${extra}`;
    const response = await orukGet(app, url);
    walked.push({
      url,
      expected: { schema: endpoint.listSchema, paging: { page, perPage: options.perPage } },
      response,
    });
    return response;
  };
  const first = await list(1);
  const parsed = parseBody(first);
  const totalPages = parsed.ok ? Number((parsed.json as { total_pages?: unknown }).total_pages) : NaN;
  if (!Number.isInteger(totalPages)) return walked;
  const pages = [...new Set([Math.ceil(totalPages / 2), totalPages, totalPages + 1])].filter((p) => p > 1);
  for (const page of pages) await list(page);

  const ids = [...new Set(walked.flatMap((w) => contentIds(w.response)))];
  const idQuery = options.idQuery ? `?${options.idQuery}` : '';
  for (const id of spread(ids, options.maxIds)) {
    const url = `${endpoint.path}/${id}${idQuery}`;
    walked.push({ url, expected: { schema: endpoint.itemSchema }, response: await orukGet(app, url) });
  }
  return walked;
}

/** Every problem of every walked response, each prefixed by its URL. */
export function walkProblems(walked: readonly Walked[], validator: OrukValidator | undefined): string[] {
  return walked.flatMap((w) =>
    conformanceProblems(w.response, w.expected, validator).map((p) => `GET ${ORUK_BASE}${w.url} — ${p}`),
  );
}

/** Great-circle distance in metres (haversine, on the mean Earth radius). */
export function haversineMetres(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const R = 6_371_008.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
