/**
 * `npm run bench:performance-dashboard`: the performance dashboard (GET /performance) and one measure's page
 * (GET /performance/measures/plans-within-20-weeks) on PostgreSQL with the demo area as `npm start` seeds it
 * (about 900 EHC requests in the last year, 3,000 earlier plans, and the committed extract of the published
 * statistics for the area, its neighbours, its region and England), signed in as the demo board member, at 1
 * and at 4 connections on loopback, against issue 6's target of under 500 ms. Bounded in time; stops by
 * itself.
 *
 *   npm run bench:performance-dashboard
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ BENCH_DURATION=15 npm run bench:performance-dashboard
 *
 * It creates its own database (send_bench_dashboard_<pid>) on the server BENCH_DATABASE_URL names, so that it
 * never touches another one, and drops it at the end; migrates and seeds the demo area (dated today), then
 * VACUUM ANALYZE; starts the server as `npm start` does in production mode; signs in through the form;
 * checks that each page is the board member's, with its charts and tables; warms up (the first request of
 * each page draws its charts, which are then kept: ADR 19), and reports that first, cold request separately;
 * then measures each page at each number of connections: requests/s, p50, p95 and p99 of every response,
 * non-2xx responses, and the CPU a request cost the server and PostgreSQL (Linux /proc), since the load
 * generator, the server and PostgreSQL share the machine.
 *
 * Options: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), BENCH_DURATION (seconds per
 * run, default 15), BENCH_CONNECTIONS (comma-separated, default 1,4).
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { databaseFromPostgresUrl, migrateToLatest } from '../src/db/database.ts';
import { seedDemoArea } from '../src/db/seed/demo.ts';
import { londonToday } from '../src/lib/dates.ts';
import { backends, cpuMs, percentile, signIn } from './lib/load.ts';
import { benchDatabase, rssMb, startServer } from './lib/server.ts';

const duration = Number(process.env.BENCH_DURATION ?? 15);
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? '1,4').split(',').map(Number);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';
const TARGET_MS = 500;
const EMAIL = 'board.member@demo.example.org';
const RETURN_TO = '/performance';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-password-2026';
const PAGES = [
  { name: 'the dashboard', path: '/performance', expect: 'SEND performance' },
  {
    name: 'one measure',
    path: '/performance/measures/plans-within-20-weeks',
    expect: 'New EHC plans issued within 20 weeks, including exceptions',
  },
];

// Nothing may run past this: seeding, the runs and their warm-ups, with room to spare.
const deadlineMs = (300 + PAGES.length * connectionCounts.length * (duration + 5) + 30) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:performance-dashboard did not finish in ${deadlineMs / 1000} s; stopping`);
  process.exit(2);
}, deadlineMs);
watchdog.unref();

/** The page as the board member sees it: its heading, its charts and its tables; and how long it took. */
async function checkPage(url: string, cookie: string, page: (typeof PAGES)[number]) {
  const started = performance.now();
  const res = await fetch(`${url}${page.path}`, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
  if (!html.includes(page.expect)) throw new Error(`${page.path} does not say "${page.expect}"`);
  if (!html.includes('Signed in as Blake Board, Board member'))
    throw new Error(`${page.path} is not the board member's`);
  const charts = (html.match(/<svg [^>]*role="img"/g) ?? []).length;
  const tables = (html.match(/<table /g) ?? []).length;
  if (charts === 0 || tables === 0) throw new Error(`${page.path} has ${charts} charts and ${tables} tables`);
  if (!/Published: DfE, /.test(html)) throw new Error(`${page.path} names no published release`);
  return { ms, charts, tables, bytes: Buffer.byteLength(html) };
}

async function measure(
  url: string,
  cookie: string,
  path: string,
  connections: number,
  pid: number,
  db: { admin: pg.Client; name: string },
) {
  const latencies: number[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 250);
  const serverBefore = cpuMs(pid);
  const pgBefore = new Map<number, number>();
  for (const backend of await backends(db.admin, db.name)) pgBefore.set(backend, cpuMs(backend));
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${url}${path}`, connections, duration, headers: { cookie } },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  clearInterval(sampler);
  const serverMs = cpuMs(pid) - serverBefore;
  let postgresMs = 0;
  for (const backend of new Set([...pgBefore.keys(), ...(await backends(db.admin, db.name))]))
    postgresMs += cpuMs(backend) - (pgBefore.get(backend) ?? 0);
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return {
    requests: n,
    requestsPerSecond: Math.round((result.requests.average ?? 0) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(latencies.at(-1) ?? NaN),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    peakRssMb: peakRss,
    serverCpuMs: serverMs / Math.max(1, n),
    postgresCpuMs: postgresMs / Math.max(1, n),
    load: `${loadBefore} to ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
  };
}

