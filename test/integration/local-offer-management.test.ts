import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories.ts';
import { addDays } from '../../src/lib/dates.ts';
import { FormSession } from '../helpers/browser-session.ts';
import {
  auditActionsSince,
  createApprovedService,
  createDirectoryOrganisation,
  lastAuditId,
  listingFormFields,
  platformOrganisationId,
  revisionCount,
  revisions,
  termId,
  validListing,
} from '../helpers/local-offer-fixtures.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let editor: FormSession;
let provider: FormSession;
let practitioner: FormSession;
/** Directory organisations: the demo provider's own, another platform organisation's, and one nobody manages. */
let ownOrg: string;
let otherOrg: string;
let unmanagedOrg: string;
let leisureTerm: string;
let autismTerm: string;
let today: string;

const BASE = '/staff/local-offer';
const db = () => t.database.db;

beforeAll(async () => {
  t = await buildTestApp();
  today = t.container.services.localOfferManagement.today();
  ownOrg = await createDirectoryOrganisation(db(), {
    name: 'Splash Swimming Trust',
    accountOrganisationId: await platformOrganisationId(db(), 'provider'),
  });
  otherOrg = await createDirectoryOrganisation(db(), {
    name: 'City College Clubs',
    accountOrganisationId: await platformOrganisationId(db(), 'college'),
  });
  unmanagedOrg = await createDirectoryOrganisation(db(), {
    name: 'Volunteer Befrienders',
    accountOrganisationId: null,
  });
  leisureTerm = await termId(db(), 'leisure-and-activities');
  autismTerm = await termId(db(), 'autism');
  editor = new FormSession(t.app);
  await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
  provider = new FormSession(t.app);
  await provider.signIn('provider@demo.example.org', DEMO_PASSWORD);
  practitioner = new FormSession(t.app);
  await practitioner.signIn('health.practitioner@demo.example.org', DEMO_PASSWORD);
});
afterAll(async () => t?.close());

const validListingWithTerm = () => validListing({ termIds: [leisureTerm, autismTerm] });

const publicPage = (id: string) => new FormSession(t.app).get(`/local-offer/services/${id}`);

/** Opens a form page (for its CSRF token) and posts to it. */
async function submit(
  session: FormSession,
  page: string,
  fields: Record<string, string | string[]>,
  action = page,
) {
  const opened = await session.get(page);
  expect(opened.statusCode, `GET ${page}`).toBe(200);
  return session.post(action, fields);
}

