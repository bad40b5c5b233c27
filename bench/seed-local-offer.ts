/**
 * Seeds a large generated Local Offer into the configured database (DATABASE_URL or
 * PGLITE_DATA_DIR), for the search benchmark, then prints the query plan of a search in it.
 *   node bench/seed-local-offer.ts <services> <organisations> <search query string>
 */
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { seedLocalOffer } from '../src/db/seed/local-offer.ts';
import { londonToday } from '../src/lib/dates.ts';
import { parseSearchParams } from '../src/modules/local-offer/schemas.ts';

const [services = '5000', organisations = '600', search = ''] = process.argv.slice(2);
const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
const database = await openDatabase(config);
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  const result = await seedLocalOffer(database.db, {
    today: londonToday(new Date()),
    services: Number(services),
    organisations: Number(organisations),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `seeded ${result.services} services from ${result.organisations} organisations in ${seconds} s`,
  );
  if (search) {
    const container = createContainer({ config, database });
    const { params } = parseSearchParams(Object.fromEntries(new URLSearchParams(search).entries()));
    // parseSearchParams takes repeated keys as arrays; URLSearchParams.entries keeps the last, which is enough here.
    const plan = await container.services.localOffer.explainSearch(params);
    console.log('PLAN');
    console.log(plan.join('\n'));
  }
} finally {
  await database.close();
}
