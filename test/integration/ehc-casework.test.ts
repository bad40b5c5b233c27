import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS } from '../../src/db/seed/demo.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * A needs assessment from request to final plan through the caseworker's pages, as a browser without
 * JavaScript would use them, on the engine under test; then every case page for every role.
 */
let t: TestApp;
let caseId = '';
let adviceId = '';

const at = (isoDate: string) => t.clock.set(new Date(`${isoDate}T10:00:00Z`));

async function signedIn(email: string) {
  const session = new FormSession(t.app);
  const response = await session.signIn(email, DEMO_PASSWORD);
  expect(response.statusCode).toBe(303);
  return session;
}

const caseworkerEmail = 'caseworker@demo.example.org';
const managerEmail = 'send.manager@demo.example.org';

function dateFields(name: string, iso: string) {
  return {
    [`${name}-day`]: String(Number(iso.slice(8, 10))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
}

const request = {
  legalGivenNames: 'Demo Riley',
  legalFamilyName: 'Testcase',
  preferredName: 'Riles',
  ...dateFields('dateOfBirth', '2016-04-12'),
  sex: 'F',
  nhsNumber: '943 476 5919',
  homePostcode: 'WV1 1AA',
  settingName: 'Demo Park Primary School',
  settingOrganisationId: '',
  nationalCurriculumYear: '4',
  primaryNeed: 'ASD',
  secondaryNeed: 'SLCN',
  communicationNeeds: '',
  preferredLanguage: 'English',
  parentName: 'Demo Parent Testcase',
  parentRelationship: 'parent',
  parentEmail: 'demo.parent.testcase@demo.example.org',
  parentPhone: '',
  source: '1',
  channel: 'letter',
  requesterName: '',
  ...dateFields('receivedOn', '2026-01-05'),
  reasons: 'Riley is not making progress despite SEN support over two years.',
};

async function orgId(key: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
});
afterAll(async () => {
  await t?.close();
});

describe('a needs assessment from request to final plan', () => {
  it('records a request from a letter, with its clocks from the engine', async () => {
    at('2026-01-06');
    const caseworker = await signedIn(caseworkerEmail);
    expect((await caseworker.get('/ehc/requests/new')).statusCode).toBe(200);
    const response = await caseworker.post('/ehc/requests/new', request);
    expect(response.statusCode).toBe(303);
    caseId = /\/ehc\/cases\/([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1] ?? '';
    expect(caseId).not.toBe('');
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      received_on: '2026-01-05',
      decision_due_on: '2026-02-16',
      no_plan_due_on: '2026-04-27',
      final_plan_due_on: '2026-05-25',
      status: 'awaiting-decision',
      request_source: 1,
    });
    const page = await caseworker.get(`/ehc/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Demo Riley Testcase');
    expect(page.body).toContain('16 February 2026');
    // The family was told through the outbox, in the same transaction.
    const messages = await t.database.db
      .selectFrom('notification_outbox')
      .select(['template', 'recipient'])
      .where('recipient', '=', 'demo.parent.testcase@demo.example.org')
      .execute();
    expect(messages.map((m) => m.template)).toContain('ehc-request-received-family');
  });

  it('finds the child again before making a second record, and refuses a second open request', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get('/ehc/requests/new');
    const check = await caseworker.post('/ehc/requests/new', request);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Check whether this child already has a record');
    const child = await t.database.db
      .selectFrom('ehc_cases')
      .select('child_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const again = await caseworker.post('/ehc/requests/new', { ...request, existingChildId: child.child_id });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already has an open request');
    const count = await t.database.db
      .selectFrom('ehc_cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses bad input with a GOV.UK error and keeps what was typed', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get('/ehc/requests/new');
    const bad = await caseworker.post('/ehc/requests/new', {
      ...request,
      ...dateFields('receivedOn', '2027-01-05'),
      nhsNumber: '943 476 5918',
      legalGivenNames: 'Jo<script>',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('must not include the characters &lt; or &gt;');
    expect(bad.body).toContain('value="943 476 5918"');
  });

  it('decides to assess once, and only once', async () => {
    at('2026-02-02');
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/decision`);
    const future = await caseworker.post(`/ehc/cases/${caseId}/decision`, {
      outcome: 'assess',
      ...dateFields('notifiedOn', '2026-02-03'),
      reasons: '',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('must be today or in the past');
    const ok = await caseworker.post(`/ehc/cases/${caseId}/decision`, {
      outcome: 'assess',
      ...dateFields('notifiedOn', '2026-02-02'),
      reasons: '',
    });
    expect(ok.statusCode).toBe(303);
    const second = await caseworker.post(`/ehc/cases/${caseId}/decision`, {
      outcome: 'not-assess',
      ...dateFields('notifiedOn', '2026-02-02'),
      reasons: 'No',
    });
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('A decision has already been made');
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .select(['status', 'decision_outcome'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'assessing', decision_outcome: 'assess' });
  });

  it('asks for health advice with its own 6-week clock, and the partner is told', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/advice`);
    const response = await caseworker.post(`/ehc/cases/${caseId}/advice`, {
      adviceType: 'health',
      organisationId: await orgId('rwt'),
      ...dateFields('requestedOn', '2026-02-02'),
    });
    expect(response.statusCode).toBe(303);
    const advice = await t.database.db
      .selectFrom('ehc_advice_requests')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    adviceId = advice.id;
    expect(advice.due_on).toBe('2026-03-16');
    const messages = await t.database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template', '=', 'ehc-advice-requested')
      .execute();
    expect(messages.map((m) => m.recipient)).toContain('health.practitioner@demo.example.org');
  });

  it('shows overdue advice on the due and overdue list, coloured by risk', async () => {
    at('2026-03-18');
    const caseworker = await signedIn(caseworkerEmail);
    const due = await caseworker.get('/ehc/due');
    expect(due.statusCode).toBe(200);
    expect(due.body).toContain('Overdue');
    expect(due.body).toContain('The Royal Wolverhampton NHS Trust');
    expect(due.body).toContain('16 March 2026 (2 days overdue)');
  });

  it('records late advice and a missed-appointment exception that the engine accepts', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/advice/${adviceId}/received`);
    const received = await caseworker.post(`/ehc/cases/${caseId}/advice/${adviceId}/received`, {
      ...dateFields('receivedOn', '2026-03-18'),
      summary: 'Community paediatric advice.',
    });
    expect(received.statusCode).toBe(303);
    await caseworker.get(`/ehc/cases/${caseId}/exceptions`);
    const outside = await caseworker.post(`/ehc/cases/${caseId}/exceptions`, {
      clockKey: `advice:${adviceId}`,
      type: '8(2)(c)',
      ...dateFields('fromOn', '2026-01-10'),
      ...dateFields('toOn', '2026-01-10'),
      evidence: 'Did not attend',
    });
    expect(outside.statusCode).toBe(400);
    const ok = await caseworker.post(`/ehc/cases/${caseId}/exceptions`, {
      clockKey: `advice:${adviceId}`,
      type: '8(2)(c)',
      ...dateFields('fromOn', '2026-02-20'),
      ...dateFields('toOn', '2026-02-20'),
      evidence: 'Missed clinic appointment on 20 February 2026',
    });
    expect(ok.statusCode).toBe(303);
    const page = await caseworker.get(`/ehc/cases/${caseId}`);
    expect(page.body).toContain('Exception: 8(2)(c)');
  });

  it('writes the draft plan, refuses to issue it until it is complete, then issues it', async () => {
    at('2026-04-13');
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/draft`);
    const early = await caseworker.post(`/ehc/cases/${caseId}/draft`, dateFields('servedOn', '2026-04-13'));
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Section A must say');
    await caseworker.get(`/ehc/cases/${caseId}/plan/views`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/plan/views`, {
          views: 'Riley loves trains and wants to make friends.',
        })
      ).statusCode,
    ).toBe(303);
    await caseworker.get(`/ehc/cases/${caseId}/plan/needs`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/plan/needs`, {
          section: 'B',
          text: 'Riley finds changes to routine very hard.',
        })
      ).statusCode,
    ).toBe(303);
    await caseworker.get(`/ehc/cases/${caseId}/plan/outcomes`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${caseId}/plan/outcomes`, {
          text: 'Riley will manage a change of routine with one visual prompt.',
          byWhen: 'By July 2027',
        })
      ).statusCode,
    ).toBe(303);
    const plan = await t.database.db
      .selectFrom('ehc_plans')
      .select('content')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const content = plan.content as { needs: { id: string }[]; outcomes: { id: string }[] };
    await caseworker.get(`/ehc/cases/${caseId}/plan/provision`);
    const unquantified = await caseworker.post(`/ehc/cases/${caseId}/plan/provision`, {
      section: 'F',
      what: 'Visual timetable',
      whoProvides: 'Class teacher',
      howOften: '',
      forHowLong: 'Until the annual review',
      meetsNeedIds: content.needs[0]?.id ?? '',
    });
    expect(unquantified.statusCode).toBe(400);
    const provision = await caseworker.post(`/ehc/cases/${caseId}/plan/provision`, {
      section: 'F',
      what: 'Visual timetable',
      whoProvides: 'Class teacher',
      howOften: 'Every day',
      forHowLong: 'Until the annual review',
      meetsNeedIds: content.needs[0]?.id ?? '',
      meetsOutcomeIds: content.outcomes[0]?.id ?? '',
    });
    expect(provision.statusCode).toBe(303);
    await caseworker.get(`/ehc/cases/${caseId}/draft`);
    const issued = await caseworker.post(`/ehc/cases/${caseId}/draft`, dateFields('servedOn', '2026-04-13'));
    expect(issued.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .select(['status', 'draft_served_on'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft-issued', draft_served_on: '2026-04-13' });
  });

  it('consults a school with a 15-day reply and issues the final plan in week 19', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}/consult`);
    const consult = await caseworker.post(`/ehc/cases/${caseId}/consult`, {
      organisationId: await orgId('school-special'),
      ...dateFields('sentOn', '2026-04-13'),
    });
    expect(consult.statusCode).toBe(303);
    const consultation = await t.database.db
      .selectFrom('ehc_setting_consultations')
      .select('due_on')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(consultation.due_on).toBe('2026-04-28');
    at('2026-05-11');
    const again = await signedIn(caseworkerEmail);
    await again.get(`/ehc/cases/${caseId}/final`);
    const final = await again.post(`/ehc/cases/${caseId}/final`, {
      namedSetting: 'Demo Brook Special School',
      ...dateFields('issuedOn', '2026-05-11'),
    });
    expect(final.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .select(['status', 'final_issued_on', 'closed_on'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'final-issued', final_issued_on: '2026-05-11', closed_on: '2026-05-11' });
    const page = await again.get(`/ehc/cases/${caseId}`);
    expect(page.body).toContain('Final plan issued (20 weeks)');
    expect(page.body).toContain('Done on time');
  });

  it('gives the plan as HTML and as Word, and the decision letter as Word', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    const html = await caseworker.get(`/ehc/cases/${caseId}/plan/view`);
    expect(html.statusCode).toBe(200);
    const sections = [
      'Section A',
      'Section B',
      'Section C',
      'Section D',
      'Section E',
      'Section F',
      'Section G',
      'Section H1',
      'Section H2',
      'Section I',
      'Section J',
      'Section K',
    ];
    const positions = sections.map((s) => html.body.indexOf(s));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const docx = await caseworker.get(`/ehc/cases/${caseId}/plan.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const letter = await caseworker.get(`/ehc/cases/${caseId}/letters/decision.docx`);
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('audits every read of the case, and a guessed id is a 404 that is audited too', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}`);
    const viewed = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'ehc.case.viewed')
      .where('subject_id', '=', caseId)
      .execute();
    expect(viewed.length).toBeGreaterThan(0);
    const guessed = await caseworker.get('/ehc/cases/6b1d6f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f');
    expect(guessed.statusCode).toBe(404);
    const garbage = await caseworker.get('/ehc/cases/not-a-case');
    expect(garbage.statusCode).toBe(404);
    const notFound = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'ehc.case.not-found')
      .execute();
    expect(notFound.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a change without its CSRF token', async () => {
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get(`/ehc/cases/${caseId}`);
    const response = await caseworker.post(`/ehc/cases/${caseId}/notes`, { body: 'A note' }, { csrf: null });
    expect(response.statusCode).toBe(403);
  });

  it('shows the manager the case counted on time, and the caseload', async () => {
    const manager = await signedIn(managerEmail);
    const page = await manager.get('/ehc/manager');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Open cases by caseworker');
    // The plan issued in week 19 counts as within 20 weeks, and (a missed appointment being no 20-week
    // exception) in the figure excluding exceptions too.
    expect(page.body).toContain('Final plans issued in 2026');
    expect(page.body).toMatch(
      /Issued within 20 weeks, including exceptions\s*<\/dt>\s*<dd[^>]*>\s*1 of 1 \(100%\)/,
    );
    expect(page.body).toMatch(
      /Issued within 20 weeks, excluding exceptions\s*<\/dt>\s*<dd[^>]*>\s*1 of 1 \(100%\)/,
    );
    expect(page.body).toContain('Within 20 weeks');
    expect(page.body).toContain('Week 19');
    const notes = await t.database.db
      .selectFrom('audit_events')
      .select(sql<string>`count(*)`.as('n'))
      .where('action', '=', 'ehc.final.issued')
      .executeTakeFirstOrThrow();
    expect(Number(notes.n)).toBe(1);
  });
});

describe('every case page, for every role', () => {
  const pages = () => [
    '/ehc',
    '/ehc/due',
    '/ehc/cases',
    '/ehc/requests/new',
    `/ehc/cases/${caseId}`,
    `/ehc/cases/${caseId}/plan`,
    `/ehc/cases/${caseId}/plan/view`,
    `/ehc/cases/${caseId}/plan.docx`,
    `/ehc/cases/${caseId}/letters/decision.docx`,
    `/ehc/cases/${caseId}/exceptions`,
  ];
  const allowed = new Set(['send_caseworker', 'send_manager']);

  it.each(DEMO_SIGN_INS.map((p) => [p.role, p.email]))('as %s', async (role, email) => {
    const session = await signedIn(email);
    for (const url of pages()) {
      const response = await session.get(url);
      expect([url, response.statusCode]).toEqual([url, allowed.has(role) ? 200 : 403]);
    }
    const manager = await session.get('/ehc/manager');
    expect(manager.statusCode).toBe(role === 'send_manager' ? 200 : 403);
  });

  it('sends someone not signed in to sign in', async () => {
    const anonymous = new FormSession(t.app);
    for (const url of pages()) {
      const response = await anonymous.get(url);
      expect([url, response.statusCode]).toEqual([url, 303]);
      expect(String(response.headers.location)).toContain('/sign-in');
    }
  });
});

describe('a case that closes while advice is still awaited', () => {
  it('stops awaiting its advice, so that it leaves "due and overdue" and the partner portal lists it as no longer open', async () => {
    at('2026-05-04');
    const caseworker = await signedIn(caseworkerEmail);
    await caseworker.get('/ehc/requests/new');
    const created = await caseworker.post('/ehc/requests/new', {
      ...request,
      legalGivenNames: 'Demo Casey',
      legalFamilyName: 'Withdrawncase',
      preferredName: '',
      nhsNumber: '',
      ...dateFields('dateOfBirth', '2015-09-01'),
      parentName: 'Demo Parent Withdrawncase',
      parentEmail: 'demo.parent.withdrawncase@demo.example.org',
      ...dateFields('receivedOn', '2026-03-02'),
    });
    expect(created.statusCode).toBe(303);
    const id = /\/ehc\/cases\/([0-9a-f-]{36})$/.exec(String(created.headers.location))?.[1] ?? '';
    await caseworker.get(`/ehc/cases/${id}/decision`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${id}/decision`, {
          outcome: 'assess',
          ...dateFields('notifiedOn', '2026-03-09'),
          reasons: '',
        })
      ).statusCode,
    ).toBe(303);
    await caseworker.get(`/ehc/cases/${id}/advice`);
    expect(
      (
        await caseworker.post(`/ehc/cases/${id}/advice`, {
          adviceType: 'health',
          organisationId: await orgId('rwt'),
          ...dateFields('requestedOn', '2026-03-10'),
        })
      ).statusCode,
    ).toBe(303);
    const listed = async () => {
      const due = await caseworker.get('/ehc/due');
      expect(due.statusCode).toBe(200);
      return {
        // The table's caption counts the deadlines; with none, the page says nothing is due.
        total: Number(
          /(\d+) deadlines?/.exec(due.body)?.[1] ?? (due.body.includes('Nothing is due') ? 0 : NaN),
        ),
        listsIt: due.body.includes('Withdrawncase'),
      };
    };
    const before = await listed();
    expect(before.listsIt).toBe(true);

    await caseworker.get(`/ehc/cases/${id}/close`);
    const closed = await caseworker.post(`/ehc/cases/${id}/close`, {
      reason: 'withdrawn',
      ...dateFields('closedOn', '2026-05-01'),
    });
    expect(closed.statusCode).toBe(303);
    const advice = await t.database.db
      .selectFrom('ehc_advice_requests')
      .select(['received_on', 'no_longer_awaited_on'])
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(advice).toEqual({ received_on: null, no_longer_awaited_on: '2026-05-01' });
    const after = await listed();
    expect(after.listsIt).toBe(false);
    // The overdue advice leaves the list (the 20-week clock, due in July, was not on it).
    expect(after.total).toBe(before.total - 1);

    const partner = await signedIn('health.practitioner@demo.example.org');
    const portal = await partner.get('/partner');
    expect(portal.statusCode).toBe(200);
    // Listed with the answered requests, as no longer needed, not as due.
    const row = portal.body.slice(portal.body.indexOf('Withdrawncase'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('Not needed: the case has closed');
  });
});
