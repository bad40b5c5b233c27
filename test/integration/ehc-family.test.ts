import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/plugins/logging.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The family's view (/my-ehc), as a parent with a browser without JavaScript would use it, on the engine under
 * test: a one-time link from the outbox, the case as it moves from request to final plan, comments on the
 * draft, the plan in Word; and the walls around it (used and expired links, unknown addresses, another
 * family's session, staff pages).
 */
let t: TestApp;
let caseId = '';
let otherCaseId = '';

const FAMILY_EMAIL = 'demo.parent.family@demo.example.org';
const OTHER_EMAIL = 'demo.parent.other@demo.example.org';
const caseworkerEmail = 'caseworker@demo.example.org';

const at = (isoDate: string, time = '10:00:00') => t.clock.set(new Date(`${isoDate}T${time}Z`));

function dateFields(name: string, iso: string) {
  return {
    [`${name}-day`]: String(Number(iso.slice(8, 10))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
}

function request(overrides: Record<string, string>) {
  return {
    legalGivenNames: 'Demo Morgan',
    legalFamilyName: 'Familyview',
    preferredName: '',
    ...dateFields('dateOfBirth', '2015-09-03'),
    sex: 'M',
    nhsNumber: '',
    homePostcode: '',
    settingName: 'Demo Park Primary School',
    settingOrganisationId: '',
    nationalCurriculumYear: '5',
    primaryNeed: 'SLCN',
    secondaryNeed: '',
    communicationNeeds: '',
    preferredLanguage: '',
    parentName: 'Demo Parent Familyview',
    parentRelationship: 'parent',
    parentEmail: FAMILY_EMAIL,
    parentPhone: '',
    source: '1',
    channel: 'email',
    requesterName: '',
    ...dateFields('receivedOn', '2026-01-05'),
    reasons: 'Morgan is not making progress despite SEN support.',
    ...overrides,
  };
}

async function staff(email: string) {
  const session = new FormSession(t.app);
  expect((await session.signIn(email, DEMO_PASSWORD)).statusCode).toBe(303);
  return session;
}

async function orgId(key: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function signInLinks(email: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('notification_outbox')
    .select(['personalisation', 'recipient'])
    .where('template', '=', 'ehc-family-sign-in')
    .where('recipient', '=', email)
    .execute();
  return rows.map((r) => String((r.personalisation as { link: string }).link));
}

/** Asks for a link on the start page and returns the path it points to, read from the outbox. */
async function requestLink(session: FormSession, email: string): Promise<string> {
  const before = await signInLinks(email);
  expect((await session.get('/my-ehc')).statusCode).toBe(200);
  const response = await session.post('/my-ehc', { email });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('Check your email');
  const after = await signInLinks(email);
  const fresh = after.filter((l) => !before.includes(l));
  expect(fresh).toHaveLength(1);
  const url = new URL(fresh[0] as string);
  expect(url.pathname).toMatch(/^\/my-ehc\/sign-in\/[A-Za-z0-9_-]{43}$/);
  return url.pathname;
}

/** A family member signed in through the whole journey: the start page, the email, Continue. */
async function familySignedIn(email: string): Promise<FormSession> {
  const session = new FormSession(t.app);
  const link = await requestLink(session, email);
  expect((await session.get(link)).statusCode).toBe(200);
  const response = await session.post(link, {});
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/my-ehc');
  return session;
}

/** One file from a zip, read through its central directory (the test does not trust docx to read itself). */
function unzipEntry(zip: Buffer, name: string): string | null {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('Not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  return null;
}

async function auditCount(action: string, subjectId?: string): Promise<number> {
  let query = t.database.db.selectFrom('audit_events').select('id').where('action', '=', action);
  if (subjectId) query = query.where('subject_id', '=', subjectId);
  return (await query.execute()).length;
}

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
  at('2026-01-06');
  const caseworker = await staff(caseworkerEmail);
  await caseworker.get('/ehc/requests/new');
  const first = await caseworker.post('/ehc/requests/new', request({}));
  expect(first.statusCode).toBe(303);
  caseId = /\/ehc\/cases\/([0-9a-f-]{36})$/.exec(String(first.headers.location))?.[1] ?? '';
  await caseworker.get('/ehc/requests/new');
  const second = await caseworker.post(
    '/ehc/requests/new',
    request({
      legalGivenNames: 'Demo Avery',
      legalFamilyName: 'Otherfamily',
      ...dateFields('dateOfBirth', '2017-02-20'),
      parentName: 'Demo Parent Otherfamily',
      parentEmail: OTHER_EMAIL,
    }),
  );
  expect(second.statusCode).toBe(303);
  otherCaseId = /\/ehc\/cases\/([0-9a-f-]{36})$/.exec(String(second.headers.location))?.[1] ?? '';
  expect(caseId).not.toBe('');
  expect(otherCaseId).not.toBe('');
});
afterAll(async () => {
  await t?.close();
});

describe('signing in with a one-time link', () => {
  it('shows a start page to someone not signed in, and refuses an address that is not one', async () => {
    const visitor = new FormSession(t.app);
    const start = await visitor.get('/my-ehc');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Follow your request for an EHC needs assessment');
    const bad = await visitor.post('/my-ehc', { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Enter an email address in the correct format');
    expect(bad.body).toContain('value="not an address"');
  });

  it('says the same for an unknown address, and queues nothing', async () => {
    const visitor = new FormSession(t.app);
    const queued = async () =>
      (await t.database.db.selectFrom('notification_outbox').select('id').execute()).length;
    const before = await queued();
    await visitor.get('/my-ehc');
    const unknown = await visitor.post('/my-ehc', { email: 'Nobody.Here@Demo.Example.org' });
    expect(unknown.statusCode).toBe(200);
    expect(await queued()).toBe(before);

    await visitor.get('/my-ehc');
    const known = await visitor.post('/my-ehc', { email: FAMILY_EMAIL.toUpperCase() });
    expect(known.statusCode).toBe(200);
    expect(await queued()).toBe(before + 1);
    // Apart from the address typed and the form's token, the two answers are the same page.
    const strip = (html: string, email: string) =>
      html
        .replaceAll(email, 'EMAIL')
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/nonce="[^"]+"/g, '');
    expect(strip(unknown.body, 'nobody.here@demo.example.org')).toBe(strip(known.body, FAMILY_EMAIL));
    const requested = await t.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'ehc.family.link-requested')
      .execute();
    expect(requested.map((r) => (r.details as { matched: boolean }).matched).sort()).toEqual([false, true]);
  });

  it('signs in by a POST from the link, which a GET does not spend, and sets a family cookie on /my-ehc only', async () => {
    at('2026-01-07');
    const family = new FormSession(t.app);
    const link = await requestLink(family, FAMILY_EMAIL);
    // A mail scanner (or the family twice) fetching the link leaves it usable.
    for (let i = 0; i < 2; i += 1) {
      const page = await family.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Continue');
      expect(page.body).not.toContain('report-a-problem');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
    const used = await t.database.db
      .selectFrom('ehc_family_links')
      .select('used_at')
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(0);

    expect((await family.post(link, {}, { csrf: null })).statusCode).toBe(403);
    await family.get(link);
    const response = await family.post(link, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/my-ehc');
    const cookie = response.cookies.find((c) => c.name === 'family_sid');
    expect(cookie).toMatchObject({ path: '/my-ehc', httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is kept.
    const sessions = await t.database.db.selectFrom('ehc_family_sessions').select('id_hash').execute();
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie?.value);
    expect(sessions).toHaveLength(1);

    const home = await family.get('/my-ehc');
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.body).toContain('Demo Morgan Familyview');
    expect(home.body).toContain('Signed in as Demo Parent Familyview');
    expect(home.body).toMatch(/EHC-2026-\d{6}/);
    expect(home.body).toContain('We are deciding whether to carry out an EHC needs assessment');
    expect(home.body).toContain('16 February 2026');
    expect(home.body).toContain('Request for an EHC needs assessment received');
    expect(home.body).toContain('moj-timeline');
    // Every read of the case is audited, against the related person and not a staff user.
    const viewed = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'ehc.family.case-viewed')
      .where('subject_id', '=', caseId)
      .execute();
    expect(viewed).toHaveLength(1);
    expect(viewed[0]?.actor_user_id).toBeNull();
    expect(viewed[0]?.details).toHaveProperty('related_person_id');
  });

  it('refuses a link used once already, with a way to get a new one', async () => {
    at('2026-01-08');
    const family = new FormSession(t.app);
    const link = await requestLink(family, FAMILY_EMAIL);
    await family.get(link);
    expect((await family.post(link, {})).statusCode).toBe(303);

    const someoneElse = new FormSession(t.app);
    const page = await someoneElse.get(link);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This sign-in link has expired or has already been used');
    expect(page.body).toContain('href="/my-ehc"');
    await someoneElse.get('/my-ehc');
    const again = await someoneElse.post(link, {});
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('has expired or has already been used');
    expect(again.cookies.find((c) => c.name === 'family_sid')).toBeUndefined();
    expect(someoneElse.cookies.has('family_sid')).toBe(false);
  });

  it('refuses a link after 30 minutes', async () => {
    at('2026-01-09', '09:00:00');
    const family = new FormSession(t.app);
    const link = await requestLink(family, FAMILY_EMAIL);
    at('2026-01-09', '09:29:00');
    expect((await family.get(link)).statusCode).toBe(200);
    at('2026-01-09', '09:31:00');
    expect((await family.get(link)).statusCode).toBe(404);
    await family.get('/my-ehc');
    const late = await family.post(link, {});
    expect(late.statusCode).toBe(404);
    expect(late.body).toContain('has expired or has already been used');
    expect(family.cookies.has('family_sid')).toBe(false);
  });

  it('refuses a made-up link without a server error', async () => {
    const visitor = new FormSession(t.app);
    expect((await visitor.get('/my-ehc/sign-in/not-a-token')).statusCode).toBe(404);
    expect((await visitor.get(`/my-ehc/sign-in/${'A'.repeat(43)}`)).statusCode).toBe(404);
  });

  it('sends at most 3 links in 30 minutes to one address', async () => {
    at('2026-01-10', '12:00:00');
    const visitor = new FormSession(t.app);
    const before = (await signInLinks(FAMILY_EMAIL)).length;
    for (let i = 0; i < 4; i += 1) {
      await visitor.get('/my-ehc');
      expect((await visitor.post('/my-ehc', { email: FAMILY_EMAIL })).statusCode).toBe(200);
    }
    expect((await signInLinks(FAMILY_EMAIL)).length).toBe(before + 3);
    at('2026-01-10', '12:31:00');
    await visitor.get('/my-ehc');
    await visitor.post('/my-ehc', { email: FAMILY_EMAIL });
    expect((await signInLinks(FAMILY_EMAIL)).length).toBe(before + 4);
  });

  it('keeps the link out of the request log', () => {
    const logger = loggerOptions('info') as {
      serializers: { req: (req: { method: string; url: string; id: string }) => { url: string } };
    };
    const logged = logger.serializers.req({
      method: 'POST',
      url: '/my-ehc/sign-in/abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123_?x=1',
      id: '1',
    });
    expect(logged.url).toBe('/my-ehc/sign-in/[token]');
  });

  it('ends the family session after 2 hours', async () => {
    at('2026-01-11', '08:00:00');
    const family = await familySignedIn(FAMILY_EMAIL);
    expect((await family.get('/my-ehc')).body).toContain('Demo Morgan Familyview');
    at('2026-01-11', '10:01:00');
    const later = await family.get('/my-ehc');
    expect(later.body).toContain('Follow your request for an EHC needs assessment');
    expect(later.body).not.toContain('Demo Morgan Familyview');
  });

  it('sweeps away links and sessions past their end, and nothing still in use', async () => {
    at('2026-01-12', '09:00:00');
    const family = await familySignedIn(FAMILY_EMAIL);
    const count = async (table: 'ehc_family_links' | 'ehc_family_sessions', live: boolean) =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('expires_at', live ? '>' : '<=', t.clock.now())
            .executeTakeFirstOrThrow()
        ).n,
      );
    // The earlier tests' links and sessions are past their end by now; this one's session is not.
    expect(await count('ehc_family_links', false)).toBeGreaterThan(0);
    expect(await count('ehc_family_sessions', false)).toBeGreaterThan(0);
    const liveSessions = await count('ehc_family_sessions', true);
    expect(liveSessions).toBeGreaterThan(0);
    const removed = await t.container.services.ehc.removeExpiredFamilyAccess();
    expect(removed.links).toBeGreaterThan(0);
    expect(removed.sessions).toBeGreaterThan(0);
    expect(await count('ehc_family_links', false)).toBe(0);
    expect(await count('ehc_family_sessions', false)).toBe(0);
    expect(await count('ehc_family_sessions', true)).toBe(liveSessions);
    expect((await family.get('/my-ehc')).body).toContain('Demo Morgan Familyview');
  });
});

describe('the walls around a family session', () => {
  it('gives a staff page nothing for a family cookie: it asks for staff sign-in', async () => {
    at('2026-01-12');
    const family = await familySignedIn(FAMILY_EMAIL);
    for (const url of ['/ehc', `/ehc/cases/${caseId}`, `/ehc/cases/${caseId}/plan.docx`, '/partner']) {
      const response = await family.get(url);
      expect([url, response.statusCode]).toEqual([url, 303]);
      expect(String(response.headers.location)).toContain('/sign-in');
    }
  });

  it('gives a staff session nothing under /my-ehc', async () => {
    const caseworker = await staff(caseworkerEmail);
    const page = await caseworker.get('/my-ehc');
    expect(page.body).toContain('Follow your request for an EHC needs assessment');
    expect(page.body).not.toContain('Demo Morgan Familyview');
    expect((await caseworker.get('/my-ehc/draft-plan')).statusCode).toBe(303);
  });

  it('shows another family only its own case, and nothing of this one', async () => {
    const other = await familySignedIn(OTHER_EMAIL);
    const home = await other.get('/my-ehc');
    expect(home.body).toContain('Demo Avery Otherfamily');
    expect(home.body).not.toContain('Familyview');
    for (const url of [
      `/my-ehc/cases/${caseId}`,
      `/my-ehc/${caseId}`,
      `/my-ehc/plan?case=${caseId}`,
      '/my-ehc/draft-plan',
      '/my-ehc/letters/decision.docx',
    ]) {
      const response = await other.get(url);
      expect([url, response.statusCode]).toEqual([url, 404]);
      expect(response.body).not.toContain('Familyview');
    }
    expect(await auditCount('ehc.family.document-not-found', otherCaseId)).toBeGreaterThanOrEqual(3);
  });
});

describe('following the request to the final plan', () => {
  it('shows what has been asked of whom, and the decision letter', async () => {
    at('2026-02-02');
    const caseworker = await staff(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/decision`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/decision`, {
          outcome: 'assess',
          ...dateFields('notifiedOn', '2026-02-02'),
          reasons: '',
        })
      ).statusCode,
    ).toBe(303);
    await caseworker.get(`/ehc/cases/${caseId}/advice`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/advice`, {
          adviceType: 'health',
          organisationId: await orgId('rwt'),
          ...dateFields('requestedOn', '2026-02-02'),
        })
      ).statusCode,
    ).toBe(303);
    await caseworker.post(`/ehc/cases/${caseId}/notes`, { body: 'Staff-only note about Morgan.' });

    const family = await familySignedIn(FAMILY_EMAIL);
    const home = await family.get('/my-ehc');
    expect(home.body).toContain('We are carrying out an EHC needs assessment');
    expect(home.body).toContain('Health advice');
    expect(home.body).toContain('The Royal Wolverhampton NHS Trust');
    expect(home.body).toContain('16 March 2026');
    expect(home.body).toContain('Not returned yet');
    expect(home.body).toContain('25 May 2026');
    expect(home.body).not.toContain('Staff-only note');
    expect(home.body).toContain('href="/my-ehc/letters/decision.docx"');
    const letter = await family.get('/my-ehc/letters/decision.docx');
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(unzipEntry(letter.rawPayload, 'word/document.xml')).toContain('Familyview');
    expect((await family.get('/my-ehc/letters/no-plan.docx')).statusCode).toBe(404);
    expect((await family.get('/my-ehc/letters/anything.docx')).statusCode).toBe(404);
    expect((await family.get('/my-ehc/plan.docx')).statusCode).toBe(404);
    expect(await auditCount('ehc.family.document-downloaded', caseId)).toBe(1);
  });

  it('shows the issued draft, takes comments and a preferred school, and refuses bad input', async () => {
    at('2026-03-18');
    const caseworker = await staff(caseworkerEmail);
    const advice = await t.database.db
      .selectFrom('ehc_advice_requests')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    await caseworker.get(`/ehc/cases/${caseId}/advice/${advice.id}/received`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/advice/${advice.id}/received`, {
          ...dateFields('receivedOn', '2026-03-16'),
          summary: 'Community paediatric advice.',
        })
      ).statusCode,
    ).toBe(303);
    at('2026-04-13');
    const writer = await staff(caseworkerEmail);
    const save = async (path: string, fields: Record<string, string>) => {
      await writer.get(`/ehc/cases/${caseId}/plan/${path}`);
      expect((await writer.post(`/ehc/cases/${caseId}/plan/${path}`, fields)).statusCode).toBe(303);
    };
    await save('views', { views: 'Morgan loves drawing and wants to make friends.' });
    await save('needs', { section: 'B', text: 'Morgan finds it hard to follow spoken instructions.' });
    await save('outcomes', { text: 'Morgan will follow a two-step instruction.', byWhen: 'By July 2027' });
    const plan = await t.database.db
      .selectFrom('ehc_plans')
      .select('content')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const content = plan.content as { needs: { id: string }[]; outcomes: { id: string }[] };
    await save('provision', {
      section: 'F',
      what: 'Speech and language therapy',
      whoProvides: 'Speech and language therapist',
      howOften: 'Weekly, 30 minutes',
      forHowLong: 'Until the annual review',
      meetsNeedIds: content.needs[0]?.id ?? '',
      meetsOutcomeIds: content.outcomes[0]?.id ?? '',
    });

    // Before the draft is issued the family sees no plan: a draft still being written is not theirs to read.
    const early = await familySignedIn(FAMILY_EMAIL);
    expect((await early.get('/my-ehc/draft-plan')).statusCode).toBe(404);
    expect((await early.get('/my-ehc')).body).not.toContain('/my-ehc/draft-plan');

    await writer.get(`/ehc/cases/${caseId}/draft`);
    expect(
      (await writer.post(`/ehc/cases/${caseId}/draft`, dateFields('servedOn', '2026-04-13'))).statusCode,
    ).toBe(303);

    at('2026-04-15');
    const family = await familySignedIn(FAMILY_EMAIL);
    const home = await family.get('/my-ehc');
    expect(home.body).toContain('We have sent you a draft EHC plan');
    expect(home.body).toContain('Your comments on the draft plan, by: <strong>27 April 2026</strong>');
    expect(home.body).toContain('href="/my-ehc/draft-plan"');

    const draft = await family.get('/my-ehc/draft-plan');
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toContain('Draft Education, Health and Care plan');
    expect(draft.body).toContain('Speech and language therapy');
    expect(draft.body).toContain('27 April 2026');
    for (const section of ['Section A', 'Section F', 'Section K']) expect(draft.body).toContain(section);
    expect(await auditCount('ehc.family.document-viewed', caseId)).toBeGreaterThanOrEqual(1);

    const empty = await family.post('/my-ehc/draft-plan', { comments: '  ', preferredSetting: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('Enter your comments on the draft plan');
    const tooLong = await family.post('/my-ehc/draft-plan', {
      comments: 'Fine',
      preferredSetting: 'x'.repeat(201),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('must be 200 characters or fewer');
    expect(tooLong.body).toMatch(/>\s*Fine<\/textarea>/);
    const none = await t.database.db.selectFrom('ehc_representations').select('id').execute();
    expect(none).toHaveLength(0);

    expect(
      (await family.post('/my-ehc/draft-plan', { comments: 'Add help at lunchtimes.' }, { csrf: null }))
        .statusCode,
    ).toBe(403);
    await family.get('/my-ehc/draft-plan');
    const sent = await family.post('/my-ehc/draft-plan', {
      comments: 'Please add support at lunchtimes.',
      preferredSetting: 'Demo Brook Special School',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/my-ehc/draft-plan/sent');
    expect((await family.get('/my-ehc/draft-plan/sent')).body).toContain('Your comments have been sent');
    const rows = await t.database.db
      .selectFrom('ehc_representations')
      .select(['case_id', 'received_on', 'comments', 'preferred_setting', 'from_related_person_id'])
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      case_id: caseId,
      received_on: '2026-04-15',
      comments: 'Please add support at lunchtimes.',
      preferred_setting: 'Demo Brook Special School',
    });
    expect(rows[0]?.from_related_person_id).not.toBeNull();
    expect((await family.get('/my-ehc')).body).toContain(
      'Demo Parent Familyview sent comments on the draft plan',
    );
    expect((await family.get('/my-ehc/draft-plan')).body).toContain('Comments you have sent');

    // The caseworker sees them with the case.
    const casePage = await (await staff(caseworkerEmail)).get(`/ehc/cases/${caseId}`);
    expect(casePage.body).toContain('Please add support at lunchtimes.');

    const draftDocx = await family.get('/my-ehc/draft-plan.docx');
    expect(draftDocx.statusCode).toBe(200);
    expect(unzipEntry(draftDocx.rawPayload, 'word/document.xml')).toContain('DRAFT');
  });

  it('gives the final plan as HTML and as a real Word document, every download audited', async () => {
    at('2026-05-11');
    const caseworker = await staff(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/final`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/final`, {
          namedSetting: 'Demo Brook Special School',
          ...dateFields('issuedOn', '2026-05-11'),
        })
      ).statusCode,
    ).toBe(303);

    const family = await familySignedIn(FAMILY_EMAIL);
    const home = await family.get('/my-ehc');
    expect(home.body).toContain('The final EHC plan has been issued');
    expect(home.body).toContain('It names Demo Brook Special School');
    expect(home.body).toContain('href="/my-ehc/plan.docx"');
    expect(home.body).toContain('href="/my-ehc/letters/final-plan.docx"');
    expect(home.body).toContain('11 May 2027'); // the first review, within 12 months

    const html = await family.get('/my-ehc/plan');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Education, Health and Care plan');
    expect(html.body).toContain('Demo Morgan Familyview');
    expect(html.body).not.toContain('Draft: not a final plan');

    const before = await auditCount('ehc.family.document-downloaded', caseId);
    const docx = await family.get('/my-ehc/plan.docx');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain('attachment');
    expect(docx.headers['cache-control']).toBe('no-store');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = unzipEntry(docx.rawPayload, 'word/document.xml');
    expect(xml).not.toBeNull();
    expect(xml).toContain('Demo Morgan Familyview');
    expect(xml).toContain('Demo Brook Special School');
    expect(await auditCount('ehc.family.document-downloaded', caseId)).toBe(before + 1);

    const letter = await family.get('/my-ehc/letters/final-plan.docx');
    expect(letter.statusCode).toBe(200);
    expect(unzipEntry(letter.rawPayload, 'word/document.xml')).toContain('Demo Brook Special School');

    // The draft stays readable as it was issued, without the form.
    const draft = await family.get('/my-ehc/draft-plan');
    expect(draft.statusCode).toBe(200);
    expect(draft.body).not.toContain('Send your comments');
    await family.get('/my-ehc');
    const late = await family.post('/my-ehc/draft-plan', { comments: 'One more thing.' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('There is no draft plan to comment on');

    // Still nothing of this case for the other family.
    const other = await familySignedIn(OTHER_EMAIL);
    for (const url of ['/my-ehc/plan', '/my-ehc/plan.docx', '/my-ehc/letters/final-plan.docx']) {
      const response = await other.get(url);
      expect([url, response.statusCode]).toEqual([url, 404]);
    }
  });
});

describe('a decision not to assess', () => {
  it('tells the family, with the last day to appeal and the letter with its reasons', async () => {
    at('2026-05-12');
    const caseworker = await staff(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${otherCaseId}/decision`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${otherCaseId}/decision`, {
          outcome: 'not-assess',
          ...dateFields('notifiedOn', '2026-05-12'),
          reasons: 'Avery is making good progress with the support the school gives.',
        })
      ).statusCode,
    ).toBe(303);
    const other = await familySignedIn(OTHER_EMAIL);
    const home = await other.get('/my-ehc');
    expect(home.body).toContain('We decided not to carry out an EHC needs assessment');
    expect(home.body).toContain('The last day to appeal: <strong>12 July 2026</strong>');
    expect(home.body).not.toContain('Final EHC plan');
    const letter = await other.get('/my-ehc/letters/decision.docx');
    expect(letter.statusCode).toBe(200);
    expect(unzipEntry(letter.rawPayload, 'word/document.xml')).toContain(
      'Avery is making good progress with the support the school gives.',
    );
  });
});

describe('signing out', () => {
  it('ends the family session', async () => {
    at('2026-05-12');
    const family = await familySignedIn(FAMILY_EMAIL);
    const token = family.cookies.get('family_sid') as string;
    await family.get('/my-ehc');
    const before = (await t.database.db.selectFrom('ehc_family_sessions').select('id_hash').execute()).length;
    expect((await family.post('/my-ehc/sign-out', {}, { csrf: null })).statusCode).toBe(403);
    await family.get('/my-ehc');
    const out = await family.post('/my-ehc/sign-out', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/my-ehc/signed-out');
    expect(out.cookies.find((c) => c.name === 'family_sid')?.value).toBe('');
    expect((await family.get('/my-ehc/signed-out')).body).toContain('You have signed out');
    const after = (await t.database.db.selectFrom('ehc_family_sessions').select('id_hash').execute()).length;
    expect(after).toBe(before - 1);
    // The old cookie, kept by someone, opens nothing.
    family.cookies.set('family_sid', token);
    const home = await family.get('/my-ehc');
    expect(home.body).toContain('Follow your request for an EHC needs assessment');
    expect(home.body).not.toContain('Demo Morgan Familyview');
    expect((await family.get('/my-ehc/plan.docx')).statusCode).toBe(303);
  });
});
