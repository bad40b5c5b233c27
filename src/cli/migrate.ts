import { migrateToLatest } from '../db/database.ts';
import { runWithDatabase } from './run.ts';

/** `npm run db:migrate`: brings the database (PostgreSQL or PGlite) up to the latest migration. */
await runWithDatabase('Migration', async (_config, database) => {
  const { applied } = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
});
