import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { DatabaseDirectoryError } from '../../src/db/pglite.ts';

// These are about PGlite's directory handling, so they run on PGlite whichever engine the suite targets.
const root = mkdtempSync(path.join(tmpdir(), 'send-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the embedded database directory', () => {
  it('keeps every record across a close and reopen', async () => {
    const dataDir = path.join(root, 'persist');
    const first = await openDatabase({ database: { engine: 'pglite', dataDir } });
    await migrateToLatest(first.db);
    await sql`insert into audit_events (action, subject_type) values ('test.kept', 'test')`.execute(first.db);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openDatabase({ database: { engine: 'pglite', dataDir } });
    const rows = await sql<{
      n: string;
    }>`select count(*) as n from audit_events where action = 'test.kept'`.execute(second.db);
    expect(rows.rows[0]?.n).toBe('1');
    await second.close();
  });

  it('refuses a second opener while the first holds it, with a clear message', async () => {
    const dataDir = path.join(root, 'locked');
    const first = await openDatabase({ database: { engine: 'pglite', dataDir } });
    try {
      await expect(openDatabase({ database: { engine: 'pglite', dataDir } })).rejects.toThrow(
        /already in use by another server/,
      );
    } finally {
      await first.close();
    }
  });

  it('takes over a lock left by a process that has died', async () => {
    const dataDir = path.join(root, 'stale');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(
      `${dataDir}.lock`,
      JSON.stringify({ pid: dead.pid, hostname: (await import('node:os')).hostname(), startedAt: 'then' }),
    );
    const db = await openDatabase({ database: { engine: 'pglite', dataDir } });
    await db.close();
  });

  it('reports a half-initialised directory instead of crashing on it', async () => {
    const dataDir = path.join(root, 'half');
    mkdirSync(path.join(dataDir, 'base'), { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '18\n');
    const attempt = openDatabase({ database: { engine: 'pglite', dataDir } });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseDirectoryError);
    await expect(attempt).rejects.toThrow(/incomplete \(missing global\/pg_control\)/);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('cleans up a first start that was interrupted while initialising', async () => {
    const dataDir = path.join(root, 'interrupted');
    mkdirSync(`${dataDir}.initialising-99999`, { recursive: true });
    const db = await openDatabase({ database: { engine: 'pglite', dataDir } });
    await db.close();
    expect(existsSync(`${dataDir}.initialising-99999`)).toBe(false);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
  });
});
