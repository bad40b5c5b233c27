import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { buildAssets } from './assets/build.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createContainer, type Container } from './container.ts';
import { migrateToLatest, openDatabase, pendingMigrations, type DatabaseHandle } from './db/database.ts';
import { DatabaseDirectoryError } from './db/pglite.ts';
import { DEMO_SIGN_INS, seedDemoArea } from './db/seed/demo.ts';
import { londonToday } from './lib/dates.ts';
import { settableClock } from './lib/clock.ts';
import { ROLE_LABELS } from './modules/access/policy.ts';
import { startDeliveryLoop } from './modules/notifications/worker.ts';

/** config → database → migrate → buildApp → listen; a clean close on SIGINT and SIGTERM. */
export async function startServer(
  config: Config,
): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const started = performance.now();
  const assets = await buildAssets(config.area.brandColour);
  const database = await openDatabase(config);
  try {
    if (config.migrateOnStart) {
      await migrateToLatest(database.db);
    } else {
      const pending = await pendingMigrations(database.db);
      if (pending.length > 0) {
        throw new ConfigError(
          `The database needs migrating (${pending.join(', ')}). Run \`npm run db:migrate\` first, or set MIGRATE_ON_START=true.`,
        );
      }
    }
    const seeded = config.seedDemoData
      ? await seedDemoArea(database.db, config.area, config.demoPassword, londonToday(new Date()))
      : null;
    const container = createContainer({
      config,
      database,
      ...(config.testClockControl ? { clock: settableClock() } : {}),
    });
    const app = await buildApp({ container, assets });
    scheduleReviewReminders(app, container);
    scheduleDeadlineReminders(app, container);
    scheduleNotificationDelivery(app, container);
    scheduleOnlineRequestSweep(app, container);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    const lines = [
      '',
      `${config.area.serviceName} is running at ${url}`,
      `  database: ${database.engine === 'pglite' ? `PGlite in ${config.database.engine === 'pglite' ? config.database.dataDir : ''}` : 'PostgreSQL'}`,
      `  started in ${Math.round(performance.now() - started)} ms${seeded?.seeded ? ` (demo data seeded: ${seeded.users} users)` : ''}${seeded?.localOffer.seeded ? ` (demo Local Offer seeded: ${seeded.localOffer.services} services)` : ''}${seeded?.ehc.seeded ? ` (demo EHC casework seeded: ${seeded.ehc.cases} cases in ${seeded.ehc.milliseconds} ms)` : ''}${seeded?.publishedStatistics.seeded ? ` (published statistics loaded: ${seeded.publishedStatistics.figures} figures)` : ''}`,
    ];
    if (config.seedDemoData) {
      lines.push('', `Demo sign-ins (password for all: ${config.demoPassword}):`);
      for (const person of DEMO_SIGN_INS)
        lines.push(`  ${ROLE_LABELS[person.role].padEnd(22)} ${person.email}`);
    }
    lines.push('', 'Press Ctrl+C to stop.', '');
    process.stdout.write(lines.join('\n'));
    return { app, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Local Offer review reminders, every hour (the first a few minutes after start). Each reminder is
 * sent once however often this runs, so several instances running it is harmless.
 * `npm run local-offer:reminders` does the same from a scheduler, for deployments that prefer one.
 */
function scheduleReviewReminders(app: FastifyInstance, container: Container): void {
  const run = () => {
    container.services.localOfferManagement.sendReviewReminders().then(
      (result) => app.log.info({ reminders: result.reminders }, 'review reminders sent'),
      (error: unknown) => app.log.error({ err: error }, 'review reminders failed'),
    );
  };
  const first = setTimeout(run, 5 * 60_000);
  const every = setInterval(run, 60 * 60_000);
  first.unref();
  every.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(every);
  });
}

/**
 * EHC reminders before and on a deadline, every hour (the first a few minutes after start), as review
 * reminders are: each is queued once however often this runs. `npm run ehc:reminders` does the same.
 */
/**
 * Saved online requests older than 28 days, and family sign-in links and sessions past their end, are removed
 * every hour; the timer does not keep the process alive.
 */
function scheduleOnlineRequestSweep(app: FastifyInstance, container: Container): void {
  const sweep = setInterval(() => {
    container.services.ehc
      .removeExpiredOnlineRequests()
      .catch((error: unknown) => app.log.warn({ err: error }, 'online request sweep failed'));
    container.services.ehc
      .removeExpiredFamilyAccess()
      .catch((error: unknown) => app.log.warn({ err: error }, 'family sign-in sweep failed'));
  }, 3_600_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
}

function scheduleDeadlineReminders(app: FastifyInstance, container: Container): void {
  const run = () => {
    container.services.deadlineReminders.queueDeadlineReminders().then(
      (result) =>
        app.log.info(
          { reminders: result.reminders, messages: result.messages },
          'EHC deadline reminders queued',
        ),
      (error: unknown) => app.log.error({ err: error }, 'EHC deadline reminders failed'),
    );
  };
  const first = setTimeout(run, 3 * 60_000);
  const every = setInterval(run, 60 * 60_000);
  first.unref();
  every.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(every);
  });
}

/**
 * Sends the outbox from the server, one batch at a time (NOTIFY_SEND_INTERVAL_SECONDS; 0 leaves it to
 * `npm run notifications:send` from a scheduler). Several instances may run it: a message is sent once.
 * Shutdown waits for the message in hand.
 */
function scheduleNotificationDelivery(app: FastifyInstance, container: Container): void {
  const seconds = container.config.notifications.sendIntervalSeconds;
  if (seconds === 0) return;
  const loop = startDeliveryLoop({
    worker: container.delivery,
    intervalMs: seconds * 1000,
    firstDelayMs: 5000,
    onResult: (result) => app.log.info({ delivery: result }, 'outbox sent'),
    onError: (error) => app.log.error({ err: error }, 'sending the outbox failed'),
  });
  app.addHook('onClose', async () => loop.stop());
}

function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseDirectoryError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nThe platform could not start: ${(error as Error).message ?? String(error)}\n\n`);
  }
  process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error);
  }
  const running = await startServer(config).catch(fail);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      process.stderr.write('Shutdown took too long; exiting.\n');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await running.app.close();
      await running.database.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Shutdown failed: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
