import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFORMATION_PAGES } from '../../src/db/seed/information-pages.ts';
import { createInformationRepository } from '../../src/modules/information/repository.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The online request for an EHC needs assessment, as a browser without JavaScript uses it: a parent's request
 * page by page (errors, save and return by the emailed link on another device, check your answers, a change,
 * sending twice), the case the caseworker then sees, duplicate detection, and a school's request.
 */
let t: TestApp;
const base = '/request-an-ehc-needs-assessment';
const settingBase = `${base}/from-a-setting`;
const at = (isoDate: string) => t.clock.set(new Date(`${isoDate}T10:00:00Z`));
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function dateFields(name: string, iso: string) {
  return {
    [`${name}-day`]: String(Number(iso.slice(8, 10))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
}

async function orgId(key: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function signedIn(email: string) {
  const session = new FormSession(t.app);
  const response = await session.signIn(email, DEMO_PASSWORD);
  expect(response.statusCode).toBe(303);
  return session;
}

type PageAnswers = [slug: string, fields: Record<string, string | string[]>][];

async function familyAnswers(over: Record<string, Record<string, string>> = {}): Promise<PageAnswers> {
  const pages: PageAnswers = [
    ['who-is-asking', { who: 'parent' }],
    ['name', { legalGivenNames: 'Demo Online Riley', legalFamilyName: 'Testcase', preferredName: '' }],
    ['date-of-birth', dateFields('dateOfBirth', '2016-04-12')],
    ['sex', { sex: 'F' }],
    ['postcode', { homePostcode: 'WV1 1AA' }],
    ['school-or-setting', { settingChoice: await orgId('school-primary'), settingName: '' }],
    ['school-year', { year: '4' }],
    ['main-need', { mainNeed: 'ASD' }],
    ['other-need', { otherNeed: 'SLCN' }],
    ['communication', { communicationNeeds: '', preferredLanguage: 'English' }],
    [
      'your-details',
      {
        contactName: 'Demo Online Parent',
        contactEmail: 'demo.online.parent@demo.example.org',
        contactPhone: '07700 900 982',
      },
    ],
    ['reasons', { reasons: 'Riley is not making progress in reading despite help.' }],
    ['support-tried', { supportTried: 'SEN support for two years and speech and language therapy.' }],
    ['sharing', { consent: 'yes' }],
  ];
  return pages.map(([slug, fields]) => [slug, { ...fields, ...over[slug] }]);
}

/** Answers every page in order, each answered page leading to the next. */
async function answerAll(
  session: FormSession,
  journeyBase: string,
  pages: PageAnswers,
  after = 'check-answers',
) {
  for (const [i, [slug, fields]] of pages.entries()) {
    expect((await session.get(`${journeyBase}/${slug}`)).statusCode).toBe(200);
    const response = await session.post(`${journeyBase}/${slug}`, fields);
    expect(response.statusCode, slug).toBe(303);
    const next = pages[i + 1];
    expect(response.headers.location).toBe(`${journeyBase}/${next ? next[0] : after}`);
  }
}

async function casesForChild(givenNames: string) {
  return t.database.db
    .selectFrom('ehc_cases as c')
    .innerJoin('ehc_children as ch', 'ch.id', 'c.child_id')
    .selectAll('c')
    .select(['ch.setting_organisation_id', 'ch.home_postcode', 'ch.preferred_name'])
    .where('ch.legal_given_names', '=', givenNames)
    .execute();
}

async function onlyCase(givenNames: string) {
  const cases = await casesForChild(givenNames);
  expect(cases).toHaveLength(1);
  return cases[0] as (typeof cases)[number];
}

async function outbox(template: string) {
  return t.database.db
    .selectFrom('notification_outbox')
    .select(['recipient', 'personalisation', 'reference'])
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
  at('2026-03-02');
});
afterAll(async () => {
  await t?.close();
});

describe("a parent's online request", () => {
  const family = () => new FormSession(t.app);
  let parent: FormSession;
  let resumeLink = '';

  it('starts with what an assessment is, who can ask and the 6 weeks, linking the guide once it is published', async () => {
    const visitor = family();
    const start = await visitor.get(base);
    expect(start.statusCode).toBe(200);
    expect(start.headers['cache-control']).toBe('no-store');
    expect(start.body).toContain('Start now');
    expect(start.body).toContain('within 6 weeks');
    expect(start.body).toContain('aged 16 to 25');
    expect(start.body).not.toContain('/local-offer/information/requesting-an-ehc-needs-assessment');

    const guide = INFORMATION_PAGES.find((p) => p.slug === 'requesting-an-ehc-needs-assessment');
    expect(guide).toBeDefined();
    await createInformationRepository(t.database.db).upsertDemoPage(guide as NonNullable<typeof guide>, {
      lastReviewedOn: '2026-03-01',
    });
    const again = await visitor.get(base);
    expect(again.body).toContain('href="/local-offer/information/requesting-an-ehc-needs-assessment"');

    // The guide's older address for the form still arrives here.
    const old = await visitor.get('/ehc/request');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(base);
  });

  it('asks who is asking, sends someone else elsewhere, and keeps answers against a hashed token', async () => {
    parent = family();
    await parent.get(base);
    await parent.get(`${base}/who-is-asking`);
    const none = await parent.post(`${base}/who-is-asking`, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('govuk-error-summary');
    expect(none.body).toContain('Select who is asking for the assessment');
    expect(none.body).toContain('<title>Error:');

    const someoneElse = await parent.post(`${base}/who-is-asking`, { who: 'someone_else' });
    expect(someoneElse.statusCode).toBe(303);
    expect(someoneElse.headers.location).toBe(`${base}/who-can-ask`);
    expect((await parent.get(`${base}/who-can-ask`)).body).toContain('You cannot use this form');
    expect(parent.cookies.has('ehc_request')).toBe(false);

    await parent.get(`${base}/who-is-asking`);
    const ok = await parent.post(`${base}/who-is-asking`, { who: 'parent' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${base}/name`);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toContain('ehc_request=');
    expect(setCookie).toContain(`Path=${base}`);
    expect(setCookie).toContain('HttpOnly');
    const token = parent.cookies.get('ehc_request') as string;
    const rows = await t.database.db.selectFrom('ehc_online_requests').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.resume_token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows[0])).not.toContain(token);
  });

  it('refuses bad answers on every page with GOV.UK errors, status 400 and the values kept', async () => {
    const post = async (slug: string, fields: Record<string, string>) => {
      await parent.get(`${base}/${slug}`);
      return parent.post(`${base}/${slug}`, fields);
    };
    const name = await post('name', { legalGivenNames: 'Demo <b>', legalFamilyName: '', preferredName: '' });
    expect(name.statusCode).toBe(400);
    expect(name.body).toContain('Enter their last name');
    expect(name.body).toContain('must not include the characters &lt; or &gt;');
    expect(name.body).toContain('value="Demo &lt;b&gt;"');
    const named = await post('name', {
      legalGivenNames: 'Demo Online Riley',
      legalFamilyName: 'Testcase',
      preferredName: '',
    });
    expect(named.headers.location).toBe(`${base}/date-of-birth`);

    const future = await post('date-of-birth', dateFields('dateOfBirth', '2026-03-03'));
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Their date of birth must be today or in the past');
    expect(future.body).toContain('href="#dateOfBirth-day"');
    const unreal = await post('date-of-birth', {
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2015',
    });
    expect(unreal.statusCode).toBe(400);
    expect(unreal.body).toContain('Their date of birth must be a real date');
    expect(unreal.body).toContain('value="31"');
    const tooOld = await post('date-of-birth', dateFields('dateOfBirth', '2000-03-02'));
    expect(tooOld.statusCode).toBe(400);
    expect(tooOld.body).toContain('aged 0 to 25');
    const twentyFive = await post('date-of-birth', dateFields('dateOfBirth', '2000-03-03'));
    expect(twentyFive.statusCode).toBe(303);
    expect((await post('date-of-birth', dateFields('dateOfBirth', '2016-04-12'))).statusCode).toBe(303);

    expect((await post('sex', {})).statusCode).toBe(400);
    expect((await post('sex', { sex: 'F' })).headers.location).toBe(`${base}/postcode`);

    const badPostcode = await post('postcode', { homePostcode: 'not a postcode' });
    expect(badPostcode.statusCode).toBe(400);
    expect(badPostcode.body).toContain('Enter a full UK postcode, like WV1 1SH');
    expect(badPostcode.body).toContain('value="not a postcode"');
    expect((await post('postcode', { homePostcode: 'wv1   1aa' })).statusCode).toBe(303);

    const noName = await post('school-or-setting', { settingChoice: 'other', settingName: '' });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('Enter the name of the school, college or setting');
    const guessed = await post('school-or-setting', {
      settingChoice: '00000000-0000-0000-0000-000000000000',
    });
    expect(guessed.statusCode).toBe(400);
    const school = await post('school-or-setting', {
      settingChoice: await orgId('school-primary'),
      settingName: '',
    });
    expect(school.headers.location).toBe(`${base}/school-year`);

    expect((await post('school-year', { year: '99' })).statusCode).toBe(400);
    expect((await post('school-year', { year: '4' })).statusCode).toBe(303);
    expect((await post('main-need', { mainNeed: 'ASD' })).statusCode).toBe(303);
    const sameNeed = await post('other-need', { otherNeed: 'ASD' });
    expect(sameNeed.statusCode).toBe(400);
    expect(sameNeed.body).toContain('different from the main need');
    expect((await post('other-need', { otherNeed: 'SLCN' })).statusCode).toBe(303);
    const communication = await post('communication', {
      communicationNeeds: '',
      preferredLanguage: 'English',
    });
    expect(communication.headers.location).toBe(`${base}/your-details`);

    const badEmail = await post('your-details', {
      contactName: 'Demo Online Parent',
      contactEmail: 'not-an-email',
      contactPhone: 'call me',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toContain('Enter an email address in the correct format, like name@example.com');
    expect(badEmail.body).toContain('Enter a phone number, like 01632 960 001');
    expect(badEmail.body).toContain('value="not-an-email"');
    const details = await post('your-details', {
      contactName: 'Demo Online Parent',
      contactEmail: 'Demo.Online.Parent@demo.example.org',
      contactPhone: '07700 900 982',
    });
    expect(details.headers.location).toBe(`${base}/reasons`);

    const row = await t.database.db
      .selectFrom('ehc_online_requests')
      .select('answers')
      .executeTakeFirstOrThrow();
    const answers = row.answers as Record<string, string>;
    expect(answers.homePostcode).toBe('WV1 1AA');
    expect(answers.contactEmail).toBe('demo.online.parent@demo.example.org');
    expect(answers.dateOfBirth).toBe('2016-04-12');
  });

  it('saves for later and emails a link, once, through the outbox', async () => {
    await parent.get(`${base}/reasons`);
    const saved = await parent.post(`${base}/reasons`, {
      reasons: 'Riley is not making progress in reading despite help.',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}/save-and-return`);
    const page = await parent.get(`${base}/save-and-return`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="demo.online.parent@demo.example.org"');
    expect(page.body).toContain('30 March 2026'); // kept for 28 days

    const bad = await parent.post(`${base}/save-and-return`, { email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter an email address in the correct format');
    const sent = await parent.post(`${base}/save-and-return`, {
      email: 'demo.online.parent@demo.example.org',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${base}/save-and-return/sent`);
    expect((await parent.get(`${base}/save-and-return/sent`)).body).toContain(
      'We have sent a link to demo.online.parent@demo.example.org',
    );
    // Pressed again: still one message.
    await parent.get(`${base}/save-and-return`);
    await parent.post(`${base}/save-and-return`, { email: 'demo.online.parent@demo.example.org' });
    const messages = await outbox('ehc-online-request-saved');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.recipient).toBe('demo.online.parent@demo.example.org');
    expect(messages[0]?.reference).toBeTruthy();
    const link = (messages[0]?.personalisation as { link: string }).link;
    expect(link.startsWith(`${t.config.publicBaseUrl}${base}/resume?token=`)).toBe(true);
    resumeLink = link.slice(t.config.publicBaseUrl.length);
  });

  it('brings the answers back on another device from the link', async () => {
    const otherDevice = family();
    const opened = await otherDevice.get(resumeLink);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`${base}/check-answers`);
    expect(otherDevice.cookies.get('ehc_request')).toBe(resumeLink.split('token=')[1]);
    // Not everything is answered yet: check your answers sends them to the first question left.
    const check = await otherDevice.get(`${base}/check-answers`);
    expect(check.statusCode).toBe(303);
    expect(check.headers.location).toBe(`${base}/support-tried`);
    const reasons = await otherDevice.get(`${base}/reasons`);
    expect(reasons.body).toContain('Riley is not making progress in reading despite help.');
    const resumed = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'ehc.online-request.resumed')
      .execute();
    expect(resumed).toHaveLength(1);
    // A made-up link shows a clear page, not the answers.
    const guessed = await otherDevice.get(`${base}/resume?token=${'x'.repeat(32)}`);
    expect(guessed.statusCode).toBe(404);
    expect(guessed.body).toContain('This link has expired or does not work');
    parent = otherDevice;
  });

  it('finishes the questions and shows every answer with a Change link', async () => {
    await parent.get(`${base}/support-tried`);
    const tried = await parent.post(`${base}/support-tried`, {
      supportTried: 'SEN support for two years.\nSpeech and language therapy.',
    });
    expect(tried.headers.location).toBe(`${base}/sharing`);
    await parent.get(`${base}/sharing`);
    const noConsent = await parent.post(`${base}/sharing`, {});
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Select to confirm you understand how your request will be shared');
    const consent = await parent.post(`${base}/sharing`, { consent: 'yes' });
    expect(consent.headers.location).toBe(`${base}/check-answers`);

    const check = await parent.get(`${base}/check-answers`);
    expect(check.statusCode).toBe(200);
    for (const text of [
      'Demo Online Riley Testcase',
      '12 April 2016',
      'WV1 1AA',
      'Demo Park Primary School',
      'Year 4',
      'Autistic spectrum disorder',
      'Speech, language and communication needs',
      'demo.online.parent@demo.example.org',
      'SEN support for two years.<br>Speech and language therapy.',
    ])
      expect(check.body).toContain(text);
    expect(check.body).toContain(`href="${base}/name?change=1"`);
    expect(check.body).toContain('Change<span class="govuk-visually-hidden"> preferred name</span>');
    expect(check.body).toContain('Accept and send');
  });

  it('goes back to check your answers after a change, and checks again what a change affects', async () => {
    const change = await parent.get(`${base}/name?change=1`);
    expect(change.body).toContain(`href="${base}/check-answers"`); // the back link
    const named = await parent.post(`${base}/name?change=1`, {
      legalGivenNames: 'Demo Online Riley',
      legalFamilyName: 'Testcase',
      preferredName: 'Riles',
    });
    expect(named.headers.location).toBe(`${base}/check-answers`);
    expect((await parent.get(`${base}/check-answers`)).body).toContain('Riles');

    // A 9-year-old cannot be the young person asking: the date of birth is asked again.
    await parent.get(`${base}/who-is-asking?change=1`);
    const yp = await parent.post(`${base}/who-is-asking?change=1`, { who: 'young_person' });
    expect(yp.headers.location).toBe(`${base}/date-of-birth`);
    const dob = await parent.get(`${base}/date-of-birth`);
    expect(dob.body).toContain('What is your date of birth?');
    const blocked = await parent.post(`${base}/date-of-birth`, dateFields('dateOfBirth', '2016-04-12'));
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('You must be 16 or over to ask for yourself');
    expect((await parent.get(`${base}/check-answers`)).headers.location).toBe(`${base}/date-of-birth`);
    await parent.get(`${base}/who-is-asking?change=1`);
    const back = await parent.post(`${base}/who-is-asking?change=1`, { who: 'parent' });
    expect(back.headers.location).toBe(`${base}/check-answers`);
  });

  it('sends the request once, however often it is sent, and confirms it with the reference and 6 weeks', async () => {
    const check = await parent.get(`${base}/check-answers`);
    expect(check.statusCode).toBe(200);
    // A double click: two posts at once.
    const [a, b] = await Promise.all([
      parent.post(`${base}/check-answers`, {}),
      parent.post(`${base}/check-answers`, {}),
    ]);
    expect(a.statusCode).toBe(303);
    expect(b.statusCode).toBe(303);
    expect(a.headers.location).toBe(`${base}/confirmation`);
    expect(b.headers.location).toBe(`${base}/confirmation`);
    const confirmation = await parent.get(`${base}/confirmation`);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Request sent');
    const reference = /EHC-2026-\d{6}/.exec(confirmation.body)?.[0];
    expect(reference).toBeDefined();
    expect(confirmation.body).toContain('13 April 2026'); // 2 March + 6 weeks
    expect(confirmation.body).toContain('within 6 weeks');

    // The back button, and sending again from the old page.
    expect((await parent.get(`${base}/reasons`)).headers.location).toBe(`${base}/confirmation`);
    expect((await parent.get(`${base}/check-answers`)).headers.location).toBe(`${base}/confirmation`);
    const again = await parent.post(`${base}/check-answers`, {}, { csrf: parent.csrfToken() });
    expect(again.headers.location).toBe(`${base}/confirmation`);
    const changeAfter = await parent.post(`${base}/name`, {
      legalGivenNames: 'Changed',
      legalFamilyName: 'X',
    });
    expect(changeAfter.headers.location).toBe(`${base}/confirmation`);

    const c = await onlyCase('Demo Online Riley');
    expect(c.reference).toBe(reference);
    expect(c).toMatchObject({
      request_source: 1,
      request_channel: 'online',
      caseworker_id: null,
      requester_name: 'Demo Online Parent',
      requester_organisation_id: null,
      received_on: '2026-03-02',
      decision_due_on: '2026-04-13',
      status: 'awaiting-decision',
      setting_organisation_id: await orgId('school-primary'),
      home_postcode: 'WV1 1AA',
      preferred_name: 'Riles',
    });
    expect(c.reasons).toContain('Riley is not making progress in reading despite help.');
    expect(c.reasons).toContain('Speech and language therapy.');
    const needs = await t.database.db
      .selectFrom('ehc_child_needs')
      .select(['rank', 'sen_type'])
      .where('child_id', '=', c.child_id)
      .orderBy('rank')
      .execute();
    expect(needs).toEqual([
      { rank: 1, sen_type: 'ASD' },
      { rank: 2, sen_type: 'SLCN' },
    ]);
    const people = await t.database.db
      .selectFrom('ehc_related_people')
      .selectAll()
      .where('child_id', '=', c.child_id)
      .execute();
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      full_name: 'Demo Online Parent',
      relationship: 'parent',
      has_parental_responsibility: true,
      email: 'demo.online.parent@demo.example.org',
      is_main_contact: true,
    });
    // What the answers said now lives in the case: the saved row keeps nothing personal.
    const saved = await t.database.db
      .selectFrom('ehc_online_requests')
      .selectAll()
      .where('submitted_case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(saved.answers).toEqual({ mode: 'family' });
  });

  it('tells the family, health, social care and the setting, once each', async () => {
    const c = await onlyCase('Demo Online Riley');
    const family = await outbox('ehc-request-received-family');
    expect(family.filter((m) => m.recipient === 'demo.online.parent@demo.example.org')).toHaveLength(1);
    expect((family[0]?.personalisation as Record<string, string>).decision_due).toBe('13 April 2026');
    const partners = (await outbox('ehc-request-received-partner')).filter(
      (m) => (m.personalisation as Record<string, string>).reference === c.reference,
    );
    const recipients = new Set(partners.map((m) => m.recipient));
    expect(recipients.size).toBe(partners.length);
    for (const key of ['icb', 'social-care', 'school-primary']) {
      const emails = await t.database.db
        .selectFrom('users')
        .innerJoin('organisations as o', 'o.id', 'users.organisation_id')
        .select('users.email')
        .where('o.key', '=', key)
        .where('users.role', '=', 'partner_practitioner')
        .execute();
      expect(emails.length, key).toBeGreaterThan(0);
      for (const e of emails) expect(recipients.has(e.email), `${key}: ${e.email}`).toBe(true);
    }
  });

  it("appears in the caseworker's list, unassigned, as an online request from a parent", async () => {
    const c = await onlyCase('Demo Online Riley');
    const caseworker = await signedIn('caseworker@demo.example.org');
    const list = await caseworker.get('/ehc/cases');
    expect(list.statusCode).toBe(200);
    const row = list.body.split('<tr').find((r) => r.includes(c.reference));
    expect(row).toBeDefined();
    expect(row).toContain('Not assigned');
    const page = await caseworker.get(`/ehc/cases/${c.id}`);
    expect(page.body).toContain('Online request');
    expect(page.body).toContain('Parent or young person (Demo Online Parent)');
    expect(page.body).not.toContain('Possible duplicate record');
  });

  it('refuses a post without the CSRF token', async () => {
    const visitor = family();
    await visitor.get(`${base}/who-is-asking`);
    const response = await visitor.post(`${base}/who-is-asking`, { who: 'parent' }, { csrf: null });
    expect(response.statusCode).toBe(403);
  });
});

describe('a request for a child who may already have a record', () => {
  it('is still made for the family, and the caseworker is warned on the case', async () => {
    const caseworker = await signedIn('caseworker@demo.example.org');
    await caseworker.get('/ehc/requests/new');
    const recorded = await caseworker.post('/ehc/requests/new', {
      legalGivenNames: 'Demo Sam',
      legalFamilyName: 'Duplicate',
      preferredName: '',
      ...dateFields('dateOfBirth', '2014-09-01'),
      sex: 'M',
      nhsNumber: '',
      homePostcode: '',
      settingName: '',
      settingOrganisationId: '',
      nationalCurriculumYear: '',
      primaryNeed: 'MLD',
      secondaryNeed: '',
      communicationNeeds: '',
      preferredLanguage: '',
      parentName: '',
      parentRelationship: '',
      parentEmail: '',
      parentPhone: '',
      source: '1',
      channel: 'letter',
      requesterName: '',
      ...dateFields('receivedOn', '2026-02-20'),
      reasons: 'A letter from the family.',
    });
    expect(recorded.statusCode).toBe(303);
    const first = await onlyCase('Demo Sam');

    const parent = new FormSession(t.app);
    await answerAll(
      parent,
      base,
      await familyAnswers({
        name: { legalGivenNames: 'Demo Samuel', legalFamilyName: 'duplicate', preferredName: 'Sam' },
        'date-of-birth': dateFields('dateOfBirth', '2014-09-01'),
        'school-or-setting': { settingChoice: 'other', settingName: 'Demo Faraway Academy' },
        'your-details': {
          contactName: 'Demo Dup Parent',
          contactEmail: 'demo.dup.parent@demo.example.org',
          contactPhone: '',
        },
      }),
    );
    await parent.get(`${base}/check-answers`);
    expect((await parent.post(`${base}/check-answers`, {})).headers.location).toBe(`${base}/confirmation`);
    const second = await onlyCase('Demo Samuel');
    expect(second.child_id).not.toBe(first.child_id);
    expect(second.setting_organisation_id).toBeNull();

    const page = await caseworker.get(`/ehc/cases/${second.id}`);
    expect(page.body).toContain('Possible duplicate record');
    expect(page.body).toContain(`href="/ehc/cases/${first.id}"`);
    expect(page.body).toContain(first.reference);
    expect(page.body).toContain('Demo Sam Duplicate, born 1 September 2014');
    const original = await caseworker.get(`/ehc/cases/${first.id}`);
    expect(original.body).not.toContain('Possible duplicate record');
    // The family sees no such thing: the event is for the casework team only.
    const event = await t.database.db
      .selectFrom('ehc_case_events')
      .select(['visible_to_family'])
      .where('case_id', '=', second.id)
      .where('kind', '=', 'possible-duplicate')
      .executeTakeFirstOrThrow();
    expect(event.visible_to_family).toBe(false);
  });
});

describe("a school's request", () => {
  it('is only for a signed-in practitioner of a school, college or early years setting', async () => {
    const anonymous = new FormSession(t.app);
    const redirected = await anonymous.get(settingBase);
    expect(redirected.statusCode).toBe(303);
    expect(String(redirected.headers.location)).toContain('/sign-in');
    const health = await signedIn('health.practitioner@demo.example.org');
    expect((await health.get(settingBase)).statusCode).toBe(403);
    expect((await health.get(`${settingBase}/name`)).statusCode).toBe(403);
  });

  it('uses the same questions, coded as a request from the setting, with the family told', async () => {
    const school = await signedIn('school.senco@demo.example.org');
    const start = await school.get(settingBase);
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Demo Brook Special School');
    const pages: PageAnswers = [
      ['name', { legalGivenNames: 'Demo Setting Alex', legalFamilyName: 'Testcase', preferredName: '' }],
      ['date-of-birth', dateFields('dateOfBirth', '2012-11-30')],
      ['sex', { sex: 'M' }],
      ['postcode', { homePostcode: 'WV10 6QQ' }],
      ['school-year', { year: '8' }],
      ['main-need', { mainNeed: 'SEMH' }],
      ['other-need', { otherNeed: 'none' }],
      ['communication', { communicationNeeds: 'Uses a visual timetable', preferredLanguage: '' }],
      [
        'family-contact',
        {
          contactName: 'Demo Setting Carer',
          contactRelationship: 'carer',
          contactEmail: 'demo.setting.carer@demo.example.org',
          contactPhone: '',
        },
      ],
      ['reasons', { reasons: 'Alex needs more than the school can give from its own resources.' }],
      ['support-tried', { supportTried: 'Three cycles of assess, plan, do, review.' }],
    ];
    await answerAll(school, settingBase, pages, 'sharing');
    await school.get(`${settingBase}/sharing`);
    const noAgreement = await school.post(`${settingBase}/sharing`, {});
    expect(noAgreement.statusCode).toBe(400);
    expect(noAgreement.body).toContain('Select to confirm the family knows about this request');
    await school.post(`${settingBase}/sharing`, { consent: 'yes' });

    // Saving for later offers the practitioner's own address.
    await school.get(`${settingBase}/sharing`);
    const save = await school.post(`${settingBase}/sharing`, { consent: 'yes', action: 'save' });
    expect(save.headers.location).toBe(`${settingBase}/save-and-return`);
    expect((await school.get(`${settingBase}/save-and-return`)).body).toContain(
      'value="school.senco@demo.example.org"',
    );

    const check = await school.get(`${settingBase}/check-answers`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('From Demo Brook Special School');
    expect(check.body).toContain('Demo Setting Carer');
    expect(check.body).toContain(`href="${settingBase}/family-contact?change=1"`);
    const sent = await school.post(`${settingBase}/check-answers`, {});
    expect(sent.headers.location).toBe(`${settingBase}/confirmation`);
    const confirmation = await school.get(`${settingBase}/confirmation`);
    expect(confirmation.body).toContain('Request sent');
    expect(confirmation.body).toContain('13 April 2026');
    const again = await school.post(`${settingBase}/check-answers`, {}, { csrf: school.csrfToken() });
    expect(again.headers.location).toBe(`${settingBase}/confirmation`);

    const c = await onlyCase('Demo Setting Alex');
    const settingId = await orgId('school-special');
    expect(c).toMatchObject({
      request_source: 2,
      request_channel: 'setting',
      requester_name: 'Demo Brook Special School',
      requester_organisation_id: settingId,
      setting_organisation_id: settingId,
      caseworker_id: null,
      received_on: '2026-03-02',
    });
    const carer = await t.database.db
      .selectFrom('ehc_related_people')
      .selectAll()
      .where('child_id', '=', c.child_id)
      .executeTakeFirstOrThrow();
    expect(carer).toMatchObject({ relationship: 'carer', has_parental_responsibility: true });
    const family = await outbox('ehc-request-received-family');
    expect(family.some((m) => m.recipient === 'demo.setting.carer@demo.example.org')).toBe(true);
    const partners = await outbox('ehc-request-received-partner');
    expect(
      partners.some(
        (m) =>
          m.recipient === 'school.senco@demo.example.org' &&
          (m.personalisation as Record<string, string>).reference === c.reference,
      ),
    ).toBe(true);

    // The family's journey never shows a setting's saved answers, nor the other way round.
    const visitor = new FormSession(t.app);
    visitor.cookies.set('ehc_request', school.cookies.get('ehc_setting_request') as string);
    expect((await visitor.get(`${base}/confirmation`)).headers.location).toBe(base);
  });
});

describe('saved answers', () => {
  it('expire after 28 days, and are then removed', async () => {
    at('2026-03-02');
    const parent = new FormSession(t.app);
    await parent.get(`${base}/who-is-asking`);
    await parent.post(`${base}/who-is-asking`, { who: 'parent' });
    await parent.get(`${base}/name`);
    await parent.post(`${base}/name`, { legalGivenNames: 'Demo Expiring', legalFamilyName: 'Testcase' });
    const token = parent.cookies.get('ehc_request') as string;

    at('2026-03-29'); // 27 days later: still there
    expect((await parent.get(`${base}/name`)).body).toContain('value="Demo Expiring"');
    at('2026-04-28'); // 30 days after the last save
    const name = await parent.get(`${base}/name`);
    expect(name.body).not.toContain('Demo Expiring');
    const check = await parent.get(`${base}/check-answers`);
    expect(check.headers.location).toBe(`${base}/who-is-asking`);
    const link = await new FormSession(t.app).get(`${base}/resume?token=${token}`);
    expect(link.statusCode).toBe(404);
    const removed = await t.container.services.ehc.removeExpiredOnlineRequests();
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = await t.database.db
      .selectFrom('ehc_online_requests')
      .select('id')
      .where('resume_token_hash', '=', sha256(token))
      .execute();
    expect(left).toHaveLength(0);
    at('2026-03-02');
  });
});
