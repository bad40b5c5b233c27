import { z } from 'zod';

export type FieldError = { text: string };
export type ErrorSummaryItem = { text: string; href: string };
export type FormErrors = { summary: ErrorSummaryItem[]; fields: Record<string, FieldError> };
export type FormValues = Record<string, string>;
export type FormResult<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: FormErrors; values: FormValues };

/** Fields every form carries that are not the user's answers. */
const TRANSPORT_FIELDS = new Set(['_csrf']);

const MARKUP = /[<>]/;

/** Text a person types: required, trimmed, bounded, and free of markup. */
export function requiredText(label: string, whatToEnter: string, max: number) {
  return z
    .string({ error: `Enter ${whatToEnter}` })
    .trim()
    .min(1, { error: `Enter ${whatToEnter}` })
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .refine((v) => !MARKUP.test(v), { error: `${label} must not include the characters < or >` });
}

export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .refine((v) => !MARKUP.test(v), { error: `${label} must not include the characters < or >` })
    .optional()
    .transform((v) => (v ? v : undefined));
}

export function emailAddress(whatToEnter = 'an email address') {
  return z
    .string({ error: `Enter ${whatToEnter}` })
    .trim()
    .min(1, { error: `Enter ${whatToEnter}` })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .pipe(
      z.email({ error: 'Enter an email address in the correct format, like name@example.com' }).toLowerCase(),
    );
}

/** A value picked from radios or a select; anything else is refused with the same message. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** Passwords are not trimmed: spaces are allowed and count. */
export function password(whatToEnter: string) {
  return z
    .string({ error: `Enter ${whatToEnter}` })
    .min(1, { error: `Enter ${whatToEnter}` })
    .max(256, { error: 'Password must be 256 characters or fewer' });
}

export function newPassword() {
  return z
    .string({ error: 'Enter a new password' })
    .min(1, { error: 'Enter a new password' })
    .min(12, { error: 'Password must be 12 characters or more' })
    .max(256, { error: 'Password must be 256 characters or fewer' });
}

function toValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (TRANSPORT_FIELDS.has(key)) continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v) => typeof v === 'string').join(', ');
  }
  return values;
}

function errorsFrom(items: { field: string; text: string }[], order: string[]): FormErrors {
  const fields: Record<string, FieldError> = {};
  for (const item of items) fields[item.field] ??= { text: item.text };
  const summary = Object.keys(fields)
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((field) => ({ text: (fields[field] as FieldError).text, href: `#${field}` }));
  return { summary, fields };
}

/** Builds errors for one field, for rules checked by a service after the form parsed. */
export function fieldError(field: string, text: string): FormErrors {
  return errorsFrom([{ field, text }], [field]);
}

/**
 * Validates a submitted form. Unexpected fields, missing or over-long answers and markup are all
 * reported in a GOV.UK error summary; the user's answers come back so nothing they typed is lost.
 */
export function parseForm<S extends z.ZodObject>(schema: S, body: unknown): FormResult<z.output<S>> {
  const order = Object.keys(schema.shape);
  const raw = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values = toValues(raw);
  const unexpected = Object.keys(raw).filter((k) => !TRANSPORT_FIELDS.has(k) && !order.includes(k));
  if (unexpected.length > 0) {
    const first = order[0] ?? 'main-content';
    return {
      ok: false,
      values,
      errors: {
        summary: [
          {
            text: 'The form contained information we did not expect. Check your answers and try again',
            href: `#${first}`,
          },
        ],
        fields: {},
      },
    };
  }
  const input: Record<string, unknown> = {};
  for (const key of order) if (key in raw) input[key] = raw[key];
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const items = parsed.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? order[0] ?? 'main-content'),
    text: issue.message,
  }));
  return { ok: false, values, errors: errorsFrom(items, order) };
}