async function pendingRevisionId(serviceId: string): Promise<string> {
  const row = await db()
    .selectFrom('service_revisions')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('who can reach the staff side of the Local Offer', () => {
  it('sends visitors to sign in', async () => {
    const res = await new FormSession(t.app).get(`${BASE}/services`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(`${BASE}/services`)}`);
  });

  it('refuses staff whose role has nothing to do with the Local Offer', async () => {
    const { id } = await createApprovedService(t, { organisationId: ownOrg });
    for (const path of [
      BASE,
      `${BASE}/services`,
      `${BASE}/services/new`,
      `${BASE}/services/${id}`,
      `${BASE}/services/${id}/edit`,
      `${BASE}/services/${id}/versions/1`,
      `${BASE}/moderation`,
      `${BASE}/taxonomies`,
    ]) {
      expect((await practitioner.get(path)).statusCode, path).toBe(403);
    }
    await practitioner.get('/account');
    expect((await practitioner.post(`${BASE}/services/${id}/confirm`, {})).statusCode).toBe(403);
  });

  it('shows the Local Offer in the navigation and staff area only to those who work on it', async () => {
    expect((await provider.get('/staff')).body).toContain('href="/staff/local-offer"');
    expect((await editor.get('/staff')).body).toContain('Local Offer listings');
    expect((await practitioner.get('/staff')).body).not.toContain('href="/staff/local-offer"');
  });

  it("keeps a provider to its own organisation's listings", async () => {
    const own = await createApprovedService(t, { organisationId: ownOrg });
    const other = await createApprovedService(t, { organisationId: otherOrg });
    const unmanaged = await createApprovedService(t, { organisationId: unmanagedOrg });
    const dashboard = await provider.get(BASE);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Your listings');
    expect(dashboard.body).toContain(own.listing.name);
    expect(dashboard.body).not.toContain(other.listing.name);
    const list = await provider.get(`${BASE}/services`);
    expect(list.body).toContain(own.listing.name);
    expect(list.body).not.toContain(other.listing.name);

    for (const id of [other.id, unmanaged.id]) {
      for (const path of [
        `${BASE}/services/${id}`,
        `${BASE}/services/${id}/edit`,
        `${BASE}/services/${id}/versions/1`,
      ]) {
        expect((await provider.get(path)).statusCode, path).toBe(403);
      }
    }
    await provider.get(`${BASE}/services/${own.id}`);
    const before = await revisionCount(db(), other.id);
    expect(
      (await provider.post(`${BASE}/services/${other.id}/edit`, listingFormFields({ editor: false })))
        .statusCode,
    ).toBe(403);
    expect((await provider.post(`${BASE}/services/${other.id}/confirm`, {})).statusCode).toBe(403);
    expect(await revisionCount(db(), other.id)).toBe(before);
    // The same session, with the same token, may confirm its own listing: the refusals above were about access.
    expect((await provider.post(`${BASE}/services/${own.id}/confirm`, {})).statusCode).toBe(303);
    // Nor a new listing for someone else's organisation.
    await provider.get(`${BASE}/services/new`);
    const created = await provider.post(
      `${BASE}/services/new`,
      listingFormFields({ editor: false, organisationId: otherOrg }),
    );
    expect(created.statusCode).toBe(400);
    expect(created.body).toContain('Select the organisation that runs the service');
    // Nor withdraw anything, nor moderate, nor manage taxonomies.
    expect((await provider.get(`${BASE}/services/${own.id}/withdraw`)).statusCode).toBe(403);
    expect((await provider.get(`${BASE}/moderation`)).statusCode).toBe(403);
    expect((await provider.get(`${BASE}/taxonomies`)).statusCode).toBe(403);
  });

  it("refuses a provider another organisation's change waiting for approval", async () => {
    const other = await createApprovedService(t, { organisationId: otherOrg });
    await submit(editor, `${BASE}/services/${other.id}/edit`, listingFormFields({ editor: true }));
    // An editor's change is approved at once, so there is version 2 to look for.
    expect((await provider.get(`${BASE}/services/${other.id}/versions/2`)).statusCode).toBe(403);
    const { id: ownId } = await createApprovedService(t, { organisationId: ownOrg });
    await submit(provider, `${BASE}/services/${ownId}/edit`, listingFormFields({ editor: false }));
    const revisionId = await pendingRevisionId(ownId);
    expect((await provider.get(`${BASE}/moderation/${revisionId}`)).statusCode).toBe(403);
    await provider.get(`${BASE}/services/${ownId}`);
    expect((await provider.post(`${BASE}/moderation/${revisionId}/approve`, {})).statusCode).toBe(403);
  });

  it('answers 404 for ids that do not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const session of [editor, provider]) {
      expect((await session.get(`${BASE}/services/${missing}`)).statusCode).toBe(404);
      expect((await session.get(`${BASE}/services/not-an-id/edit`)).statusCode).toBe(404);
    }
    expect((await editor.get(`${BASE}/moderation/${missing}`)).statusCode).toBe(404);
    const { id } = await createApprovedService(t, { organisationId: ownOrg });
    expect((await provider.get(`${BASE}/services/${id}/versions/9`)).statusCode).toBe(404);
    expect((await provider.get(`${BASE}/services/${id}/versions/x`)).statusCode).toBe(404);
    expect((await editor.get(`${BASE}/taxonomies/terms/${missing}`)).statusCode).toBe(404);
  });
});

describe('a provider changes its listing and an editor moderates', () => {
  it('keeps the live listing unchanged until an editor approves the change', async () => {
    const { id, listing } = await createApprovedService(t, { organisationId: ownOrg });
    const since = await lastAuditId(db());
    const form = await provider.get(`${BASE}/services/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${listing.name}"`);
    expect(form.body).not.toContain('name="visibility"');

    const res = await provider.post(
      `${BASE}/services/${id}/edit`,
      listingFormFields({ editor: false, categoryIds: [leisureTerm] }, { name: 'Splash Club (new name)' }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${BASE}/services/${id}`);
    const page = await provider.get(`${BASE}/services/${id}`);
    expect(page.body).toContain('Your changes have been sent for approval');
    expect(page.body).toContain('is waiting for approval');

    expect((await revisions(db(), id)).map((r) => r.status)).toEqual(['approved', 'pending']);
    const live = await publicPage(id);
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain(listing.name);
    expect(live.body).not.toContain('Splash Club (new name)');
    expect(await auditActionsSince(db(), since)).toEqual([
      { action: 'local-offer.listing.submitted', subject_id: id },
    ]);

    // A second change replaces the first one still waiting; both are kept in the history.
    await submit(
      provider,
      `${BASE}/services/${id}/edit`,
      listingFormFields({ editor: false }, { name: 'Splash Club (second go)' }),
    );
    expect((await revisions(db(), id)).map((r) => r.status)).toEqual(['approved', 'superseded', 'pending']);
    const again = await provider.get(`${BASE}/services/${id}/edit`);
    expect(again.body).toContain('value="Splash Club (second go)"');

    // The editor sees it in the queue, compares field by field, and approves.
    const queue = await editor.get(`${BASE}/moderation`);
    expect(queue.body).toContain('Splash Club (second go)');
    expect(queue.body).toContain('Rowan Provider');
    const revisionId = await pendingRevisionId(id);
    const review = await editor.get(`${BASE}/moderation/${revisionId}`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('Changed');
    expect(review.body).toContain(listing.name);
    expect(review.body).toContain('Splash Club (second go)');
    // Unchanged fields (both versions are free) are shown only when asked for.
    expect(review.body).not.toContain('Free or paid');
    const all = await editor.get(`${BASE}/moderation/${revisionId}?all=1`);
    expect(all.body).toContain('Show only the changed fields');
    expect(all.body).toContain('Free or paid');

    const since2 = await lastAuditId(db());
    const approved = await editor.post(`${BASE}/moderation/${revisionId}/approve`, {});
    expect(approved.statusCode).toBe(303);
    expect((await revisions(db(), id)).map((r) => r.status)).toEqual([
      'superseded',
      'superseded',
      'approved',
    ]);
    const after = await publicPage(id);
    expect(after.body).toContain('Splash Club (second go)');
    expect(after.body).toContain('Bilston Community Centre');
    expect(await auditActionsSince(db(), since2)).toEqual([
      { action: 'local-offer.listing.approved', subject_id: id },
    ]);
    // Deciding twice changes nothing.
    await editor.get(`${BASE}/moderation/${revisionId}`);
    expect((await editor.post(`${BASE}/moderation/${revisionId}/approve`, {})).statusCode).toBe(303);
    expect(await auditActionsSince(db(), since2)).toHaveLength(1);
  });

  it('asks for a reason to reject, and shows the provider that reason', async () => {
    const { id, listing } = await createApprovedService(t, { organisationId: ownOrg });
    await submit(
      provider,
      `${BASE}/services/${id}/edit`,
      listingFormFields({ editor: false }, { name: 'Not quite right' }),
    );
    const revisionId = await pendingRevisionId(id);
    const since = await lastAuditId(db());

    const missing = await submit(
      editor,
      `${BASE}/moderation/${revisionId}`,
      { reason: '  ' },
      `${BASE}/moderation/${revisionId}/reject`,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('There is a problem');
    expect(missing.body).toContain('href="#reason"');
    expect(missing.body).toContain('Enter the reason the change is not approved');
    expect((await revisions(db(), id)).at(-1)?.status).toBe('pending');
    expect(await auditActionsSince(db(), since)).toEqual([]);

    const rejected = await editor.post(`${BASE}/moderation/${revisionId}/reject`, {
      reason: 'Please add the opening times for the summer holidays.',
    });
    expect(rejected.statusCode).toBe(303);
    expect((await revisions(db(), id)).at(-1)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'Please add the opening times for the summer holidays.',
    });
    expect(await auditActionsSince(db(), since)).toEqual([
      { action: 'local-offer.listing.rejected', subject_id: id },
    ]);
    const page = await provider.get(`${BASE}/services/${id}`);
    expect(page.body).toContain(
      'Your last change was not approved: Please add the opening times for the summer holidays.',
    );
    expect((await publicPage(id)).body).toContain(listing.name);
  });

  it('lets a provider add a listing that is public only once approved', async () => {
    const since = await lastAuditId(db());
    const form = await provider.get(`${BASE}/services/new`);
    expect(form.statusCode).toBe(200);
    const fields = listingFormFields(
      { editor: false, organisationId: ownOrg },
      { name: 'Brand New Sensory Club' },
    );
    const res = await provider.post(`${BASE}/services/new`, fields);
    expect(res.statusCode).toBe(303);
    const id = /services\/([0-9a-f-]{36})$/.exec(res.headers.location as string)?.[1] as string;
    expect((await publicPage(id)).statusCode).toBe(404);
    expect((await provider.get(`${BASE}/services/${id}`)).body).toContain('Not yet approved');
    expect(await auditActionsSince(db(), since)).toEqual([
      { action: 'local-offer.listing.submitted', subject_id: id },
    ]);

    const queue = await editor.get(`${BASE}/moderation`);
    expect(queue.body).toContain('Brand New Sensory Club');
    expect(queue.body).toContain('New listing');
    const revisionId = await pendingRevisionId(id);
    await editor.get(`${BASE}/moderation/${revisionId}`);
    await editor.post(`${BASE}/moderation/${revisionId}/approve`, {});
    const live = await publicPage(id);
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain('Brand New Sensory Club');
  });

  it("publishes an editor's change at once, placing venues by postcode", async () => {
    await sql`insert into postcodes (code, kind, latitude, longitude) values ('WV140AA', 'unit', 52.566, -2.073)
              on conflict do nothing`.execute(db());
    const since = await lastAuditId(db());
    const fields = listingFormFields(
      { editor: true, organisationId: unmanagedOrg, categoryIds: [leisureTerm] },
      { name: 'Editor Published Club', needs: [autismTerm] },
    );
    const res = await submit(editor, `${BASE}/services/new`, fields);
    expect(res.statusCode).toBe(303);
    const id = /services\/([0-9a-f-]{36})$/.exec(res.headers.location as string)?.[1] as string;
    expect((await editor.get(`${BASE}/services/${id}`)).body).toContain(
      'The listing has been saved and is live',
    );
    const live = await publicPage(id);
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain('Editor Published Club');
    const venue = await sql<{ latitude: number; postcode: string }>`
      select l.latitude, l.postcode from locations l join service_at_locations sl on sl.location_id = l.id
       where sl.service_id = ${id}::uuid`.execute(db());
    expect(venue.rows[0]).toMatchObject({ latitude: 52.566, postcode: 'WV14 0AA' });
    expect(await auditActionsSince(db(), since)).toEqual([
      { action: 'local-offer.listing.published', subject_id: id },
    ]);

    // Editing again is approved at once too, and the version it replaces is kept.
    await submit(
      editor,
      `${BASE}/services/${id}/edit`,
      listingFormFields({ editor: true }, { name: 'Editor Renamed Club' }),
    );
    expect((await revisions(db(), id)).map((r) => r.status)).toEqual(['superseded', 'approved']);
    expect((await publicPage(id)).body).toContain('Editor Renamed Club');
  });
});

describe('checking what is typed', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await createApprovedService(t, { organisationId: ownOrg }));
  });

  it.each([
    ['a name that is too long', { name: 'x'.repeat(201) }, 'Name must be 200 characters or fewer', 'name'],
    [
      'a script',
      { description: '<script>alert(1)</script>' },
      'Description must not include the characters &lt; or &gt;',
      'description',
    ],
    [
      'an unknown term',
      { categories: ['11111111-1111-4111-8111-111111111111'] },
      'Select categories from the list',
      'categories',
    ],
    [
      'oldest younger than youngest',
      { minimumAge: '12', maximumAge: '6' },
      'Oldest age must be the same as or older than the youngest age',
      'maximumAge',
    ],
    [
      'a bad email address',
      { email: 'not an email' },
      'Enter an email address in the correct format',
      'email',
    ],
    [
      'an age that is not a whole number',
      { minimumAge: '3.5' },
      'Youngest age must be a whole number from 0 to 25',
      'minimumAge',
    ],
    [
      'an end time before the start',
      { schedule1Opens: '15:00', schedule1Closes: '9:00' },
      'End time of session 1 must be after its start time',
      'schedule1Closes',
    ],
    [
      'a half-filled venue',
      { venue1Town: '', venue1Postcode: 'nowhere' },
      'Enter the town or city of venue 1',
      'venue1Town',
    ],
    [
      'an unknown checkbox value',
      { accessRoutes: ['by-magic'] },
      'Select how families get this service from the list',
      'accessRoutes',
    ],
    ['a paid service with no price', { isFree: 'paid' }, 'Say what the service costs', 'feesDescription'],
    [
      'a one-off session without a date',
      { schedule1Freq: 'ONCE', schedule1Days: [] },
      'Enter the date of session 1',
      'schedule1Date-day',
    ],
    [
      'a contact without a way to reach them',
      { contact1Phone: '' },
      'Enter a phone number or email address for contact 1',
      'contact1Phone',
    ],
  ])('refuses %s, keeps the answers and writes nothing', async (_case, overrides, message, field) => {
    const before = await revisionCount(db(), id);
    const since = await lastAuditId(db());
    const fields = listingFormFields({ editor: false }, { name: 'Kept Answer Club', ...overrides });
    const res = await submit(provider, `${BASE}/services/${id}/edit`, fields);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain(message);
    expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain(`id="${field}"`);
    if (!('name' in overrides)) expect(res.body).toContain('value="Kept Answer Club"');
    expect(await revisionCount(db(), id)).toBe(before);
    expect(await auditActionsSince(db(), since)).toEqual([]);
  });

  it('finds every problem at once', async () => {
    const fields = listingFormFields(
      { editor: false },
      { name: '', minimumAge: '30', email: 'bad', accessRoutes: [] },
    );
    const res = await submit(provider, `${BASE}/services/${id}/edit`, fields);
    expect(res.statusCode).toBe(400);
    for (const href of ['#name', '#email', '#minimumAge', '#accessRoutes'])
      expect(res.body).toContain(`href="${href}"`);
  });

  it('refuses fields a provider is not offered, such as who can see the listing', async () => {
    const before = await revisionCount(db(), id);
    const res = await submit(provider, `${BASE}/services/${id}/edit`, listingFormFields({ editor: true }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The form contained information we did not expect');
    expect(await revisionCount(db(), id)).toBe(before);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const before = await revisionCount(db());
    await provider.get(`${BASE}/services/${id}/edit`);
    const res = await provider.post(`${BASE}/services/${id}/edit`, listingFormFields({ editor: false }), {
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
    expect((await provider.post(`${BASE}/services/${id}/confirm`, {}, { csrf: null })).statusCode).toBe(403);
    expect(await revisionCount(db())).toBe(before);
  });
});

describe('keeping listings up to date', () => {
  it('shows a listing again once someone confirms it is still correct', async () => {
    const settings = t.config.localOffer;
    const stale = addDays(today, -(settings.reviewDays + settings.graceDays + 5));
    const { id } = await createApprovedService(t, { organisationId: ownOrg, assuredDate: stale });
    expect((await publicPage(id)).statusCode).toBe(404);
    const hidden = await provider.get(`${BASE}/services?freshness=hidden`);
    expect(hidden.body).toContain(`/staff/local-offer/services/${id}`);
    expect((await provider.get(BASE)).body).toContain('Hidden: not confirmed');
    const page = await provider.get(`${BASE}/services/${id}`);
    expect(page.body).toContain('hidden from the public');

    const since = await lastAuditId(db());
    const res = await provider.post(`${BASE}/services/${id}/confirm`, {});
    expect(res.statusCode).toBe(303);
    expect((await provider.get(`${BASE}/services/${id}`)).body).toContain('Thank you for confirming');
    expect((await publicPage(id)).statusCode).toBe(200);
    expect(await auditActionsSince(db(), since)).toEqual([
      { action: 'local-offer.listing.confirmed', subject_id: id },
    ]);
    // Confirming changes no content: no new version, nothing to moderate.
    expect(await revisionCount(db(), id)).toBe(1);
  });

  it('keeps every version and compares each with the one before', async () => {
    const { id, listing } = await createApprovedService(t, { organisationId: ownOrg });
    await submit(
      editor,
      `${BASE}/services/${id}/edit`,
      listingFormFields({ editor: true }, { name: 'Version Two Club' }),
    );
    await submit(
      provider,
      `${BASE}/services/${id}/edit`,
      listingFormFields({ editor: false }, { name: 'Version Three Club' }),
    );
    const page = await provider.get(`${BASE}/services/${id}`);
    for (const n of [1, 2, 3]) expect(page.body).toContain(`/services/${id}/versions/${n}"`);
    expect(page.body).toContain('Waiting for approval');
    expect(page.body).toContain('Elliot Editor');

    const v2 = await provider.get(`${BASE}/services/${id}/versions/2`);
    expect(v2.statusCode).toBe(200);
    expect(v2.body).toContain('Compared with version 1');
    expect(v2.body).toContain(listing.name);
    expect(v2.body).toContain('Version Two Club');
    expect(v2.body).toContain('Changed');
    const v1 = await provider.get(`${BASE}/services/${id}/versions/1`);
    expect(v1.body).toContain('The first version');
  });

  it('lets an editor withdraw and restore a listing, after asking', async () => {
    const { id } = await createApprovedService(t, { organisationId: otherOrg });
    const since = await lastAuditId(db());
    const confirm = await editor.get(`${BASE}/services/${id}/withdraw`);
    expect(confirm.body).toContain('Are you sure you want to withdraw');
    expect((await editor.post(`${BASE}/services/${id}/withdraw`, {})).statusCode).toBe(303);
    expect((await publicPage(id)).statusCode).toBe(404);
    expect((await editor.get(`${BASE}/services?status=withdrawn`)).body).toContain(`/services/${id}"`);
    await editor.get(`${BASE}/services/${id}/restore`);
    await editor.post(`${BASE}/services/${id}/restore`, {});
    expect((await publicPage(id)).statusCode).toBe(200);
    expect((await auditActionsSince(db(), since)).map((a) => a.action)).toEqual([
      'local-offer.listing.withdrawn',
      'local-offer.listing.restored',
    ]);
  });

  it('reminds the right people once, however often it runs', async () => {
    const settings = t.config.localOffer;
    const managed = await createApprovedService(t, {
      organisationId: ownOrg,
      assuredDate: addDays(today, -(settings.reviewDays - 3)),
    });
    const unmanaged = await createApprovedService(t, {
      organisationId: unmanagedOrg,
      assuredDate: addDays(today, -(settings.reviewDays + 2)),
    });
    const reminders = t.container.services.localOfferManagement;
    await reminders.sendReviewReminders(today);
    const outbox = await sql<{
      template: string;
      recipient: string;
      personalisation: Record<string, string>;
    }>`
      select template, recipient, personalisation from notification_outbox
       where template like 'local-offer-%' order by created_at, id`.execute(db());
    const about = (name: string) => outbox.rows.filter((r) => r.personalisation.listing_name === name);
    expect(about(managed.listing.name)).toEqual([
      expect.objectContaining({ template: 'local-offer-review-due', recipient: 'provider@demo.example.org' }),
    ]);
    expect(about(managed.listing.name)[0]?.personalisation.listing_url).toContain(
      `/staff/local-offer/services/${managed.id}`,
    );
    expect(about(unmanaged.listing.name)).toEqual([
      expect.objectContaining({
        template: 'local-offer-review-overdue',
        recipient: 'local.offer.editor@demo.example.org',
      }),
    ]);
    const recorded = await sql<{ kind: string }>`
      select kind from service_review_reminders where service_id in (${managed.id}::uuid, ${unmanaged.id}::uuid) order by kind`.execute(
      db(),
    );
    expect(recorded.rows.map((r) => r.kind)).toEqual(['due_soon', 'overdue']);
    const audit = await sql<{ n: string }>`
      select count(*) as n from audit_events where action = 'local-offer.review-reminder.sent'
         and subject_id in (${managed.id}, ${unmanaged.id})`.execute(db());
    expect(Number(audit.rows[0]?.n)).toBe(2);

    const count = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from notification_outbox`.execute(db())).rows[0]?.n,
      );
    const before = await count();
    expect(await reminders.sendReviewReminders(today)).toEqual({ reminders: 0, notifications: 0 });
    expect(await count()).toBe(before);

    // Later, the same listing becomes overdue: that is a new reminder.
    const later = addDays(today, 10);
    await reminders.sendReviewReminders(later);
    expect(
      (
        await sql<{
          n: string;
        }>`select count(*) as n from service_review_reminders where service_id = ${managed.id}::uuid`.execute(
          db(),
        )
      ).rows[0]?.n,
    ).toBe('2');
  });
});

describe('listings that did not start on this form', () => {
  it('reads a listing with no stored version from what is live, and keeps it when saved', async () => {
    const listing = { ...validListingWithTerm(), name: 'Imported Before Versions Club' };
    const { id } = await createRepositories(db()).localOffer.applyListing({
      organisationId: ownOrg,
      listing,
      assuredDate: today,
      revisionNumber: 1,
      isDemo: false,
    });
    const form = await editor.get(`${BASE}/services/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Imported Before Versions Club"');
    expect(form.body).toContain('value="Central Baths"');
    expect(form.body).toMatch(new RegExp(`value="${leisureTerm}" checked`));
    expect((await editor.get(`${BASE}/services/${id}`)).body).toContain(
      'Every week on Saturday, 9:30am to 11am',
    );
  });

  it('does not let anyone edit a listing that comes from a partner feed here', async () => {
    const { id } = await createApprovedService(t, { organisationId: ownOrg });
    await sql`update services set source = 'Partner directory' where id = ${id}::uuid`.execute(db());
    expect((await editor.get(`${BASE}/services/${id}/edit`)).statusCode).toBe(403);
    expect((await provider.get(`${BASE}/services/${id}`)).body).toContain('changed at its source');
  });

  it('keeps a retired term on a listing that has it when the listing is saved', async () => {
    const { id } = await createApprovedService(t, {
      organisationId: ownOrg,
      listing: validListingWithTerm(),
    });
    await sql`update taxonomy_terms set retired_at = now() where id = ${autismTerm}::uuid`.execute(db());
    try {
      const form = await editor.get(`${BASE}/services/${id}/edit`);
      expect(form.body).not.toContain(`value="${autismTerm}"`);
      await editor.post(
        `${BASE}/services/${id}/edit`,
        listingFormFields({ editor: true }, { name: 'Still Autism Club' }),
      );
      const [latest] = await db()
        .selectFrom('service_revisions')
        .select('document')
        .where('service_id', '=', id)
        .orderBy('number', 'desc')
        .limit(1)
        .execute();
      expect((latest?.document as { termIds: string[] }).termIds).toContain(autismTerm);
    } finally {
      await sql`update taxonomy_terms set retired_at = null where id = ${autismTerm}::uuid`.execute(db());
    }
  });
});

describe('categories and types of need', () => {
  it('renames a term, and the public search filters show the new name', async () => {
    const since = await lastAuditId(db());
    await editor.get(`${BASE}/taxonomies`);
    const page = await editor.get(`${BASE}/taxonomies/terms/${leisureTerm}`);
    expect(page.statusCode).toBe(200);
    const res = await editor.post(`${BASE}/taxonomies/terms/${leisureTerm}`, {
      name: 'Play, sport and leisure',
      description: 'Clubs, sport and things to do.',
    });
    expect(res.statusCode).toBe(303);
    const search = await new FormSession(t.app).get('/local-offer/search');
    expect(search.body).toContain('Play, sport and leisure');
    expect(await auditActionsSince(db(), since)).toEqual([
      { action: 'local-offer.term.updated', subject_id: leisureTerm },
    ]);

    const bad = await editor.post(`${BASE}/taxonomies/terms/${leisureTerm}`, {
      name: '<b>x</b>',
      description: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Name must not include the characters &lt; or &gt;');
  });

  it('adds a term with a code of its own, and retires and restores it', async () => {
    const category = await db()
      .selectFrom('taxonomies')
      .select('id')
      .where('key', '=', 'category')
      .executeTakeFirstOrThrow();
    const since = await lastAuditId(db());
    await editor.get(`${BASE}/taxonomies/${category.id}/terms/new`);
    const res = await editor.post(`${BASE}/taxonomies/${category.id}/terms/new`, {
      name: 'Holiday activities',
      description: '',
      parentId: '',
    });
    expect(res.statusCode).toBe(303);
    const added = await db()
      .selectFrom('taxonomy_terms')
      .select(['id', 'code'])
      .where('name', '=', 'Holiday activities')
      .executeTakeFirstOrThrow();
    expect(added.code).toBe('holiday-activities');
    expect((await new FormSession(t.app).get('/local-offer/search')).body).toContain('Holiday activities');
    expect((await editor.get(`${BASE}/services/new`)).body).toContain('Holiday activities');

    await editor.get(`${BASE}/taxonomies/terms/${added.id}`);
    await editor.post(`${BASE}/taxonomies/terms/${added.id}/retire`, {});
    expect((await new FormSession(t.app).get('/local-offer/search')).body).not.toContain(
      'Holiday activities',
    );
    await editor.get(`${BASE}/taxonomies/terms/${added.id}`);
    await editor.post(`${BASE}/taxonomies/terms/${added.id}/restore`, {});
    expect((await new FormSession(t.app).get('/local-offer/search')).body).toContain('Holiday activities');
    expect((await auditActionsSince(db(), since)).map((a) => a.action)).toEqual([
      'local-offer.term.added',
      'local-offer.term.retired',
      'local-offer.term.restored',
    ]);

    // The same name again gets a code of its own.
    await editor.get(`${BASE}/taxonomies/${category.id}/terms/new`);
    await editor.post(`${BASE}/taxonomies/${category.id}/terms/new`, {
      name: 'Holiday activities',
      description: '',
      parentId: '',
    });
    const codes = await db()
      .selectFrom('taxonomy_terms')
      .select('code')
      .where('name', '=', 'Holiday activities')
      .execute();
    expect(codes.map((c) => c.code).sort()).toEqual(['holiday-activities', 'holiday-activities-2']);
  });
});
