import { z } from 'zod';
import { requiredText } from '../../../lib/forms.ts';
import { MAX_FEED_URL_LENGTH, parseFeedBaseUrl } from './domain/feed-url.ts';

/** A partner's feed, as an editor adds it. */
export const feedForm = z.object({
  name: requiredText('Name', 'the name of the feed, such as NHS Black Country ICB directory', 200),
  url: z
    .string({ error: 'Enter the web address of the feed' })
    .trim()
    .max(MAX_FEED_URL_LENGTH, { error: `The web address must be ${MAX_FEED_URL_LENGTH} characters or fewer` })
    .superRefine((value, ctx) => {
      const parsed = parseFeedBaseUrl(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
});
export type FeedForm = z.output<typeof feedForm>;

/** "Import now", optionally reading every service again rather than only those changed. */
export const importForm = z.object({
  full: z.literal('yes', { error: 'Select whether to read every service again' }).optional(),
});
