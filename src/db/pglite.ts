import { PGlite } from '@electric-sql/pglite';
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { pgliteExtensions } from './extensions.ts';
import { typeParsers } from './type-parsers.ts';

/** A problem with the embedded database directory that a person must act on; never a stack trace. */
export class DatabaseDirectoryError extends Error {
  override name = 'DatabaseDirectoryError';
}

type LockOwner = { pid: number; hostname: string; startedAt: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own, and two processes writing one directory corrupt it. This lock file
 * beside the directory refuses a second server with a clear message, and takes over a lock left by
 * a process that has died.
 */
export function acquireDirectoryLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      const owner: LockOwner = {
        pid: process.pid,
        hostname: hostname(),
        startedAt: new Date().toISOString(),
      };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: Partial<LockOwner> = {};
      try {
        owner = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
      } catch {
        // An unreadable lock file is treated as stale below.
      }
      const stale = typeof owner.pid !== 'number' || (owner.hostname === hostname() && !isAlive(owner.pid));
      if (!stale) {
        throw new DatabaseDirectoryError(
          `The embedded database ${dataDir} is already in use by another server ` +
            `(process ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}). ` +
            'Only one process may open it at a time: stop the other server first, ' +
            'or set PGLITE_DATA_DIR to a different directory.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseDirectoryError(`Could not take the lock ${lockPath}.`);
}

const REQUIRED_ENTRIES = ['PG_VERSION', 'global/pg_control', 'base'];

/** Tells a usable data directory from an empty one and from one left half-initialised. */
export function inspectDataDir(dataDir: string): 'absent' | 'ready' {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return 'absent';
  const missing = REQUIRED_ENTRIES.filter((entry) => !existsSync(path.join(dataDir, entry)));
  if (missing.length > 0) {
    throw new DatabaseDirectoryError(
      `The embedded database directory ${dataDir} is incomplete (missing ${missing.join(', ')}): ` +
        'it was probably left half-initialised by a start that was interrupted, or it is not a database directory. ' +
        'It holds no usable data. Move it aside or delete it, then start again.',
    );
  }
  return 'ready';
}

/**
 * PGlite's memory is WebAssembly heap the process keeps, so PostgreSQL's default 128MB of shared
 * buffers would double the server's resident memory. The host's own file cache still serves reads.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '16MB';

export type PgliteTuning = { sharedBuffers?: string };

async function create(
  dataDir: string | undefined,
  loadDataDir?: Blob,
  tuning: PgliteTuning = {},
): Promise<PGlite> {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: pgliteExtensions,
    parsers: typeParsers,
    postgresqlconf: [`shared_buffers = ${tuning.sharedBuffers ?? DEFAULT_PGLITE_SHARED_BUFFERS}`],
  });
}

/**
 * Opens (creating if needed) the embedded database in `dataDir`. A new directory is initialised
 * under a temporary name and renamed into place only when complete, so an interrupted first start
 * never leaves something that looks like a database.
 */
export async function openPgliteDirectory(dataDir: string, tuning: PgliteTuning = {}): Promise<PGlite> {
  for (const entry of existsSync(path.dirname(dataDir)) ? readdirSync(path.dirname(dataDir)) : []) {
    if (entry.startsWith(`${path.basename(dataDir)}.initialising-`)) {
      rmSync(path.join(path.dirname(dataDir), entry), { recursive: true, force: true });
    }
  }
  if (inspectDataDir(dataDir) === 'absent') {
    rmSync(dataDir, { recursive: true, force: true });
    const staging = `${dataDir}.initialising-${process.pid}`;
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const fresh = await create(staging, undefined, tuning);
    await fresh.close();
    renameSync(staging, dataDir);
  }
  try {
    return await create(dataDir, undefined, tuning);
  } catch (error) {
    throw new DatabaseDirectoryError(
      `The embedded database in ${dataDir} could not be opened (${(error as Error).message}). ` +
        'Restore it from a backup, or move it aside to start with an empty database.',
    );
  }
}

/** An in-memory database, optionally loaded from a dump (tests clone a migrated template this way). */
export async function openPgliteMemory(loadDataDir?: Blob): Promise<PGlite> {
  return create(undefined, loadDataDir);
}
