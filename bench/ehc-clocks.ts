/**
 * `npm run bench:ehc-clocks`: every statutory clock of 100,000 generated EHC needs assessments, computed by
 * the domain engine (src/modules/ehc/domain) in one process, against issue 5's target of under 2 s. A run
 * is, for every case: needsAssessmentDeadlines() on its key dates; timeliness() of every deadline (met,
 * missed, running or overdue, with its excusals) on a fixed today; and the SEN2 Week20 flag where a final
 * plan or a no-plan decision exists. Generating the cases is not measured. One warm-up run, then
 * BENCH_RUNS timed runs: min, median and max seconds, deadlines per second and the process's peak RSS.
 * Each run is checked (deadline count, a checksum of the due dates, the same every run) and a few
 * generated cases are checked by hand, so that the benchmark cannot pass by doing nothing. Bounded in
 * time; stops by itself. Beside the wall-clock seconds it reports the CPU seconds of a run and how much of the
 * machine something else used meanwhile (Linux), since a busy machine slows every run.
 *
 *   npm run bench:ehc-clocks
 *   BENCH_CASES=10000 BENCH_RUNS=3 node bench/ehc-clocks.ts
 *
 * Options: BENCH_CASES (default 100000), BENCH_RUNS (timed runs, default 5), BENCH_MAX_SECONDS (no further
 * timed run starts after this many seconds of measuring, default 120).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { addDays, dayOfWeek, daysBetween } from '../src/lib/dates.ts';
import {
  needsAssessmentDeadlines,
  timeliness,
  week20,
  type Excusal,
  type ExceptionType,
  type NeedsAssessmentKeyDates,
  type RuleId,
} from '../src/modules/ehc/domain/index.ts';

const caseCount = Number(process.env.BENCH_CASES ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const maxSeconds = Number(process.env.BENCH_MAX_SECONDS ?? 120);
const TARGET_SECONDS = 2;
/** The cases are as they stood at the end of 2026: nothing recorded after this day. */
const TODAY = '2026-12-31';
const FIRST_RECEIVED = '2024-01-01';
const RECEIVED_DAYS = daysBetween(FIRST_RECEIVED, '2026-12-31') + 1;
const SEED = 20_240_101;

// ---------------------------------------------------------------------------------------------------------
// Generation (not measured)
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every run of the benchmark meets the same cases. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(SEED);
/** A whole number from min to max, both included. */
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

type Stage =
  'awaiting-decision' | 'not-assessed' | 'assessing' | 'draft-issued' | 'final-plan' | 'no-plan' | 'closed';

type BenchCase = {
  stage: Stage;
  keyDates: NeedsAssessmentKeyDates;
  /** When each measured event happened: by rule id, or `ruleId:subjectId` for advice and consultations. */
  events: Record<string, string>;
  excusals: readonly Excusal[];
  /** The day clocks still running are judged on: today, or the day a withdrawn case closed. */
  asOf: string;
  sen2?: { outcome: 'Y' | 'N'; date: string };
};

const NO_EXCUSALS: readonly Excusal[] = [];

/** What had happened by today: nothing later is recorded. */
const byToday = (date: string | undefined): string | undefined =>
  date !== undefined && date <= TODAY ? date : undefined;

function excusal(
  type: ExceptionType,
  ruleId: RuleId,
  from: string,
  to: string,
  extra: { subjectId?: string; adviceRequestedOn?: string } = {},
): Excusal {
  const deadline = extra.subjectId === undefined ? { ruleId } : { ruleId, subjectId: extra.subjectId };
  const recorded: Excusal = {
    type,
    deadline,
    from,
    to,
    evidence: `Evidence for reg ${type} held on the case file`,
  };
  if (extra.adviceRequestedOn !== undefined) recorded.adviceRequestedOn = extra.adviceRequestedOn;
  return recorded;
}

