import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { migrateToLatest } from '../db/database.ts';
import { resetDatabase, seedDemoData } from '../db/seed/demo.ts';
import { runWithDatabase } from './run.ts';

/** `npm run db:seed [-- --reset]`: seeds the demo area once; --reset starts over from nothing. */
const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });

await runWithDatabase(
  'Seeding',
  async (config, database) => {
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
  },
  (config) => {
    if (config.isProduction) throw new ConfigError('Demo data is never seeded in production.');
  },
);
