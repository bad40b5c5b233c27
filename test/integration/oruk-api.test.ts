import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrukValidator } from '../../src/modules/open-referral/validation.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import {
  createApprovedService,
  createDirectoryOrganisation,
  validListing,
} from '../helpers/local-offer-fixtures.ts';
import { orukDir, requireShared } from '../helpers/shared.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ localOffer: true });
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

async function publishedTotal(): Promise<number> {
  return json<{ total_items: number }>((await get('/api/oruk/services?minimal=true&per_page=1')).body)
    .total_items;
}

describe('the Open Referral UK API', () => {
  it('says what it is at its root, with or without the trailing slash', async () => {
    for (const url of ['/api/oruk', '/api/oruk/']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(json(res.body)).toMatchObject({
        version: 'HSDS-UK-3.0',
        openapi_url: `${t.config.publicBaseUrl}/api/oruk/openapi.json`,
      });
    }
  });

  it('answers a browser’s preflight for any origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/oruk/services',
      headers: { origin: 'https://family-hubs.example', 'access-control-request-headers': 'if-none-match' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toContain('If-None-Match');
    expect(String(res.headers['access-control-allow-methods'])).toContain('GET');
  });

  it('lets a CDN cache answers and revalidate them, and a change shows at once with a new ETag', async () => {
    const organisationId = await createDirectoryOrganisation(t.database.db, {
      name: 'Wombat Trust',
      accountOrganisationId: null,
    });
    const { id } = await createApprovedService(t, {
      organisationId,
      listing: validListing({ name: 'Wombat swimming' }),
    });
    const first = await get(`/api/oruk/services/${id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toContain('public');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(`/api/oruk/services/${id}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    await createApprovedService(t, { organisationId, listing: validListing({ name: 'Wombat club' }) });
    // Any change to the directory may change any answer: the old ETag no longer matches lists.
    const list = await get('/api/oruk/services?search=wombat');
    expect(json<{ total_items: number }>(list.body).total_items).toBe(2);
  });

  it('documents itself in an OpenAPI document with its licence and contact', async () => {
    const res = await get('/api/oruk/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = json<{
      openapi: string;
      info: { license: { name: string }; contact: { email: string } };
      paths: Record<string, unknown>;
      servers: { url: string }[];
    }>(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.license.name).toBe('Open Government Licence v3.0');
    expect(doc.info.contact.email).toBe(t.config.area.contact.email);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/organizations',
        '/organizations/{id}',
        '/service_at_locations',
        '/service_at_locations/{id}',
        '/services',
        '/services/{id}',
        '/taxonomies',
        '/taxonomies/{id}',
        '/taxonomy_terms',
        '/taxonomy_terms/{id}',
      ].sort(),
    );
    expect(doc.servers[0]?.url).toBe(`${t.config.publicBaseUrl}/api/oruk`);
  });

  it('has a page for people that says what the API is, its licence, contact and downloads', async () => {
    const res = await get('/open-data');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Open Government Licence v3.0');
    expect(res.body).toContain('/api/oruk/downloads/services.csv');
    expect(res.body).toContain('/api/oruk/openapi.json');
    expect(res.body).toContain(t.config.area.contact.email);
    expect(res.body).toContain(`The ${await publishedTotal()} published services`);
  });
});

describe('bulk open data', () => {
  it('downloads every published service as CSV, one row each, with the columns documented', async () => {
    const res = await get('/api/oruk/downloads/services.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="local-offer-services-/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers.link)).toContain('open-government-licence');
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
    const [header, ...records] = rows;
    expect(header?.[0]).toBe('id');
    expect(records.length).toBe(await publishedTotal());
    expect(new Set(records.map((r) => r[0])).size).toBe(records.length);
  });

  it('downloads every published service as one ORUK service list, fully nested', async () => {
    const res = await get('/api/oruk/downloads/services.json');
    expect(res.statusCode).toBe(200);
    const body = json<{ total_items: number; size: number; contents: { id: string }[] }>(res.body);
    expect(body.total_items).toBe(await publishedTotal());
    expect(body.size).toBe(body.contents.length);
    expect(body.contents.length).toBe(body.total_items);
    const shared = requireShared('ORUK schemas for the bulk download');
    const dir = orukDir();
    if (shared && dir) {
      const validator = loadOrukValidator(`${dir}/schema`);
      const result = validator.validate('service_list', body);
      expect(result.problems).toEqual([]);
    }
  });
  it('has no HEAD for a download (it would run the whole export), and allows a few downloads a minute', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: '/api/oruk/downloads/services.csv' });
    expect(head.statusCode).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await get('/api/oruk/downloads/services.csv')).statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeGreaterThan(0);
    expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
    // Other API requests are not held back by the download allowance.
    expect((await get('/api/oruk/taxonomies')).statusCode).toBe(200);
  });
});

describe('requests that name nothing', () => {
  it('answer 404 JSON that any origin may read, even when the address cannot be decoded', async () => {
    for (const url of ['/api/oruk/services/%zz', '/api/oruk/services/not-an-id', '/api/oruk/no-such-list']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/json');
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      expect(json(res.body), url).toMatchObject({ status: 404 });
    }
  });

  it('are never "not modified", whatever the client sends', async () => {
    const res = await get('/api/oruk/services/8b0f1b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', {
      'if-none-match': '*',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await buildTestApp({ env: { ORUK_RATE_LIMIT_PER_MINUTE: '3' } });
  }, 120_000);
  afterAll(async () => limited?.close());

  it('answers a client over its limit with 429 JSON and when to come back', async () => {
    const statuses = [];
    let last;
    for (let i = 0; i < 5; i += 1) {
      last = await limited.app.inject({ method: 'GET', url: '/api/oruk/taxonomies' });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last?.headers['content-type']).toContain('application/json');
    expect(last?.headers['access-control-allow-origin']).toBe('*');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(json(last?.body ?? '{}')).toMatchObject({ status: 429, error: 'Too many requests' });
    // The public site is not limited by the API's limit.
    expect((await limited.app.inject({ method: 'GET', url: '/local-offer' })).statusCode).toBe(200);
  });
});
