import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, createTransactor } from '../../src/db/repositories.ts';
import type { RequestContext } from '../../src/lib/context.ts';
import type { Role } from '../../src/modules/access/policy.ts';
import { ReadOnlyListingError } from '../../src/modules/local-offer/management/service.ts';
import {
  createOrukImportService,
  ImportAlreadyRunningError,
} from '../../src/modules/open-referral/import/service.ts';
import { loadOrukValidator } from '../../src/modules/open-referral/validation.ts';
import { FormSession } from '../helpers/browser-session.ts';
import {
  auditActionsSince,
  lastAuditId,
  listingFormFields,
  platformOrganisationId,
} from '../helpers/local-offer-fixtures.ts';
import {
  generatedOrganisation,
  generatedService,
  generatedVenue,
  publish,
  startFeedServer,
  type FeedServer,
  type Record_,
} from '../helpers/oruk-feed-server.ts';
import { orukDir, requireShared } from '../helpers/shared.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * Importing partners' Open Referral UK 3.0 feeds (ADR 15), against a feed server on loopback that
 * serves the official examples and generated records: created once, never duplicated, refreshed
 * with modified_after, withdrawn when gone, all or nothing, read-only here, and the official
 * example read back through our own /api/oruk equal in every field we keep.
 */
const shared = requireShared('the ORUK 3.0 schemas and examples for the feed import tests');
const oruk = shared ? orukDir() : undefined;
const schemaDir = oruk ? path.join(oruk, 'schema') : '';
const example = (name: string): Record_ =>
  JSON.parse(readFileSync(path.join(oruk ?? '', 'examples', `${name}.json`), 'utf8')) as Record_;

const BASE = '/staff/local-offer';
const FEED_NAME = 'NHS Test ICB directory';

let t: TestApp;
let server: FeedServer;
let editorCtx: RequestContext;
let providerCtx: RequestContext;
let icbFeedId: string;
/** When the first import started: the next one asks for services modified after it. */
let firstImportStarted: string;
const db = () => t.database.db;
const imports = () => t.container.services.orukImport;

/** An hour ago: records the tests publish first were last changed before any import. */
const before = () => new Date(t.clock.now().getTime() - 3_600_000).toISOString();

const icbOrganisation = generatedOrganisation('Black Country Healthcare');
const venue = generatedVenue('Bilston Leisure Centre', 'WV14 6PW');
let clubs: Record_[] = [];

async function contextFor(email: string): Promise<RequestContext> {
  const user = await db()
    .selectFrom('users')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    actor: { userId: user.id, role: user.role as Role, organisationId: user.organisation_id },
    requestId: `test-${email}`,
  };
}

async function feedServices(feedId: string) {
  return db()
    .selectFrom('services')
    .select([
      'id',
      'name',
      'external_id',
      'source',
      'withdrawn_at',
      'external_removed_at',
      'last_modified',
      'live_revision_number',
      'organisation_id',
    ])
    .where('source_feed_id', '=', feedId)
    .orderBy('name')
    .execute();
}

