import { createRepositories } from '../../src/db/repositories.ts';
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS } from '../../src/db/seed/demo.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { addDays, londonToday } from '../../src/lib/dates.ts';
import { can } from '../../src/modules/access/policy.ts';
import { collectionYearOf, latestCensusDate } from '../../src/modules/performance/sen2/domain/census.ts';
import { MODULES } from '../../src/modules/performance/sen2/domain/modules.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The SEN2 return on the EHC demo data (a year of requests and 3,000 earlier plans): the zip holds the modules
 * with their headers and as many records as plain SQL counts; a record deliberately broken in the database
 * shows in the validation report with a link to its case; only a SEND manager may reach it; a bad census date
 * is a 400 with an error summary; every download is audited and numbered.
 */

let t: TestApp;
let today = '';
/** The coming census date: its collection year holds most of the demo's requests. */
let census = '';
const broken = { childId: randomUUID(), caseId: randomUUID(), reference: '' };
const manager = DEMO_SIGN_INS.find((p) => p.role === 'send_manager');

const db = () => t.database.db;

async function signedIn(email: string) {
  const session = new FormSession(t.app);
  expect((await session.signIn(email, DEMO_PASSWORD)).statusCode).toBe(303);
  return session;
}

beforeAll(async () => {
  t = await buildTestApp({ seed: true, ehcDemo: true });
  today = londonToday(t.clock.now());
  census = latestCensusDate(today);
  const { start } = collectionYearOf(census);
  // A child with no UPN and no reason why, with a request received in the collection year.
  const receivedOn = start > addDays(today, -30) ? start : addDays(today, -30);
  broken.reference = `EHC-TEST-${broken.caseId.slice(0, 8)}`;
  await db()
    .insertInto('ehc_children')
    .values({
      id: broken.childId,
      legal_given_names: 'Broken',
      legal_family_name: 'Record',
      date_of_birth: '2015-06-01',
      sex: 'M',
      ethnicity: 'WBRI',
      upn: null,
      upn_unknown_reason: null,
      uln: null,
      uln_unknown_reason: 'not-yet-14',
      is_demo: false,
    })
    .execute();
  await db()
    .insertInto('ehc_child_needs')
    .values({ child_id: broken.childId, rank: 1, sen_type: 'SLCN' })
    .execute();
  await db()
    .insertInto('ehc_cases')
    .values({
      id: broken.caseId,
      reference: broken.reference,
      child_id: broken.childId,
      request_source: 1,
      request_channel: 'email',
      received_on: receivedOn,
      decision_due_on: addDays(receivedOn, 42),
      no_plan_due_on: addDays(receivedOn, 112),
      final_plan_due_on: addDays(receivedOn, 140),
      reasons: 'A request made for the SEN2 test',
      status: 'awaiting-decision',
    })
    .execute();
}, 240_000);

afterAll(async () => {
  await t?.close();
});

/** What plain SQL counts for the census date, written from the rule in ADR 0020, not from the repository. */
async function expectedCounts(censusDate: string) {
  const { start, end } = collectionYearOf(censusDate);
  const inReturn = sql`(
    (c.received_on between ${start} and ${end})
    or (c.received_on < ${start} and (c.closed_on is null or c.closed_on >= ${start}))
    or (c.final_issued_on <= ${censusDate}))`;
  const active = sql`c.final_issued_on <= ${censusDate}`;
  const { rows } = await sql<Record<string, string>>`
    select
      count(*) as requests,
      count(distinct c.child_id) as person,
      count(*) filter (where (c.decision_outcome = 'assess' and c.decision_notified_on <= ${censusDate})
        or (${active} and not coalesce(c.decision_notified_on <= ${censusDate}, false))) as assessment,
      count(*) filter (where ${active}) as active,
      count(*) filter (where ${active} and (ch.setting_name is not null or ch.setting_urn is not null)) as placements,
      count(*) filter (where ${active} and coalesce(c.final_setting_name,
        (select p.named_setting from ehc_plans p where p.case_id = c.id and p.kind = 'final' order by p.version desc limit 1)) is not null) as plan_details,
      coalesce(sum((select count(*) from ehc_child_needs n where n.child_id = c.child_id)) filter (where ${active}), 0) as needs
    from ehc_cases c join ehc_children ch on ch.id = c.child_id
    where ${inReturn}`.execute(db());
  const r = rows[0] as Record<string, string>;
  return {
    header: 1,
    person: Number(r.person),
    requests: Number(r.requests),
    assessment: Number(r.assessment),
    namedPlan: Number(r.active),
    planDetail: Number(r.plan_details),
    activePlans: Number(r.active),
    placementDetail: Number(r.placements),
    senNeed: Number(r.needs),
  };
}

