/**
 * `npm run bench:ehc-due`: the caseworkers' "due and overdue" page (GET /ehc/due) on PostgreSQL with 10,000
 * open EHC needs assessments and 50,000 requests for advice, at 16 connections on loopback, against issue 5's
 * target of p95 under 150 ms. Bounded in time; stops by itself.
 *
 *   npm run bench:ehc-due
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ npm run bench:ehc-due
 *
 * It creates its own database (send_bench_ehc_<pid>) on the server BENCH_DATABASE_URL names, so that it never
 * touches another one, and drops it at the end; migrates; seeds the demo users and the generated caseload
 * (bench/seed-ehc.ts, bench/lib/ehc-caseload.ts: due dates from the clock engine, some cases closed, advice
 * outstanding on closed cases too, so that the open-case filter matters); prints the query plans (EXPLAIN ANALYZE) of
 * the repository's own query; starts the server as `npm start` does in production mode; signs in as the demo
 * caseworker; checks that each page lists 50 rows and the number of deadlines the generated rows call for;
 * warms up; then measures, one after the other, page 1 of every open case, page 5, and "my cases only":
 * requests/s, p50, p95 and p99 of every response (each response's latency recorded), non-2xx responses and
 * peak memory; and, since the load generator, the server and PostgreSQL share the machine, the CPU a request
 * cost each of them and how busy the machine was with anything else (Linux /proc; PostgreSQL's parallel
 * workers, which come and go with each query, count as anything else).
 *
 * Options: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), BENCH_DURATION (seconds per run,
 * default 20), BENCH_CONNECTIONS (default 16), BENCH_OPEN_CASES (default 10000), BENCH_ADVICE (default 50000),
 * BENCH_VACUUM (default true: VACUUM ANALYZE after seeding, as autovacuum would; false: ANALYZE only).
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { backends, cpuMs, percentile, signIn } from './lib/load.ts';
import { benchDatabase, rssMb, startServer } from './lib/server.ts';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const openCases = process.env.BENCH_OPEN_CASES ?? '10000';
const adviceRequests = process.env.BENCH_ADVICE ?? '50000';
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';
const TARGET_P95_MS = 150;
const PAGE_SIZE = 50;
const EMAIL = 'caseworker@demo.example.org';
const RETURN_TO = '/ehc/due';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-password-2026';

// Nothing may run past this: seeding, three runs and their warm-up, with room to spare.
const deadlineMs = (300 + 4 * (duration + 5)) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:ehc-due did not finish in ${deadlineMs / 1000} s; stopping`);
  process.exit(2);
}, deadlineMs);
watchdog.unref();

type Summary = {
  today: string;
  dueBy: string;
  cases: number;
  open: number;
  byStatus: Record<string, number>;
  adviceRequests: number;
  adviceOutstanding: number;
  adviceOutstandingOnClosedCases: number;
  consultations: number;
  excusals: number;
  caseworkers: number;
  expected: { all: number; mine: number; allByKind: Record<string, number> };
  generatedSeconds: number;
  insertedSeconds: number;
  plans: { name: string; plan: string[]; rows: number; total: number }[];
};

/** The page as a caseworker sees it: the number of deadlines in the table's caption and the rows shown. */
async function checkPage(url: string, cookie: string, path: string, expectedTotal: number) {
  const res = await fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  const total = Number(/(\d+) deadlines/.exec(html)?.[1] ?? NaN);
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
  const rows = (body.match(/<tr class="govuk-table__row/g) ?? []).length;
  const page = Number(/[?&]page=(\d+)/.exec(path)?.[1] ?? 1);
  const expectedRows = Math.max(0, Math.min(PAGE_SIZE, expectedTotal - (page - 1) * PAGE_SIZE));
  if (total !== expectedTotal)
    throw new Error(`${path} says ${total} deadlines; the generated rows call for ${expectedTotal}`);
  if (rows !== expectedRows) throw new Error(`${path} lists ${rows} rows, expected ${expectedRows}`);
  return { total, rows, bytes: Buffer.byteLength(html) };
}

/** The whole machine's CPU time, busy and in all, in ms (/proc/stat). */
function machineCpuMs(): { busy: number; total: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const n = ticks.slice(0, 8).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - (n[3] ?? 0) - (n[4] ?? 0)) * 10, total: total * 10 };
}