const { env, cleanup } = await benchDatabase('postgres', postgresUrl, 'bench-dashboard');
let output: string;
try {
  // The demo area as `npm start` seeds it, dated today, then statistics as autovacuum would leave them.
  const seedStarted = performance.now();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: env.DATABASE_URL as string,
    LOG_LEVEL: 'silent',
  });
  const database = databaseFromPostgresUrl(env.DATABASE_URL as string, 4);
  let seeded;
  try {
    await migrateToLatest(database.db);
    seeded = await seedDemoArea(database.db, config.area, PASSWORD, londonToday(new Date()));
  } finally {
    await database.close();
  }
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query('vacuum analyze');
  await admin.end();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const server = await startServer({ ...env, MIGRATE_ON_START: 'false' });
  const pid = server.child.pid as number;
  try {
    const cookie = await signIn(server.url, { email: EMAIL, password: PASSWORD }, RETURN_TO);
    const cold: Awaited<ReturnType<typeof checkPage>>[] = [];
    for (const page of PAGES) cold.push(await checkPage(server.url, cookie, page));
    // Warm-up: JIT, templates, the connection pool and PostgreSQL's caches.
    await autocannon({
      url: server.url,
      connections: Math.max(...connectionCounts),
      duration: 3,
      requests: PAGES.map((p) => ({ path: p.path, headers: { cookie } })),
    });
    const watcher = new pg.Client({ connectionString: postgresUrl });
    await watcher.connect();
    const name = new URL(env.DATABASE_URL as string).pathname.slice(1);
    const results = [];
    try {
      for (const page of PAGES)
        for (const connections of connectionCounts)
          results.push({
            ...page,
            connections,
            ...(await measure(server.url, cookie, page.path, connections, pid, { admin: watcher, name })),
          });
    } finally {
      await watcher.end();
    }
    // Still the board member's pages, whole, after the load.
    const after: Awaited<ReturnType<typeof checkPage>>[] = [];
    for (const page of PAGES) after.push(await checkPage(server.url, cookie, page));

    const lines: string[] = [];
    lines.push(
      `\nThe performance dashboard on PostgreSQL, the demo area (${seeded.ehc.cases} EHC cases, ${seeded.ehc.plans} earlier plans, ${seeded.publishedStatistics.figures} published figures), signed in as the demo board member, ${duration} s a run after a 3-second warm-up. Node ${process.version}.\n`,
    );
    lines.push(
      '| page | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | peak RSS MB | CPU ms a request: server, PostgreSQL | load average |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of results)
      lines.push(
        `| ${r.name} (\`${r.path}\`) | ${r.connections} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} | ${r.peakRssMb} | ${r.serverCpuMs.toFixed(1)}, ${r.postgresCpuMs.toFixed(1)} | ${r.load} |`,
      );
    const worst = Math.max(...results.map((r) => r.p95Ms));
    const failures = results.reduce((n, r) => n + r.non2xx + r.errors, 0);
    lines.push(
      `\nUnder ${TARGET_MS} ms (p95, every run): ${worst < TARGET_MS ? 'met' : 'not met'} (worst p95 ${worst} ms); non-2xx and errors: ${failures}.`,
    );
    lines.push(
      `First request after start (charts drawn, not yet kept): ${PAGES.map((p, i) => `${p.path} ${Math.round(cold[i]?.ms ?? NaN)} ms`).join('; ')}.`,
    );
    lines.push(
      `Pages checked before and after the load: ${PAGES.map((p, i) => `${p.path} ${after[i]?.charts} charts, ${after[i]?.tables} tables, ${((after[i]?.bytes ?? 0) / 1000).toFixed(0)} KB`).join('; ')}. Seeding with migrations and VACUUM ANALYZE ${seedSeconds.toFixed(1)} s.`,
    );
    output = lines.join('\n');
    if (failures > 0 || worst >= TARGET_MS) process.exitCode = 1;
  } finally {
    await server.stop();
  }
} finally {
  await cleanup();
}
console.log(output);