describe('the SEN2 return of the demo data', () => {
  it('downloads as a zip of one CSV per module, with their headers and as many records as SQL counts', async () => {
    const session = await signedIn(manager?.email ?? '');
    const started = performance.now();
    const response = await session.get(`/performance/sen2/return.zip?censusDate=${census}`);
    console.log(
      `SEN2: the return for ${census} generated and zipped in ${Math.round(performance.now() - started)} ms`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="SEN2-336-${census}.zip"`);

    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      ['README.txt', 'code-lists.csv', ...MODULES.map((m) => m.fileName)].sort(),
    );
    const expected = await expectedCounts(census);
    expect(expected.requests).toBeGreaterThan(900);
    expect(expected.activePlans).toBeGreaterThan(3000);
    for (const spec of MODULES) {
      const bytes = files[spec.fileName] as Uint8Array;
      // UTF-8 with a byte order mark, which TextDecoder (strFromU8) then drops.
      expect([...bytes.subarray(0, 3)], spec.fileName).toEqual([0xef, 0xbb, 0xbf]);
      const text = strFromU8(bytes);
      const rows = parseCsv(text);
      expect(rows[0], spec.fileName).toEqual([...spec.columns]);
      expect(rows.length - 1, spec.fileName).toBe(expected[spec.key]);
    }
    const header = parseCsv(strFromU8(files['01-header.csv'] as Uint8Array));
    expect(header[1]?.slice(0, 4)).toEqual(['SEN2', census.slice(0, 4), census, '336']);
    const readme = strFromU8(files['README.txt'] as Uint8Array);
    expect(readme).toContain(`Census date:       `);
    expect(readme).toContain(`(${census})`);
    expect(readme).toContain('Local authority:   Wolverhampton (336), City of Wolverhampton Council');
    expect(readme).toContain('Software:          SEND Partnership Platform');
    // The broken record is in the return as it is: no UPN, no reason invented for it.
    const person = parseCsv(strFromU8(files['02-person.csv'] as Uint8Array));
    const row = person.find((r) => r[0] === broken.childId);
    expect(row?.slice(1, 10)).toEqual([
      'Record',
      'Broken',
      '2015-06-01',
      'M',
      'WBRI',
      '',
      '',
      '',
      'not-yet-14',
    ]);
  });

  it('lists the broken record in the validation report, with a link to its case', async () => {
    const session = await signedIn(manager?.email ?? '');
    const [day, month, year] = [Number(census.slice(8, 10)), Number(census.slice(5, 7)), census.slice(0, 4)];
    const page = await session.get(
      `/performance/sen2?censusDate-day=${day}&censusDate-month=${month}&censusDate-year=${year}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Records in each module');
    expect(page.body).toContain('A UPN or ULN is missing only with a reason');
    // The check's problems, one page of them: the planted record is the demo's only one.
    const filtered = await session.get(`/performance/sen2?censusDate=${census}&rule=upn-uln-reason`);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain(`href="/ehc/cases/${broken.caseId}">${broken.reference}</a>`);
    expect(filtered.body).toContain('The UPN is missing and no reason is recorded');
    expect(filtered.body).toContain('Problems 1 to 1 of 1: A UPN or ULN is missing only with a reason');
    // The link leads to the case, where the child's record is corrected.
    expect((await session.get(`/ehc/cases/${broken.caseId}`)).statusCode).toBe(200);

    const csv = await session.get(`/performance/sen2/issues.csv?censusDate=${census}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('no-store');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(['Rule', 'Check', 'Problem', 'Module', 'Item', 'Case', 'Link']);
    const mine = rows.filter((r) => r[5] === broken.reference);
    expect(mine.map((r) => [r[0], r[4]])).toEqual([['upn-uln-reason', 'UPN']]);
    expect(mine[0]?.[6]).toBe(`${t.config.publicBaseUrl.replace(/\/$/, '')}/ehc/cases/${broken.caseId}`);
    // Every placement the demo has no URN for is reported: nothing invented to fill the gap.
    expect(rows.filter((r) => r[0] === 'placement-setting').length).toBeGreaterThan(3000);
  });

  it('is fixed in the casework: the problem goes once the reason is recorded', async () => {
    await db()
      .updateTable('ehc_children')
      .set({ upn_unknown_reason: 'not-yet-allocated' })
      .where('id', '=', broken.childId)
      .execute();
    const session = await signedIn(manager?.email ?? '');
    const page = await session.get(`/performance/sen2?censusDate=${census}&rule=upn-uln-reason`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/ehc/cases/${broken.caseId}`);
    await db()
      .updateTable('ehc_children')
      .set({ upn_unknown_reason: null })
      .where('id', '=', broken.childId)
      .execute();
  });
});

describe('who may reach the SEN2 return', () => {
  const urls = () => [
    '/performance/sen2',
    `/performance/sen2?censusDate=${census}`,
    `/performance/sen2/return.zip?censusDate=${census}`,
    `/performance/sen2/issues.csv?censusDate=${census}`,
    // Bad input too: refused for access before it is looked at.
    '/performance/sen2/return.zip?censusDate=not-a-date',
  ];

  for (const person of DEMO_SIGN_INS) {
    it(`${person.role} (${person.email}): ${can({ userId: '', organisationId: '', role: person.role }, 'performance.sen2') ? 'every page' : '403 on every page'}`, async () => {
      const session = await signedIn(person.email);
      const allowed = person.role === 'send_manager';
      for (const url of urls()) {
        const response = await session.get(url);
        const expected = allowed ? (url.includes('not-a-date') ? 400 : 200) : 403;
        expect(response.statusCode, `${person.role} GET ${url}`).toBe(expected);
      }
    });
  }

  it('someone not signed in is sent to sign in, and comes back to the page', async () => {
    for (const url of urls()) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);
    }
  });
});

