import { z } from 'zod';
import { emailAddress, optionalText, requiredText } from '../../../lib/forms.ts';

/** An organisation listed in the Local Offer, as an editor enters it. */
export const organisationForm = z.object({
  name: requiredText('Name', 'the name of the organisation', 200),
  description: optionalText('Description', 5000),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(emailAddress().optional()),
  website: z
    .string()
    .trim()
    .max(500, { error: 'Website must be 500 characters or fewer' })
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z.url({ protocol: /^https?$/, error: 'Enter a website address that starts with https://' }).optional(),
    ),
  phone: optionalText('Phone number', 40),
  accountOrganisationId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.uuid({ error: 'Choose a provider account from the list' }).optional()),
});
export type OrganisationForm = z.output<typeof organisationForm>;