function generateTimeline(): BenchCase {
  let received = addDays(FIRST_RECEIVED, between(0, RECEIVED_DAYS - 1));
  // Most requests arrive on a working day; those made online at the weekend are kept.
  const weekday = dayOfWeek(received);
  if ((weekday === 0 || weekday === 6) && chance(0.8)) received = addDays(received, weekday === 0 ? 1 : 2);
  const events: Record<string, string> = {};
  const excusals: Excusal[] = [];
  const keyDates: NeedsAssessmentKeyDates = { requestReceivedOn: received };
  const result = (stage: Stage, sen2?: BenchCase['sen2']): BenchCase => ({
    stage,
    keyDates,
    events,
    excusals: excusals.length ? excusals : NO_EXCUSALS,
    asOf: TODAY,
    ...(sen2 ? { sen2 } : {}),
  });
  const record = (key: string, date: string | undefined) => {
    const happened = byToday(date);
    if (happened !== undefined) events[key] = happened;
  };
  // An excusal on about 10% of the cases (of those that reach the clock it belongs to, 12%): 3.5% at the
  // decision, 3.5% on advice, 5% on the 20-week (or 16-week) clock.
  const excusalRoll = random();

  record('request-notified', chance(0.85) ? received : addDays(received, between(1, 3)));

  // The decision to assess: 10% in 0-4 weeks, 75% in 4-6 weeks, 15% late (6-10 weeks).
  const decisionRoll = random();
  const decisionDays =
    decisionRoll < 0.1 ? between(3, 27) : decisionRoll < 0.85 ? between(28, 42) : between(43, 70);
  const decisionOn = addDays(received, decisionDays);
  if (excusalRoll < 0.035) {
    const type = pick(['5(4)(a)', '5(4)(b)', '5(4)(c)'] as const);
    const from = addDays(received, between(3, 20));
    if (type === '5(4)(a)') {
      const to = addDays(from, between(27, 42));
      excusals.push(
        excusal(type, 'decision-to-assess', from, to, {
          adviceRequestedOn: addDays(from, between(-7, 3)),
        }),
      );
    } else if (type === '5(4)(b)') {
      excusals.push(excusal(type, 'decision-to-assess', from, addDays(from, between(2, 20))));
    } else {
      excusals.push(excusal(type, 'decision-to-assess', from, addDays(from, between(25, 45))));
    }
  }
  if (decisionOn > TODAY) return result('awaiting-decision');
  const assess = chance(0.75);
  keyDates.decisionToAssess = { notifiedOn: decisionOn, outcome: assess ? 'assess' : 'not-assess' };
  record('decision-to-assess', decisionOn);
  if (!assess) return result('not-assessed');

  // 3 to 6 requests for advice, sent within 10 days of the decision, received by the body 0-3 days later.
  const adviceRequests: { id: string; receivedByBodyOn: string }[] = [];
  let lastAdvice = decisionOn;
  const adviceCount = between(3, 6);
  for (let k = 1; k <= adviceCount; k++) {
    const sentOn = addDays(decisionOn, between(0, 10));
    const receivedByBodyOn = addDays(sentOn, between(0, 3));
    if (receivedByBodyOn > TODAY) continue;
    const id = `advice-${k}`;
    adviceRequests.push({ id, receivedByBodyOn });
    // 70% return advice within 6 weeks, 22% late (up to 12 weeks), 8% never.
    const roll = random();
    const returnedOn =
      roll < 0.7
        ? addDays(receivedByBodyOn, between(10, 42))
        : roll < 0.92
          ? addDays(receivedByBodyOn, between(43, 84))
          : undefined;
    record(`advice:${id}`, returnedOn);
    if (returnedOn !== undefined && returnedOn > lastAdvice) lastAdvice = returnedOn;
    if (k === 1 && excusalRoll >= 0.035 && excusalRoll < 0.07) {
      const type = pick(['8(2)(a)', '8(2)(b)', '8(2)(c)'] as const);
      const from = addDays(receivedByBodyOn, between(3, 30));
      const to =
        type === '8(2)(c)'
          ? from
          : type === '8(2)(a)'
            ? addDays(from, between(1, 14))
            : addDays(from, between(26, 40));
      excusals.push(excusal(type, 'advice', from, to, { subjectId: id }));
    }
  }
  if (adviceRequests.length) keyDates.adviceRequests = adviceRequests;

  // After the advice: 8% decide not to issue a plan (weeks 12-20), the others serve a draft plan.
  const noPlan = chance(0.08);
  const outcomeRule: RuleId = noPlan ? 'no-plan-decision' : 'final-plan';
  if (excusalRoll >= 0.07 && excusalRoll < 0.12) {
    const type = pick(['10(4)(a)', '10(4)(b)', '10(4)(c)', '10(4)(d)'] as const);
    const asked = adviceRequests[0]?.receivedByBodyOn ?? decisionOn;
    const from = addDays(asked, between(0, 7));
    if (type === '10(4)(a)' || type === '10(4)(b)') {
      excusals.push(
        excusal(type, outcomeRule, from, addDays(from, between(27, 45)), { adviceRequestedOn: asked }),
      );
    } else if (type === '10(4)(c)') {
      excusals.push(excusal(type, outcomeRule, from, addDays(from, between(3, 30))));
    } else {
      excusals.push(excusal(type, outcomeRule, from, addDays(from, between(25, 50))));
    }
    // Now and then a caseworker records a missed appointment against the 20 weeks, which reg 13(3) does
    // not allow: the engine must say so, and the plan still counts.
    if (chance(0.1))
      excusals.push(excusal('8(2)(c)', outcomeRule, addDays(received, 60), addDays(received, 60)));
  }
  if (noPlan) {
    const noPlanOn = addDays(received, between(84, 140));
    if (noPlanOn > TODAY) return result('assessing');
    keyDates.noPlanDecisionNotifiedOn = noPlanOn;
    record('no-plan-decision', noPlanOn);
    return result('no-plan', { outcome: 'N', date: noPlanOn });
  }

  // The draft plan 1-21 days after the last advice came in (or by week 16 where some never came).
  const draftOn = addDays(
    lastAdvice < addDays(received, 112) ? lastAdvice : addDays(received, between(98, 112)),
    between(1, 21),
  );
  if (draftOn > TODAY) return result('assessing');
  keyDates.draftPlanServedOn = draftOn;
  // The family's representations: most within the 15 days, some later, a few none.
  const representationsRoll = random();
  record(
    'draft-plan-representations',
    representationsRoll < 0.8
      ? addDays(draftOn, between(2, 14))
      : representationsRoll < 0.95
        ? addDays(draftOn, between(15, 25))
        : undefined,
  );
  // 1 to 3 settings consulted 0-5 days after the draft: 70% reply within 15 days, 20% later, 10% never.
  const consultations: { id: string; sentOn: string }[] = [];
  const consultationCount = between(1, 3);
  for (let k = 1; k <= consultationCount; k++) {
    const sentOn = addDays(draftOn, between(0, 5));
    if (sentOn > TODAY) continue;
    const id = `setting-${k}`;
    consultations.push({ id, sentOn });
    const roll = random();
    record(
      `setting-consultation:${id}`,
      roll < 0.7
        ? addDays(sentOn, between(3, 15))
        : roll < 0.9
          ? addDays(sentOn, between(16, 30))
          : undefined,
    );
  }
  if (consultations.length) keyDates.settingConsultations = consultations;

  // The final plan at least 15 days after the draft, usually within 2-6 weeks of it.
  const finalOn = addDays(draftOn, between(15, 45));
  if (finalOn > TODAY) return result('draft-issued');
  keyDates.finalPlanIssuedOn = finalOn;
  record('final-plan', finalOn);
  record('final-plan-notice', chance(0.95) ? finalOn : addDays(finalOn, between(1, 5)));
  return result('final-plan', { outcome: 'Y', date: finalOn });
}