describe('a census date that cannot be used', () => {
  const cases: [string, string, string][] = [
    [
      'impossible',
      '?censusDate-day=31&censusDate-month=2&censusDate-year=2026',
      'The census date must be a real date',
    ],
    [
      'incomplete',
      '?censusDate-day=15&censusDate-month=&censusDate-year=2026',
      'The census date must include a month',
    ],
    ['empty', '?censusDate-day=&censusDate-month=&censusDate-year=', 'Enter the census date'],
    [
      'not numbers',
      '?censusDate-day=x&censusDate-month=1&censusDate-year=2026',
      'The census date must be a real date',
    ],
    [
      'before EHC plans',
      '?censusDate-day=14&censusDate-month=1&censusDate-year=2014',
      'The census date must be on or after 1 January 2015',
    ],
    [
      'far in the future',
      '?censusDate-day=15&censusDate-month=1&censusDate-year=2099',
      'The census date must be on or before',
    ],
    ['a mangled link', '?censusDate=2026-13-01', 'Enter the census date as a real date'],
    ['given twice', '?censusDate=2026-01-15&censusDate=2025-01-16', 'Enter the census date as a real date'],
  ];
  for (const [what, query, message] of cases) {
    it(`${what}: 400 with an error summary, on the page and the downloads`, async () => {
      const session = await signedIn(manager?.email ?? '');
      const page = await session.get(`/performance/sen2${query}`);
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('There is a problem');
      expect(page.body).toContain('href="#censusDate-day"');
      expect(page.body).toContain(message);
      expect(page.body).toContain('<title>Error: SEN2 return');
      if (query.startsWith('?censusDate=')) {
        for (const path of ['/performance/sen2/return.zip', '/performance/sen2/issues.csv']) {
          const download = await session.get(`${path}${query}`);
          expect(download.statusCode, path).toBe(400);
          expect(download.body).toContain(message);
        }
      }
    });
  }

  it('a download with no census date at all is a 400 too', async () => {
    const session = await signedIn(manager?.email ?? '');
    const response = await session.get('/performance/sen2/return.zip');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter the census date');
  });

  it('the form starts at the default census date', async () => {
    const session = await signedIn(manager?.email ?? '');
    const page = await session.get('/performance/sen2');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="censusDate-year"');
    expect(page.body).not.toContain('Records in each module');
  });
});

