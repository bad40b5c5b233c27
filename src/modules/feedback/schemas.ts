import { z } from 'zod';
import { choice } from '../../lib/forms.ts';

export const WHAT_WAS_WRONG = [
  { value: 'wrong-or-out-of-date', text: 'Information is wrong or out of date' },
  { value: 'broken-link', text: 'A link or page does not work' },
  { value: 'hard-to-use', text: 'Hard to use or understand' },
  { value: 'something-else', text: 'Something else' },
] as const;

export const WHAT_WAS_WRONG_VALUES = WHAT_WAS_WRONG.map((item) => item.value) as [string, ...string[]];

export const FEEDBACK_STATUSES = ['new', 'in_progress', 'resolved'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const MAX_MESSAGE_LENGTH = 2000;

/**
 * What a member of the public writes. Not refused for '<' or '>' ("under 5s"): it is only ever shown escaped,
 * and never published (the editor's anonymised summary is).
 */
function message(whatToEnter: string, label: string) {
  return z
    .string({ error: `Enter ${whatToEnter}` })
    .trim()
    .min(1, { error: `Enter ${whatToEnter}` })
    .max(MAX_MESSAGE_LENGTH, { error: `${label} must be 2,000 characters or fewer` });
}

/** An email address for a reply: optional, but if given it must be one. */
const replyEmail = z
  .string({ error: 'Enter an email address in the correct format, like name@example.com' })
  .trim()
  .max(254, { error: 'Email address must be 254 characters or fewer' })
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(
    z
      .email({ error: 'Enter an email address in the correct format, like name@example.com' })
      .toLowerCase()
      .optional(),
  );

/**
 * A field people cannot see and are asked to leave empty. Automated form fillers complete it; what they send is
 * then thanked for and thrown away.
 */
const honeypot = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => [value ?? ''].flat().join('').trim() !== '');

const pagePath = z.string().optional();

export const reportProblemForm = z.object({
  whatWasWrong: choice(WHAT_WAS_WRONG_VALUES, 'Select what was wrong with the page'),
  details: message('details of the problem', 'Details'),
  email: replyEmail,
  website: honeypot,
  page: pagePath,
});

export const generalFeedbackForm = z.object({
  message: message('your feedback', 'Your feedback'),
  email: replyEmail,
  website: honeypot,
});

/** Editors' triage of one report. */
export const triageForm = z.object({
  status: choice(FEEDBACK_STATUSES, 'Select a status'),
  youSaid: z
    .string({ error: 'You said must be text' })
    .trim()
    .max(1000, { error: 'You said must be 1,000 characters or fewer' })
    .refine((v) => !/[<>]/.test(v), { error: 'You said must not include the characters < or >' })
    .optional()
    .transform((v) => (v ? v : null)),
  weDid: z
    .string({ error: 'We did must be text' })
    .trim()
    .max(2000, { error: 'We did must be 2,000 characters or fewer' })
    .refine((v) => !/[<>]/.test(v), { error: 'We did must not include the characters < or >' })
    .optional()
    .transform((v) => (v ? v : null)),
  publish: choice(['yes', 'no'], 'Select yes if this should be published on You said, we did').transform(
    (v) => v === 'yes',
  ),
});

export type TriageInput = z.output<typeof triageForm>;

export const feedbackFilter = z.object({
  status: z.enum(FEEDBACK_STATUSES).optional().catch(undefined),
  page: z.string().optional().catch(undefined),
});

/** True when the hidden field people are asked to leave empty has been filled in. */
export function isHoneypotFilled(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const parsed = honeypot.safeParse((body as Record<string, unknown>).website);
  return parsed.success ? parsed.data : false;
}
