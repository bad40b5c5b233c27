import { z } from 'zod';
import { optionalText } from '../../lib/forms.ts';
import type { AuditFilter } from './repository.ts';

const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) =>
        v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      {
        error: `${label} must be a real date in the format YYYY-MM-DD, like 2026-11-01`,
      },
    );

export const auditFilterForm = z
  .object({
    action: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^[a-z][a-z0-9_.-]{1,99}$/.test(v), {
        error: 'Select an action from the list',
      }),
    actorEmail: z
      .string()
      .trim()
      .max(254, { error: 'Email address must be 254 characters or fewer' })
      .optional()
      .transform((v) => (v ? v.toLowerCase() : undefined))
      .refine((v) => v === undefined || z.email().safeParse(v).success, {
        error: 'Enter an email address in the correct format, like name@example.com',
      }),
    subjectId: optionalText('Record reference', 100),
    from: isoDate('From date'),
    to: isoDate('To date'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    error: 'To date must be the same as or after the from date',
    path: ['to'],
  });

export function toAuditFilter(data: z.output<typeof auditFilterForm>): AuditFilter {
  const filter: AuditFilter = {};
  if (data.action) filter.action = data.action;
  if (data.actorEmail) filter.actorEmail = data.actorEmail;
  if (data.subjectId) filter.subjectId = data.subjectId;
  if (data.from) filter.from = new Date(`${data.from}T00:00:00Z`);
  // "To" includes the whole of that day.
  if (data.to) filter.to = new Date(new Date(`${data.to}T00:00:00Z`).getTime() + 86_400_000);
  return filter;
}
