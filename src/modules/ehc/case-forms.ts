/**
 * The casework's forms, declared once: each field's kind, label, rules and GOV.UK messages. The same
 * declaration parses a submission (errors in field order, values kept so nothing typed is lost) and gives the
 * template what it needs to render the fields with govuk-frontend macros.
 */
import type { FormErrors } from '../../lib/forms.ts';
import { dateFieldValues, dateFromFields } from './view-models.ts';

export type Option = { value: string; text: string; hint?: string };

export type FieldSpec =
  | {
      kind: 'text';
      name: string;
      label: string;
      what: string;
      hint?: string;
      required?: boolean;
      max?: number;
      width?: string;
    }
  | {
      kind: 'textarea';
      name: string;
      label: string;
      what: string;
      hint?: string;
      required?: boolean;
      max?: number;
      rows?: number;
    }
  | { kind: 'date'; name: string; label: string; what: string; hint?: string; required?: boolean }
  | {
      kind: 'radios';
      name: string;
      label: string;
      what: string;
      hint?: string;
      required?: boolean;
      options: readonly Option[];
    }
  | {
      kind: 'select';
      name: string;
      label: string;
      what: string;
      hint?: string;
      required?: boolean;
      options: readonly Option[];
    }
  | {
      kind: 'checkboxes';
      name: string;
      label: string;
      what: string;
      hint?: string;
      required?: boolean;
      options: readonly Option[];
    }
  | { kind: 'file'; name: string; label: string; what: string; hint?: string };

export type Parsed =
  | { ok: true; data: Record<string, string>; lists: Record<string, string[]> }
  | { ok: false; errors: FormErrors };

const MARKUP = /[<>]/;

function valueOf(body: Record<string, unknown>, name: string): string {
  const raw = body[name];
  if (typeof raw === 'string') return raw.trim();
  if (Array.isArray(raw)) return raw.filter((v) => typeof v === 'string').join(',');
  return '';
}

function listOf(body: Record<string, unknown>, name: string): string[] {
  const raw = body[name];
  if (typeof raw === 'string') return raw ? [raw] : [];
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Parses a submission against its fields; a date field's value is 'YYYY-MM-DD'. */
export function parseFields(specs: readonly FieldSpec[], body: unknown): Parsed {
  const raw = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const data: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const problems: { field: string; href: string; text: string }[] = [];
  const fail = (spec: FieldSpec, text: string, href?: string) =>
    problems.push({ field: spec.name, href: href ?? `#${spec.name}`, text });
  for (const spec of specs) {
    switch (spec.kind) {
      case 'file':
        break;
      case 'date': {
        const empty = ['day', 'month', 'year'].every((p) => valueOf(raw, `${spec.name}-${p}`) === '');
        if (empty && spec.required === false) break;
        const parsed = dateFromFields(raw, spec.name, spec.what);
        if (parsed.ok) data[spec.name] = parsed.value;
        else fail(spec, parsed.message, `#${spec.name}-day`);
        break;
      }
      case 'checkboxes': {
        const chosen = listOf(raw, spec.name);
        if (chosen.some((v) => !spec.options.some((o) => o.value === v)))
          fail(spec, `Select ${spec.what} from the list`);
        else if (chosen.length === 0 && spec.required !== false) fail(spec, `Select ${spec.what}`);
        else lists[spec.name] = chosen;
        break;
      }
      case 'radios':
      case 'select': {
        const value = valueOf(raw, spec.name);
        if (!value) {
          if (spec.required !== false) fail(spec, `Select ${spec.what}`);
        } else if (!spec.options.some((o) => o.value === value))
          fail(spec, `Select ${spec.what} from the list`);
        else data[spec.name] = value;
        break;
      }
      default: {
        const value = valueOf(raw, spec.name);
        const max = spec.max ?? (spec.kind === 'textarea' ? 5000 : 200);
        if (!value) {
          if (spec.required !== false) fail(spec, `Enter ${spec.what}`);
        } else if (value.length > max)
          fail(spec, `${capitalise(spec.label)} must be ${max} characters or fewer`);
        else if (MARKUP.test(value))
          fail(spec, `${capitalise(spec.label)} must not include the characters < or >`);
        else data[spec.name] = value;
      }
    }
  }
  if (problems.length === 0) return { ok: true, data, lists };
  const fields: FormErrors['fields'] = {};
  for (const p of problems) fields[p.field] ??= { text: p.text };
  return { ok: false, errors: { summary: problems.map((p) => ({ text: p.text, href: p.href })), fields } };
}

/** What the template needs to render the fields, with the submitted (or stored) values back in them. */
export function renderFields(
  specs: readonly FieldSpec[],
  body: Record<string, unknown>,
  errors?: FormErrors,
  defaults: Record<string, string> = {},
) {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v;
  const hasSubmission = Object.keys(values).some((k) => k !== '_csrf');
  return specs.map((spec) => {
    const errorMessage = errors?.fields[spec.name];
    const value = hasSubmission ? (values[spec.name] ?? '') : (defaults[spec.name] ?? '');
    const base = { kind: spec.kind, name: spec.name, label: spec.label, hint: spec.hint, errorMessage };
    switch (spec.kind) {
      case 'date': {
        const parts = dateFieldValues(
          hasSubmission ? values : {},
          spec.name,
          hasSubmission ? null : (defaults[spec.name] ?? null),
        );
        const errorClass = errorMessage ? ' govuk-input--error' : '';
        return {
          ...base,
          items: [
            { name: 'day', classes: `govuk-input--width-2${errorClass}`, value: parts.day },
            { name: 'month', classes: `govuk-input--width-2${errorClass}`, value: parts.month },
            { name: 'year', classes: `govuk-input--width-4${errorClass}`, value: parts.year },
          ],
        };
      }
      case 'radios':
      case 'checkboxes': {
        const chosen =
          spec.kind === 'checkboxes'
            ? new Set(
                listOf(
                  hasSubmission ? body : { [spec.name]: (defaults[spec.name] ?? '').split(',') },
                  spec.name,
                ),
              )
            : new Set([value]);
        return {
          ...base,
          items: spec.options.map((o) => ({
            value: o.value,
            text: o.text,
            ...(o.hint ? { hint: { text: o.hint } } : {}),
            checked: chosen.has(o.value),
          })),
        };
      }
      case 'select':
        return {
          ...base,
          items: [
            { value: '', text: 'Choose' },
            ...spec.options.map((o) => ({ value: o.value, text: o.text, selected: o.value === value })),
          ],
        };
      case 'textarea':
        return { ...base, value, rows: spec.rows ?? 5, maxlength: spec.max ?? 5000 };
      case 'text':
        return { ...base, value, width: spec.width ?? 'govuk-!-width-two-thirds' };
      default:
        return base;
    }
  });
}
