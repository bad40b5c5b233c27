import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The child's record after the request: identifiers with the reason when one is not known, ethnicity, the
 * people around the child, and the young person's capacity recorded decision by decision.
 */
let t: TestApp;
let caseId = '';
let caseworker: FormSession;

const dateFields = (name: string, iso: string) => ({
  [`${name}-day`]: String(Number(iso.slice(8, 10))),
  [`${name}-month`]: String(Number(iso.slice(5, 7))),
  [`${name}-year`]: iso.slice(0, 4),
});

// A young person born in March 2009: compulsory school age ended on Friday 27 June 2025.
const details = {
  legalGivenNames: 'Demo Jordan',
  legalFamilyName: 'Recordcase',
  preferredName: '',
  ...dateFields('dateOfBirth', '2009-03-01'),
  sex: 'M',
  ethnicity: 'WBRI',
  nhsNumber: '943 476 5919',
  nhsNumberUnknownReason: '',
  upn: 'P336200124001',
  upnUnknownReason: '',
  uln: '',
  ulnUnknownReason: 'not-yet-allocated',
  homePostcode: 'wv1 1aa',
  settingName: 'Demo City College',
  nationalCurriculumYear: '12',
  primaryNeed: 'SEMH',
  secondaryNeed: '',
  communicationNeeds: '',
  preferredLanguage: 'English',
};

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
  t.clock.set(new Date('2026-03-02T10:00:00Z'));
  caseworker = new FormSession(t.app);
  expect((await caseworker.signIn('caseworker@demo.example.org', DEMO_PASSWORD)).statusCode).toBe(303);
  await caseworker.get('/ehc/requests/new');
  const made = await caseworker.post('/ehc/requests/new', {
    legalGivenNames: 'Demo Jordan',
    legalFamilyName: 'Recordcase',
    ...dateFields('dateOfBirth', '2009-03-01'),
    sex: 'M',
    primaryNeed: 'SEMH',
    parentName: 'Demo Parent Recordcase',
    parentRelationship: 'parent',
    parentEmail: 'demo.parent.recordcase@demo.example.org',
    source: '1',
    channel: 'email',
    ...dateFields('receivedOn', '2026-03-02'),
    reasons: 'Jordan has not attended college since the autumn.',
  });
  expect(made.statusCode).toBe(303);
  caseId = /\/ehc\/cases\/([0-9a-f-]{36})$/.exec(String(made.headers.location))?.[1] ?? '';
});
afterAll(async () => {
  await t?.close();
});

const child = () =>
  t.database.db
    .selectFrom('ehc_children as ch')
    .innerJoin('ehc_cases as c', 'c.child_id', 'ch.id')
    .selectAll('ch')
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();

