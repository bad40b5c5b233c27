import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { DatabaseDirectoryError } from '../db/pglite.ts';
import { resetDatabase, seedDemoData } from '../db/seed/demo.ts';

/** `npm run db:seed [-- --reset]`: seeds the demo area once; --reset starts over from nothing. */
try {
  const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
  const config = loadConfig();
  if (config.isProduction) throw new ConfigError('Demo data is never seeded in production.');
  const database = await openDatabase(config);
  try {
    if (values.reset) {
      await resetDatabase(database.db);
      console.log('The database was emptied and migrated again.');
    } else {
      await migrateToLatest(database.db);
    }
    const result = await seedDemoData(database.db, config.area, config.demoPassword);
    console.log(
      result.seeded
        ? `Seeded ${result.organisations} organisations and ${result.users} demo users for ${config.area.areaName}.`
        : 'The database already has users; nothing was seeded. Use `npm run db:seed -- --reset` to start over.',
    );
  } finally {
    await database.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseDirectoryError;
  console.error(known ? (error as Error).message : `Seeding failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
