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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Latency is also measured at a fixed offered load (the throughput target), not only at saturation.
const targetRate = Number(process.env.BENCH_TARGET_RATE ?? 1500);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

type Server = { child: ChildProcess; url: string; startMs: number; stop: () => Promise<void> };

function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return args;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const started = performance.now();
  // The server is started exactly as `npm start` starts it, with the same Node flags.
  const child = spawn(process.execPath, startArguments(), {
    env: {
      ...base,
      NODE_ENV: 'production',
      SESSION_SECRET: 'benchmark-only-secret-that-is-long-enough',
      PUBLIC_BASE_URL: 'http://localhost',
      PORT: '0',
      LOG_LEVEL: 'warn',
      // Scanners are rate-limited; the benchmark is not a scanner, but keep limits out of the way.
      NOT_FOUND_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
  });
  const ready = await fetch(`${url}/health/ready`);
  if (!ready.ok) throw new Error('server not ready');
  const startMs = Math.round(performance.now() - started);
  return {
    child,
    url,
    startMs,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

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
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'send-bench-'));
    env = {
      PGLITE_DATA_DIR: path.join(dir, 'pglite'),
      ALLOW_PGLITE_IN_PRODUCTION: 'true',
      SEED_DEMO_DATA: 'false',
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `send_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl as string);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString(), MIGRATE_ON_START: 'true', SEED_DEMO_DATA: 'false' };
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
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