describe("the child's record", () => {
  it('refuses an identifier given with a reason, a wrong check letter, or neither, and keeps what was typed', async () => {
    const before = await child();
    await caseworker.get(`/ehc/cases/${caseId}/child`);
    const both = await caseworker.post(`/ehc/cases/${caseId}/child`, {
      ...details,
      uln: '1234567899',
    });
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('govuk-error-summary');
    expect(both.body).toContain('not both');
    expect(both.body).toContain('value="Demo City College"');
    const wrongLetter = await caseworker.post(`/ehc/cases/${caseId}/child`, {
      ...details,
      upn: 'P336200124002',
    });
    expect(wrongLetter.statusCode).toBe(400);
    const neither = await caseworker.post(`/ehc/cases/${caseId}/child`, {
      ...details,
      ulnUnknownReason: '',
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.body).toContain('or select why it is not known');
    const badPostcode = await caseworker.post(`/ehc/cases/${caseId}/child`, {
      ...details,
      homePostcode: 'not a postcode',
    });
    expect(badPostcode.statusCode).toBe(400);
    expect(await child()).toEqual(before);
  });

  it('saves the details with ethnicity, UPN and the reason the ULN is not known, audited', async () => {
    const saved = await caseworker.post(`/ehc/cases/${caseId}/child`, details);
    expect(saved.statusCode).toBe(303);
    expect(await child()).toMatchObject({
      ethnicity: 'WBRI',
      upn: 'P336200124001',
      upn_unknown_reason: null,
      uln: null,
      uln_unknown_reason: 'not-yet-allocated',
      nhs_number: '9434765919',
      home_postcode: 'WV1 1AA',
      national_curriculum_year: '12',
    });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'ehc.child.changed')
      .execute();
    expect(audit).toHaveLength(1);
    const page = await caseworker.get(`/ehc/cases/${caseId}`);
    expect(page.body).toContain('White - British');
    expect(page.body).toContain('Not known (not yet allocated)');
    expect(page.body).toContain('since compulsory school age ended on 27 June 2025');
  });

  it('adds the young person, then records their capacity for one decision', async () => {
    await caseworker.get(`/ehc/cases/${caseId}/people`);
    const pr = await caseworker.post(`/ehc/cases/${caseId}/people`, {
      fullName: 'Demo Jordan Recordcase',
      relationship: 'young_person',
      parentalResponsibility: 'yes',
      email: '',
      phone: '',
      mainContact: 'yes',
    });
    expect(pr.statusCode).toBe(400);
    expect(pr.body).toContain('cannot have parental responsibility');
    const added = await caseworker.post(`/ehc/cases/${caseId}/people`, {
      fullName: 'Demo Jordan Recordcase',
      relationship: 'young_person',
      parentalResponsibility: 'no',
      email: 'demo.jordan.recordcase@demo.example.org',
      phone: '',
      mainContact: 'yes',
    });
    expect(added.statusCode).toBe(303);
    const people = await t.database.db
      .selectFrom('ehc_related_people')
      .select(['full_name', 'relationship', 'is_main_contact'])
      .where('full_name', 'like', '%Recordcase')
      .orderBy('full_name')
      .execute();
    // The young person is now the main contact, and only they are.
    expect(people).toEqual([
      { full_name: 'Demo Jordan Recordcase', relationship: 'young_person', is_main_contact: true },
      { full_name: 'Demo Parent Recordcase', relationship: 'parent', is_main_contact: false },
    ]);
    const youngPerson = await t.database.db
      .selectFrom('ehc_related_people')
      .select('id')
      .where('relationship', '=', 'young_person')
      .where('full_name', '=', 'Demo Jordan Recordcase')
      .executeTakeFirstOrThrow();

    await caseworker.get(`/ehc/cases/${caseId}/capacity`);
    const early = await caseworker.post(`/ehc/cases/${caseId}/capacity`, {
      relatedPersonId: youngPerson.id,
      decision: 'To request an EHC needs assessment',
      hasCapacity: 'yes',
      ...dateFields('assessedOn', '2025-06-01'),
      note: 'Discussed with Jordan and their tutor.',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('only after the end of compulsory school age');
    const future = await caseworker.post(`/ehc/cases/${caseId}/capacity`, {
      relatedPersonId: youngPerson.id,
      decision: 'To request an EHC needs assessment',
      hasCapacity: 'yes',
      ...dateFields('assessedOn', '2026-04-01'),
      note: 'Discussed with Jordan and their tutor.',
    });
    expect(future.statusCode).toBe(400);
    const recorded = await caseworker.post(`/ehc/cases/${caseId}/capacity`, {
      relatedPersonId: youngPerson.id,
      decision: 'To request an EHC needs assessment',
      hasCapacity: 'yes',
      ...dateFields('assessedOn', '2026-03-02'),
      note: 'Discussed with Jordan and their tutor; Jordan understood and weighed the choice.',
    });
    expect(recorded.statusCode).toBe(303);
    const notes = await t.database.db.selectFrom('ehc_capacity_notes').selectAll().execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ has_capacity: true, assessed_on: '2026-03-02' });
    const page = await caseworker.get(`/ehc/cases/${caseId}`);
    expect(page.body).toContain('Capacity, decision by decision');
    expect(page.body).toContain('Has capacity');
  });

  it('shows an empty note or a missing caseworker as an error on the case page, not a redirect', async () => {
    const note = await caseworker.post(`/ehc/cases/${caseId}/notes`, { body: '  ' });
    expect(note.statusCode).toBe(400);
    expect(note.body).toContain('govuk-error-summary');
    expect(note.body).toContain('href="#body"');
    const markup = await caseworker.post(`/ehc/cases/${caseId}/notes`, { body: 'Call <b>back</b>' });
    expect(markup.statusCode).toBe(400);
    // What was typed comes back, escaped.
    expect(markup.body).toContain('Call &lt;b&gt;back&lt;/b&gt;');
    // A manager reassigns (a caseworker may only take an unassigned case).
    const manager = new FormSession(t.app);
    await manager.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    await manager.get(`/ehc/cases/${caseId}`);
    const assign = await manager.post(`/ehc/cases/${caseId}/assign`, { caseworkerId: '' });
    expect(assign.statusCode).toBe(400);
    expect(assign.body).toContain('Select a caseworker');
    const notes = await t.database.db.selectFrom('ehc_case_notes').select('id').execute();
    expect(notes).toEqual([]);
  });

  it('refuses these pages to a partner, with nothing changed', async () => {
    const partner = new FormSession(t.app);
    await partner.signIn('health.practitioner@demo.example.org', DEMO_PASSWORD);
    expect((await partner.get(`/ehc/cases/${caseId}/child`)).statusCode).toBe(403);
    const refused = await partner.post(`/ehc/cases/${caseId}/people`, {
      fullName: 'Demo Intruder',
      relationship: 'other',
      parentalResponsibility: 'no',
      mainContact: 'no',
    });
    expect(refused.statusCode).toBe(403);
    const intruder = await t.database.db
      .selectFrom('ehc_related_people')
      .select('id')
      .where('full_name', '=', 'Demo Intruder')
      .execute();
    expect(intruder).toEqual([]);
  });
});
