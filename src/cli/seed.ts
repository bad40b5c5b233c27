import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { migrateToLatest } from '../db/database.ts';
import { resetDatabase, seedDemoArea } from '../db/seed/demo.ts';
import { londonToday } from '../lib/dates.ts';
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
    const result = await seedDemoArea(database.db, config.area, config.demoPassword, londonToday(new Date()));
    console.log(
      result.seeded
        ? `Seeded ${result.organisations} organisations and ${result.users} demo users for ${config.area.areaName}.`
        : 'The database already has users; no people were seeded. Use `npm run db:seed -- --reset` to start over.',
    );
    if (result.localOffer.seeded) {
      console.log(
        `Seeded the demo Local Offer: ${result.localOffer.organisations} organisations, ${result.localOffer.services} services, ${result.localOffer.postcodes} postcode districts.`,
      );
    }
    if (result.ehc.seeded) {
      console.log(`Seeded demo EHC casework: ${result.ehc.cases} cases, ${result.ehc.plans} plans.`);
    }
    if (result.publishedStatistics.seeded) {
      console.log(
        `Loaded the published statistics of the area, its neighbours and England: ${result.publishedStatistics.figures} figures, ${result.publishedStatistics.neighbourLists} neighbour lists.`,
      );
    }
  },
  (config) => {
    if (config.isProduction) throw new ConfigError('Demo data is never seeded in production.');
  },
);
