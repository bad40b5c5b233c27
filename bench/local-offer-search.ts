/**
 * `npm run bench:local-offer`: the Local Offer search results page with keywords, two filters and
 * a postcode, on 5,000 generated services, at 32 connections on loopback: requests per second,
 * p50, p95 and p99, on PGlite and (with BENCH_DATABASE_URL) PostgreSQL; the query plan; and the
 * page's transferred weight; and, for the record, the same load with the search cache off. Bounded in
 * time; stops by itself.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:local-offer
 *
 * Options: BENCH_DURATION (seconds, default 20), BENCH_CONNECTIONS (default 32),
 * BENCH_SERVICES (default 5000), BENCH_ORGANISATIONS (default 600), BENCH_ENGINES (pglite,postgres).
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { benchDatabase, rssMb, startServer } from './lib/server.ts';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const services = process.env.BENCH_SERVICES ?? '5000';
const organisations = process.env.BENCH_ORGANISATIONS ?? '600';
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];

// Keywords, two filters and a postcode, in 300 combinations, so that the page is measured as families
// use it (many different searches) and not one answer served again and again. Each of the 32
// connections walks the same list, so every search arrives about 32 times at once the first time
// it is made: the stampede a cache meets when a popular search expires or the directory changes.
const KEYWORDS = [
  'autism',
  'swimming',
  'speech therapy',
  'autsim support',
  'short breaks',
  'college',
  'sensory play',
  'parent support',
  'youth club',
  'dyslexia',
  'wheelchair',
  'mental health',
];
const FILTER_PAIRS = [
  'category=leisure-and-activities&ageGroup=secondary',
  'category=leisure-and-activities&cost=free',
  'category=health&ageGroup=primary',
  'need=autism&ageGroup=secondary',
  'category=short-breaks&day=SA',
  'category=preparing-for-adulthood&ageGroup=post-16',
  'category=education&need=cognition-and-learning',
  'category=information-advice-support&language=pa',
  'need=sensory-and-physical&access=step_free',
  'ageGroup=early-years&cost=free',
];
const POSTCODES = ['WV1', 'WV2', 'WV3', 'WV4', 'WV6', 'WV10', 'WV11', 'WV14', 'WV1 1SH', 'WV10 6QH'];
function searches(distances: number[]) {
  return Array.from({ length: 300 }, (_, i) => {
    const q = KEYWORDS[i % KEYWORDS.length] as string;
    const filters = FILTER_PAIRS[Math.floor(i / KEYWORDS.length) % FILTER_PAIRS.length] as string;
    const postcode = POSTCODES[(i * 7) % POSTCODES.length] as string;
    const distance = distances[i % distances.length] as number;
    return `q=${encodeURIComponent(q)}&${filters}&postcode=${encodeURIComponent(postcode)}&distance=${distance}`;
  });
}
const SEARCHES = searches([3, 5, 10]);
// A second 300, none of them searched before, for the run at a fixed rate.
const PACED_SEARCHES = searches([1, 20]);
const targetRate = Number(process.env.BENCH_TARGET_RATE ?? 300);
const cacheSeconds = process.env.BENCH_SEARCH_CACHE_SECONDS;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function weight(url: string) {
  const page = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
  const html = Buffer.from(await page.arrayBuffer());
  const assets = [...html.toString().matchAll(/(?:href|src)="(\/assets\/app\/[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  let assetBytes = 0;
  for (const asset of assets) {
    const res = await fetch(new URL(asset, url), { headers: { 'accept-encoding': 'br' } });
    // fetch decodes the body; the length on the wire is the header.
    assetBytes += Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
  }
  return { htmlBytes: html.length, htmlGzipBytes: gzipSync(html).length, assetBytes };
}

async function measure(url: string, paths: string[], rate?: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        requests: paths.map((path) => ({ path })),
        ...(rate ? { overallRate: rate } : {}),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
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

async function benchEngine(engine: 'pglite' | 'postgres') {
  const { env, cleanup } = await benchDatabase(engine, postgresUrl, 'lo-bench');
  try {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    const seeded = spawnSync(
      process.execPath,
      ['bench/seed-local-offer.ts', services, organisations, SEARCHES[0] as string],
      {
        env: { ...base, ...env },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    const [summary, plan = ''] = seeded.stdout.split('PLAN\n');
    const server = await startServer({
      ...env,
      ...(cacheSeconds === undefined ? {} : { LOCAL_OFFER_SEARCH_CACHE_SECONDS: cacheSeconds }),
    });
    try {
      const urls = SEARCHES.map((q) => `/local-offer/search?${q}`);
      for (const path of urls.slice(0, 12)) {
        const res = await fetch(`${server.url}${path}`);
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      }
      // Warm-up (JIT, connection pool) on the home page and a dozen searches only, so that the measured
      // run still meets almost every one of its 300 searches for the first time.
      await autocannon({
        url: server.url,
        connections,
        duration: 3,
        requests: ['/local-offer', ...urls.slice(0, 12)].map((path) => ({ path })),
      });
      let peakRss = 0;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, rssMb(server.child.pid as number));
      }, 250);
      const saturated = await measure(server.url, urls);
      // The same kind of load offered at the target rate, as families would send it, on searches
      // not seen before: the latency a family gets when the site is as busy as the target.
      const paced = await measure(
        server.url,
        PACED_SEARCHES.map((q) => `/local-offer/search?${q}`),
        targetRate,
      );
      clearInterval(sampler);
      const pageWeight = await weight(`${server.url}${urls[0]}`);
      // The worst case, for the record: the same load with no reuse at all, so that every request
      // runs its search in the database and renders its page.
      await server.stop();
      const uncachedServer = await startServer({ ...env, LOCAL_OFFER_SEARCH_CACHE_SECONDS: '0' });
      let uncached;
      try {
        await autocannon({
          url: uncachedServer.url,
          connections,
          duration: 3,
          requests: [{ path: '/local-offer' }],
        });
        uncached = await measure(uncachedServer.url, urls);
      } finally {
        await uncachedServer.stop();
      }
      return {
        engine,
        seeded: summary?.trim(),
        ...saturated,
        paced,
        uncached,
        peakRssMb: peakRss,
        pageWeight,
        plan: plan.trim(),
      };
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    }
  } finally {
    await cleanup();
  }
}

const results = [];
for (const engine of engines) {
  if (engine === 'postgres' && !postgresUrl) {
    console.log('(PostgreSQL skipped: set BENCH_DATABASE_URL to include it)');
    continue;
  }
  results.push(await benchEngine(engine));
}

console.log(
  `\nGET /local-offer/search (keywords, two filters, a postcode; ${SEARCHES.length} different searches) on ${services} services at ${connections} connections for ${duration} s; search cache ${cacheSeconds === undefined ? 'as configured (default 60 s)' : `${cacheSeconds} s`}. Node ${process.version}\n`,
);
console.log(
  `| engine | requests/s | p50 ms | p95 ms | p99 ms | at ${targetRate}/s: requests/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | page KB (HTML gzip + assets br) |`,
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const kb = ((r.pageWeight.htmlGzipBytes + r.pageWeight.assetBytes) / 1000).toFixed(1);
  console.log(
    `| ${r.engine} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.paced.requestsPerSecond} | ${r.paced.p50Ms} | ${r.paced.p95Ms} | ${r.paced.p99Ms} | ${r.errors + r.paced.errors} | ${r.peakRssMb} | ${kb} |`,
  );
}
console.log(
  `\nWith the search cache off (LOCAL_OFFER_SEARCH_CACHE_SECONDS=0): every request runs its search and renders its page.\n`,
);
console.log('| engine | requests/s | p50 ms | p95 ms | p99 ms | errors |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.engine} | ${r.uncached.requestsPerSecond} | ${r.uncached.p50Ms} | ${r.uncached.p95Ms} | ${r.uncached.p99Ms} | ${r.uncached.errors} |`,
  );
}
for (const r of results) console.log(`\n${r.engine}: ${r.seeded}\nQuery plan for ${SEARCHES[0]}:\n${r.plan}`);