/**
 * About 5% of requests are withdrawn, or the family moves out of the area, within 20 weeks and before any
 * outcome: the case keeps what had happened by then, and its clocks still running are judged on that day.
 */
function generateCase(): BenchCase {
  const c = generateTimeline();
  if (!chance(0.05)) return c;
  const closedOn = addDays(c.keyDates.requestReceivedOn, between(7, 140));
  const outcomeOn =
    c.keyDates.decisionToAssess?.outcome === 'not-assess'
      ? c.keyDates.decisionToAssess.notifiedOn
      : (c.keyDates.finalPlanIssuedOn ?? c.keyDates.noPlanDecisionNotifiedOn);
  if (closedOn > TODAY || (outcomeOn !== undefined && outcomeOn <= closedOn)) return c;
  const k = c.keyDates;
  const keyDates: NeedsAssessmentKeyDates = { requestReceivedOn: k.requestReceivedOn };
  if (k.decisionToAssess && k.decisionToAssess.notifiedOn <= closedOn)
    keyDates.decisionToAssess = k.decisionToAssess;
  const advice = k.adviceRequests?.filter((a) => a.receivedByBodyOn <= closedOn) ?? [];
  if (advice.length) keyDates.adviceRequests = advice;
  if (k.draftPlanServedOn !== undefined && k.draftPlanServedOn <= closedOn)
    keyDates.draftPlanServedOn = k.draftPlanServedOn;
  const consultations = k.settingConsultations?.filter((s) => s.sentOn <= closedOn) ?? [];
  if (consultations.length) keyDates.settingConsultations = consultations;
  const events = Object.fromEntries(Object.entries(c.events).filter(([, date]) => date <= closedOn));
  return { stage: 'closed', keyDates, events, excusals: c.excusals, asOf: closedOn };
}

