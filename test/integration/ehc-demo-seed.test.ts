import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoArea } from '../../src/db/seed/demo.ts';
import {
  DEMO_FAMILY,
  EHC_DEMO_AREA_ORGANISATIONS,
  EHC_DEMO_SETTINGS,
  EHC_DEMO_VOLUME,
  GENERATED_CASEWORKERS,
  generateEhcDemo,
  type EhcDemoRefs,
} from '../../src/db/seed/ehc-demo.ts';
import { addDays, londonToday } from '../../src/lib/dates.ts';
import { caseClocks } from '../../src/modules/ehc/domain/case-clocks.ts';
import { deadlineFor } from '../../src/modules/ehc/domain/deadlines.ts';
import { excusalProblems } from '../../src/modules/ehc/domain/excusals.ts';
import { validateNhsNumber, validateUpn } from '../../src/modules/ehc/domain/identifiers.ts';
import { planProblems, type PlanContent } from '../../src/modules/ehc/domain/plan-content.ts';
import type { ExceptionType, RuleId } from '../../src/modules/ehc/domain/rules.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The EHC demo data, seeded as `npm start` seeds it (seedDemoArea, the full volume), checked against the
 * clock engine and through the real pages: every list and clock has something true to show.
 */
let t: TestApp;
let today = '';
let seedMs = 0;

