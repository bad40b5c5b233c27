/**
 * `npm run bench`: the rendered home page (full GOV.UK layout plus a database read) under load on
 * loopback, with cold and warm start times and resident memory, on PGlite and, when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on PostgreSQL. Bounded in time; stops by itself.
 *
 *   npm run bench                         # PGlite only
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench
 *
 * Options: BENCH_DURATION (seconds per run, default 20), BENCH_CONNECTIONS (default 50).
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { benchDatabase, rssMb, startServer } from './lib/server.ts';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Latency is also measured at a fixed offered load (the throughput target), not only at saturation.
const targetRate = Number(process.env.BENCH_TARGET_RATE ?? 1500);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

function seed(env: Record<string, string>): void {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const result = spawnSync(process.execPath, ['src/cli/seed.ts'], {
    env: { ...base, ...env, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}`);
}

async function load(url: string, pid: number) {
  // Warm up (JIT, template cache, connection pool) before measuring.
  await autocannon({ url: `${url}/`, connections, duration: 3 });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 250);
  const result = await autocannon({ url: `${url}/`, connections, duration });
  clearInterval(sampler);
  const paced = await autocannon({ url: `${url}/`, connections, duration, overallRate: targetRate });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + paced.errors + paced.non2xx,
    peakRssMb: peakRss,
    pacedRequestsPerSecond: Math.round(paced.requests.average),
    pacedP50Ms: paced.latency.p50,
    pacedP99Ms: paced.latency.p99,
  };
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const { env, cleanup } = await benchDatabase(engine, postgresUrl, 'bench');
  try {
    // Cold: an empty database (PGlite creates its directory) and migrations to run.
    const cold = await startServer(env);
    await cold.stop();
    // The demo area's organisations and people, so the page lists real rows (seeding is refused in production).
    seed(env);
    // Warm: the same database again, as after a restart.
    const warm = await startServer(env);
    await new Promise((r) => setTimeout(r, 2_000));
    const idleRssMb = rssMb(warm.child.pid as number);
    const loadResult = await load(warm.url, warm.child.pid as number);
    await warm.stop();
    return { engine, coldStartMs: cold.startMs, warmStartMs: warm.startMs, idleRssMb, ...loadResult };
  } finally {
    await cleanup();
  }
}

const results = [await benchEngine('pglite')];
if (postgresUrl) results.push(await benchEngine('postgres'));
else console.log('(PostgreSQL skipped: set BENCH_DATABASE_URL to include it)');

console.log(
  `\nGET / at ${connections} connections for ${duration} s: as fast as it goes, then paced at ${targetRate}/s. Node ${process.version}\n`,
);
console.log(
  '| engine | requests/s | p50 ms | p99 ms | paced requests/s | paced p50 ms | paced p99 ms | errors | cold start ms | warm start ms | idle RSS MB | peak RSS under load MB |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.engine} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.pacedRequestsPerSecond} | ${r.pacedP50Ms} | ${r.pacedP99Ms} | ${r.errors} | ${r.coldStartMs} | ${r.warmStartMs} | ${r.idleRssMb} | ${r.peakRssMb} |`,
  );
}
console.log(`\n${JSON.stringify(results)}`);