const generationStart = performance.now();
const cases: BenchCase[] = Array.from({ length: caseCount }, generateCase);
const generationSeconds = (performance.now() - generationStart) / 1000;

// ---------------------------------------------------------------------------------------------------------
// The measured work
// ---------------------------------------------------------------------------------------------------------

const STATUSES = ['met', 'missed', 'running', 'overdue'] as const;

type RunResult = {
  deadlines: number;
  checksum: number;
  statuses: Record<(typeof STATUSES)[number], number>;
  excused: number;
  daysLate: number;
  week20: { flagged: number; of: number };
  byRule: Map<RuleId, number>;
};

/** Every clock of every case. The tallies and the checksum make every result used, so none is optimised away. */
function computeEveryClock(all: readonly BenchCase[]): RunResult {
  const statuses = { met: 0, missed: 0, running: 0, overdue: 0 };
  const byRule = new Map<RuleId, number>();
  let deadlines = 0;
  let checksum = 0x811c9dc5;
  let excused = 0;
  let daysLate = 0;
  let flagged = 0;
  let flags = 0;
  for (const c of all) {
    for (const deadline of needsAssessmentDeadlines(c.keyDates)) {
      const key =
        deadline.subjectId === undefined ? deadline.ruleId : `${deadline.ruleId}:${deadline.subjectId}`;
      const state = timeliness(deadline, { eventDate: c.events[key], excusals: c.excusals, today: c.asOf });
      deadlines++;
      statuses[state.status]++;
      if (state.excused) excused++;
      daysLate += state.daysLate;
      byRule.set(deadline.ruleId, (byRule.get(deadline.ruleId) ?? 0) + 1);
      // FNV-1a over the due date's characters.
      const due = deadline.dueDate;
      for (let i = 0; i < due.length; i++) checksum = Math.imul(checksum ^ due.charCodeAt(i), 0x01000193);
    }
    if (c.sen2) {
      flags++;
      flagged += week20({
        assessmentOutcome: c.sen2.outcome,
        requestReceivedOn: c.keyDates.requestReceivedOn,
        assessmentOutcomeDate: c.sen2.date,
        excusals: c.excusals,
      });
    }
  }
  return {
    deadlines,
    checksum: checksum >>> 0,
    statuses,
    excused,
    daysLate,
    week20: { flagged, of: flags },
    byRule,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Checks, so that the benchmark cannot pass by doing nothing
// ---------------------------------------------------------------------------------------------------------

/** The number of deadlines a case has, counted from its key dates as deadlines.ts documents, not by the engine. */
function expectedDeadlineCount(keyDates: NeedsAssessmentKeyDates): number {
  if (keyDates.decisionToAssess?.outcome === 'not-assess') return 2;
  const decidedToIssue = keyDates.draftPlanServedOn !== undefined || keyDates.finalPlanIssuedOn !== undefined;
  return (
    2 +
    (keyDates.adviceRequests?.length ?? 0) +
    (keyDates.noPlanDecisionNotifiedOn !== undefined || !decidedToIssue ? 1 : 0) +
    (keyDates.draftPlanServedOn !== undefined ? 1 : 0) +
    (keyDates.settingConsultations?.length ?? 0) +
    (keyDates.noPlanDecisionNotifiedOn === undefined ? 1 : 0) +
    (keyDates.finalPlanIssuedOn !== undefined ? 1 : 0)
  );
}

function checkByHand(): string[] {
  const lines: string[] = [];
  // The first generated case at each stage, with the count its key dates call for.
  const stages: Stage[] = [
    'awaiting-decision',
    'not-assessed',
    'assessing',
    'draft-issued',
    'final-plan',
    'no-plan',
  ];
  for (const stage of stages) {
    const index = cases.findIndex((c) => c.stage === stage);
    if (index < 0) continue;
    const c = cases[index] as BenchCase;
    const k = c.keyDates;
    const advice = k.adviceRequests?.length ?? 0;
    const consultations = k.settingConsultations?.length ?? 0;
    const expected = {
      'awaiting-decision': 4, // notified, decision, 16 weeks, 20 weeks
      'not-assessed': 2, // notified, decision
      assessing: 2 + advice + 2, // + advice, 16 weeks, 20 weeks
      'draft-issued': 2 + advice + 1 + consultations + 1, // + advice, draft, consultations, 20 weeks
      'final-plan': 2 + advice + 1 + consultations + 2, // + advice, draft, consultations, 20 weeks, notice
      'no-plan': 2 + advice + 1, // + advice, 16 weeks
      closed: 0,
    }[stage];
    const got = needsAssessmentDeadlines(k);
    assert.equal(
      got.length,
      expected,
      `case ${index} (${stage}): ${got.length} deadlines, expected ${expected}`,
    );
    const decision = got.find((d) => d.ruleId === 'decision-to-assess');
    assert.equal(
      decision?.dueDate,
      addDays(k.requestReceivedOn, 42),
      `case ${index}: decision due 6 weeks on`,
    );
    lines.push(
      `case ${index} (${stage}, received ${k.requestReceivedOn}, ${advice} advice, ${consultations} consultations): ${got.length} deadlines`,
    );
  }
  // And every case: the engine's count against the one counted from the key dates.
  for (const [index, c] of cases.entries()) {
    const got = needsAssessmentDeadlines(c.keyDates).length;
    const expected = expectedDeadlineCount(c.keyDates);
    if (got !== expected) assert.fail(`case ${index}: ${got} deadlines, expected ${expected}`);
  }
  // A case written out in full: the decision date is deadlines.ts's own example, the others counted by hand.
  const story = needsAssessmentDeadlines({
    requestReceivedOn: '2025-01-06',
    decisionToAssess: { notifiedOn: '2025-02-10', outcome: 'assess' },
    adviceRequests: [{ id: 'health', receivedByBodyOn: '2025-02-12' }],
    draftPlanServedOn: '2025-04-28',
    settingConsultations: [{ id: 'school', sentOn: '2025-04-28' }],
    finalPlanIssuedOn: '2025-05-19',
  });
  assert.deepEqual(
    story.map((d) => `${d.ruleId} ${d.dueDate}`),
    [
      'request-notified 2025-01-06',
      'decision-to-assess 2025-02-17',
      'advice 2025-03-26',
      'draft-plan-representations 2025-05-12',
      'setting-consultation 2025-05-13',
      'final-plan 2025-05-26',
      'final-plan-notice 2025-05-19',
    ],
  );
  lines.push(
    'a case written out in full (received 2025-01-06, final plan 19 weeks later): its 7 due dates as expected',
  );
  return lines;
}

function checkRun(result: RunResult, reference: RunResult): void {
  assert.ok(result.deadlines > 0, 'no deadlines computed');
  assert.equal(result.deadlines, reference.deadlines, 'a run computed a different number of deadlines');
  assert.equal(result.checksum, reference.checksum, 'a run computed different due dates');
  assert.deepEqual(result.statuses, reference.statuses, 'a run judged the clocks differently');
}

// ---------------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------------

const handChecked = checkByHand();

const warmUpStart = performance.now();
const reference = computeEveryClock(cases);
const warmUpSeconds = (performance.now() - warmUpStart) / 1000;
const expectedTotal = cases.reduce((sum, c) => sum + expectedDeadlineCount(c.keyDates), 0);
assert.equal(
  reference.deadlines,
  expectedTotal,
  'the deadlines computed are not those the key dates call for',
);
for (const status of STATUSES) assert.ok(reference.statuses[status] > 0, `no clock was ${status}`);
assert.ok(reference.excused > 0, 'no excusal was made out');
assert.ok(reference.week20.flagged > 0, 'no Week20 flag was set');
for (const ruleId of [
  'request-notified',
  'decision-to-assess',
  'advice',
  'no-plan-decision',
  'draft-plan-representations',
  'setting-consultation',
  'final-plan',
  'final-plan-notice',
] as const)
  assert.ok((reference.byRule.get(ruleId) ?? 0) > 0, `no ${ruleId} clock was computed`);

/** The machine's CPU time, busy and in all, in ms (/proc/stat; Linux), to show what else was running. */
function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const n = ticks.slice(0, 8).map(Number);
    const total = n.reduce((sum, t) => sum + t, 0);
    return { busy: (total - (n[3] ?? 0) - (n[4] ?? 0)) * 10, total: total * 10 };
  } catch {
    return undefined;
  }
}
const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  } catch {
    return '?';
  }
};

