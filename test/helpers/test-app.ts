import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { buildAssets } from '../../src/assets/build.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createContainer, type Container } from '../../src/container.ts';
import { databaseFromPglite, databaseFromPostgresUrl, type DatabaseHandle } from '../../src/db/database.ts';
import { openPgliteMemory } from '../../src/db/pglite.ts';
import { seedDemoArea, seedDemoData } from '../../src/db/seed/demo.ts';
import { seedLocalOffer } from '../../src/db/seed/local-offer.ts';
import { EHC_DEMO_VOLUME, seedEhcDemo, type EhcDemoVolume } from '../../src/db/seed/ehc-demo.ts';
import { londonToday } from '../../src/lib/dates.ts';
import { fixedClock, type Clock } from '../../src/lib/clock.ts';
import { withDatabaseName } from './postgres.ts';

export const DEMO_PASSWORD = 'Demo-password-2026';

/** A fresh database for one test file: a clone of the migrated template, on the engine under test. */
export async function freshDatabase(): Promise<DatabaseHandle> {
  if (inject('engine') === 'postgres') {
    const template = inject('postgresTemplate');
    const name = `${template}_${randomBytes(4).toString('hex')}`;
    const admin = databaseFromPostgresUrl(inject('postgresUrl'), 1);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await sql.raw(`create database ${name} template ${template}`).execute(admin.db);
        break;
      } catch (error) {
        // Two files cloning the template at the same moment: wait and try again.
        if (attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    const handle = databaseFromPostgresUrl(withDatabaseName(inject('postgresUrl'), name), 5);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        // The pool's connections finish closing in the background: wait for them before dropping.
        for (let i = 0; i < 50; i += 1) {
          const open = await sql<{
            n: string;
          }>`select count(*) as n from pg_stat_activity where datname = ${name}`.execute(admin.db);
          if (open.rows[0]?.n === '0') break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
        await admin.close();
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return databaseFromPglite(await openPgliteMemory(blob));
}

export type TestApp = {
  app: FastifyInstance;
  database: DatabaseHandle;
  container: Container;
  config: Config;
  clock: Clock & { advance: (ms: number) => void; set: (d: Date) => void };
  close: () => Promise<void>;
};

export async function buildTestApp(
  options: {
    seed?: boolean;
    /** Also seed the demo Local Offer (generated organisations and services), dated from today. */
    localOffer?: boolean | { organisations: number; services: number };
    /**
     * Also the EHC demo (a year of requests and earlier plans, with localOffer: true as `npm start` seeds it):
     * true for the volume `npm start` seeds, or a smaller one. Off unless asked for, so other tests stay fast.
     */
    ehcDemo?: boolean | EhcDemoVolume;
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SIGNIN_RATE_LIMIT_PER_MINUTE: '1000',
    DEMO_PASSWORD,
    ...options.env,
  });
  const database = await freshDatabase();
  if (options.seed !== false) await seedDemoData(database.db, config.area, DEMO_PASSWORD);
  const clock = fixedClock(new Date());
  if (options.localOffer === true) {
    // As `npm start` seeds it: listings, information pages and You said, we did.
    await seedDemoArea(database.db, config.area, DEMO_PASSWORD, londonToday(clock.now()), {
      ehc: options.ehcDemo === true ? EHC_DEMO_VOLUME : (options.ehcDemo ?? false),
    });
  } else if (options.localOffer) {
    await seedLocalOffer(database.db, { today: londonToday(clock.now()), ...options.localOffer });
  }
  if (options.ehcDemo && options.localOffer !== true)
    await seedEhcDemo(database.db, {
      today: londonToday(clock.now()),
      ...(options.ehcDemo === true ? EHC_DEMO_VOLUME : options.ehcDemo),
    });
  const container = createContainer({ config, database, clock });
  const assets = await buildAssets(config.area.brandColour);
  const app = await buildApp({ container, assets, logger: false });
  await app.ready();
  return {
    app,
    database,
    container,
    config,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