async function measure(
  url: string,
  cookie: string,
  path: string,
  pid: number,
  db: { admin: pg.Client; name: string },
) {
  const latencies: number[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 250);
  const before = {
    server: cpuMs(pid),
    bench: process.cpuUsage(),
    machine: machineCpuMs(),
    pg: new Map<number, number>(),
  };
  for (const backend of await backends(db.admin, db.name)) before.pg.set(backend, cpuMs(backend));
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${url}${path}`, connections, duration, headers: { cookie } },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  clearInterval(sampler);
  const machine = machineCpuMs();
  const serverMs = cpuMs(pid) - before.server;
  let postgresMs = 0;
  for (const backend of new Set([...before.pg.keys(), ...(await backends(db.admin, db.name))]))
    postgresMs += cpuMs(backend) - (before.pg.get(backend) ?? 0);
  const benchUsage = process.cpuUsage(before.bench);
  const benchMs = (benchUsage.user + benchUsage.system) / 1000;
  const busyMs = machine.busy - before.machine.busy;
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return {
    path,
    requests: n,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(latencies.at(-1) ?? NaN),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    peakRssMb: peakRss,
    // CPU a request costs, whatever else the machine is doing: the server (Node), PostgreSQL, autocannon.
    serverCpuMs: serverMs / n,
    postgresCpuMs: postgresMs / n,
    benchCpuMs: benchMs / n,
    // How busy the machine was, and how much of that was not this benchmark.
    machineBusyPercent: (100 * busyMs) / (machine.total - before.machine.total),
    othersPercent:
      (100 * Math.max(0, busyMs - serverMs - postgresMs - benchMs)) / (machine.total - before.machine.total),
    load: `${loadBefore} to ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
  };
}

