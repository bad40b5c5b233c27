import type { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PGliteDialect,
  PostgresDialect,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrationProvider } from './migrations/index.ts';
import { acquireDirectoryLock, openPgliteDirectory, openPgliteMemory } from './pglite.ts';
import { typeParsers } from './type-parsers.ts';
import type { Database } from './types.ts';

export type DatabaseEngine = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  close: () => Promise<void>;
  /** PGlite only: the whole database as a tarball (tests clone a migrated template from it). */
  dump?: () => Promise<Blob>;
};

/**
 * PGlite is a single connection. Kysely's PGlite driver hands that one connection to every caller,
 * so a query from one request could run inside another request's transaction. This wrapper makes
 * callers take turns: a transaction holds the connection until it commits or rolls back.
 */
class SerialisedDriver implements Driver {
  readonly #inner: Driver;
  #queue: Promise<void> = Promise.resolve();

  constructor(inner: Driver) {
    this.#inner = inner;
  }
  init(): Promise<void> {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const connection = await this.#inner.acquireConnection();
    releases.set(connection, release);
    return connection;
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = releases.get(connection);
    releases.delete(connection);
    release?.();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }
  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
const releases = new WeakMap<DatabaseConnection, () => void>();

function serialisedPgliteDialect(pglite: PGlite): Dialect {
  const dialect = new PGliteDialect({ pglite });
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new SerialisedDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

/** Wraps an open PGlite instance (used by tests that clone a migrated template in memory). */
export function databaseFromPglite(pglite: PGlite, onClose?: () => void): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: serialisedPgliteDialect(pglite) });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    dump: async () => pglite.dumpDataDir('none'),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      onClose?.();
    },
  };
}

export function databaseFromPostgresUrl(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  let closed = false;
  // A connection can fail while idle (PostgreSQL restarted, a network blip, a connection killed by a
  // DBA). The pool discards it and opens a new one for the next query; without this listener the
  // failure would be an unhandled 'error' event and stop the process.
  pool.on('error', (error: Error & { code?: string }) => {
    if (!closed)
      console.warn(
        `PostgreSQL: an idle connection failed (${error.code ?? error.name}); it will be replaced`,
      );
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export async function openDatabase(config: Pick<Config, 'database'>): Promise<DatabaseHandle> {
  const { database } = config;
  if (database.engine === 'postgres') {
    return databaseFromPostgresUrl(database.url, database.poolSize);
  }
  if (database.dataDir === null) {
    return databaseFromPglite(await openPgliteMemory());
  }
  const release = acquireDirectoryLock(database.dataDir);
  try {
    const pglite = await openPgliteDirectory(database.dataDir, { sharedBuffers: database.sharedBuffers });
    return databaseFromPglite(pglite, release);
  } catch (error) {
    release();
    throw error;
  }
}

export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

export type MigrationOutcome = { applied: string[]; pending: string[] };

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).map((r) => r.migrationName), pending: [] };
}

export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await createMigrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** A database round trip for readiness checks. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
