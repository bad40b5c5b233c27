import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** What the benchmarks share: starting the server as `npm start` does, memory, and a database to run on. */
export type Server = { child: ChildProcess; url: string; startMs: number; stop: () => Promise<void> };

export function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return args;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function startServer(env: Record<string, string>): Promise<Server> {
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

export type BenchDatabase = { env: Record<string, string>; cleanup: () => Promise<void> };

/** A new, empty database for one run: a PGlite directory, or a PostgreSQL database dropped afterwards. */
export async function benchDatabase(
  engine: 'pglite' | 'postgres',
  postgresUrl: string | undefined,
  label: string,
): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), `send-${label}-`));
    return {
      env: {
        PGLITE_DATA_DIR: path.join(dir, 'pglite'),
        ALLOW_PGLITE_IN_PRODUCTION: 'true',
        SEED_DEMO_DATA: 'false',
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('no PostgreSQL URL');
  const name = `send_${label.replace(/-/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), MIGRATE_ON_START: 'true', SEED_DEMO_DATA: 'false' },
    cleanup: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
