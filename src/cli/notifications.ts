import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { createContainer } from '../container.ts';
import { isIsoDate, londonToday } from '../lib/dates.ts';
import { placeholdersOf, TEMPLATES } from '../modules/notifications/catalogue.ts';
import { runWithDatabase } from './run.ts';

/**
 * The outbox from the command line, for deployments that run it from a scheduler (cron) rather than in
 * the server (NOTIFY_SEND_INTERVAL_SECONDS=0):
 *
 *   npm run notifications:send                 one pass over the outbox (batches until nothing is due)
 *   npm run ehc:reminders [-- --date Y-M-D]    queue EHC reminders before and on a deadline
 *   npm run notifications:templates            print every template, to set up GOV.UK Notify
 *
 * Each is safe to run as often as you like, beside running servers: a message is sent once, a reminder
 * queued once.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { date: { type: 'string' }, 'max-batches': { type: 'string' } },
});
const command = positionals[0];

if (command === 'templates') {
  for (const [name, entry] of Object.entries(TEMPLATES)) {
    console.log(`# ${name}: ${entry.title}`);
    console.log(`# to: ${entry.audience}`);
    console.log(`# personalisation: ${placeholdersOf(entry).join(', ')}`);
    console.log(`Subject: ${entry.subject}\n\n${entry.body}\n`);
  }
} else if (command === 'send') {
  await runWithDatabase('Sending the outbox', async (config, database) => {
    const maxBatches = Number(values['max-batches'] ?? 100);
    if (!Number.isInteger(maxBatches) || maxBatches < 1)
      throw new ConfigError('--max-batches must be a whole number, 1 or more.');
    const { delivery } = createContainer({ config, database });
    const totals = { claimed: 0, sent: 0, held: 0, retrying: 0, failed: 0, unknown: 0, lost: 0 };
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const result = await delivery.runOnce();
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result[key];
      if (result.claimed < delivery.batchSize) break;
    }
    const how = delivery.transport.kind === 'govuk-notify' ? 'GOV.UK Notify' : 'no Notify key configured';
    console.log(
      `Outbox (${how}): ${totals.claimed} taken, ${totals.sent} sent, ${totals.held} kept in the outbox, ${totals.retrying} to try again, ${totals.failed} failed, ${totals.unknown} delivery unknown.`,
    );
    if (totals.failed > 0 || totals.unknown > 0) process.exitCode = 2;
  });
} else if (command === 'reminders') {
  await runWithDatabase('Queueing EHC deadline reminders', async (config, database) => {
    const today = values.date ?? londonToday(new Date());
    if (!isIsoDate(today)) throw new ConfigError('--date must be a date in the form YYYY-MM-DD.');
    const { services } = createContainer({ config, database });
    const result = await services.deadlineReminders.queueDeadlineReminders(today);
    console.log(
      `EHC deadline reminders for ${today}: ${result.reminders} ${result.reminders === 1 ? 'reminder' : 'reminders'}, ${result.messages} ${result.messages === 1 ? 'email' : 'emails'} queued.`,
    );
  });
} else {
  console.error('Usage: node src/cli/notifications.ts send | reminders [--date YYYY-MM-DD] | templates');
  process.exitCode = 1;
}