async function count(table: 'services' | 'directory_organisations' | 'locations' | 'service_revisions') {
  const row = await db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const serviceRequests = (feed: string) =>
  server.requests(feed).filter((u) => /\/services\/[^/]+$/.test(u.pathname));

beforeAll(async () => {
  if (!oruk) return;
  server = await startFeedServer();
  t = await buildTestApp({ env: { ORUK_SCHEMA_DIR: schemaDir } });
  editorCtx = await contextFor('local.offer.editor@demo.example.org');
  providerCtx = await contextFor('provider@demo.example.org');

  const icb = server.feed('icb');
  icb.maxPerPage = 2; // the list comes in pages, as real feeds' do
  publish(icb, example('service_full'));
  clubs = [
    generatedService(icbOrganisation, { name: 'Autism Swim Club', lastModified: before(), venue }),
    generatedService(icbOrganisation, { name: 'Bilston Sensory Play', lastModified: before(), venue }),
    generatedService(icbOrganisation, { name: 'Climbing for All', lastModified: before() }),
  ];
  for (const club of clubs) publish(icb, club);
  const added = await imports().addFeed(editorCtx, { name: FEED_NAME, url: `${server.base('icb')}/` });
  icbFeedId = added.id;
});

afterAll(async () => {
  await t?.close();
  await server?.close();
});

describe.skipIf(!oruk)('importing a partner ORUK 3.0 feed', () => {
  it('creates every service the first time, as approved, externally sourced listings', async () => {
    const servicesBefore = await count('services');
    const auditFrom = await lastAuditId(db());
    const { report } = await imports().importFeed(editorCtx, icbFeedId);
    firstImportStarted = report.startedAt;
    expect(report.status, JSON.stringify(report.failures)).toBe('ok');
    expect(report.counts).toMatchObject({ published: 4, fetched: 4, created: 4, updated: 0, withdrawn: 0 });
    expect(report.modifiedAfter).toBeNull();
    // The official example's maximum_age of 100 is clamped, and the report says so.
    const exampleWarnings = report.warnings.find((w) => w.id === 'ac148810-d857-441c-9679-408f346de14b');
    expect(exampleWarnings?.notes).toContainEqual({
      path: '/maximum_age',
      message: expect.stringContaining('is 100, over 25'),
    });

    const rows = await feedServices(icbFeedId);
    expect(rows.map((r) => r.name)).toEqual([
      'Autism Swim Club',
      'Bilston Sensory Play',
      'Climbing for All',
      'Community Counselling',
    ]);
    expect(await count('services')).toBe(servicesBefore + 4);
    for (const row of rows) {
      expect(row).toMatchObject({ source: FEED_NAME, withdrawn_at: null, live_revision_number: 1 });
    }
    expect(rows.map((r) => r.external_id).sort()).toEqual(
      ['ac148810-d857-441c-9679-408f346de14b', ...clubs.map((c) => String(c.id))].sort(),
    );
    // One organisation per organisation in the feed, and one venue for the clubs that share one.
    const organisations = await db()
      .selectFrom('directory_organisations')
      .select(['name', 'external_id'])
      .where('source_feed_id', '=', icbFeedId)
      .orderBy('name')
      .execute();
    expect(organisations).toEqual([
      { name: 'Black Country Healthcare', external_id: String(icbOrganisation.id) },
      { name: 'Example Organization Inc.', external_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610' },
    ]);
    const venues = await db()
      .selectFrom('locations')
      .select(['name', 'external_id'])
      .where('source_feed_id', '=', icbFeedId)
      .orderBy('name')
      .execute();
    expect(venues.map((v) => v.external_id).sort()).toEqual(
      [
        String(venue.id),
        String((clubs[2]?.service_at_locations as Record_[])[0]?.location_id),
        '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
      ].sort(),
    );
    // The terms it matched, and the languages it knows.
    const swim = rows.find((r) => r.name === 'Autism Swim Club');
    const terms = await db()
      .selectFrom('service_attributes as a')
      .innerJoin('taxonomy_terms as x', 'x.id', 'a.taxonomy_term_id')
      .select('x.code')
      .where('a.service_id', '=', swim?.id ?? '')
      .execute();
    expect(terms.map((x) => x.code)).toContain('autism');

    const feed = await t.container.repos.orukFeeds.findFeed(icbFeedId);
    expect(feed).toMatchObject({ last_status: 'ok', base_url: server.base('icb') });
    expect(feed?.last_imported_at).toBeInstanceOf(Date);
    expect(feed?.last_counts).toMatchObject({ created: 4 });
    expect((await auditActionsSince(db(), auditFrom)).map((a) => a.action)).toEqual([
      'local-offer.feed.imported',
    ]);

    // The public page says where the listing comes from and when it was last imported.
    const page = await new FormSession(t.app).get(`/local-offer/services/${swim?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      new RegExp(`This information comes from ${FEED_NAME}, last imported \\d{1,2} \\w+ \\d{4}\\.`),
    );
  });

  it('changes nothing and duplicates nothing when it is imported again unchanged', async () => {
    const before = {
      services: await count('services'),
      organisations: await count('directory_organisations'),
      locations: await count('locations'),
      revisions: await count('service_revisions'),
      rows: await feedServices(icbFeedId),
    };
    server.clearRequests();
    const { report } = await imports().importFeed(editorCtx, icbFeedId);
    expect(report.status).toBe('ok');
    expect(report.counts).toMatchObject({
      published: 4,
      fetched: 0,
      created: 0,
      updated: 0,
      unchanged: 4,
      withdrawn: 0,
    });
    expect(await count('services')).toBe(before.services);
    expect(await count('directory_organisations')).toBe(before.organisations);
    expect(await count('locations')).toBe(before.locations);
    expect(await count('service_revisions')).toBe(before.revisions);
    expect(await feedServices(icbFeedId)).toEqual(before.rows);
    // It asked only for what changed since the first import, and for the ids still published.
    const lists = server.requests('icb').filter((u) => u.pathname.endsWith('/services'));
    expect(lists.some((u) => u.searchParams.get('modified_after') === firstImportStarted)).toBe(true);
    expect(lists.some((u) => u.searchParams.get('minimal') === 'true')).toBe(true);
    expect(serviceRequests('icb')).toEqual([]);
  });

  it('updates a service changed upstream, found with modified_after', async () => {
    const changed = clubs[0] as Record_;
    changed.name = 'Autism Swim Club (Saturdays)';
    changed.maximum_age = 12;
    changed.last_modified = new Date(t.clock.now().getTime() + 60_000).toISOString();
    server.clearRequests();
    const { report } = await imports().importFeed(editorCtx, icbFeedId);
    expect(report.status).toBe('ok');
    expect(report.modifiedAfter).toBe(firstImportStarted);
    expect(report.counts).toMatchObject({ fetched: 1, created: 0, updated: 1, unchanged: 3 });
    const changedList = server
      .requests('icb')
      .find((u) => u.pathname.endsWith('/services') && u.searchParams.has('modified_after'));
    expect(changedList?.searchParams.get('modified_after')).toBe(firstImportStarted);
    expect(serviceRequests('icb').map((u) => decodeURIComponent(u.pathname.split('/').at(-1) ?? ''))).toEqual(
      [changed.id],
    );

    const row = await db()
      .selectFrom('services')
      .select(['id', 'name', 'maximum_age', 'live_revision_number', 'external_last_modified'])
      .where('source_feed_id', '=', icbFeedId)
      .where('external_id', '=', String(changed.id))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Autism Swim Club (Saturdays)',
      maximum_age: 12,
      live_revision_number: 2,
    });
    expect(row.external_last_modified?.toISOString()).toBe(changed.last_modified);
    const versions = await db()
      .selectFrom('service_revisions')
      .select(['number', 'status', 'change_summary'])
      .where('service_id', '=', row.id)
      .orderBy('number')
      .execute();
    expect(versions).toEqual([
      { number: 1, status: 'superseded', change_summary: `Imported from ${FEED_NAME}` },
      { number: 2, status: 'approved', change_summary: `Imported from ${FEED_NAME}` },
    ]);
    expect((await feedServices(icbFeedId)).length).toBe(4);
  });

  it('withdraws a service that disappears upstream, and restores it when it comes back', async () => {
    const gone = clubs[1] as Record_;
    server.feed('icb').services.delete(String(gone.id));
    const { report } = await imports().importFeed(editorCtx, icbFeedId);
    expect(report.counts).toMatchObject({ published: 3, withdrawn: 1, created: 0, updated: 0 });
    const row = (await feedServices(icbFeedId)).find((r) => r.external_id === gone.id);
    expect(row?.withdrawn_at).toBeInstanceOf(Date);
    expect(row?.external_removed_at).toBeInstanceOf(Date);
    expect((await new FormSession(t.app).get(`/local-offer/services/${row?.id}`)).statusCode).toBe(404);
    // Withdrawn, not deleted: the listing and its history are kept.
    expect(await count('service_revisions')).toBeGreaterThan(0);
    expect((await feedServices(icbFeedId)).length).toBe(4);

    // An editor's own withdrawal of another imported service stands through imports.
    const climbing = (await feedServices(icbFeedId)).find((r) => r.name === 'Climbing for All');
    await t.container.services.localOfferManagement.setWithdrawn(editorCtx, climbing?.id ?? '', true);

    publish(server.feed('icb'), gone);
    const again = await imports().importFeed(editorCtx, icbFeedId);
    expect(again.report.counts).toMatchObject({ published: 4, restored: 1, withdrawn: 0, created: 0 });
    const rows = await feedServices(icbFeedId);
    expect(rows.find((r) => r.external_id === gone.id)).toMatchObject({
      withdrawn_at: null,
      external_removed_at: null,
    });
    expect(rows.find((r) => r.name === 'Climbing for All')?.withdrawn_at).toBeInstanceOf(Date);
    await t.container.services.localOfferManagement.setWithdrawn(editorCtx, climbing?.id ?? '', false);
  });

  it('imports nothing from a feed with an invalid record, and reports each failing record with its problems', async () => {
    const bad = server.feed('bad');
    const org = generatedOrganisation('Neighbouring Council');
    publish(bad, generatedService(org, { name: 'Good Club', lastModified: before() }));
    const badId = generatedService(org, { name: 'Broken Ids Club', lastModified: before() });
    badId.contacts = [{ ...(badId.contacts as Record_[])[0], id: 'not-a-uuid' }];
    publish(bad, badId);
    const nameless = generatedService(org, { lastModified: before() });
    delete nameless.name;
    publish(bad, nameless);
    const { id } = await imports().addFeed(editorCtx, {
      name: 'Neighbouring council',
      url: server.base('bad'),
    });
    const auditFrom = await lastAuditId(db());
    const servicesBefore = await count('services');
    const organisationsBefore = await count('directory_organisations');

    const { report } = await imports().importFeed(editorCtx, id);
    expect(report.status).toBe('failed');
    expect(report.counts.created).toBe(0);
    expect(report.failures.map((f) => [f.name, f.id])).toEqual([
      ['(no name)', String(nameless.id)],
      ['Broken Ids Club', String(badId.id)],
    ]);
    expect(report.failures[0]?.notes).toContainEqual({
      path: '/name',
      message: "the document must have required property 'name'",
    });
    expect(report.failures[1]?.notes).toContainEqual({
      path: '/contacts/0/id',
      message: expect.stringContaining('must be a UUID'),
    });
    expect(await count('services')).toBe(servicesBefore);
    expect(await count('directory_organisations')).toBe(organisationsBefore);
    expect(await feedServices(id)).toEqual([]);
    const feed = await t.container.repos.orukFeeds.findFeed(id);
    expect(feed).toMatchObject({ last_status: 'failed', last_imported_at: null });
    expect(feed?.last_report?.failures).toHaveLength(2);
    expect((await auditActionsSince(db(), auditFrom)).map((a) => a.action)).toEqual([
      'local-offer.feed.import-failed',
    ]);
  });

  it('reports a service whose id in the list is not a UUID, once', async () => {
    const feed = server.feed('bad-ids');
    const org = generatedOrganisation('Odd Ids Trust');
    publish(feed, {
      ...generatedService(org, { name: 'Odd Id Club', lastModified: before() }),
      id: 'club-1',
    });
    const { id } = await imports().addFeed(editorCtx, { name: 'Odd ids', url: server.base('bad-ids') });
    const { report } = await imports().importFeed(editorCtx, id);
    expect(report.failures).toEqual([
      {
        id: 'club-1',
        name: 'Odd Id Club',
        notes: [{ path: '/contents/0/id', message: 'on page 1 of the list, must be a UUID, not "club-1"' }],
      },
    ]);
    expect(await feedServices(id)).toEqual([]);
  });

  it('keeps nothing of an import of a good feed in which one record has gone bad', async () => {
    const icb = server.feed('icb');
    const changed = clubs[2] as Record_;
    changed.name = 'Climbing for Everyone';
    const later = new Date(t.clock.now().getTime() + 120_000).toISOString();
    changed.last_modified = later;
    const broken = generatedService(icbOrganisation, { name: 'Half Broken', lastModified: later });
    broken.minimum_age = 4.5;
    publish(icb, broken);
    icb.services.delete(String(clubs[1]?.id));
    const before = await feedServices(icbFeedId);

    const { report } = await imports().importFeed(editorCtx, icbFeedId);
    expect(report.status).toBe('failed');
    expect(report.failures).toEqual([
      {
        id: String(broken.id),
        name: 'Half Broken',
        notes: [{ path: '/minimum_age', message: 'must be a whole number of years (0 or more), not 4.5' }],
      },
    ]);
    // Not the change, not the new one, not the withdrawal.
    expect(await feedServices(icbFeedId)).toEqual(before);
    const feed = await t.container.repos.orukFeeds.findFeed(icbFeedId);
    expect(feed?.last_status).toBe('failed');
    // The next import still asks for everything since the last good one.
    expect(feed?.last_import_started_at?.toISOString()).toBe(report.modifiedAfter);

    icb.services.delete(String(broken.id));
    publish(icb, clubs[1] as Record_);
    const fixed = await imports().importFeed(editorCtx, icbFeedId);
    expect(fixed.report.status).toBe('ok');
    expect(fixed.report.counts).toMatchObject({ updated: 1, created: 0, withdrawn: 0 });
  });

  it('falls back to the plain list when a feed does not offer minimal lists', async () => {
    const plain = server.feed('plain');
    plain.rejectMinimal = true;
    const org = generatedOrganisation('Plain Trust');
    const kept = generatedService(org, { name: 'Plain Club', lastModified: before() });
    const dropped = generatedService(org, { name: 'Plain Group', lastModified: before() });
    publish(plain, kept);
    publish(plain, dropped);
    const { id } = await imports().addFeed(editorCtx, { name: 'Plain feed', url: server.base('plain') });
    expect((await imports().importFeed(editorCtx, id)).report.counts.created).toBe(2);
    plain.services.delete(String(dropped.id));
    server.clearRequests();
    const { report } = await imports().importFeed(editorCtx, id);
    expect(report.status).toBe('ok');
    expect(report.counts).toMatchObject({ published: 1, withdrawn: 1 });
    const lists = server.requests('plain').filter((u) => u.pathname.endsWith('/services'));
    expect(lists.map((u) => u.searchParams.get('minimal'))).toEqual([null, 'true', null]);
  });

  it('says clearly when a feed cannot be read, and changes nothing', async () => {
    const service = createOrukImportService({
      repos: createRepositories(db()),
      transaction: createTransactor(db()),
      clock: t.clock,
      settings: { schemaDir, timeoutMs: 2000, maxBytes: 2000 },
    });
    const attempt = async (name: string, setUp: () => void) => {
      setUp();
      const { id } = await service.addFeed(editorCtx, { name, url: server.base(name) });
      return (await service.importFeed(editorCtx, id)).report;
    };
    const down = await attempt('down', () => {
      server.feed('down').broken = { status: 503, contentType: 'text/plain', body: 'Service Unavailable' };
    });
    expect(down).toMatchObject({
      status: 'failed',
      error: `${server.base('down')}/services?per_page=100&page=1 answered 503 Service Unavailable`,
    });
    const html = await attempt('html', () => {
      server.feed('html').broken = { status: 200, contentType: 'text/html', body: '<!doctype html><p>Hello' };
    });
    expect(html.error).toBe(
      `${server.base('html')}/services?per_page=100&page=1 did not answer with JSON (it sent text/html)`,
    );
    const big = await attempt('big', () => {
      server.feed('big').broken = {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ contents: [], pad: 'x'.repeat(5000) }),
      };
    });
    expect(big.error).toMatch(/sent more than 2 KB, the most an answer may be$/);
    // A feed nobody answers at: a port that was just closed.
    const closed = await startFeedServer();
    const nowhere = closed.base('gone');
    await closed.close();
    const { id } = await service.addFeed(editorCtx, { name: 'Gone', url: nowhere });
    const refused = (await service.importFeed(editorCtx, id)).report;
    expect(refused.error).toBe(
      `${nowhere}/services?per_page=100&page=1 could not be reached: the connection was refused`,
    );

    const missing = createOrukImportService({
      repos: createRepositories(db()),
      transaction: createTransactor(db()),
      clock: t.clock,
      settings: { schemaDir: '/nonexistent/oruk/schema' },
    });
    await expect(missing.importFeed(editorCtx, id)).rejects.toThrow(
      /official Open Referral UK 3.0 schemas are needed/,
    );
  });

  it('reads back the official example through our own /api/oruk equal in every field it keeps', async () => {
    const original = example('service_full');
    const ours = await db()
      .selectFrom('services')
      .select('id')
      .where('source_feed_id', '=', icbFeedId)
      .where('external_id', '=', String(original.id))
      .executeTakeFirstOrThrow();
    const response = await t.app.inject({ method: 'GET', url: `/api/oruk/services/${ours.id}` });
    expect(response.statusCode).toBe(200);
    const back = response.json() as Record_;
    // Our own feed of it is valid ORUK 3.0.
    expect(loadOrukValidator(schemaDir).validate('service', back)).toEqual({ valid: true, problems: [] });

    const pick = (o: unknown, keys: string[]) =>
      Object.fromEntries(keys.map((k) => [k, (o as Record_)[k]]).filter(([, v]) => v !== undefined));
    const first = (o: Record_, key: string) => (o[key] as Record_[])[0] as Record_;
    const trimmed = (o: Record_) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
    const hhmm = (v: unknown) => String(v).slice(0, 5);

    expect(back.id).toBe(ours.id);
    expect(pick(back, ['name', 'description', 'url', 'email', 'status', 'fees', 'minimum_age'])).toEqual(
      trimmed(pick(original, ['name', 'description', 'url', 'email', 'status', 'fees', 'minimum_age'])),
    );
    // Ages beyond 25 are clamped (and the import's report said so).
    expect(back.maximum_age).toBe(25);

    const scheduleKeys = ['freq', 'interval', 'byday', 'dtstart', 'valid_from', 'valid_to', 'description'];
    expect(pick(first(back, 'schedules'), scheduleKeys)).toEqual(
      pick(first(original, 'schedules'), scheduleKeys),
    );
    expect(hhmm(first(back, 'schedules').opens_at)).toBe(hhmm(first(original, 'schedules').opens_at));
    expect(hhmm(first(back, 'schedules').closes_at)).toBe(hhmm(first(original, 'schedules').closes_at));

    expect(first(back, 'service_areas').name).toBe(first(original, 'service_areas').name);

    const location = (o: Record_) => first(o, 'service_at_locations').location as Record_;
    expect(pick(location(back), ['name', 'location_type'])).toEqual(
      pick(location(original), ['name', 'location_type']),
    );
    const addressKeys = ['address_1', 'city', 'postal_code'];
    expect(pick(first(location(back), 'addresses'), addressKeys)).toEqual(
      pick(first(location(original), 'addresses'), addressKeys),
    );
    // Its latitude of 100 is not on Earth, let alone in the UK: left out (and reported).
    expect(location(back).latitude).toBeUndefined();

    const costKeys = ['option', 'amount', 'amount_description'];
    expect(pick(first(back, 'cost_options'), costKeys)).toEqual(
      pick(first(original, 'cost_options'), costKeys),
    );
    expect(pick(first(back, 'contacts'), ['name', 'title'])).toEqual(
      pick(first(original, 'contacts'), ['name', 'title']),
    );
    const orgKeys = ['name', 'description', 'email', 'website'];
    expect(pick(back.organization, orgKeys)).toEqual(pick(original.organization, orgKeys));
  });
});

describe.skipIf(!oruk)('the safeguards of an import', () => {
  /** A feed of `n` services, imported once. */
  async function importedFeed(name: string, n: number) {
    const feed = server.feed(name);
    const org = generatedOrganisation(`${name} Trust`);
    const services = Array.from({ length: n }, (_, i) =>
      generatedService(org, {
        name: `${name} club ${String(i + 1).padStart(2, '0')}`,
        lastModified: before(),
      }),
    );
    for (const s of services) publish(feed, s);
    const { id } = await imports().addFeed(editorCtx, { name: `Feed ${name}`, url: server.base(name) });
    const { report } = await imports().importFeed(editorCtx, id);
    expect(report.status, JSON.stringify(report)).toBe('ok');
    expect(report.counts.created).toBe(n);
    return { feed, id, services };
  }
  const live = async (feedId: string) =>
    (await feedServices(feedId)).filter((s) => s.withdrawn_at === null).length;

  it('fails, and withdraws nothing, when the list glitches to an empty one without its paging', async () => {
    const { feed, id } = await importedFeed('glitch-empty', 3);
    const before = await feedServices(id);
    const auditFrom = await lastAuditId(db());
    feed.alterList = () => ({ contents: [] });
    for (const full of [false, true]) {
      const { report } = await imports().importFeed(editorCtx, id, { full });
      expect(report.status).toBe('failed');
      expect(report.error).toContain("is not a sound page of the feed's list of services");
      expect(report.error).toContain('/total_items: is missing');
      expect(report.counts.withdrawn).toBe(0);
    }
    expect(await feedServices(id)).toEqual(before);
    expect(await live(id)).toBe(3);
    expect((await auditActionsSince(db(), auditFrom)).map((a) => a.action)).toEqual([
      'local-offer.feed.import-failed',
      'local-offer.feed.import-failed',
    ]);

    // A list that is empty and says so, paging and all, is a feed that has withdrawn everything:
    // refused too (see below), but for that reason.
    feed.alterList = undefined;
    feed.services.clear();
    const { report } = await imports().importFeed(editorCtx, id);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('would withdraw 3 of the 3 services from this feed');
    expect(await live(id)).toBe(3);
  });

  it('fails, and withdraws nothing, when a page gives fewer services than the list says it has', async () => {
    const { feed, id } = await importedFeed('glitch-short', 12);
    const before = await feedServices(id);
    // total_items 40 and the first 10 services, with no total_pages to say there are more pages.
    feed.alterList = (page) => {
      const { total_pages: _pages, ...rest } = page;
      return { ...rest, total_items: 40, size: 10, contents: (page.contents as unknown[]).slice(0, 10) };
    };
    const missingPages = (await imports().importFeed(editorCtx, id, { full: true })).report;
    expect(missingPages.status).toBe('failed');
    expect(missingPages.error).toContain('/total_pages: is missing');
    // The same, with total_pages there: the last page does not hold the rest.
    feed.alterList = (page) => ({
      ...page,
      total_items: 40,
      size: 10,
      contents: (page.contents as unknown[]).slice(0, 10),
    });
    const short = (await imports().importFeed(editorCtx, id, { full: true })).report;
    expect(short.status).toBe('failed');
    expect(short.error).toContain('/contents: has 10 items on the last page, not the 40 left over');
    expect(await feedServices(id)).toEqual(before);
    expect(await live(id)).toBe(12);
  });

  it('fails when the pages add up but hold fewer distinct services than the list says', async () => {
    const { feed, id } = await importedFeed('glitch-repeat', 4);
    feed.maxPerPage = 2;
    const before = await feedServices(id);
    // An unstable order: page 2 repeats page 1, so half the feed is never listed.
    let first: unknown[] = [];
    feed.alterList = (page, url) => {
      if (url.searchParams.get('page') === '1') first = page.contents as unknown[];
      else return { ...page, contents: first };
      return undefined;
    };
    const { report } = await imports().importFeed(editorCtx, id);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/^the feed listed 2 services but said it had 4 \(.*\/services\?/);
    expect(await feedServices(id)).toEqual(before);
    feed.alterList = undefined;
    expect((await imports().importFeed(editorCtx, id)).report).toMatchObject({
      status: 'ok',
      counts: { published: 4, withdrawn: 0 },
    });
  });

  it('refuses to withdraw most of a feed unless told to, and the editor sees why', async () => {
    const { feed, id, services } = await importedFeed('shrinking', 4);
    const before = await feedServices(id);
    for (const s of services.slice(1)) feed.services.delete(String(s.id));
    const most = (await imports().importFeed(editorCtx, id)).report;
    expect(most.status).toBe('failed');
    expect(most.error).toMatch(
      /^this import would withdraw 3 of the 4 services from this feed on the Local Offer \(more than 50%\), so nothing was changed\./,
    );
    expect(most.error).toContain(
      `npm run oruk:import -- ${server.base('shrinking')} --allow-withdrawing-most`,
    );
    expect(await feedServices(id)).toEqual(before);
    const stored = await t.container.repos.orukFeeds.findFeed(id);
    expect(stored).toMatchObject({ last_status: 'failed' });

    // The editor sees the message on the feed's page, and has no way round it there.
    const editor = new FormSession(t.app);
    await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
    const page = await editor.get(`${BASE}/feeds/${id}`);
    expect(page.body).toContain('would withdraw 3 of the 4 services');
    expect(page.body).toContain('--allow-withdrawing-most');
    expect(page.body).not.toMatch(/allow[-_ ]?mass|withdrawing-most"/i);

    // Half is allowed (the share is "more than"), and so is anything when asked for explicitly.
    publish(feed, services[1] as Record_);
    expect((await imports().importFeed(editorCtx, id)).report).toMatchObject({
      status: 'ok',
      counts: { withdrawn: 2 },
    });
    feed.services.clear();
    const all = (await imports().importFeed(editorCtx, id)).report;
    expect(all.error).toContain(
      'would withdraw 2 of the 2 services from this feed on the Local Offer (all of them)',
    );
    expect(await live(id)).toBe(2);
    const allowed = (await imports().importFeed(editorCtx, id, { allowMassWithdrawal: true })).report;
    expect(allowed).toMatchObject({ status: 'ok', counts: { published: 0, withdrawn: 2 } });
    expect(await live(id)).toBe(0);
    // A feed with nothing on the Local Offer has nothing to protect.
    expect((await imports().importFeed(editorCtx, id)).report.status).toBe('ok');
  });

  it('runs one import of a feed at a time: a second, started meanwhile, is refused at once', async () => {
    const { feed, id } = await importedFeed('slow', 2);
    feed.delayMs = 300;
    const auditFrom = await lastAuditId(db());
    const started = Date.now();
    const results = await Promise.allSettled([
      imports().importFeed(editorCtx, id, { full: true }),
      imports().importFeed(editorCtx, id, { full: true }),
    ]);
    const ran = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(ran[0]?.value.report).toMatchObject({ status: 'ok', counts: { fetched: 2, updated: 0 } });
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(t.clock.now());
    expect(refused[0]?.reason).toBeInstanceOf(ImportAlreadyRunningError);
    expect((refused[0]?.reason as Error).message).toBe(
      `An import of this feed is already running (started at ${clock})`,
    );
    // The slow feed made the one that ran take a while; the other did not wait for it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect((await auditActionsSince(db(), auditFrom)).map((a) => a.action)).toEqual([
      'local-offer.feed.imported',
    ]);
    expect(await live(id)).toBe(2);
    expect((await t.container.repos.orukFeeds.importRunningSince(id)) ?? null).toBeNull();

    // "Import now" while an import runs says so on the feed's page, and changes nothing.
    const editor = new FormSession(t.app);
    await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
    await editor.get(`${BASE}/feeds/${id}`);
    const running = imports().importFeed(editorCtx, id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const clicked = await editor.post(`${BASE}/feeds/${id}/import`, {});
    expect(clicked.statusCode).toBe(409);
    expect(clicked.body).toContain(`An import of this feed is already running (started at ${clock})`);
    expect((await running).report.status).toBe('ok');

    // A claim left by an import that died is taken over once it is stale (15 minutes), not before.
    const setClaim = (minutesAgo: number) =>
      db()
        .updateTable('oruk_feeds')
        .set({ running_since: new Date(t.clock.now().getTime() - minutesAgo * 60_000) })
        .where('id', '=', id)
        .execute();
    await setClaim(10);
    await expect(imports().importFeed(editorCtx, id)).rejects.toThrow(/already running/);
    await setClaim(20);
    expect((await imports().importFeed(editorCtx, id)).report.status).toBe('ok');
    expect((await t.container.repos.orukFeeds.importRunningSince(id)) ?? null).toBeNull();
    feed.delayMs = undefined;
  });
});

describe.skipIf(!oruk)('partner feeds for Local Offer editors', () => {
  let editor: FormSession;
  let provider: FormSession;

  beforeAll(async () => {
    if (!oruk) return;
    editor = new FormSession(t.app);
    await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
    provider = new FormSession(t.app);
    await provider.signIn('provider@demo.example.org', DEMO_PASSWORD);
    const org = generatedOrganisation('Editor Test Trust');
    const e2e = server.feed('e2e');
    publish(e2e, generatedService(org, { name: 'Editor Test Club', lastModified: before() }));
    const failing = server.feed('e2e-bad');
    const nameless = generatedService(org, { lastModified: before() });
    delete nameless.name;
    publish(failing, nameless);
  });

  it('adds a feed, refusing bad input with an error summary, and imports it with "Import now"', async () => {
    const overview = await editor.get(BASE);
    expect(overview.body).toContain(`href="${BASE}/feeds"`);
    expect((await editor.get(`${BASE}/feeds`)).statusCode).toBe(200);
    expect(editor.lastPage).toContain(FEED_NAME);

    await editor.get(`${BASE}/feeds/new`);
    const refused = await editor.post(`${BASE}/feeds/new`, { name: '', url: 'ftp://example.org/oruk' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#name"');
    expect(refused.body).toContain('The web address must start with https:// or http://');
    const duplicate = await editor.post(`${BASE}/feeds/new`, { name: 'Again', url: server.base('icb') });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('A feed with this web address has already been added');

    const added = await editor.post(`${BASE}/feeds/new`, {
      name: 'Editor test feed',
      url: server.base('e2e'),
    });
    expect(added.statusCode).toBe(303);
    const feedPage = String(added.headers.location);
    expect(feedPage).toMatch(new RegExp(`^${BASE}/feeds/[0-9a-f-]{36}$`));
    expect((await editor.get(feedPage)).body).toContain('Never imported');

    const imported = await editor.post(`${feedPage}/import`, {});
    expect(imported.statusCode).toBe(303);
    const after = await editor.get(feedPage);
    expect(after.body).toContain('The feed has been imported');
    expect(after.body).toContain('1 service added');
    const id = feedPage.split('/').at(-1) ?? '';
    expect((await feedServices(id)).map((s) => s.name)).toEqual(['Editor Test Club']);

    // Again, reading everything: nothing changes.
    await editor.post(`${feedPage}/import`, { full: 'yes' });
    expect((await editor.get(feedPage)).body).toContain('1 unchanged');
    expect((await feedServices(id)).length).toBe(1);
  });

  it('shows the record-by-record report of a feed that fails, and imports nothing', async () => {
    await editor.get(`${BASE}/feeds/new`);
    const added = await editor.post(`${BASE}/feeds/new`, {
      name: 'Failing feed',
      url: server.base('e2e-bad'),
    });
    const feedPage = String(added.headers.location);
    await editor.get(feedPage);
    expect((await editor.post(`${feedPage}/import`, {})).statusCode).toBe(303);
    const page = await editor.get(feedPage);
    expect(page.body).toContain('The feed was not imported');
    // An "Important" banner, not a success message.
    expect(page.body).not.toContain('govuk-notification-banner--success');
    expect(page.body).toContain('Services that fail the checks');
    expect(page.body).toContain(String([...server.feed('e2e-bad').services.keys()][0]));
    expect(page.body).toContain('<code class="govuk-!-text-break-word">/name</code>');
    expect(await feedServices(feedPage.split('/').at(-1) ?? '')).toEqual([]);
  });

  it('is for Local Offer editors only, and its forms need a CSRF token', async () => {
    expect((await provider.get(`${BASE}/feeds`)).statusCode).toBe(403);
    expect((await provider.get(`${BASE}/feeds/${icbFeedId}`)).statusCode).toBe(403);
    await editor.get(`${BASE}/feeds/${icbFeedId}`);
    const forged = await editor.post(`${BASE}/feeds/${icbFeedId}/import`, {}, { csrf: null });
    expect(forged.statusCode).toBe(403);
    const anonymous = await new FormSession(t.app).get(`${BASE}/feeds`);
    expect(anonymous.statusCode).toBe(303);
  });

  it('keeps imported listings read-only for providers and editors, who may still withdraw and restore', async () => {
    const swim = (await feedServices(icbFeedId)).find((s) => s.name.startsWith('Autism Swim Club'));
    const id = swim?.id ?? '';
    // The provider's organisation is linked to the imported organisation, so it may see the listing.
    await db()
      .updateTable('directory_organisations')
      .set({ account_organisation_id: await platformOrganisationId(db(), 'provider') })
      .where('id', '=', swim?.organisation_id ?? '')
      .execute();
    const revisionsBefore = await count('service_revisions');

    const listing = await provider.get(`${BASE}/services/${id}`);
    expect(listing.statusCode).toBe(200);
    expect(listing.body).toContain(`This listing comes from ${FEED_NAME}'s open data feed`);
    expect(listing.body).not.toContain('Change this listing');

    const form = await provider.get(`${BASE}/services/${id}/edit`);
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('You cannot change Autism Swim Club (Saturdays) here');
    expect(form.body).toContain(`Ask ${FEED_NAME} to correct it`);
    await provider.get(`${BASE}/services/${id}`);
    const posted = await provider.post(`${BASE}/services/${id}/edit`, listingFormFields({ editor: false }));
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('You cannot change');
    const confirmed = await provider.post(`${BASE}/services/${id}/confirm`, {});
    expect(confirmed.statusCode).toBe(403);

    // The rule is the management service's, not only the pages'.
    await expect(
      t.container.services.localOfferManagement.saveListing(providerCtx, {
        serviceId: id,
        data: {} as never,
        rows: { contacts: 1, venues: 1, schedules: 1, costs: 1 } as never,
      }),
    ).rejects.toBeInstanceOf(ReadOnlyListingError);
    await expect(
      t.container.services.localOfferManagement.editListingForm(editorCtx, id),
    ).rejects.toBeInstanceOf(ReadOnlyListingError);
    expect((await editor.get(`${BASE}/services/${id}/edit`)).statusCode).toBe(403);
    expect(await count('service_revisions')).toBe(revisionsBefore);

    await editor.get(`${BASE}/services/${id}/withdraw`);
    expect((await editor.post(`${BASE}/services/${id}/withdraw`, {})).statusCode).toBe(303);
    expect((await feedServices(icbFeedId)).find((s) => s.id === id)?.withdrawn_at).toBeInstanceOf(Date);
    await editor.get(`${BASE}/services/${id}/restore`);
    expect((await editor.post(`${BASE}/services/${id}/restore`, {})).statusCode).toBe(303);
    expect((await feedServices(icbFeedId)).find((s) => s.id === id)?.withdrawn_at).toBeNull();
  });
});

describe.skipIf(!oruk)('npm run oruk:import', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'send-oruk-import-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = (() => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    return {
      ...base,
      NODE_ENV: 'test',
      PGLITE_DATA_DIR: path.join(root, 'pglite'),
      LOG_LEVEL: 'silent',
      ORUK_SCHEMA_DIR: schemaDir,
    };
  })();

  /** The command as a real process; asynchronous, so that this process's feed server can answer it. */
  function run(args: string[], extraEnv: Record<string, string> = {}) {
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['src/cli/oruk-import.ts', ...args], {
        env: { ...env, ...extraEnv },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('imports a feed with progress, again without duplicates, and fails with the report and exit code 1', async () => {
    const cli = server.feed('cli');
    const org = generatedOrganisation('Command Line Trust');
    publish(cli, example('service_full'));
    publish(cli, generatedService(org, { name: 'Command Line Club', lastModified: before() }));

    const first = await run([server.base('cli'), '--name', 'Command line feed']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Added the feed Command line feed (${server.base('cli')}).`);
    expect(first.stdout).toContain('Imported: 2 services added (the feed publishes 2 services).');
    expect(first.stdout).toContain('/maximum_age: is 100, over 25');
    expect(first.stderr).toMatch(/\[#+\] 100% 2 of 2 services read/);

    const again = await run([server.base('cli')]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Imported: 2 unchanged (the feed publishes 2 services).');

    const nameless = generatedService(org, { lastModified: new Date(Date.now() + 60_000).toISOString() });
    delete nameless.name;
    publish(cli, nameless);
    const failed = await run([server.base('cli')]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('Nothing was imported: 1 service in the feed fails validation.');
    expect(failed.stderr).toContain(`- (no name) (${String(nameless.id)})`);
    expect(failed.stderr).toContain("    /name: the document must have required property 'name'");
    expect(failed.stderr).not.toMatch(/\n\s+at /);

    const noSchemas = await run([server.base('cli')], { ORUK_SCHEMA_DIR: path.join(root, 'nowhere') });
    expect(noSchemas.status).toBe(1);
    expect(noSchemas.stderr).toContain('official Open Referral UK 3.0 schemas are needed');
    expect(noSchemas.stderr).toContain('ORUK_SCHEMA_DIR');
  }, 120_000);

  it('withdraws most of a feed only with --allow-withdrawing-most', async () => {
    const feed = server.feed('cli-emptied');
    const org = generatedOrganisation('Emptied Trust');
    publish(feed, generatedService(org, { name: 'Emptied Club', lastModified: before() }));
    publish(feed, generatedService(org, { name: 'Emptied Group', lastModified: before() }));
    const first = await run([server.base('cli-emptied'), '--name', 'Emptied feed']);
    expect(first.status, first.stderr).toBe(0);

    feed.services.clear();
    const refused = await run([server.base('cli-emptied')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'The feed could not be imported: this import would withdraw 2 of the 2 services from this feed on the Local Offer (all of them), so nothing was changed.',
    );
    expect(refused.stderr).toContain(
      `npm run oruk:import -- ${server.base('cli-emptied')} --allow-withdrawing-most`,
    );

    const allowed = await run([server.base('cli-emptied'), '--allow-withdrawing-most']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain('Imported: 2 withdrawn (the feed publishes 0 services).');
  }, 120_000);
});
