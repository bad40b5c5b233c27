import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { createContainer } from '../container.ts';
import { isIsoDate, londonToday } from '../lib/dates.ts';
import { runWithDatabase } from './run.ts';

/**
 * `npm run local-offer:reminders [-- --date YYYY-MM-DD]`: reminds providers (or, for listings no
 * provider account manages, the Local Offer editors) of listings due for review, overdue or hidden.
 * Safe to run as often as you like: each reminder is sent once.
 */
const { values } = parseArgs({ options: { date: { type: 'string' } } });

await runWithDatabase('Sending review reminders', async (config, database) => {
  const today = values.date ?? londonToday(new Date());
  if (!isIsoDate(today)) throw new ConfigError('--date must be a date in the form YYYY-MM-DD.');
  const { services } = createContainer({ config, database });
  const result = await services.localOfferManagement.sendReviewReminders(today);
  console.log(
    `Review reminders for ${today}: ${result.reminders} ${result.reminders === 1 ? 'listing' : 'listings'}, ${result.notifications} ${result.notifications === 1 ? 'email' : 'emails'} queued.`,
  );
});
