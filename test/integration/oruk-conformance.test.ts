import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/lib/dates.ts';
import { noteDirectoryChange } from '../../src/modules/local-offer/directory-changes.ts';
import { ruleBreaks } from '../../src/modules/open-referral/rules.ts';
import { loadOrukValidator, type OrukSchemaName } from '../../src/modules/open-referral/validation.ts';
import {
  conformanceProblems,
  haversineMetres,
  headerProblems,
  ORUK_BASE,
  ORUK_LIST_ENDPOINTS,
  orukGet,
  walkEndpoint,
  walkProblems,
  type ApiResponse,
  type Expectation,
  type OrukEndpoint,
  type Walked,
} from '../helpers/oruk-walk.ts';
import { requireShared } from '../helpers/shared.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Open Referral UK 3.0 conformance of /api/oruk (issue 4, item 5): the API walked as the official
 * validator walks it and every answer checked against the official schemas and the rules they leave
 * out; every filter checked against the database; nothing unpublished reachable; bad input answered
 * 400 or 404 in JSON; and proof that the checks catch a broken answer.
 */

const shared = requireShared('the official ORUK 3.0 schemas for the ORUK conformance suite');
const validator = shared ? loadOrukValidator(path.join(shared, 'oruk', '3.0', 'schema')) : undefined;

let t: TestApp;
/** Responses put through the conformance checks, and how many of them against an official schema. */
const counted = { checked: 0, schemaValidated: 0 };

/** Rows made unpublished (or kept just published) in the database before the tests. */
const fixture = {
  internal: '',
  withdrawn: '',
  unapproved: '',
  defunct: '',
  stale: '',
  /** assured_date exactly on the cut-off: still published. */
  boundary: '',
  /** An organisation all of whose published services were withdrawn. */
  hiddenOrganisation: '',
  /** The organisation with the most published services. */
  bigOrganisation: '',
  retiredTerm: '',
  /** modified_after splits the data here; one service was modified exactly at it. */
  split: new Date(0),
  atSplit: '',
};

const db = () => t.database.db;

function cutOff(): string {
  const { reviewDays, graceDays } = t.config.localOffer;
  return addDays(londonToday(t.clock.now()), -(reviewDays + graceDays));
}

