import { z } from 'zod';
import { AGE_GROUP_KEYS, INFORMATION_TOPICS } from '../../db/seed/information-pages.ts';
import { choice, requiredText } from '../../lib/forms.ts';
import { markdownProblems } from '../../lib/markdown.ts';

export const TOPIC_KEYS = INFORMATION_TOPICS.map((topic) => topic.key) as [string, ...string[]];

/** Lowercase letters, digits and single hyphens between them: the last part of the page's web address. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 100;

const slug = z
  .string({ error: 'Enter the web address' })
  .trim()
  .min(1, { error: 'Enter the web address' })
  .max(MAX_SLUG_LENGTH, { error: `Web address must be ${MAX_SLUG_LENGTH} characters or fewer` })
  .regex(SLUG, {
    error:
      'Web address must only include lowercase letters a to z, numbers and hyphens, like short-breaks, and must not start or end with a hyphen',
  });

/** Checkboxes post nothing, one value, or several. */
const ageGroups = z
  .union([z.string(), z.array(z.string())], { error: 'Select the ages the page is for' })
  .optional()
  .transform((value) => [value ?? []].flat())
  .pipe(
    z
      .array(z.enum(AGE_GROUP_KEYS, { error: 'Select the ages the page is for' }))
      .min(1, { error: 'Select the ages the page is for' }),
  )
  // Kept in the taxonomy's order, once each.
  .transform((values) => AGE_GROUP_KEYS.filter((key) => values.includes(key)));

/** The page text: every problem markdownProblems finds is an error against the field. */
const body = z.string({ error: 'Enter the page text' }).superRefine((value, ctx) => {
  for (const message of markdownProblems(value)) ctx.addIssue({ code: 'custom', message });
});

export const informationPageForm = z.object({
  title: requiredText('Title', 'a title', 200),
  slug,
  summary: requiredText('Summary', 'a summary', 500),
  topic: choice(TOPIC_KEYS, 'Select a topic'),
  ageGroups,
  body,
  published: choice(['yes', 'no'], 'Select yes if the page should be published').transform(
    (v) => v === 'yes',
  ),
  markReviewed: z
    .literal('yes', { error: 'Select whether the page has been reviewed' })
    .optional()
    .transform((v) => v === 'yes'),
  // Which button was pressed: save, or show a preview without saving.
  action: z
    .enum(['save', 'preview'], { error: 'Select save or preview' })
    .optional()
    .transform((v) => v ?? 'save'),
});

export type InformationPageInput = Omit<z.output<typeof informationPageForm>, 'action'>;

export const informationFilter = z.object({
  ageGroup: z.string().optional(),
});
