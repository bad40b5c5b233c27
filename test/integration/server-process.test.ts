import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The real server process, started as `npm start` starts it, on its own PGlite directory
 * (these checks are about the embedded database, so they run whichever engine the suite targets).
 */
const root = mkdtempSync(path.join(tmpdir(), 'send-server-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** Some tests seed the whole demo area (EHC casework included) in child processes, up to twice each. */
const SEEDING_TIMEOUT_MS = 120_000;

type Running = { child: ChildProcess; url: string; output: () => string; exit: Promise<number | null> };

function start(env: Record<string, string>): Promise<Running> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['src/server.ts'], {
    env: { ...base, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exit });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited ${code}`), { output, code }));
    });
  });
}

async function signIn(url: string, email: string, password: string): Promise<number> {
  const page = await fetch(`${url}/sign-in`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  return res.status;
}

describe('the server process', { timeout: SEEDING_TIMEOUT_MS }, () => {
  it('prints the URL and demo sign-ins, stops cleanly on SIGTERM, and keeps every record across a restart', async () => {
    const dataDir = path.join(root, 'restart');
    const first = await start({ PGLITE_DATA_DIR: dataDir, SEED_DEMO_DATA: 'true' });
    expect(first.output()).toContain('administrator@demo.example.org');
    expect(await signIn(first.url, 'administrator@demo.example.org', 'Demo-password-2026')).toBe(303);

    // A second server on the same directory is refused with a clear message.
    const second = await start({ PGLITE_DATA_DIR: dataDir }).catch(
      (error: { output: string; code: number }) => error,
    );
    expect((second as { code: number }).code).toBe(1);
    expect((second as { output: string }).output).toMatch(/already in use by another server/);
    expect((second as { output: string }).output).not.toMatch(/\n\s+at /);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    const again = await start({ PGLITE_DATA_DIR: dataDir, SEED_DEMO_DATA: 'true' });
    expect(again.output()).not.toContain('demo data seeded');
    // The sign-in before the restart is still in the audit trail.
    const page = await fetch(`${again.url}/sign-in`);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const res = await fetch(`${again.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: token,
        email: 'administrator@demo.example.org',
        password: 'Demo-password-2026',
      }).toString(),
    });
    const sid =
      res.headers
        .getSetCookie()
        .find((c) => c.startsWith('sid='))
        ?.split(';')[0] ?? '';
    const audit = await (
      await fetch(`${again.url}/admin/audit?action=auth.signed-in`, { headers: { cookie: sid } })
    ).text();
    expect(audit).toContain('2 events found');
    again.child.kill('SIGINT');
    expect(await again.exit).toBe(0);
  });

  it('seeds the demo area once, starts over with --reset, and never seeds in production', async () => {
    const dataDir = path.join(root, 'seed');
    const seed = (args: string[], env: Record<string, string> = {}) => {
      const base = { ...process.env };
      delete base.DATABASE_URL;
      return spawnSync(process.execPath, ['src/cli/seed.ts', ...args], {
        env: { ...base, NODE_ENV: 'test', PGLITE_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
      });
    };
    const first = seed([]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Seeded 12 organisations and 44 demo users for Wolverhampton/);
    const again = seed([]);
    expect(again.stdout).toContain('no people were seeded');
    const reset = seed(['--reset']);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('The database was emptied and migrated again.');
    expect(reset.stdout).toMatch(/Seeded 12 organisations/);
    const production = seed([], {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      PUBLIC_BASE_URL: 'https://send.example.org',
      ALLOW_PGLITE_IN_PRODUCTION: 'true',
    });
    expect(production.status).toBe(1);
    expect(production.stderr).toContain('never seeded in production');
  });

  it.each([
    [
      {
        NODE_ENV: 'production',
        PUBLIC_BASE_URL: 'https://send.example.org',
        DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
      },
      /SESSION_SECRET must be set/,
    ],
    [
      { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://x@127.0.0.1:1/x' },
      /PUBLIC_BASE_URL must be set/,
    ],
    [
      { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: 'https://send.example.org' },
      /DATABASE_URL must point at PostgreSQL/,
    ],
    [{ PORT: 'eighty' }, /PORT/],
  ])('refuses to start with unsafe or invalid configuration %#', async (env, message) => {
    const result = await start({ PGLITE_DATA_DIR: path.join(root, 'never'), ...env }).catch(
      (error: { output: string; code: number }) => error,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { output: string }).output).toMatch(message);
  });
});