/** Published services (by the definition in the brief, written out independently) matching `where`. */
async function publishedIds(where: RawBuilder<boolean> = sql<boolean>`true`): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select s.id from services s
     where s.live_revision_number > 0 and s.withdrawn_at is null and s.visibility = 'public'
       and s.status <> 'defunct' and s.assured_date >= ${cutOff()}::date and ${where}
     order by s.id`.execute(db());
  return rows.rows.map((r) => r.id);
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The value, or a clear failure when the data the test relies on is missing. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`the test data has no ${what}`);
  return value;
}

async function termIdOf(code: string): Promise<string> {
  const rows = await sql<{ id: string }>`select id from taxonomy_terms where code = ${code}`.execute(db());
  return must(rows.rows[0], `taxonomy term ${code}`).id;
}

async function taxonomyIdOf(key: string): Promise<string> {
  const rows = await sql<{ id: string }>`select id from taxonomies where key = ${key}`.execute(db());
  return must(rows.rows[0], `taxonomy ${key}`).id;
}

/** Distances never decrease along the list (to half a metre: the API and this test round differently). */
function expectNearestFirst(ids: string[], distances: number[]) {
  distances.forEach((d, i) => {
    if (i > 0)
      expect(d, `${ids[i]} after ${ids[i - 1]}`).toBeGreaterThanOrEqual((distances[i - 1] ?? 0) - 0.5);
  });
}

/** Item i of a list inside a doctored body. */
const item = (list: unknown, i: number) => must((list as Record<string, unknown>[])[i], `item ${i}`);

/** A response, checked for conformance (status 200, headers, schema, rules, paging); its JSON. */
async function check<T = Record<string, unknown>>(url: string, expected: Expectation = {}): Promise<T> {
  const response = await orukGet(t.app, url);
  const problems = conformanceProblems(response, expected, validator);
  counted.checked += 1;
  if (validator && expected.schema) counted.schemaValidated += 1;
  expect(problems, `GET ${ORUK_BASE}${url}:\n${problems.join('\n')}`).toEqual([]);
  return JSON.parse(response.body) as T;
}

type List<T = Record<string, unknown>> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  contents: T[];
};

const SCHEMA_OF: Record<string, OrukSchemaName> = {
  '/services': 'service_list',
  '/service_at_locations': 'service_at_location_list',
  '/taxonomies': 'taxonomy_list',
  '/taxonomy_terms': 'taxonomy_term_list',
  '/organizations': 'organization_list',
};

/**
 * Every item of a list, a page of 100 at a time (1,000 for minimal lists), each page checked.
 * `query` is the query string without page and per_page.
 */
async function everything<T = Record<string, unknown>>(endpoint: string, query = ''): Promise<T[]> {
  const minimal = /(^|&)minimal=true/.test(query);
  const perPage = minimal ? 1000 : 100;
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const body = await check<List<T>>(
      `${endpoint}?${query}${query ? '&' : ''}page=${page}&per_page=${perPage}`,
      {
        // A minimal service is only an id and a date: the service schema (which requires a name)
        // does not describe it, and the official validator never asks for one.
        schema: minimal ? undefined : SCHEMA_OF[endpoint],
        paging: { page, perPage },
      },
    );
    items.push(...body.contents);
    if (page >= body.total_pages) {
      expect(items.length, `${endpoint}?${query}: total_items`).toBe(body.total_items);
      return items;
    }
  }
}

const idsOf = (items: { id?: unknown }[]) => items.map((i) => String(i.id));

/** The ids of the published services a /services query lists (the minimal list, all in one page). */
async function serviceIds(query = ''): Promise<string[]> {
  const ids = idsOf(await everything('/services', `minimal=true${query ? `&${query}` : ''}`));
  expect(new Set(ids).size, `duplicate ids in /services?${query}`).toBe(ids.length);
  return sorted(ids);
}

beforeAll(async () => {
  t = await buildTestApp({ localOffer: true, env: { ORUK_RATE_LIMIT_PER_MINUTE: '100000' } });
  const now = t.clock.now().getTime();
  const day = 86_400_000;

  // The organisation with the fewest published services loses them all (withdrawn): it must
  // disappear from /organizations. The one with the most is used for the organisation filter.
  const byOrganisation = await sql<{ organisation_id: string; n: number }>`
    select s.organisation_id, count(*)::int as n from services s
     where s.id = any(${await publishedIds()}::uuid[])
     group by s.organisation_id order by n, s.organisation_id`.execute(db());
  fixture.hiddenOrganisation = byOrganisation.rows[0]?.organisation_id as string;
  fixture.bigOrganisation = byOrganisation.rows.at(-1)?.organisation_id as string;
  await sql`update services set withdrawn_at = now()
             where organisation_id = ${fixture.hiddenOrganisation}::uuid`.execute(db());

  // Published services at a venue, from other organisations, to make unpublished one way each.
  const atVenues = await publishedIds(
    sql<boolean>`exists (select 1 from service_at_locations sl where sl.service_id = s.id)
      and s.organisation_id <> ${fixture.hiddenOrganisation}::uuid`,
  );
  const [internal, withdrawn, unapproved, defunct, stale, boundary] = atVenues as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  Object.assign(fixture, { internal, withdrawn, unapproved, defunct, stale, boundary });
  const update = (id: string, set: RawBuilder<unknown>) =>
    sql`update services set ${set} where id = ${id}::uuid`.execute(db());
  await update(internal, sql`visibility = 'internal'`);
  await update(withdrawn, sql`withdrawn_at = now()`);
  await update(unapproved, sql`live_revision_number = 0`);
  await update(defunct, sql`status = 'defunct'`);
  await update(stale, sql`assured_date = ${addDays(cutOff(), -1)}::date`);
  await update(boundary, sql`assured_date = ${cutOff()}::date`);

  // A retired term: it leaves /taxonomy_terms and every service's attributes.
  const retired = await sql<{ id: string }>`
    update taxonomy_terms set retired_at = now(), updated_at = now() where code = 'pfa-employment'
    returning id`.execute(db());
  fixture.retiredTerm = retired.rows[0]?.id as string;

  // The demo data is all modified at the moment it was seeded. Spread it: everything ten days ago,
  // one published service in eight a day ago, and one exactly at the split, two days ago.
  fixture.split = new Date(now - 2 * day);
  await sql`update services set last_modified = ${new Date(now - 10 * day)}`.execute(db());
  const published = await publishedIds();
  const recent = published.filter((_, i) => i % 8 === 3);
  await sql`update services set last_modified = ${new Date(now - day + 250)}
             where id = any(${recent}::uuid[])`.execute(db());
  fixture.atSplit = published[0] as string;
  await update(fixture.atSplit, sql`last_modified = ${fixture.split}`);

  // Written behind the API's back: drop its cached answers.
  noteDirectoryChange();
}, 120_000);

afterAll(async () => {
  console.log(
    `ORUK conformance: ${counted.checked} responses checked, ${counted.schemaValidated} of them against an official schema` +
      (validator ? '' : ' (schemas absent: schema validation skipped)'),
  );
  await t?.close();
});

describe('walked as the official validator walks it', () => {
  it('/ names the standard and conforms to api_details', async () => {
    const body = await check('/', { schema: 'api_details' });
    expect(body.version).toBe('HSDS-UK-3.0');
    expect(String(body.openapi_url)).toMatch(/^https?:\/\/.+\/api\/oruk\/openapi\.json$/);
    // The base URL a feed is registered under, without the trailing slash, answers the same.
    expect(await check('', { schema: 'api_details' })).toEqual(body);
  });

  it.each(ORUK_LIST_ENDPOINTS.map((e) => [e.path, e] as const))(
    '%s: page 1, a middle page, the last page, the page after, and up to 10 records by id',
    async (_path, endpoint) => {
      const walked = await walkEndpoint(t.app, endpoint, { perPage: 7, maxIds: 10 });
      expectConforming(walked);
      const lists = walked.filter((w) => w.expected.paging);
      const records = walked.filter((w) => !w.expected.paging);
      expect(lists.length).toBeGreaterThanOrEqual(2);
      const total = (JSON.parse(must(lists[0], 'page 1').response.body) as List).total_items;
      expect(total).toBeGreaterThan(0);
      expect(records.length).toBe(Math.min(10, total));
      // Each record is the one asked for.
      for (const r of records) expect(JSON.parse(r.response.body).id).toBe(r.url.split('/').pop());
    },
  );

  it('fully nested and filtered lists conform too, to the page after the last', async () => {
    const [services, serviceAtLocations, , taxonomyTerms, organisations] = ORUK_LIST_ENDPOINTS as [
      OrukEndpoint,
      OrukEndpoint,
      OrukEndpoint,
      OrukEndpoint,
      OrukEndpoint,
    ];
    const autism = await termIdOf('autism');
    const walks: [OrukEndpoint, string, string?][] = [
      [services, 'full=true'],
      [services, 'search=autism'],
      [services, `taxonomy_term_id=${autism}&full=true`],
      [services, `modified_after=${encodeURIComponent(fixture.split.toISOString())}`],
      [serviceAtLocations, 'full=true'],
      [serviceAtLocations, 'postcode=WV1&proximity=2000'],
      [serviceAtLocations, 'postcode=WV10&search=club&full=true'],
      [taxonomyTerms, 'top_only=true'],
      [organisations, 'full=true', 'full_service=true'],
    ];
    const walked: Walked[] = [];
    for (const [endpoint, query, idQuery] of walks) {
      walked.push(
        ...(await walkEndpoint(t.app, endpoint, {
          perPage: 7,
          maxIds: idQuery ? 5 : 0,
          query,
          ...(idQuery ? { idQuery } : {}),
        })),
      );
    }
    expect(walked.length).toBeGreaterThan(30);
    expectConforming(walked);
  });
});

function expectConforming(walked: Walked[]) {
  const problems = walkProblems(walked, validator);
  counted.checked += walked.length;
  if (validator) counted.schemaValidated += walked.filter((w) => w.expected.schema).length;
  expect(problems, problems.join('\n')).toEqual([]);
}

describe('filters, checked against the database', () => {
  it('/services lists exactly the published services, once each, in the same order on every page', async () => {
    const expected = await publishedIds();
    expect(expected.length).toBeGreaterThan(250);
    expect(await serviceIds()).toEqual(expected);
    const paged = idsOf(await everything('/services'));
    expect(new Set(paged).size).toBe(paged.length);
    expect(sorted(paged)).toEqual(expected);
    expect(expected).toContain(fixture.boundary);
  });

  it('minimal lists only id and last_modified, up to 1,000 a page', async () => {
    const body = await check<List>('/services?minimal=true&per_page=1000', {
      paging: { page: 1, perPage: 1000 },
    });
    expect(body.contents.length).toBe(body.total_items);
    for (const item of body.contents) expect(Object.keys(item).sort()).toEqual(['id', 'last_modified']);
  });

  it('full nests every related record the database holds; the plain list nests none', async () => {
    const full = await check<List>('/services?full=true&per_page=25', {
      schema: 'service_list',
      paging: { page: 1, perPage: 25 },
    });
    const plain = await check<List>('/services?per_page=25', {
      schema: 'service_list',
      paging: { page: 1, perPage: 25 },
    });
    expect(idsOf(full.contents)).toEqual(idsOf(plain.contents));
    const counts = await sql<Record<string, number> & { id: string; is_free: boolean }>`
      select s.id, s.is_free,
        (select count(*)::int from schedules x where x.service_id = s.id) as schedules,
        (select count(*)::int from service_areas x where x.service_id = s.id) as service_areas,
        (select count(*)::int from service_at_locations x where x.service_id = s.id) as service_at_locations,
        (select count(*)::int from service_languages x where x.service_id = s.id) as languages,
        (select count(*)::int from cost_options x where x.service_id = s.id) as cost_options,
        (select count(*)::int from contacts x where x.service_id = s.id) as contacts,
        (select count(*)::int from service_attributes x join taxonomy_terms tt on tt.id = x.taxonomy_term_id
          where x.service_id = s.id and tt.retired_at is null) as attributes
        from services s where s.id = any(${idsOf(full.contents)}::uuid[])`.execute(db());
    const NESTED = [
      'schedules',
      'service_areas',
      'service_at_locations',
      'languages',
      'cost_options',
      'contacts',
      'attributes',
    ] as const;
    const seen = new Set<string>();
    for (const service of full.contents) {
      const row = must(
        counts.rows.find((r) => r.id === service.id),
        `service ${String(service.id)}`,
      );
      for (const key of NESTED) {
        const value = service[key] as unknown[] | undefined;
        // A free service without cost options is given one: "Free", 0.
        const want = key === 'cost_options' && row.cost_options === 0 && row.is_free ? 1 : row[key];
        expect(value?.length ?? 0, `${String(service.id)} ${key}`).toBe(want);
        if (value) seen.add(key);
      }
      expect(service.organization).toBeDefined();
    }
    expect([...seen].sort()).toEqual([...NESTED].sort());
    for (const service of plain.contents) for (const key of NESTED) expect(service[key]).toBeUndefined();

    // A record by id is the same as in the full list.
    const first = must(full.contents[0], 'service');
    expect(await check(`/services/${String(first.id)}`, { schema: 'service' })).toEqual(first);
  });

  it('taxonomy_term_id: services that carry the term (and show it)', async () => {
    const terms = await sql<{ id: string; code: string }>`
      select id, code from taxonomy_terms
       where code in ('autism', 'communication-and-interaction', 'free', 'funded-eligible')`.execute(db());
    expect(terms.rows.length).toBe(4);
    for (const term of terms.rows) {
      const expected = await publishedIds(
        sql<boolean>`exists (select 1 from service_attributes a join taxonomy_terms tt on tt.id = a.taxonomy_term_id
          where a.service_id = s.id and a.taxonomy_term_id = ${term.id}::uuid and tt.retired_at is null)`,
      );
      expect(await serviceIds(`taxonomy_term_id=${term.id}`), term.code).toEqual(expected);
      if (term.code === 'autism') {
        expect(expected.length).toBeGreaterThan(20);
        for (const s of await everything('/services', `full=true&taxonomy_term_id=${term.id}`)) {
          expect(termIdsOf(s), String(s.id)).toContain(term.id);
        }
      }
    }
    // Any case is the same UUID.
    const autism = await termIdOf('autism');
    expect(await serviceIds(`taxonomy_term_id=${autism.toUpperCase()}`)).toEqual(
      await serviceIds(`taxonomy_term_id=${autism}`),
    );
    // An id that names nothing finds nothing (it is not an error).
    expect(await serviceIds(`taxonomy_term_id=${randomUUID()}`)).toEqual([]);
  });

  it('taxonomy_term_id of a retired term lists no service (a retired term is on no published service)', async () => {
    const services = await everything('/services', `full=true&taxonomy_term_id=${fixture.retiredTerm}`);
    const wrong = services.filter((s) => !termIdsOf(s).includes(fixture.retiredTerm));
    expect(
      idsOf(wrong),
      `${wrong.length} services listed under retired term ${fixture.retiredTerm} do not show it`,
    ).toEqual([]);
  });

  it('taxonomy_id: services with any term of the taxonomy', async () => {
    const taxonomies = await sql<{ id: string; key: string }>`select id, key from taxonomies`.execute(db());
    expect(taxonomies.rows.length).toBeGreaterThanOrEqual(4);
    for (const taxonomy of taxonomies.rows) {
      const expected = await publishedIds(
        sql<boolean>`exists (select 1 from service_attributes a join taxonomy_terms tt on tt.id = a.taxonomy_term_id
          where a.service_id = s.id and tt.taxonomy_id = ${taxonomy.id}::uuid and tt.retired_at is null)`,
      );
      expect(await serviceIds(`taxonomy_id=${taxonomy.id}`), taxonomy.key).toEqual(expected);
    }
    const need = await taxonomyIdOf('need');
    for (const s of await everything('/services', `full=true&taxonomy_id=${need}`)) {
      const attributes = (s.attributes ?? []) as { taxonomy_term: { taxonomy_id: string } }[];
      expect(
        attributes.some((a) => a.taxonomy_term.taxonomy_id === need),
        String(s.id),
      ).toBe(true);
    }
  });

  it('organization_id: the organisation’s published services only', async () => {
    const big = await publishedIds(sql<boolean>`s.organisation_id = ${fixture.bigOrganisation}::uuid`);
    expect(big.length).toBeGreaterThan(3);
    expect(await serviceIds(`organization_id=${fixture.bigOrganisation}`)).toEqual(big);
    expect(await serviceIds(`organization_id=${fixture.hiddenOrganisation}`)).toEqual([]);
    for (const s of await everything('/services', `organization_id=${fixture.bigOrganisation}`)) {
      expect(s.organization_id).toBe(fixture.bigOrganisation);
      expect((s.organization as { id: string }).id).toBe(fixture.bigOrganisation);
    }
  });

  it('modified_after: services modified on or after the moment, however it is written', async () => {
    const split = fixture.split;
    const expected = await publishedIds(sql<boolean>`s.last_modified >= ${split}`);
    const all = await publishedIds();
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(all.length / 2);
    expect(expected).toContain(fixture.atSplit);

    const iso = split.toISOString();
    expect(await serviceIds(`modified_after=${encodeURIComponent(iso)}`)).toEqual(expected);
    // The same instant in another time zone, and with the offset's plus sign written as %2B.
    const local = new Date(split.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(await serviceIds(`modified_after=${encodeURIComponent(local)}`)).toEqual(expected);
    // A date alone is midnight UTC that day.
    const date = iso.slice(0, 10);
    expect(await serviceIds(`modified_after=${date}`)).toEqual(
      await publishedIds(sql<boolean>`s.last_modified >= ${`${date}T00:00:00Z`}::timestamptz`),
    );
    // One millisecond later leaves out the service modified at the split.
    const later = new Date(split.getTime() + 1).toISOString();
    expect(await serviceIds(`modified_after=${encodeURIComponent(later)}`)).toEqual(
      expected.filter((id) => id !== fixture.atSplit),
    );
    expect(await serviceIds('modified_after=2000-01-01T00:00:00Z')).toEqual(all);
    expect(await serviceIds('modified_after=2999-01-01T00:00:00Z')).toEqual([]);
    const minimal = await everything<{ last_modified: string }>(
      '/services',
      `minimal=true&modified_after=${encodeURIComponent(iso)}`,
    );
    for (const s of minimal) expect(Date.parse(s.last_modified)).toBeGreaterThanOrEqual(split.getTime());
    expect(minimal.find((s) => (s as { id?: string }).id === fixture.atSplit)?.last_modified).toBe(iso);
  });

  it('search: published services whose text holds every word, and nothing else', async () => {
    for (const [search, tsquery, words] of [
      ['autism', 'autism:*', ['autism']],
      ['AUTISM', 'autism:*', ['autism']],
      ['autism club', 'autism:* & club:*', ['autism', 'club']],
    ] as const) {
      const expected = await publishedIds(sql<boolean>`s.search_vector @@ to_tsquery('english', ${tsquery})`);
      const found = await everything('/services', `full=true&search=${encodeURIComponent(search)}`);
      expect(sorted(idsOf(found)), search).toEqual(expected);
      if (search === 'autism') expect(found.length).toBeGreaterThan(10);
      for (const s of found) {
        const text = searchableText(s);
        for (const word of words) expect(text, `${String(s.id)} for ${search}`).toContain(word);
      }
    }
    // Only words that are never searched for (stop words) find nothing rather than everything.
    expect(await serviceIds('search=the')).toEqual([]);
    // Characters that mean something to a full-text query are only text.
    expect(await serviceIds(`search=${encodeURIComponent("autism & ! | ( ) :* '")}`)).toEqual(
      await serviceIds('search=autism'),
    );
  });

  it('filters combine with AND: each combination is the intersection', async () => {
    const need = await taxonomyIdOf('need');
    const single = {
      search: 'search=autism',
      term: `taxonomy_term_id=${await termIdOf('short-breaks')}`,
      taxonomy: `taxonomy_id=${need}`,
      organisation: `organization_id=${fixture.bigOrganisation}`,
      modified: `modified_after=${encodeURIComponent(fixture.split.toISOString())}`,
      free: `taxonomy_term_id=${await termIdOf('free')}`,
    };
    const found = new Map<string, string[]>();
    for (const [name, query] of Object.entries(single)) found.set(name, await serviceIds(query));
    const set = (name: string) => must(found.get(name), name);
    const pairs: [keyof typeof single, keyof typeof single][] = [
      ['search', 'term'],
      ['search', 'free'],
      ['term', 'modified'],
      ['taxonomy', 'organisation'],
      ['organisation', 'modified'],
      ['search', 'taxonomy'],
    ];
    let narrowed = 0;
    for (const [a, b] of pairs) {
      const both = await serviceIds(`${single[a]}&${single[b]}`);
      const intersection = set(a).filter((id) => set(b).includes(id));
      expect(both, `${a} AND ${b}`).toEqual(intersection);
      if (both.length > 0 && both.length < Math.min(set(a).length, set(b).length)) narrowed += 1;
    }
    expect(narrowed, 'combinations that narrow both filters').toBeGreaterThanOrEqual(3);
    // Three at once.
    const three = await serviceIds(`${single.search}&${single.free}&${single.modified}`);
    expect(three).toEqual(
      set('search').filter((id) => set('free').includes(id) && set('modified').includes(id)),
    );
  });

  it('/service_at_locations lists every venue of every published service', async () => {
    const expected = await sql<{ id: string }>`
      select sl.id from service_at_locations sl where sl.service_id = any(${await publishedIds()}::uuid[])
       order by sl.id`.execute(db());
    const items = await everything<{ id: string; service_id: string; location_id: string }>(
      '/service_at_locations',
    );
    expect(sorted(idsOf(items))).toEqual(expected.rows.map((r) => r.id));
    const byOrganisation = await everything<{ service_id: string }>(
      '/service_at_locations',
      `organization_id=${fixture.bigOrganisation}`,
    );
    const big = await publishedIds(sql<boolean>`s.organisation_id = ${fixture.bigOrganisation}::uuid`);
    for (const item of byOrganisation) expect(big).toContain(item.service_id);
  });

  it('/service_at_locations?postcode=WV1&proximity=2000: every venue within 2 km of WV1, nearest first', async () => {
    const centre = must(
      (
        await sql<{ latitude: number; longitude: number }>`
          select latitude, longitude from postcodes where code = 'WV1'`.execute(db())
      ).rows[0],
      'postcode district WV1',
    );
    const items = await everything<{ id: string; location: { latitude?: number; longitude?: number } }>(
      '/service_at_locations',
      'postcode=WV1&proximity=2000',
    );
    expect(items.length).toBeGreaterThan(5);
    const distances = items.map((i) => {
      expect(i.location.latitude, i.id).toBeTypeOf('number');
      return haversineMetres(centre, {
        latitude: i.location.latitude as number,
        longitude: i.location.longitude as number,
      });
    });
    distances.forEach((d, i) => expect(d, items[i]?.id).toBeLessThanOrEqual(2000 + 1));
    expectNearestFirst(idsOf(items), distances);
    // And every published venue within 2 km is there (those within a metre of the edge may go either way).
    const venues = await sql<{ id: string; latitude: number; longitude: number }>`
      select sl.id, l.latitude, l.longitude from service_at_locations sl join locations l on l.id = sl.location_id
       where sl.service_id = any(${await publishedIds()}::uuid[]) and l.latitude is not null`.execute(db());
    const listed = new Set(idsOf(items));
    const near = venues.rows.map((v) => ({ id: v.id, d: haversineMetres(centre, v) }));
    const missing = near.filter((v) => v.d < 1999 && !listed.has(v.id));
    expect(missing).toEqual([]);
    expect(near.filter((v) => v.d > 2001 && listed.has(v.id))).toEqual([]);
    expect(near.filter((v) => v.d > 2001).length).toBeGreaterThan(0);

    // A full postcode not in the table is measured from its district.
    expect(idsOf(await everything('/service_at_locations', 'postcode=wv1%201zz&proximity=2000'))).toEqual(
      idsOf(items),
    );
    // A postcode without proximity orders every venue by distance.
    const all = await check<List<{ id: string; location: { latitude: number; longitude: number } }>>(
      '/service_at_locations?postcode=WV1&per_page=20',
      { schema: 'service_at_location_list', paging: { page: 1, perPage: 20 } },
    );
    expectNearestFirst(
      idsOf(all.contents),
      all.contents.map((i) => haversineMetres(centre, i.location)),
    );
  });

  it('/taxonomies and /taxonomy_terms: taxonomy_id, parent_id and top_only; retired terms left out', async () => {
    const taxonomies = await sql<{ id: string; key: string }>`select id, key from taxonomies`.execute(db());
    expect(sorted(idsOf(await everything('/taxonomies')))).toEqual(sorted(taxonomies.rows.map((r) => r.id)));

    const terms = await sql<{ id: string; taxonomy_id: string; parent_id: string | null; code: string }>`
      select id, taxonomy_id, parent_id, code from taxonomy_terms where retired_at is null`.execute(db());
    const live = terms.rows;
    const ids = (rows: typeof live) => sorted(rows.map((r) => r.id));
    expect(sorted(idsOf(await everything('/taxonomy_terms')))).toEqual(ids(live));
    expect(live.map((r) => r.id)).not.toContain(fixture.retiredTerm);

    const need = await taxonomyIdOf('need');
    const parent = await termIdOf('communication-and-interaction');
    const cases: [string, typeof live][] = [
      [`taxonomy_id=${need}`, live.filter((r) => r.taxonomy_id === need)],
      [`parent_id=${parent}`, live.filter((r) => r.parent_id === parent)],
      ['top_only=true', live.filter((r) => r.parent_id === null)],
      [
        `taxonomy_id=${need}&top_only=true`,
        live.filter((r) => r.taxonomy_id === need && r.parent_id === null),
      ],
      [`parent_id=${randomUUID()}`, []],
    ];
    for (const [query, expected] of cases) {
      const found = await everything<{ id: string; parent_id?: string }>('/taxonomy_terms', query);
      expect(sorted(idsOf(found)), query).toEqual(ids(expected));
    }
    expect(live.filter((r) => r.parent_id === parent).length).toBeGreaterThan(1);
    for (const r of await everything<{ name: string; description: string }>(
      '/taxonomy_terms',
      'search=learning',
    )) {
      expect(`${r.name} ${r.description}`.toLowerCase()).toContain('learning');
    }
  });

  it('/organizations: only organisations with a published service, each with exactly those services', async () => {
    const expected = await sql<{ id: string }>`
      select distinct s.organisation_id as id from services s
       where s.id = any(${await publishedIds()}::uuid[]) order by 1`.execute(db());
    const listed = sorted(idsOf(await everything('/organizations')));
    expect(listed).toEqual(expected.rows.map((r) => r.id));
    expect(listed).not.toContain(fixture.hiddenOrganisation);
    const all = await sql<{ n: number }>`select count(*)::int as n from directory_organisations`.execute(
      db(),
    );
    expect(listed.length).toBeLessThan(must(all.rows[0], 'organisations').n);

    const big = await publishedIds(sql<boolean>`s.organisation_id = ${fixture.bigOrganisation}::uuid`);
    const one = await check<{ services: { id: string; name: string; status?: string }[] }>(
      `/organizations/${fixture.bigOrganisation}`,
      { schema: 'organization' },
    );
    expect(sorted(one.services.map((s) => s.id))).toEqual(big);
    for (const s of one.services) expect(Object.keys(s).sort()).toEqual(['id', 'name']);
    const full = await check<{ services: Record<string, unknown>[] }>(
      `/organizations/${fixture.bigOrganisation}?full_service=true`,
      { schema: 'organization' },
    );
    expect(sorted(idsOf(full.services))).toEqual(big);
    for (const s of full.services) {
      expect(s.status).toBeDefined();
      expect(s.organization_id).toBe(fixture.bigOrganisation);
      expect(ruleBreaks(s)).toEqual([]);
    }
    for (const s of full.services.slice(0, 3)) {
      expect(s, String(s.id)).toEqual(await check(`/services/${String(s.id)}`, { schema: 'service' }));
    }
  });

  it('/organizations?search: organisations whose name or description holds the word', async () => {
    const found = await everything<{ id: string; name: string; description: string }>(
      '/organizations',
      'search=community',
    );
    const all = await everything('/organizations');
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
    for (const o of found) expect(`${o.name} ${o.description}`.toLowerCase(), o.id).toContain('communit');
    expect(idsOf(all)).toEqual(expect.arrayContaining(idsOf(found)));
  });

  it('/taxonomies?search: the standard defines search on /taxonomies too', async () => {
    const found = await everything<{ id: string; name: string; description: string }>(
      '/taxonomies',
      'search=cost',
    );
    const all = await everything('/taxonomies');
    expect(found.length).toBeGreaterThan(0);
    for (const x of found) expect(`${x.name} ${x.description}`.toLowerCase(), x.id).toContain('cost');
    expect(found.length).toBeLessThan(all.length);
  });

  it('/organizations?full_service=true: the standard defines full_service on the list too', async () => {
    const organisations = await everything<{ id: string; services?: Record<string, unknown>[] }>(
      '/organizations',
      'full=true&full_service=true',
    );
    const big = organisations.find((o) => o.id === fixture.bigOrganisation);
    expect(big?.services?.length).toBeGreaterThan(0);
    for (const s of must(big?.services, 'nested services').slice(0, 3)) {
      expect(s, String(s.id)).toEqual(await check(`/services/${String(s.id)}`, { schema: 'service' }));
    }
  });
});

describe('nothing unpublished is open data', () => {
  it('internal, withdrawn, never-approved, defunct and long-unconfirmed services are neither listed nor found', async () => {
    const hiddenOthers = await sql<{ id: string }>`
      select id from services where visibility = 'internal' or organisation_id = ${fixture.hiddenOrganisation}::uuid
       order by id`.execute(db());
    const hidden = [
      fixture.internal,
      fixture.withdrawn,
      fixture.unapproved,
      fixture.defunct,
      fixture.stale,
      ...hiddenOthers.rows.map((r) => r.id),
    ];
    expect(new Set(hidden).size).toBeGreaterThan(10);
    const listed = new Set(await serviceIds());
    const venues = await sql<{ id: string }>`
      select id from service_at_locations where service_id = any(${hidden}::uuid[])`.execute(db());
    const listedVenues = new Set(idsOf(await everything('/service_at_locations')));
    const names = await sql<{
      name: string;
    }>`select name from services where id = ${fixture.internal}::uuid`.execute(db());

    for (const id of hidden) {
      expect(listed.has(id), id).toBe(false);
      await expectNotFound(`/services/${id}`);
    }
    expect(venues.rows.length).toBeGreaterThan(5);
    for (const { id } of venues.rows) {
      expect(listedVenues.has(id), id).toBe(false);
      await expectNotFound(`/service_at_locations/${id}`);
    }
    await expectNotFound(`/organizations/${fixture.hiddenOrganisation}`);
    // Not even through a search for its own name, nor nested in a full list.
    const byName = await serviceIds(
      `search=${encodeURIComponent(must(names.rows[0], 'internal service').name)}`,
    );
    expect(byName).not.toContain(fixture.internal);
    const nested = await everything('/organizations', 'full=true');
    const nestedIds = nested.flatMap((o) => idsOf((o.services ?? []) as { id: string }[]));
    for (const id of hidden) expect(nestedIds).not.toContain(id);
    expect(sorted(nestedIds)).toEqual(await publishedIds());

    // The service confirmed on the last day it may be shown is still published.
    await check(`/services/${fixture.boundary}`, { schema: 'service' });
  });
});

async function expectNotFound(url: string) {
  const res = await orukGet(t.app, url);
  expect(res.statusCode, url).toBe(404);
  expect(headerProblems(res), url).toEqual([]);
  const body = JSON.parse(res.body) as { status?: number; message?: string };
  expect(body.status, url).toBe(404);
  expect(body.message, url).toBeTypeOf('string');
  counted.checked += 1;
}

describe('bad input', () => {
  it.each([
    ['/services?per_page=101', 'per_page'],
    ['/services?per_page=0', 'per_page'],
    ['/services?minimal=true&per_page=1001', 'per_page'],
    ['/taxonomy_terms?per_page=500', 'per_page'],
    ['/services?page=abc', 'page'],
    ['/services?page=0', 'page'],
    ['/services?page=-1', 'page'],
    ['/services?page=1.5', 'page'],
    ['/organizations?page=two', 'page'],
    ['/services?page=1&page=2', 'page'],
    ['/services?taxonomy_term_id=autism', 'taxonomy_term_id'],
    ['/services?taxonomy_id=123', 'taxonomy_id'],
    ['/services?organization_id=not-a-uuid', 'organization_id'],
    ['/service_at_locations?taxonomy_term_id=%27%20or%201%3D1', 'taxonomy_term_id'],
    ['/taxonomy_terms?parent_id=nope', 'parent_id'],
    ['/taxonomy_terms?taxonomy_id=nope', 'taxonomy_id'],
    ['/services?modified_after=yesterday', 'modified_after'],
    ['/services?modified_after=2026-02-30T00:00:00Z', 'modified_after'],
    ['/services?minimal=maybe', 'minimal'],
    ['/services?full=yes', 'full'],
    ['/taxonomy_terms?top_only=perhaps', 'top_only'],
    ['/service_at_locations?postcode=not-a-postcode&proximity=1000', 'postcode'],
    ['/service_at_locations?postcode=ZZ9%209ZZ&proximity=1000', 'postcode'],
    ['/service_at_locations?proximity=1000', 'proximity'],
    ['/service_at_locations?postcode=WV1&proximity=far', 'proximity'],
    ['/service_at_locations?postcode=WV1&proximity=-5', 'proximity'],
    [`/services?search=${'a'.repeat(201)}`, 'search'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const res = await orukGet(t.app, url);
    counted.checked += 1;
    expect(res.statusCode).toBe(400);
    expect(headerProblems(res)).toEqual([]);
    const body = JSON.parse(res.body) as {
      status: number;
      errors?: { parameter: string; message: string }[];
    };
    expect(body.status).toBe(400);
    expect(body.errors?.map((e) => e.parameter)).toContain(parameter);
    expect(ruleBreaks(body)).toEqual([]);
  });

  it('unknown and malformed ids on every /{id} endpoint, and unknown paths, are 404 in JSON', async () => {
    const malformed = [
      'not-a-uuid',
      '12345',
      'urn:uuid:3f7b145d-84af-42d7-8fae-eaca714b02b2',
      `${randomUUID()}x`,
    ];
    for (const endpoint of ORUK_LIST_ENDPOINTS) {
      for (const id of [randomUUID(), ...malformed])
        await expectNotFound(`${endpoint.path}/${encodeURIComponent(id)}`);
    }
    await expectNotFound(`/taxonomy_terms/${fixture.retiredTerm}`);
    for (const url of ['/nothing-here', `/services/${randomUUID()}/extra`, '/Services', '/services/']) {
      const res = await orukGet(t.app, url);
      // '/services/' may be read as the list; anything else is not found.
      if (url === '/services/' && res.statusCode === 200) continue;
      await expectNotFound(url);
    }
  });

  it('answers a conditional request with its ETag by 304 and no body', async () => {
    const [service] = await publishedIds();
    for (const url of [
      '/',
      '/services?per_page=7',
      `/services/${service}`,
      '/taxonomies',
      '/organizations',
    ]) {
      const first = await orukGet(t.app, url);
      const etag = String(first.headers.etag);
      expect(etag, url).toMatch(/^"[^"]+"$/);
      for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`]) {
        const again = await orukGet(t.app, url, { 'if-none-match': ifNoneMatch });
        expect(again.statusCode, `${url} If-None-Match: ${ifNoneMatch}`).toBe(304);
        expect(again.body, url).toBe('');
        expect(again.headers['access-control-allow-origin'], url).toBe('*');
        expect(again.headers.etag, url).toBe(etag);
      }
      const other = await orukGet(t.app, url, { 'if-none-match': '"not-this-one"' });
      expect(other.statusCode, url).toBe(200);
      expect(other.body).toBe(first.body);
      counted.checked += 5;
    }
  });

  it('gives a changed record a new ETag at once, so a stale copy is not confirmed', async () => {
    const [, id] = await publishedIds();
    const before = await orukGet(t.app, `/services/${id}`);
    await sql`update services set description = description || ' Checked.' where id = ${id}::uuid`.execute(
      db(),
    );
    noteDirectoryChange();
    const after = await orukGet(t.app, `/services/${id}`, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(JSON.parse(after.body).description).toMatch(/ Checked\.$/);
    counted.checked += 2;
  });

  it('answers a browser’s CORS preflight', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: `${ORUK_BASE}/services?per_page=7`,
      headers: {
        origin: 'https://partner.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(res.statusCode).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-methods'])).toMatch(/\bGET\b/);
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('if-none-match');
  });
});

