/**
 * `npm run bench:performance-measures`: every casework measure for one calendar year (issue 6's target: under
 * 2 s) on PostgreSQL with a national caseload: 700,000 final plans, 160,000 requests a year, four to six
 * requests for advice for each assessment, exceptions recorded against some plans' 20 weeks.
 *
 *   npm run bench:performance-measures
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ npm run bench:performance-measures
 *
 * It creates its own database (send_bench_perf_measures_<pid>) on the server BENCH_DATABASE_URL names, so that
 * it never touches another one, and drops it at the end; migrates; inserts the generated caseload
 * (bench/lib/national-caseload.ts) with one `insert … select from unnest(…)` per chunk, two chunks at a time;
 * VACUUM ANALYZE (as autovacuum leaves tables soon after a bulk load); then times what the dashboard does for
 * a year: the repository's caseworkFacts for the year (its seven queries) and caseworkMeasures over them, one
 * warm-up run and BENCH_RUNS timed runs (median, min, max), and the twelve months of the year from the same
 * facts. Every run's figures are checked against the counts the generator made from its own rows (plain day
 * arithmetic, not the clock engine or SQL), so the benchmark cannot pass by returning nothing. It prints the
 * query plans (EXPLAIN ANALYZE) of the repository's queries, captured as they ran. Bounded in time by a
 * watchdog; stops by itself.
 *
 * Options: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), BENCH_RUNS (5),
 * BENCH_REQUESTS_PER_YEAR (160000), BENCH_FINAL_PLANS (700000), BENCH_HISTORY_ADVICE (true: earlier years'
 * plans have their advice too, some 2.5 million more rows), BENCH_EXTRA_INDEXES (SQL run after the load, to
 * try an index before asking for it in a migration, as migration 0012's four covering indexes were first tried).
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { databaseFromPostgresUrl, migrateToLatest } from '../src/db/database.ts';
import { typeParsers } from '../src/db/type-parsers.ts';
import type { Database } from '../src/db/types.ts';
import { londonToday } from '../src/lib/dates.ts';
import { createCaseworkMeasuresRepository } from '../src/modules/performance/casework/repository.ts';
import {
  caseworkMeasures,
  caseworkSeries,
  findFigure,
  type CaseworkFigure,
} from '../src/modules/performance/domain/measures.ts';
import { calendarYear, monthsOf } from '../src/modules/performance/domain/periods.ts';
import { benchDatabase } from './lib/server.ts';
import {
  emptyExpected,
  generateNationalCaseload,
  type Chunk,
  type OrganisationPlan,
} from './lib/national-caseload.ts';

const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const requestsPerYear = Number(process.env.BENCH_REQUESTS_PER_YEAR ?? 160_000);
const finalPlans = Number(process.env.BENCH_FINAL_PLANS ?? 700_000);
const historyAdvice = process.env.BENCH_HISTORY_ADVICE !== 'false';
const extraIndexes = process.env.BENCH_EXTRA_INDEXES ?? '';
const TARGET_SECONDS = 2;
const CHUNK_CASES = 5_000;

const deadlineMs = 8 * 60 * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:performance-measures did not finish in ${deadlineMs / 1000} s; stopping`);
  process.exit(2);
}, deadlineMs);
watchdog.unref();

const today = londonToday(new Date());
// The last whole calendar year: its plans, decisions and advice have all happened.
const year = Number(today.slice(0, 4)) - 1;
const period = calendarYear(year);

const { env, cleanup } = await benchDatabase('postgres', postgresUrl, 'perf-measures');
const url = env.DATABASE_URL as string;
const database = databaseFromPostgresUrl(url, 4);
const db = database.db;
const lines: string[] = [];
let failed = false;
try {
  await migrateToLatest(db);
  const started = performance.now();

  // Partner organisations: health trusts, the council's social care and educational psychology, schools,
  // colleges and others (a national number of schools is not needed: what matters is rows per day).
  const organisations: { key: string; name: string; kind: string }[] = [];
  const add = (kind: string, name: string) => {
    organisations.push({ key: `bench-${organisations.length + 1}`, name, kind });
    return organisations.length - 1;
  };
  const plan: OrganisationPlan = {
    health: Array.from({ length: 12 }, (_, i) => add('nhs_trust', `Bench NHS Trust ${i + 1}`)),
    socialCare: [
      add('social_care', 'Bench Children’s Social Care'),
      add('social_care', 'Bench Adult Social Care'),
    ],
    psychology: [add('educational_psychology', 'Bench Educational Psychology Service')],
    schools: Array.from({ length: 160 }, (_, i) => add('school', `Bench School ${i + 1}`)),
    colleges: Array.from({ length: 10 }, (_, i) => add('college', `Bench College ${i + 1}`)),
    other: [
      add('integrated_care_board', 'Bench Integrated Care Board'),
      add('provider', 'Bench Speech and Language Service'),
    ],
  };
  const orgIds = (
    await db
      .insertInto('organisations')
      .values(organisations.map((o) => ({ ...o, is_demo: true })))
      .returning(['id', 'key'])
      .execute()
  ).sort((a, b) => Number(a.key.slice(6)) - Number(b.key.slice(6)));
  const orgId = (i: number) => orgIds[i]?.id as string;

  const expected = emptyExpected();
  const generator = generateNationalCaseload(
    {
      year,
      today,
      requestsPerYear,
      finalPlans,
      organisations: plan,
      seed: 2026_06_06,
      chunkCases: CHUNK_CASES,
    },
    expected,
  );

  /** One `insert … select … from unnest(…)`: each column an array parameter of its type; constants in SQL. */
  async function insertChunk(chunk: Chunk) {
    const c = chunk.cases;
    await db.transaction().execute(async (trx) => {
      await sql`insert into ehc_children (id, legal_given_names, legal_family_name, date_of_birth, sex, is_demo)
        select id, 'Bench', 'Child', dob, 'U', true
          from unnest(${c.map((x) => x.id)}::uuid[], ${c.map((x) => x.receivedOn)}::date[]) as t(id, received)
          cross join lateral (select received - 3650 as dob) d`.execute(trx);
      await sql`insert into ehc_cases (id, reference, child_id, request_source, request_channel, received_on,
          decision_due_on, no_plan_due_on, final_plan_due_on, reasons, status, decision_outcome, decision_notified_on,
          no_plan_notified_on, final_issued_on, closed_on, closure_reason, is_demo)
        select id, reference, id, 1, 'email', received_on, decision_due_on, no_plan_due_on, final_plan_due_on,
          'Generated for the casework measures benchmark', status, decision_outcome, decision_notified_on,
          no_plan_notified_on, final_issued_on, closed_on, closure_reason, true
          from unnest(${c.map((x) => x.id)}::uuid[], ${c.map((x) => x.reference)}::text[],
            ${c.map((x) => x.receivedOn)}::date[], ${c.map((x) => x.decisionDueOn)}::date[],
            ${c.map((x) => x.noPlanDueOn)}::date[], ${c.map((x) => x.finalPlanDueOn)}::date[],
            ${c.map((x) => x.status)}::text[], ${c.map((x) => x.decisionOutcome)}::text[],
            ${c.map((x) => x.decisionNotifiedOn)}::date[], ${c.map((x) => x.noPlanNotifiedOn)}::date[],
            ${c.map((x) => x.finalIssuedOn)}::date[], ${c.map((x) => x.closedOn)}::date[],
            ${c.map((x) => x.closureReason)}::text[])
            as t(id, reference, received_on, decision_due_on, no_plan_due_on, final_plan_due_on, status,
              decision_outcome, decision_notified_on, no_plan_notified_on, final_issued_on, closed_on, closure_reason)`.execute(
        trx,
      );
      const a = chunk.advice;
      if (a.length > 0)
        await sql`insert into ehc_advice_requests (case_id, advice_type, organisation_id, requested_on, due_on,
            received_on, no_longer_awaited_on, is_demo)
          select case_id, advice_type, (${orgIds.map((o) => o.id)}::uuid[])[organisation + 1], requested_on, due_on,
            received_on, no_longer_awaited_on, true
            from unnest(${a.map((x) => x.caseId)}::uuid[], ${a.map((x) => x.type)}::text[],
              ${a.map((x) => x.organisation)}::int[], ${a.map((x) => x.requestedOn)}::date[],
              ${a.map((x) => x.dueOn)}::date[], ${a.map((x) => x.receivedOn)}::date[],
              ${a.map((x) => x.noLongerAwaitedOn)}::date[])
              as t(case_id, advice_type, organisation, requested_on, due_on, received_on, no_longer_awaited_on)`.execute(
          trx,
        );
      const e = chunk.excusals;
      if (e.length > 0)
        await sql`insert into ehc_excusals (case_id, rule_id, exception_type, from_on, to_on, evidence, recorded_at)
          select case_id, rule_id, exception_type, from_on, to_on, 'Letter from the family held on the case file',
            from_on::timestamptz + interval '12 hours'
            from unnest(${e.map((x) => x.caseId)}::uuid[], ${e.map((x) => x.ruleId)}::text[],
              ${e.map((x) => x.type)}::text[], ${e.map((x) => x.fromOn)}::date[], ${e.map((x) => x.toOn)}::date[])
              as t(case_id, rule_id, exception_type, from_on, to_on)`.execute(trx);
    });
  }

  // As a bulk load is done: the tables' secondary indexes are dropped for the load and made again after it,
  // from their own definitions, so that the tables end with exactly the indexes the migrations made.
  const LOADED = ['ehc_children', 'ehc_cases', 'ehc_advice_requests', 'ehc_excusals'];
  const secondary = await sql<{ indexname: string; indexdef: string }>`
    select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any(${LOADED})
       and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)`.execute(
    db,
  );
  for (const index of secondary.rows) await sql.raw(`drop index ${index.indexname}`).execute(db);

  // Two chunks in flight at a time: PostgreSQL inserts one while Node generates the next.
  const inFlight = new Set<Promise<void>>();
  let chunks = 0;
  for (const chunk of generator) {
    const p: Promise<void> = insertChunk(chunk).finally(() => inFlight.delete(p));
    inFlight.add(p);
    chunks += 1;
    if (chunks % 40 === 0)
      process.stderr.write(
        `  ${expected.casesInAll.toLocaleString('en-GB')} cases, ${expected.adviceInAll.toLocaleString('en-GB')} advice, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  // Earlier years' plans' advice, five requests each, made in SQL (millions of rows that never need to
  // cross the wire): all of it due years before the year measured, and answered, 72% within 6 weeks.
  // Its due dates are requested_on + 42 days, the engine's 6 weeks (regulation 8(1)).
  if (historyAdvice) {
    const ids = (list: readonly number[]) => sql`${list.map(orgId)}::uuid[]`;
    const pickOf = (list: readonly number[]) =>
      sql`(${ids(list)})[1 + floor(random() * ${list.length})::int]`;
    await sql`insert into ehc_advice_requests (case_id, advice_type, organisation_id, requested_on, due_on, received_on, is_demo)
      select c.id, t.advice_type,
             case t.advice_type when 'health' then ${pickOf(plan.health)}
                                when 'psychological' then ${pickOf(plan.psychology)}
                                when 'social_care' then ${pickOf(plan.socialCare)}
                                else ${pickOf(plan.schools)} end,
             r.requested_on, r.requested_on + 42,
             r.requested_on + case when random() < 0.72 then 10 + floor(random() * 33)::int else 43 + floor(random() * 42)::int end,
             true
        from ehc_cases c
        cross join (values ('educational'), ('health'), ('psychological'), ('social_care'), ('setting')) t(advice_type)
        cross join lateral (select c.decision_notified_on + floor(random() * 11)::int as requested_on) r
       where c.received_on < ${`${year - 1}-01-01`}`.execute(db);
    expected.adviceInAll += 5 * expected.historyCases;
  }
  const insertedSeconds = (performance.now() - started) / 1000;
  for (const index of secondary.rows) await sql.raw(index.indexdef).execute(db);
  const remade = await sql<{ n: string }>`
    select count(*) as n from pg_indexes where schemaname = 'public' and tablename = any(${LOADED})
       and indexname = any(${secondary.rows.map((r) => r.indexname)})`.execute(db);
  if (Number(remade.rows[0]?.n) !== secondary.rows.length) throw new Error('not every index was made again');
  const indexedSeconds = (performance.now() - started) / 1000;
  if (extraIndexes.trim()) await sql.raw(extraIndexes).execute(db);
  await sql`vacuum analyze`.execute(db);
  const loadedSeconds = (performance.now() - started) / 1000;

  // The repository on a connection of its own whose queries are captured, to explain them afterwards.
  const captured: CompiledQuery[] = [];
  // With the application's type parsers: calendar dates as 'YYYY-MM-DD' strings, as the repository expects.
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const timed = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const repository = createCaseworkMeasuresRepository(timed);

  const check = (figures: CaseworkFigure[]) => {
    const problems: string[] = [];
    const expect = (
      measure: CaseworkFigure['measure'],
      numerator: number,
      denominator: number | null,
      breakdown?: string,
      key = period.key,
    ) => {
      const f = findFigure(figures, measure, key, breakdown);
      if (!f || f.numerator !== numerator || f.denominator !== denominator)
        problems.push(
          `${measure} ${key} ${breakdown ?? ''}: ${f ? `${f.numerator}/${f.denominator}` : 'none'}, expected ${numerator}/${denominator}`,
        );
    };
    expect('plans-within-20-weeks', expected.plansWithin20Weeks, expected.plansIssued);
    expect(
      'plans-within-20-weeks-excluding-exceptions',
      expected.plansWithin20Weeks - expected.plansWithin20WeeksWithException,
      expected.plansIssued - expected.plansWithException,
    );
    expect('decisions-within-6-weeks', expected.decisionsWithin6Weeks, expected.decisions);
    expect('no-plan-decisions-within-16-weeks', expected.noPlanWithin16Weeks, expected.noPlan);
    expect('requests-refused', expected.refused, expected.requestsReceived);
    expect('requests-received', expected.requestsReceived, null);
    expect(
      'requests-received',
      expected.requestsReceivedLastYear,
      null,
      'same-period-last-year',
      String(year - 1),
    );
    expect('advice-within-6-weeks', expected.adviceOnTime, expected.adviceDue);
    expect('active-plans', expected.activePlansAtYearEnd, null);
    expect('new-plans', expected.plansIssued, null);
    return problems;
  };

  const seconds: number[] = [];
  const queryMs: number[] = [];
  let figures: CaseworkFigure[] = [];
  let factRows = 0;
  for (let run = 0; run <= runs; run += 1) {
    captured.length = 0;
    const t0 = performance.now();
    const facts = await repository.caseworkFacts(period, today);
    const t1 = performance.now();
    figures = caseworkMeasures(facts, period);
    const t2 = performance.now();
    factRows =
      facts.requests.length +
      facts.decisions.length +
      facts.noPlanDecisions.length +
      facts.finalPlans.length +
      facts.finalPlansWithExceptions.length +
      facts.advice.length;
    const problems = check(figures);
    if (problems.length > 0) {
      failed = true;
      console.error(`run ${run}: figures differ from the generated counts:\n  ${problems.join('\n  ')}`);
    }
    if (run > 0) {
      seconds.push((t2 - t0) / 1000);
      queryMs.push(t1 - t0);
    }
  }
  // The year's twelve months from the same facts (a chart's series), measured once, after the runs.
  const facts = await repository.caseworkFacts(period, today);
  const s0 = performance.now();
  const monthly = caseworkSeries(facts, monthsOf(period));
  const seriesMs = performance.now() - s0;
  const monthlyPlans = monthly.filter((f) => f.measure === 'new-plans').reduce((n, f) => n + f.numerator, 0);
  if (monthlyPlans !== expected.plansIssued) {
    failed = true;
    console.error(`the months' new plans add up to ${monthlyPlans}, not ${expected.plansIssued}`);
  }

  // The query plans of the repository's queries, as they ran.
  captured.length = 0;
  await repository.caseworkFacts(period, today);
  const plans: { name: string; time: string; plan: string[] }[] = [];
  for (const query of captured) {
    const explained = await pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers, costs off) ${query.sql}`,
      query.parameters as unknown[],
    );
    const planLines = explained.rows.map((r) => r['QUERY PLAN']);
    const from = /from "?(\w+)"?/.exec(query.sql)?.[1] ?? '?';
    const selected = /select (.{0,60})/.exec(query.sql)?.[1] ?? '';
    plans.push({
      name: `${from}: ${selected.replace(/\s+/g, ' ')}…`,
      time: /Execution Time: ([\d.]+) ms/.exec(planLines.join('\n'))?.[1] ?? '?',
      plan: planLines,
    });
  }
  await timed.destroy();

  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const medianQuery = [...queryMs].sort((a, b) => a - b)[Math.floor(queryMs.length / 2)] as number;
  const counts = await sql<{ cases: string; plans: string; advice: string; excusals: string }>`
    select (select count(*) from ehc_cases) as cases,
           (select count(*) from ehc_cases where final_issued_on is not null) as plans,
           (select count(*) from ehc_advice_requests) as advice,
           (select count(*) from ehc_excusals) as excusals`.execute(db);
  const stored = counts.rows[0];
  if (Number(stored?.cases) !== expected.casesInAll || Number(stored?.advice) !== expected.adviceInAll) {
    failed = true;
    console.error(
      `stored ${stored?.cases} cases and ${stored?.advice} advice; generated ${expected.casesInAll} and ${expected.adviceInAll}`,
    );
  }

  const total = (m: CaseworkFigure['measure']) => findFigure(figures, m, period.key);
  const show = (m: CaseworkFigure['measure']) => {
    const f = total(m);
    return f ? (f.denominator === null ? `${f.numerator}` : `${f.numerator} / ${f.denominator}`) : 'none';
  };
  lines.push(
    `\nEvery casework measure for calendar year ${year} (repository caseworkFacts + caseworkMeasures), on PostgreSQL, Node ${process.version}; ${runs} timed runs after one warm-up.\n`,
  );
  lines.push(
    `Data: ${Number(stored?.cases).toLocaleString('en-GB')} cases (${Number(stored?.plans).toLocaleString('en-GB')} final plans), ${requestsPerYear.toLocaleString('en-GB')} requests a year in ${year - 1} and ${year}, ${Number(stored?.advice).toLocaleString('en-GB')} requests for advice${historyAdvice ? ' (earlier years\u2019 plans with theirs)' : ''}, ${Number(stored?.excusals).toLocaleString('en-GB')} exceptions; ${organisations.length} organisations. Inserted in ${insertedSeconds.toFixed(0)} s, indexed by ${indexedSeconds.toFixed(0)} s, with VACUUM ANALYZE ${loadedSeconds.toFixed(0)} s.${extraIndexes ? ` Extra indexes: ${extraIndexes}` : ''}\n`,
  );
  lines.push('| | median s | min s | max s | of which the queries (median ms) | rows read | figures |');
  lines.push('|---|---|---|---|---|---|---|');
  lines.push(
    `| every casework measure for ${year} | **${median.toFixed(3)}** | ${(sorted[0] as number).toFixed(3)} | ${(sorted.at(-1) as number).toFixed(3)} | ${medianQuery.toFixed(0)} | ${factRows} | ${figures.length} |`,
  );
  lines.push(
    `| the twelve months of ${year}, from the same facts | ${(seriesMs / 1000).toFixed(3)} | | | | | ${monthly.length} |`,
  );
  lines.push(
    `\nUnder ${TARGET_SECONDS} s: ${median < TARGET_SECONDS ? 'met' : 'not met'} (median ${median.toFixed(3)} s). Figures ${failed ? 'DIFFER from' : 'match'} the counts made from the generated rows.`,
  );
  lines.push(
    `\nFigures: 20 weeks ${show('plans-within-20-weeks')} (excluding exceptions ${show('plans-within-20-weeks-excluding-exceptions')}); decisions within 6 weeks ${show('decisions-within-6-weeks')}; no-plan decisions within 16 weeks ${show('no-plan-decisions-within-16-weeks')}; refused ${show('requests-refused')}; requests ${show('requests-received')} (last year ${findFigure(figures, 'requests-received', String(year - 1), 'same-period-last-year')?.numerator}); advice within 6 weeks ${show('advice-within-6-weeks')}; plans maintained at the end of ${year} ${show('active-plans')}; new plans ${show('new-plans')}.`,
  );
  for (const p of plans) lines.push(`\nQuery plan (${p.time} ms), ${p.name}\n${p.plan.join('\n')}`);
} finally {
  await database.close();
  await cleanup();
}
console.log(lines.join('\n'));
if (failed) process.exitCode = 1;
