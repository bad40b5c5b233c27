import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts the real server, as `npm start` would, on a fresh embedded database with demo data. */
export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    if (process.env.REQUIRE_E2E === '1') {
      throw new Error(
        `REQUIRE_E2E=1 but no Chromium at ${chromiumPath}: install Debian's chromium or set CHROMIUM_PATH`,
      );
    }
    console.warn(`\n  SKIPPING end-to-end tests: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).\n`);
    project.provide('baseUrl', '');
    project.provide('chromiumPath', '');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'send-e2e-'));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  // On PostgreSQL when E2E_DATABASE_URL is set (a fresh database, dropped afterwards), else on PGlite.
  const postgres = process.env.E2E_DATABASE_URL ? await freshPostgres(process.env.E2E_DATABASE_URL) : null;
  const child: ChildProcess = spawn(process.execPath, ['src/server.ts'], {
    env: {
      ...env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      ...(postgres
        ? { DATABASE_URL: postgres.url, MIGRATE_ON_START: 'true' }
        : { PGLITE_DATA_DIR: path.join(dir, 'pglite') }),
      LOG_LEVEL: 'warn',
      SIGNIN_RATE_LIMIT_PER_MINUTE: '1000',
      SEED_DEMO_DATA: 'true',
      // The EHC journey moves the server's date to span a 20-week assessment (ADR 16), then puts it back.
      TEST_CLOCK_CONTROL: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`the server exited (${code}) before it started:\n${output}`)),
    );
  });
  project.provide('baseUrl', baseUrl);
  console.log(`\n  end-to-end tests against ${baseUrl} on ${postgres ? 'PostgreSQL' : 'PGlite'}\n`);
  project.provide('chromiumPath', chromiumPath);
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    await postgres?.drop();
  };
}

async function freshPostgres(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `send_e2e_${process.pid}`;
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
