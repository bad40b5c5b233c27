import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { DatabaseDirectoryError } from '../db/pglite.ts';

/** `npm run db:migrate`: brings the database (PostgreSQL or PGlite) up to the latest migration. */
try {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const { applied } = await migrateToLatest(database.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseDirectoryError;
  console.error(known ? (error as Error).message : `Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