/** Whether each of the four parts of "due and overdue" reads its index (migration 0009), and nothing reads a whole EHC table. */
function planVerdict(plan: string[]): string {
  const text = plan.join('\n');
  const seqScans = [...text.matchAll(/Seq Scan on (ehc_\w+)/g)].map((m) => m[1]);
  const indexes = [
    'ehc_cases_decision_due_list_idx',
    'ehc_cases_final_due_list_idx',
    'ehc_advice_requests_awaited_list_idx',
    'ehc_setting_consultations_awaited_list_idx',
  ].filter((name) => !text.includes(name));
  const heapFetches = [...text.matchAll(/Heap Fetches: (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  const buffers = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(text);
  const time = /Execution Time: ([\d.]+) ms/.exec(text)?.[1];
  const workers = [...text.matchAll(/Workers Launched: (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  return `${seqScans.length ? `sequential scans of ${seqScans.join(', ')}` : 'no sequential scan of an EHC table'}; ${
    indexes.length ? `not using ${indexes.join(', ')}` : 'the four due-list indexes used'
  }; ${heapFetches} heap fetches in index-only scans; ${Number(buffers?.[1] ?? 0) + Number(buffers?.[2] ?? 0)} pages read; ${workers ? `${workers} parallel workers (their CPU is not in the PostgreSQL column, and shows as others)` : 'no parallel workers'}; execution ${time} ms`;
}

const { env, cleanup } = await benchDatabase('postgres', postgresUrl, 'bench-ehc');
let output: string;
try {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const seedStarted = performance.now();
  const seeded = spawnSync(process.execPath, ['bench/seed-ehc.ts', openCases, adviceRequests], {
    env: { ...base, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr || seeded.error?.message}`);
  const line = seeded.stdout.split('\n').find((l) => l.startsWith('SUMMARY '));
  if (!line) throw new Error(`seeding printed no summary:\n${seeded.stdout}`);
  const summary = JSON.parse(line.slice('SUMMARY '.length)) as Summary;
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  for (const p of summary.plans) {
    const expected = p.name.startsWith('my') ? summary.expected.mine : summary.expected.all;
    if (p.total !== expected)
      throw new Error(
        `the repository counts ${p.total} for ${p.name}; the generated rows call for ${expected}`,
      );
  }

  const server = await startServer(env);
  const pid = server.child.pid as number;
  try {
    const cookie = await signIn(server.url, { email: EMAIL, password: PASSWORD }, RETURN_TO);
    const runs = [
      { name: 'every open case, page 1', path: '/ehc/due', expected: summary.expected.all },
      { name: 'every open case, page 5', path: '/ehc/due?page=5', expected: summary.expected.all },
      { name: 'my cases only, page 1', path: '/ehc/due?mine=1', expected: summary.expected.mine },
    ];
    const pages = [];
    for (const run of runs) pages.push(await checkPage(server.url, cookie, run.path, run.expected));
    // Warm-up (JIT, template cache, connection pool, PostgreSQL's caches) on all three.
    await autocannon({
      url: server.url,
      connections,
      duration: 3,
      requests: runs.map((r) => ({ path: r.path, headers: { cookie } })),
    });
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    const name = new URL(env.DATABASE_URL as string).pathname.slice(1);
    const results = [];
    try {
      for (const run of runs)
        results.push({ ...run, ...(await measure(server.url, cookie, run.path, pid, { admin, name })) });
    } finally {
      await admin.end();
    }
    // The page must still be the caseworker's, with the same list, after the load.
    for (const run of runs) await checkPage(server.url, cookie, run.path, run.expected);

    const lines: string[] = [];
    lines.push(
      `\nGET /ehc/due signed in as the demo caseworker, on PostgreSQL, ${summary.open} open cases (${summary.cases} in all) and ${summary.adviceRequests} advice requests, at ${connections} connections for ${duration} s each, after a 3-second warm-up. Node ${process.version}.\n`,
    );
    lines.push(
      '| page | deadlines listed | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | peak RSS MB | CPU ms a request: server, PostgreSQL, autocannon | machine busy % (others %) | load average |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of results)
      lines.push(
        `| ${r.name} (\`${r.path}\`) | ${r.expected} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} | ${r.peakRssMb} | ${r.serverCpuMs.toFixed(1)}, ${r.postgresCpuMs.toFixed(1)}, ${r.benchCpuMs.toFixed(1)} | ${r.machineBusyPercent.toFixed(0)} (${r.othersPercent.toFixed(0)}) | ${r.load} |`,
      );
    const worst = Math.max(...results.map((r) => r.p95Ms));
    const failures = results.reduce((n, r) => n + r.non2xx + r.errors, 0);
    lines.push(
      `\np95 under ${TARGET_P95_MS} ms at ${connections} connections: ${worst < TARGET_P95_MS ? 'met' : 'not met'} (worst p95 ${worst} ms); non-2xx and errors: ${failures}.`,
    );
    const k = summary.expected.allByKind;
    lines.push(
      `\nData (today ${summary.today}, due by ${summary.dueBy}): ${Object.entries(summary.byStatus)
        .map(([s, n]) => `${n} ${s}`)
        .join(
          ', ',
        )}; ${summary.adviceRequests} advice requests (${summary.adviceOutstanding} outstanding, ${summary.adviceOutstandingOnClosedCases} of them on closed cases), ${summary.consultations} setting consultations, ${summary.excusals} excusals, ${summary.caseworkers} caseworkers. Due in 14 days or overdue: ${summary.expected.all} (${k.decision} decisions, ${k['final-plan']} final plans, ${k.advice} advice, ${k.consultation} consultations); the demo caseworker's ${summary.expected.mine}. Generated in ${summary.generatedSeconds} s, inserted in ${summary.insertedSeconds} s; seeding with migrations and VACUUM ANALYZE ${seedSeconds.toFixed(1)} s.`,
    );
    lines.push(
      `Pages checked before and after the load: ${pages.map((p, i) => `${runs[i]?.path} ${p.total} deadlines, ${p.rows} rows, ${(p.bytes / 1000).toFixed(1)} KB`).join('; ')}.`,
    );
    for (const p of summary.plans)
      lines.push(`\nQuery plan, ${p.name}: ${planVerdict(p.plan)}\n${p.plan.join('\n')}`);
    output = lines.join('\n');
    if (failures > 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
} finally {
  await cleanup();
}
console.log(output);