describe('the checks catch a broken answer', () => {
  /** A real answer with its body changed by `edit`. */
  const doctor = (res: ApiResponse, edit: (body: Record<string, unknown>) => void): ApiResponse => {
    const body = JSON.parse(res.body) as Record<string, unknown>;
    edit(body);
    return { ...res, body: JSON.stringify(body) };
  };
  const problemsOf = (res: ApiResponse, expected: Expectation) =>
    conformanceProblems(res, expected, validator);

  it('in a service record', async () => {
    const [id] = await publishedIds(
      sql<boolean>`exists (select 1 from contacts c where c.service_id = s.id)`,
    );
    const real = await orukGet(t.app, `/services/${id}`);
    const expected: Expectation = { schema: 'service' };
    expect(problemsOf(real, expected)).toEqual([]);

    const cases: [string, (b: Record<string, unknown>) => void, RegExp][] = [
      ['an id that is not a UUID', (b) => (b.id = 'not-a-uuid'), /^rule \/id: must be a UUID/],
      ['a fractional age', (b) => (b.minimum_age = 4.5), /^rule \/minimum_age: must be a whole number/],
      ['a negative age', (b) => (b.maximum_age = -1), /^rule \/maximum_age/],
      ['a null', (b) => (b.url = null), /^rule \/url: must be left out rather than null/],
      [
        'a null deep inside',
        (b) => (item(b.contacts, 0).name = null),
        /^rule \/contacts\/0\/name: must be left out/,
      ],
      [
        'a nested id that is not a UUID',
        (b) => (item(b.contacts, 0).service_id = '42'),
        /^rule \/contacts\/0\/service_id: must be a UUID/,
      ],
      [
        'a timestamp without a time zone',
        (b) => (b.last_modified = '2026-11-01 09:00'),
        /^rule \/last_modified: must be an RFC 3339/,
      ],
      ['an impossible date', (b) => (b.assured_date = '2026-02-30'), /^rule \/assured_date/],
      [
        'ages the wrong way round',
        (b) => Object.assign(b, { minimum_age: 18, maximum_age: 5 }),
        /minimum_age/,
      ],
    ];
    if (validator) {
      cases.push(
        ['no name (schema)', (b) => delete b.name, /^schema service \/name: .*required property 'name'/],
        [
          'a status not in the list (schema)',
          (b) => (b.status = 'open'),
          /^schema service \/status: .*must be one of/,
        ],
        ['a UUID-less id (schema)', (b) => (b.id = 'not-a-uuid'), /^schema service \/id: .*must be a UUID/],
        ['a null (schema)', (b) => (b.url = null), /^schema service \/url: .*not null/],
      );
    }
    for (const [what, edit, message] of cases) {
      const problems = problemsOf(doctor(real, edit), expected);
      expect(
        problems.some((p) => message.test(p)),
        `${what}: expected a problem matching ${message}, got:\n${problems.join('\n')}`,
      ).toBe(true);
    }

    // Headers and status, whatever the body.
    const headerCases: [string, ApiResponse, RegExp][] = [
      [
        'no CORS header',
        { ...real, headers: { ...real.headers, 'access-control-allow-origin': undefined } },
        /access-control-allow-origin/,
      ],
      [
        'CORS for one origin',
        { ...real, headers: { ...real.headers, 'access-control-allow-origin': 'https://x.example' } },
        /access-control-allow-origin/,
      ],
      [
        'an HTML answer',
        { ...real, headers: { ...real.headers, 'content-type': 'text/html' } },
        /content-type/,
      ],
      ['no ETag', { ...real, headers: { ...real.headers, etag: undefined } }, /etag/],
      ['a 500', { ...real, statusCode: 500 }, /^status: is 500/],
      ['a body that is not JSON', { ...real, body: '<html>' }, /^body: is not JSON/],
    ];
    for (const [what, res, message] of headerCases) {
      const problems = problemsOf(res, expected);
      expect(
        problems.some((p) => message.test(p)),
        `${what}: got\n${problems.join('\n')}`,
      ).toBe(true);
    }
  });

  it('in a list and its paging', async () => {
    const real = await orukGet(t.app, '/services?page=2&per_page=7');
    const expected: Expectation = { schema: 'service_list', paging: { page: 2, perPage: 7 } };
    expect(problemsOf(real, expected)).toEqual([]);
    const cases: [string, (b: Record<string, unknown>) => void, RegExp][] = [
      ['size not the number of contents', (b) => (b.size = 8), /size/],
      ['a page short', (b) => (b.contents as unknown[]).pop(), /contents|size/],
      ['wrong total_pages', (b) => (b.total_pages = Number(b.total_pages) + 1), /total_pages/],
      ['first_page on page 2', (b) => (b.first_page = true), /first_page/],
      ['last_page too soon', (b) => (b.last_page = true), /last_page/],
      ['empty with contents', (b) => (b.empty = true), /empty/],
      ['the wrong page', (b) => (b.page_number = 1), /page_number|first_page/],
      ['no total_items', (b) => delete b.total_items, /total_items: is missing/],
      [
        'a fractional age in the contents',
        (b) => (item(b.contents, 3).maximum_age = 17.5),
        /^rule \/contents\/3\/maximum_age/,
      ],
      [
        'a null organisation email',
        (b) => ((item(b.contents, 0).organization as Record<string, unknown>).email = null),
        /^rule \/contents\/0\/organization\/email/,
      ],
    ];
    if (validator) {
      cases.push([
        'contents that are not a list (schema)',
        (b) => (b.contents = {}),
        /^schema service_list \/contents: .*must be a list/,
      ]);
    }
    for (const [what, edit, message] of cases) {
      const problems = problemsOf(doctor(real, edit), expected);
      expect(
        problems.some((p) => message.test(p)),
        `${what}: got\n${problems.join('\n')}`,
      ).toBe(true);
    }
  });

  it.skipIf(!validator)('in the API details', async () => {
    const real = await orukGet(t.app, '/');
    expect(problemsOf(real, { schema: 'api_details' })).toEqual([]);
    const broken = doctor(real, (b) => delete b.version);
    expect(problemsOf(broken, { schema: 'api_details' }).join('\n')).toMatch(/required property 'version'/);
  });
});

/** The ids of the taxonomy terms a full service shows. */
function termIdsOf(service: Record<string, unknown>): string[] {
  return ((service.attributes ?? []) as { taxonomy_term_id: string }[]).map((a) => a.taxonomy_term_id);
}

/** What a search looks in: the name, descriptions, organisation name and term names. */
function searchableText(service: Record<string, unknown>): string {
  const attributes = (service.attributes ?? []) as { taxonomy_term: { name: string } }[];
  return [
    service.name,
    service.description,
    service.eligibility_description,
    (service.organization as { name?: string } | undefined)?.name,
    ...attributes.map((a) => a.taxonomy_term.name),
  ]
    .filter((x) => typeof x === 'string')
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