const seconds: number[] = [];
const cpuSeconds: number[] = [];
const loadBefore = loadAverage();
const machineBefore = machineCpuMs();
const processBefore = process.cpuUsage();
const measuringStart = performance.now();
for (let run = 0; run < runs; run++) {
  if (run > 0 && (performance.now() - measuringStart) / 1000 > maxSeconds) break;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = computeEveryClock(cases);
  seconds.push((performance.now() - start) / 1000);
  const cpu = process.cpuUsage(cpuStart);
  cpuSeconds.push((cpu.user + cpu.system) / 1e6);
  checkRun(result, reference);
}
const machineAfter = machineCpuMs();
const processUsed = process.cpuUsage(processBefore);
// The share of the machine's CPU that something other than this process used while it was measuring.
const othersPercent =
  machineBefore && machineAfter
    ? Math.max(
        0,
        (100 * (machineAfter.busy - machineBefore.busy - (processUsed.user + processUsed.system) / 1000)) /
          (machineAfter.total - machineBefore.total),
      )
    : NaN;
const loadAfter = loadAverage();
seconds.sort((a, b) => a - b);
cpuSeconds.sort((a, b) => a - b);
const medianCpu = cpuSeconds[Math.floor(cpuSeconds.length / 2)] as number;
const min = seconds[0] as number;
const max = seconds[seconds.length - 1] as number;
const median =
  seconds.length % 2
    ? (seconds[(seconds.length - 1) / 2] as number)
    : ((seconds[seconds.length / 2 - 1] as number) + (seconds[seconds.length / 2] as number)) / 2;
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

