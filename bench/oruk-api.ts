/**
 * `npm run bench:oruk`: the Open Referral UK API on PostgreSQL with 5,000 generated published
 * services, at 32 connections on loopback: `/api/oruk/services?search=…` (many different searches)
 * and `/api/oruk/services/{id}` (1,000 different services), requests per second and p50/p95/p99;
 * then the full CSV (and JSON) download's time and the server's peak memory, at 5,000 services and
 * again with the directory grown to 50,000. Bounded in time; stops by itself.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:oruk
 *
 * Options: BENCH_DURATION (seconds, default 20), BENCH_CONNECTIONS (default 32), BENCH_GROW (default 10).
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { benchDatabase, rssMb, startServer, type Server } from './lib/server.ts';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const grow = Number(process.env.BENCH_GROW ?? 10);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!postgresUrl) {
  console.log('Set BENCH_DATABASE_URL to a PostgreSQL database: the targets are for PostgreSQL.');
  process.exit(2);
}

// Searches as partners' systems send them: words from the directory, with and without a filter,
// over several pages, so that the run meets many different requests and not one answer.
const WORDS = [
  'autism',
  'swimming',
  'speech',
  'short breaks',
  'college',
  'sensory',
  'parent',
  'youth',
  'dyslexia',
  'wheelchair',
  'mental health',
  'transport',
];
const searchPaths = WORDS.flatMap((word) =>
  [1, 2, 3].flatMap((page) => [
    `/api/oruk/services?search=${encodeURIComponent(word)}&page=${page}&per_page=20`,
    `/api/oruk/services?search=${encodeURIComponent(word)}&page=${page}&per_page=50`,
  ]),
);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function measure(url: string, paths: string[]) {
  const latencies: number[] = [];
  await autocannon({ url, connections, duration: 3, requests: paths.slice(0, 10).map((path) => ({ path })) });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration, requests: paths.map((path) => ({ path })) },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
    errors: result.errors + result.non2xx,
  };
}

/** Downloads a file as a client would, reading it as it arrives, and samples the server's memory meanwhile. */
async function download(server: Server, path: string) {
  const pid = server.child.pid as number;
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 25);
  const started = performance.now();
  const res = await fetch(`${server.url}${path}`);
  if (!res.ok || !res.body) throw new Error(`${path} answered ${res.status}`);
  let bytes = 0;
  let lines = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    seconds: Number(seconds.toFixed(2)),
    megabytes: Number((bytes / 1e6).toFixed(1)),
    lines,
    rssBeforeMb: before,
    rssPeakMb: peak,
  };
}

const { env, cleanup } = await benchDatabase('postgres', postgresUrl, 'oruk-bench');
const serverEnv = { ...env, ORUK_RATE_LIMIT_PER_MINUTE: '100000000' };

/**
 * Each download on a server just started and idle, so that its memory is the download's alone. With
 * `heapCapMb`, the server's JavaScript heap is capped (V8's --max-old-space-size): a download that
 * held the directory in memory could not finish at 50,000 services; one that streams does.
 */
async function freshDownload(path: string, heapCapMb?: number) {
  const server = await startServer({
    ...serverEnv,
    ...(heapCapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapCapMb}` } : {}),
  });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    return await download(server, path);
  } finally {
    await server.stop();
  }
}
const HEAP_CAP_MB = 96;

try {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const seeded = spawnSync(process.execPath, ['bench/seed-local-offer.ts', '5000', '600'], {
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  console.log(seeded.stdout.trim());

  let server = await startServer(serverEnv);
  let api;
  try {
    const minimal = (await (
      await fetch(`${server.url}/api/oruk/services?minimal=true&per_page=1000`)
    ).json()) as {
      total_items: number;
      contents: { id: string }[];
    };
    const idPaths = minimal.contents.map((s) => `/api/oruk/services/${s.id}`);
    const search = await measure(server.url, searchPaths);
    const single = await measure(server.url, idPaths);
    api = { published: minimal.total_items, search, single };
  } finally {
    await server.stop();
  }
  const downloads5k = {
    csv: await freshDownload('/api/oruk/downloads/services.csv'),
    json: await freshDownload('/api/oruk/downloads/services.json'),
  };

  const grown = spawnSync(process.execPath, ['bench/grow-directory.ts', String(grow)], {
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  if (grown.status !== 0) throw new Error(`growing failed: ${grown.stderr}`);
  console.log(grown.stdout.trim());
  server = await startServer(serverEnv);
  let published50k;
  try {
    published50k = (
      (await (await fetch(`${server.url}/api/oruk/services?minimal=true&per_page=1`)).json()) as {
        total_items: number;
      }
    ).total_items;
  } finally {
    await server.stop();
  }
  const downloads50k = {
    csv: await freshDownload('/api/oruk/downloads/services.csv'),
    json: await freshDownload('/api/oruk/downloads/services.json'),
    cappedCsv: await freshDownload('/api/oruk/downloads/services.csv', HEAP_CAP_MB),
    cappedJson: await freshDownload('/api/oruk/downloads/services.json', HEAP_CAP_MB),
  };

  console.log(
    `\nOpen Referral UK API on PostgreSQL, ${api.published} published services, ${connections} connections, ${duration} s each. Node ${process.version}\n`,
  );
  console.log('| request | requests/s | p50 ms | p95 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| /services?search=… (${searchPaths.length} different) | ${api.search.requestsPerSecond} | ${api.search.p50Ms} | ${api.search.p95Ms} | ${api.search.p99Ms} | ${api.search.errors} |`,
  );
  console.log(
    `| /services/{id} (1,000 different) | ${api.single.requestsPerSecond} | ${api.single.p50Ms} | ${api.single.p95Ms} | ${api.single.p99Ms} | ${api.single.errors} |`,
  );
  console.log('\nEach download on a server just started (idle RSS before, peak RSS during):\n');
  console.log('| download | services | seconds | MB | lines | server RSS idle MB | peak MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [label, services, d] of [
    ['CSV', api.published, downloads5k.csv],
    ['JSON', api.published, downloads5k.json],
    ['CSV', published50k, downloads50k.csv],
    ['JSON', published50k, downloads50k.json],
    [`CSV, heap capped at ${HEAP_CAP_MB} MB`, published50k, downloads50k.cappedCsv],
    [`JSON, heap capped at ${HEAP_CAP_MB} MB`, published50k, downloads50k.cappedJson],
  ] as const) {
    console.log(
      `| ${label} | ${services} | ${d.seconds} | ${d.megabytes} | ${d.lines} | ${d.rssBeforeMb} | ${d.rssPeakMb} |`,
    );
  }
} finally {
  await cleanup();
}