beforeAll(async () => {
  const started = performance.now();
  t = await buildTestApp({ localOffer: true, ehcDemo: true });
  seedMs = Math.round(performance.now() - started);
  today = londonToday(t.clock.now());
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const db = () => t.database.db;

async function signedIn(email: string) {
  const session = new FormSession(t.app);
  expect((await session.signIn(email, DEMO_PASSWORD)).statusCode).toBe(303);
  return session;
}

/** Rows of the first table body on a page. */
function tableRows(html: string): number {
  return (html.match(/<tr class="govuk-table__row">/g) ?? []).length;
}

describe('the EHC demo data', () => {
  it('holds a year of requests and the active plans of earlier years, every one marked as demo data', async () => {
    console.log(`EHC demo: the test app with the full demo area seeded in ${seedMs} ms`);
    const yearAgo = addDays(today, -365);
    const cases = await db().selectFrom('ehc_cases').select(['status', 'received_on', 'is_demo']).execute();
    expect(cases.every((c) => c.is_demo)).toBe(true);
    const recent = cases.filter((c) => c.received_on >= yearAgo);
    expect(recent).toHaveLength(EHC_DEMO_VOLUME.requests + 1); // and the demo family's
    const earlier = cases.filter((c) => c.received_on < yearAgo);
    expect(earlier).toHaveLength(EHC_DEMO_VOLUME.plans);
    expect(earlier.every((c) => c.status === 'final-issued')).toBe(true);

    const byStatus = new Map<string, number>();
    for (const c of recent) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    for (const status of [
      'awaiting-decision',
      'not-assessing',
      'assessing',
      'draft-issued',
      'final-issued',
      'no-plan',
      'withdrawn',
      'moved-out',
    ])
      expect(byStatus.get(status) ?? 0, status).toBeGreaterThan(0);
    // About a fifth decided not to assess.
    const notAssessed = (byStatus.get('not-assessing') ?? 0) / recent.length;
    expect(notAssessed).toBeGreaterThan(0.12);
    expect(notAssessed).toBeLessThan(0.28);

    const children = await db().selectFrom('ehc_children').select('is_demo').execute();
    expect(children.every((c) => c.is_demo)).toBe(true);
    const emails = await db()
      .selectFrom('ehc_related_people')
      .select('email')
      .where('email', 'is not', null)
      .execute();
    expect(emails.length).toBeGreaterThan(3000);
    expect(emails.every((p) => String(p.email).endsWith('@demo.example.org'))).toBe(true);
  });

  it('stores every due date as the clock engine computes it', async () => {
    const cases = await db()
      .selectFrom('ehc_cases')
      .select(['received_on', 'decision_due_on', 'no_plan_due_on', 'final_plan_due_on'])
      .execute();
    for (const c of cases) {
      expect(c.decision_due_on).toBe(deadlineFor('decision-to-assess', c.received_on).dueDate);
      expect(c.no_plan_due_on).toBe(deadlineFor('no-plan-decision', c.received_on).dueDate);
      expect(c.final_plan_due_on).toBe(deadlineFor('final-plan', c.received_on).dueDate);
    }
    const advice = await db().selectFrom('ehc_advice_requests').select(['requested_on', 'due_on']).execute();
    expect(advice.length).toBeGreaterThan(10_000);
    for (const a of advice) expect(a.due_on).toBe(deadlineFor('advice', a.requested_on).dueDate);
    const consultations = await db()
      .selectFrom('ehc_setting_consultations')
      .select(['sent_on', 'due_on'])
      .execute();
    expect(consultations.length).toBeGreaterThan(500);
    for (const s of consultations)
      expect(s.due_on).toBe(deadlineFor('setting-consultation', s.sent_on).dueDate);
  });

  it('has realistic timeliness: most plans within 20 weeks, about 70% of health advice within 6 weeks', async () => {
    const yearAgo = addDays(today, -365);
    const finals = await db()
      .selectFrom('ehc_cases')
      .select(['final_issued_on', 'final_plan_due_on', 'received_on'])
      .where('status', '=', 'final-issued')
      .execute();
    const share = (rows: typeof finals) =>
      rows.filter((c) => (c.final_issued_on as string) <= c.final_plan_due_on).length / rows.length;
    const thisYear = finals.filter((c) => c.received_on >= yearAgo);
    expect(thisYear.length).toBeGreaterThan(250);
    expect(share(thisYear)).toBeGreaterThan(0.7);
    expect(share(thisYear)).toBeLessThan(0.95);
    // Some late: the 20-week clock was missed for a reason (late advice) and shows as such.
    expect(share(thisYear)).toBeLessThan(1);
    // Earlier years were worse: the service improved.
    const earliest = finals.filter((c) => c.received_on < addDays(today, -6 * 365));
    expect(share(earliest)).toBeLessThan(share(thisYear));

    const health = await db()
      .selectFrom('ehc_advice_requests as a')
      .innerJoin('ehc_cases as c', 'c.id', 'a.case_id')
      .select(['a.received_on', 'a.due_on'])
      .where('a.advice_type', '=', 'health')
      .where('a.received_on', 'is not', null)
      .where('c.received_on', '>=', yearAgo)
      .execute();
    const onTime = health.filter((a) => (a.received_on as string) <= a.due_on).length / health.length;
    expect(onTime).toBeGreaterThan(0.6);
    expect(onTime).toBeLessThan(0.8);
  });

  it('records exceptions as excusals the engine accepts: reg 8(2) against advice, reg 10(4) against the 20 weeks', async () => {
    const excusals = await db()
      .selectFrom('ehc_excusals as e')
      .innerJoin('ehc_cases as c', 'c.id', 'e.case_id')
      .leftJoin('ehc_advice_requests as a', 'a.id', 'e.subject_id')
      .select([
        'e.rule_id',
        'e.subject_id',
        'e.exception_type',
        'e.from_on',
        'e.to_on',
        'e.evidence',
        'c.received_on',
        'c.final_issued_on',
        'a.requested_on',
        'a.received_on as advice_received_on',
      ])
      .execute();
    const types = new Set(excusals.map((e) => e.exception_type));
    expect(types).toContain('8(2)(c)');
    expect([...types].some((type) => type.startsWith('10(4)'))).toBe(true);
    for (const e of excusals) {
      const advice = e.rule_id === 'advice';
      const deadline = deadlineFor(e.rule_id as RuleId, advice ? (e.requested_on as string) : e.received_on, {
        ruleInForceOn: e.received_on,
        ...(e.subject_id ? { subjectId: e.subject_id } : {}),
      });
      const eventDate = (advice ? e.advice_received_on : e.final_issued_on) ?? undefined;
      const problems = excusalProblems(
        {
          type: e.exception_type as ExceptionType,
          deadline: { ruleId: e.rule_id as RuleId, ...(e.subject_id ? { subjectId: e.subject_id } : {}) },
          from: e.from_on,
          to: e.to_on,
          evidence: e.evidence,
        },
        deadline,
        eventDate,
      );
      expect(problems).toEqual([]);
    }
  });

  it('gives children identifiers valid by their check digits from ranges that cannot be real, or a reason', async () => {
    const children = await db()
      .selectFrom('ehc_children')
      .select([
        'nhs_number',
        'nhs_number_unknown_reason',
        'upn',
        'upn_unknown_reason',
        'uln',
        'uln_unknown_reason',
      ])
      .execute();
    for (const c of children) {
      if (c.nhs_number) {
        expect(c.nhs_number.startsWith('999')).toBe(true);
        expect(validateNhsNumber(c.nhs_number).ok).toBe(true);
      } else expect(c.nhs_number_unknown_reason).toBeTruthy();
      if (c.upn) {
        expect(c.upn.slice(1, 4)).toBe('999');
        expect(validateUpn(c.upn).ok).toBe(true);
      } else expect(c.upn_unknown_reason).toBeTruthy();
      expect(c.uln).toBeNull();
      expect(c.uln_unknown_reason).toBeTruthy();
    }
    expect(children.filter((c) => c.nhs_number).length).toBeGreaterThan(children.length * 0.8);
    expect(new Set(children.map((c) => c.nhs_number).filter(Boolean)).size).toBe(
      children.filter((c) => c.nhs_number).length,
    );
  });

  it('gives every issued plan content that could be issued, and every final plan a named setting', async () => {
    const plans = await db()
      .selectFrom('ehc_plans as p')
      .innerJoin('ehc_cases as c', 'c.id', 'p.case_id')
      .select(['p.kind', 'p.content', 'p.issued_on', 'p.named_setting', 'c.final_setting_name', 'c.status'])
      .execute();
    expect(plans.filter((p) => p.kind === 'final').length).toBeGreaterThan(EHC_DEMO_VOLUME.plans);
    for (const p of plans) {
      const content = p.content as PlanContent;
      if (p.issued_on) expect(planProblems(content, p.kind as 'draft' | 'final')).toEqual([]);
      if (p.kind === 'final') {
        expect(p.named_setting).toBe(p.final_setting_name);
        expect(content.placement).toBe(p.named_setting);
        expect(content.advice.length).toBeGreaterThan(0);
      }
      // Every item of provision meets a need or an outcome of the same plan.
      const ids = new Set([...content.needs.map((n) => n.id), ...content.outcomes.map((o) => o.id)]);
      for (const item of content.provision)
        expect([...item.meetsNeedIds, ...item.meetsOutcomeIds].some((id) => ids.has(id))).toBe(true);
    }
    const needs = await db()
      .selectFrom('ehc_child_needs')
      .select(['sen_type', (eb) => eb.fn.countAll<string>().as('n')])
      .where('rank', '=', 1)
      .groupBy('sen_type')
      .orderBy('n', 'desc')
      .execute();
    expect(needs.slice(0, 4).map((n) => n.sen_type)).toEqual(
      expect.arrayContaining(['ASD', 'SLCN', 'SEMH', 'MLD']),
    );
  });

  it('seeds once: a second run adds nothing', async () => {
    const count = async () =>
      (
        await sql<{
          n: string;
        }>`select (select count(*) from ehc_cases) + (select count(*) from ehc_case_events)
          + (select count(*) from users) as n`.execute(db())
      ).rows[0]?.n;
    const before = await count();
    const again = await seedDemoArea(db(), t.config.area, DEMO_PASSWORD, today);
    expect(again.ehc.seeded).toBe(false);
    expect(await count()).toBe(before);
  });

  it('is the same every time for the same day and seed (ids included)', () => {
    const refs: EhcDemoRefs = {
      organisations: Object.fromEntries(
        [...EHC_DEMO_AREA_ORGANISATIONS, ...EHC_DEMO_SETTINGS.map((o) => o.key)].map((key, i) => [
          key,
          { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Demo ${key}` },
        ]),
      ),
      caseworkers: [
        { id: '10000000-0000-4000-8000-000000000001', name: 'Casey Caseworker' },
        { id: '10000000-0000-4000-8000-000000000002', name: 'Morgan Manager' },
      ],
      demoCaseworker: { id: '10000000-0000-4000-8000-000000000001', name: 'Casey Caseworker' },
      manager: { id: '10000000-0000-4000-8000-000000000002', name: 'Morgan Manager' },
    };
    const options = { today: '2026-11-25', requests: 40, plans: 40, references: [...Array(81).keys()] };
    const first = JSON.stringify(generateEhcDemo(refs, options));
    expect(JSON.stringify(generateEhcDemo(refs, options))).toBe(first);
    expect(JSON.stringify(generateEhcDemo(refs, { ...options, seed: 7 }))).not.toBe(first);
  });
});

describe('the demo through the real pages', () => {
  it('shows the caseworker everything due and overdue, most urgent first', async () => {
    const caseworker = await signedIn('caseworker@demo.example.org');
    const page = await caseworker.get('/ehc/due');
    expect(page.statusCode).toBe(200);
    expect(tableRows(page.body)).toBeGreaterThanOrEqual(25);
    expect(page.body).toContain('days overdue');
    expect(page.body).toContain('Overdue');
    expect(page.body).toMatch(
      /Advice: (The Royal Wolverhampton NHS Trust|Wolverhampton Educational Psychology Service)/,
    );
    const mine = await caseworker.get('/ehc/due?mine=1');
    expect(mine.statusCode).toBe(200);
    expect(tableRows(mine.body)).toBeGreaterThan(0);
    const home = await caseworker.get('/ehc');
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(/Open cases \((\d{2,})\)/);
  });

  it('shows the manager the caseload of every caseworker and the 20-week clocks at risk', async () => {
    const manager = await signedIn('send.manager@demo.example.org');
    const page = await manager.get('/ehc/manager');
    expect(page.statusCode).toBe(200);
    for (const c of GENERATED_CASEWORKERS) expect(page.body).toContain(c.fullName);
    expect(page.body).toContain('Casey Caseworker');
    expect(page.body).toMatch(/20-week clocks due in the next six weeks or overdue \((\d{2,})\)/);
    expect(page.body).toContain('Overdue');
  });

  it('opens a final-issued case, its plan and its Word document, and a case with its draft issued', async () => {
    const caseworker = await signedIn('caseworker@demo.example.org');
    const pick = async (status: string, earlier: boolean) => {
      const row = await db()
        .selectFrom('ehc_cases')
        .select('id')
        .where('status', '=', status)
        .where('received_on', earlier ? '<' : '>=', addDays(today, -365))
        .orderBy('reference')
        .limit(1)
        .executeTakeFirstOrThrow();
      return row.id;
    };
    for (const id of [await pick('final-issued', false), await pick('final-issued', true)]) {
      const page = await caseworker.get(`/ehc/cases/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Final plan issued');
      const plan = await caseworker.get(`/ehc/cases/${id}/plan/view`);
      expect(plan.statusCode).toBe(200);
      expect(plan.body).toContain('Section F');
      const docx = await caseworker.get(`/ehc/cases/${id}/plan.docx`);
      expect(docx.statusCode).toBe(200);
    }
    for (const status of ['draft-issued', 'assessing', 'awaiting-decision', 'not-assessing', 'no-plan']) {
      const page = await caseworker.get(`/ehc/cases/${await pick(status, false)}`);
      expect(page.statusCode, status).toBe(200);
    }
    const draft = await caseworker.get(`/ehc/cases/${await pick('draft-issued', false)}`);
    expect(draft.body).toContain('Issued draft plan');
  });

  it('computes the same clocks on the case page as the stored due dates', async () => {
    const c = await db()
      .selectFrom('ehc_cases')
      .selectAll()
      .where('status', '=', 'assessing')
      .orderBy('reference')
      .limit(1)
      .executeTakeFirstOrThrow();
    const advice = await db()
      .selectFrom('ehc_advice_requests')
      .selectAll()
      .where('case_id', '=', c.id)
      .execute();
    const clocks = caseClocks(
      {
        receivedOn: c.received_on,
        decision: { outcome: 'assess', notifiedOn: c.decision_notified_on as string },
        advice: advice.map((a) => ({
          id: a.id,
          requestedOn: a.requested_on,
          receivedOn: a.received_on,
          label: '',
        })),
        consultations: [],
        noPlanNotifiedOn: null,
        draftServedOn: null,
        finalIssuedOn: null,
        excusals: [],
      },
      today,
    );
    for (const a of advice)
      expect(clocks.find((k) => k.deadline.subjectId === a.id)?.deadline.dueDate).toBe(a.due_on);
    expect(clocks.find((k) => k.deadline.ruleId === 'final-plan')?.deadline.dueDate).toBe(
      c.final_plan_due_on,
    );
  });

  it('lets the demo family sign in at /my-ehc with a one-time link and see their draft plan to comment on', async () => {
    const family = new FormSession(t.app);
    expect((await family.get('/my-ehc')).statusCode).toBe(200);
    const asked = await family.post('/my-ehc', { email: DEMO_FAMILY.parentEmail });
    expect(asked.statusCode).toBe(200);
    const message = await db()
      .selectFrom('notification_outbox')
      .select('personalisation')
      .where('template', '=', 'ehc-family-sign-in')
      .where('recipient', '=', DEMO_FAMILY.parentEmail)
      .executeTakeFirstOrThrow();
    const link = new URL(String((message.personalisation as { link: string }).link)).pathname;
    expect((await family.get(link)).statusCode).toBe(200);
    expect((await family.post(link, {})).statusCode).toBe(303);
    const home = await family.get('/my-ehc');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(DEMO_FAMILY.childGivenNames);
    expect(home.body).toContain('/my-ehc/draft-plan');
    const draft = await family.get('/my-ehc/draft-plan');
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toContain('Section F');
  });

  it('shows partners what is asked of their organisation: advice for the trust, a consultation for the school', async () => {
    const health = await signedIn('health.practitioner@demo.example.org');
    const advice = await health.get('/partner');
    expect(advice.statusCode).toBe(200);
    expect(tableRows(advice.body)).toBeGreaterThan(10);
    const school = await signedIn('school.senco@demo.example.org');
    const consultations = await school.get('/partner');
    expect(consultations.statusCode).toBe(200);
    expect(consultations.body).toContain(`${DEMO_FAMILY.childGivenNames} ${DEMO_FAMILY.childFamilyName}`);
  });
});