const stageCounts = new Map<Stage, number>();
for (const c of cases) stageCounts.set(c.stage, (stageCounts.get(c.stage) ?? 0) + 1);
const withExcusals = cases.filter((c) => c.excusals.length > 0).length;

console.log(
  `\nEvery statutory clock of ${caseCount.toLocaleString('en-GB')} generated EHC needs assessments (received ${FIRST_RECEIVED} to 2026-12-31, judged on ${TODAY}): needsAssessmentDeadlines, timeliness of each deadline with its excusals, and Week20 where there is an outcome. ${seconds.length} timed runs after a warm-up of ${warmUpSeconds.toFixed(2)} s; generation (${generationSeconds.toFixed(1)} s) not measured. Node ${process.version}\n`,
);
console.log(
  '| cases | deadlines | min s | median s | max s | CPU s (median) | deadlines/s (median) | peak RSS MB | others on the machine % | load average | target < 2 s |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
console.log(
  `| ${caseCount} | ${reference.deadlines} | ${min.toFixed(2)} | ${median.toFixed(2)} | ${max.toFixed(2)} | ${medianCpu.toFixed(2)} | ${Math.round(reference.deadlines / median)} | ${peakRssMb} | ${othersPercent.toFixed(0)} | ${loadBefore} to ${loadAfter} | ${median < TARGET_SECONDS ? 'met' : 'not met'} |`,
);
console.log(
  `\nUnder ${TARGET_SECONDS} s: ${median < TARGET_SECONDS ? 'met' : 'not met'} (median ${median.toFixed(2)} s${caseCount === 100_000 ? '' : `, at ${caseCount} cases, not the 100,000 of the target`}).`,
);
console.log(
  `\nChecks: ${reference.deadlines} deadlines (as the key dates call for), due-date checksum ${reference.checksum.toString(16).padStart(8, '0')} (every run the same); ` +
    `${STATUSES.map((s) => `${reference.statuses[s]} ${s}`).join(', ')}; ${reference.excused} excused, ${reference.daysLate} days late in all; ` +
    `Week20 = 1 on ${reference.week20.flagged} of ${reference.week20.of} outcomes.`,
);
console.log(
  `Cases: ${[...stageCounts].map(([stage, n]) => `${n} ${stage}`).join(', ')}; ${withExcusals} with excusals.`,
);
console.log(`Clocks: ${[...reference.byRule].map(([rule, n]) => `${n} ${rule}`).join(', ')}.`);
console.log(`Checked by hand:\n${handChecked.map((line) => `  ${line}`).join('\n')}`);