describe('downloads of the return', () => {
  it('made at the same moment are still numbered apart: each transaction counts after the other has recorded', async () => {
    const day = '2015-01-15';
    // Two downloads' transactions at once, each counting the files before it, then (after a pause in which
    // the other would count the same without the lock) recording its own.
    const serials = await Promise.all(
      [0, 1].map(() =>
        db()
          .transaction()
          .execute(async (trx) => {
            const n = (await createRepositories(trx).sen2.downloadsBefore(day)) + 1;
            await new Promise((resolve) => setTimeout(resolve, 300));
            await sql`insert into audit_events (action, subject_type, subject_id, details)
                      values ('performance.sen2.return-downloaded', 'sen2_return', ${day}, '{}')`.execute(
              trx,
            );
            return n;
          }),
      ),
    );
    expect(serials.sort()).toEqual([1, 2]);
  });

  it('are each audited, numbered one after another, with no personal data in the audit trail', async () => {
    const session = await signedIn(manager?.email ?? '');
    const before = await db()
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'performance.sen2.return-downloaded')
      .where('subject_id', '=', census)
      .executeTakeFirstOrThrow();
    const first = await session.get(`/performance/sen2/return.zip?censusDate=${census}`);
    const second = await session.get(`/performance/sen2/return.zip?censusDate=${census}`);
    const serial = (body: Buffer) =>
      parseCsv(strFromU8(unzipSync(new Uint8Array(body))['01-header.csv'] as Uint8Array))[1]?.[6];
    expect(Number(serial(second.rawPayload))).toBe(Number(serial(first.rawPayload)) + 1);
    expect(Number(serial(first.rawPayload))).toBe(Number(before.n) + 1);

    const entries = await db()
      .selectFrom('audit_events')
      .innerJoin('users', 'users.id', 'audit_events.actor_user_id')
      .select(['audit_events.subject_type', 'audit_events.subject_id', 'audit_events.details', 'users.email'])
      .where('audit_events.action', '=', 'performance.sen2.return-downloaded')
      .orderBy('audit_events.id', 'desc')
      .limit(2)
      .execute();
    expect(entries.map((e) => [e.subject_type, e.subject_id, e.email])).toEqual([
      ['sen2_return', census, manager?.email],
      ['sen2_return', census, manager?.email],
    ]);
    const details = entries[0]?.details as Record<string, unknown>;
    expect(Object.keys(details).sort()).toEqual(['bytes', 'fileName', 'issues', 'records', 'serialNo']);
    const text = JSON.stringify(details);
    expect(text).not.toContain('Broken');
    expect(text).not.toContain(broken.childId);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\.zip)/);

    // Looking at the report and downloading its problems are recorded too.
    const actions = await db()
      .selectFrom('audit_events')
      .select('action')
      .distinct()
      .where('subject_type', '=', 'sen2_return')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'performance.sen2.issues-downloaded',
      'performance.sen2.report-viewed',
      'performance.sen2.return-downloaded',
    ]);
  });
});
