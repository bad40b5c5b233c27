/**
 * Seeds a generated EHC caseload into the configured PostgreSQL database (DATABASE_URL), for the "due and
 * overdue" benchmark: the demo users, 24 more caseworkers, then bench/lib/ehc-caseload.ts's cases with their
 * children, parents, advice requests, setting consultations and excusals, inserted in bulk (one
 * `insert … select from unnest(…)` per 5,000 rows), then VACUUM ANALYZE. Prints one line `SUMMARY {json}` and the
 * query plans (EXPLAIN ANALYZE) of the repository's own due-list query, captured as it runs.
 *   node bench/seed-ehc.ts <open cases> <advice requests>
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { seedDemoData } from '../src/db/seed/demo.ts';
import type { Database } from '../src/db/types.ts';
import { londonToday } from '../src/lib/dates.ts';
import { pageFrom } from '../src/lib/pagination.ts';
import { createEhcRepository } from '../src/modules/ehc/repository.ts';
import { generateCaseload, totalDue, type AdviceType } from './lib/ehc-caseload.ts';

const [openCases = '10000', adviceRequests = '50000'] = process.argv.slice(2);
const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
if (config.database.engine !== 'postgres') throw new Error('the EHC benchmark seeds PostgreSQL only');
const CHUNK = 5_000;
const DEMO_CASEWORKER = 'caseworker@demo.example.org';

const database = await openDatabase(config);
const db = database.db;
try {
  await migrateToLatest(db);
  await seedDemoData(db, config.area, config.demoPassword);
  const started = performance.now();

  const organisations = await db.selectFrom('organisations').select(['id', 'key', 'name', 'kind']).execute();
  const byKey = (key: string) => {
    const found = organisations.find((o) => o.key === key);
    if (!found) throw new Error(`no demo organisation ${key}`);
    return found.id;
  };
  const demo = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'password_hash'])
    .where('email', '=', DEMO_CASEWORKER)
    .executeTakeFirstOrThrow();
  const manager = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'send_manager')
    .executeTakeFirstOrThrow();
  // 24 more caseworkers, so that "my cases only" is one caseload of about 25.
  const others = await db
    .insertInto('users')
    .values(
      Array.from({ length: 24 }, (_, i) => ({
        email: `caseworker.${i + 1}@bench.example.org`,
        full_name: `Bench Caseworker ${i + 1}`,
        role: 'send_caseworker',
        organisation_id: demo.organisation_id,
        status: 'active',
        password_hash: demo.password_hash,
        is_demo: true,
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  const caseworkerIds = [demo.id, manager.id, ...others.map((o) => o.id).slice(0, 23)];

  const settings = organisations
    .filter((o) => ['school', 'college', 'early_years_setting'].includes(o.kind))
    .map((o) => ({ id: o.id, name: o.name }));
  const adviceOrganisations: Record<AdviceType, string[]> = {
    educational: settings.map((s) => s.id),
    health: [byKey('icb'), byKey('rwt'), byKey('bchft')],
    psychological: [byKey('ep')],
    social_care: [byKey('social-care')],
    setting: settings.map((s) => s.id),
    other: [byKey('pcf')],
  };
  const today = londonToday(new Date());
  const load = generateCaseload({
    today,
    openCases: Number(openCases),
    adviceRequests: Number(adviceRequests),
    windowDays: 182,
    seed: 2026_12_01,
    caseworkerIds,
    organisations: { advice: adviceOrganisations, settings },
  });
  const generatedSeconds = (performance.now() - started) / 1000;

  /** One `insert … select * from unnest(…)` per CHUNK rows: each column an array parameter of its type. */
  async function bulk<T>(
    trx: Kysely<Database>,
    table: string,
    rows: readonly T[],
    columns: [name: string, type: string, value: (row: T) => unknown][],
  ) {
    for (let at = 0; at < rows.length; at += CHUNK) {
      const slice = rows.slice(at, at + CHUNK);
      const arrays = columns.map(
        ([, type, value]) => sql`${slice.map((row) => value(row) ?? null)}::${sql.raw(type)}[]`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
        select * from unnest(${sql.join(arrays)})`.execute(trx);
    }
  }

  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await bulk(trx, 'ehc_children', load.children, [
      ['id', 'uuid', (c) => c.id],
      ['legal_given_names', 'text', (c) => c.given],
      ['legal_family_name', 'text', (c) => c.family],
      ['date_of_birth', 'date', (c) => c.dateOfBirth],
      ['sex', 'text', (c) => c.sex],
      ['home_postcode', 'text', (c) => c.postcode],
      ['setting_name', 'text', (c) => c.settingName],
      ['setting_organisation_id', 'uuid', (c) => c.settingOrganisationId],
      ['national_curriculum_year', 'text', (c) => c.year],
      ['is_demo', 'boolean', () => true],
      ['updated_at', 'timestamptz', () => now],
    ]);
    await bulk(trx, 'ehc_child_needs', load.children, [
      ['child_id', 'uuid', (c) => c.id],
      ['rank', 'smallint', () => 1],
      ['sen_type', 'text', (c) => c.senType],
    ]);
    await bulk(trx, 'ehc_related_people', load.children, [
      ['id', 'uuid', (c) => c.parentId],
      ['child_id', 'uuid', (c) => c.id],
      ['full_name', 'text', (c) => c.parentName],
      ['relationship', 'text', () => 'parent'],
      ['has_parental_responsibility', 'boolean', () => true],
      ['email', 'text', (c) => c.parentEmail],
      ['is_main_contact', 'boolean', () => true],
    ]);
    const closedOnByCase = new Map(load.cases.map((c) => [c.id, c.closedOn]));
    const closedOn = (caseId: string) => closedOnByCase.get(caseId) ?? null;
    await bulk(trx, 'ehc_cases', load.cases, [
      ['id', 'uuid', (c) => c.id],
      ['reference', 'text', (c) => c.reference],
      ['child_id', 'uuid', (c) => c.childId],
      ['request_source', 'smallint', (c) => c.source],
      ['request_channel', 'text', (c) => c.channel],
      ['received_on', 'date', (c) => c.receivedOn],
      ['decision_due_on', 'date', (c) => c.decisionDueOn],
      ['no_plan_due_on', 'date', (c) => c.noPlanDueOn],
      ['final_plan_due_on', 'date', (c) => c.finalPlanDueOn],
      [
        'reasons',
        'text',
        () => 'Generated for the due-list benchmark: needs not met from the setting’s resources.',
      ],
      ['caseworker_id', 'uuid', (c) => c.caseworkerId],
      ['status', 'text', (c) => c.status],
      ['decision_outcome', 'text', (c) => c.decisionOutcome],
      ['decision_notified_on', 'date', (c) => c.decisionNotifiedOn],
      ['no_plan_notified_on', 'date', (c) => c.noPlanNotifiedOn],
      ['draft_served_on', 'date', (c) => c.draftServedOn],
      ['final_issued_on', 'date', (c) => c.finalIssuedOn],
      ['closed_on', 'date', (c) => c.closedOn],
      ['closure_reason', 'text', (c) => c.closureReason],
      ['is_demo', 'boolean', () => true],
      ['updated_at', 'timestamptz', () => now],
    ]);
    await bulk(trx, 'ehc_advice_requests', load.advice, [
      ['id', 'uuid', (a) => a.id],
      ['case_id', 'uuid', (a) => a.caseId],
      ['advice_type', 'text', (a) => a.type],
      ['organisation_id', 'uuid', (a) => a.organisationId],
      ['requested_on', 'date', (a) => a.requestedOn],
      ['due_on', 'date', (a) => a.dueOn],
      ['received_on', 'date', (a) => a.receivedOn],
      // What a case still awaited when it closed is no longer awaited from that day, as the service does it.
      ['no_longer_awaited_on', 'date', (a) => (a.receivedOn === null ? closedOn(a.caseId) : null)],
      ['is_demo', 'boolean', () => true],
    ]);
    await bulk(trx, 'ehc_setting_consultations', load.consultations, [
      ['id', 'uuid', (s) => s.id],
      ['case_id', 'uuid', (s) => s.caseId],
      ['organisation_id', 'uuid', (s) => s.organisationId],
      ['sent_on', 'date', (s) => s.sentOn],
      ['due_on', 'date', (s) => s.dueOn],
      ['replied_on', 'date', (s) => s.repliedOn],
      ['can_meet_needs', 'boolean', (s) => s.canMeetNeeds],
      ['no_longer_awaited_on', 'date', (s) => (s.repliedOn === null ? closedOn(s.caseId) : null)],
      ['is_demo', 'boolean', () => true],
    ]);
    await bulk(trx, 'ehc_excusals', load.excusals, [
      ['id', 'uuid', (e) => e.id],
      ['case_id', 'uuid', (e) => e.caseId],
      ['rule_id', 'text', (e) => e.ruleId],
      ['subject_id', 'uuid', (e) => e.subjectId],
      ['exception_type', 'text', (e) => e.type],
      ['from_on', 'date', (e) => e.fromOn],
      ['to_on', 'date', (e) => e.toOn],
      ['advice_requested_on', 'date', (e) => e.adviceRequestedOn],
      ['evidence', 'text', () => 'Letter from the family held on the case file'],
      ['recorded_by', 'uuid', (e) => e.recordedBy],
      ['recorded_at', 'timestamptz', (e) => `${e.fromOn}T12:00:00Z`],
    ]);
    await sql`select setval('ehc_case_reference_seq', ${load.cases.length})`.execute(trx);
  });
  const insertedSeconds = (performance.now() - started) / 1000 - generatedSeconds;
  // Statistics, and the visibility map that index-only scans rely on, as autovacuum leaves them soon after a
  // bulk load (BENCH_VACUUM=false: statistics only, every index-only scan then also reads the table).
  if (process.env.BENCH_VACUUM === 'false') await sql`analyze`.execute(db);
  else await sql`vacuum analyze`.execute(db);

  // The repository's own query, captured as it runs, explained with the same parameters.
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: (config.database as { url: string }).url, max: 1 });
  const explaining = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const plans: { name: string; plan: string[]; rows: number; total: number }[] = [];
  try {
    const repository = createEhcRepository(explaining);
    for (const [name, filter, page] of [
      ['all open cases, page 1', {}, 1],
      ['all open cases, page 5', {}, 5],
      ['my cases only, page 1', { caseworkerId: demo.id }, 1],
    ] as const) {
      captured.length = 0;
      const result = await repository.dueAndOverdue(load.expected.dueBy, filter, pageFrom(String(page), 50));
      const query = captured[0];
      if (!query) throw new Error('the due-list query was not captured');
      const explained = await pool.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers, costs off) ${query.sql}`,
        query.parameters as unknown[],
      );
      plans.push({
        name,
        plan: explained.rows.map((r) => r['QUERY PLAN']),
        rows: result.rows.length,
        total: result.total,
      });
    }
  } finally {
    await explaining.destroy();
  }

  const byStatus: Record<string, number> = {};
  for (const c of load.cases) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  const openIds = new Set(load.cases.filter((c) => c.closedOn === null).map((c) => c.id));
  const summary = {
    today,
    dueBy: load.expected.dueBy,
    cases: load.cases.length,
    open: openIds.size,
    byStatus,
    adviceRequests: load.advice.length,
    adviceOutstanding: load.advice.filter((a) => a.receivedOn === null).length,
    adviceOutstandingOnClosedCases: load.advice.filter((a) => a.receivedOn === null && !openIds.has(a.caseId))
      .length,
    consultations: load.consultations.length,
    excusals: load.excusals.length,
    caseworkers: caseworkerIds.length,
    expected: {
      all: totalDue(load.expected.all),
      mine: totalDue(load.expected.mine),
      allByKind: load.expected.all,
    },
    generatedSeconds: Number(generatedSeconds.toFixed(1)),
    insertedSeconds: Number(insertedSeconds.toFixed(1)),
    plans,
  };
  console.log(`SUMMARY ${JSON.stringify(summary)}`);
} finally {
  await database.close();
}
