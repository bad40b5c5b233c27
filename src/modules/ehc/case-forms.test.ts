import { describe, expect, it } from 'vitest';
import { parseFields, renderFields, type FieldSpec } from './case-forms.ts';

const fields: FieldSpec[] = [
  {
    kind: 'radios',
    name: 'outcome',
    label: 'Decision',
    what: 'the decision',
    options: [{ value: 'assess', text: 'Assess' }],
  },
  { kind: 'date', name: 'notifiedOn', label: 'Date', what: 'the date the family was told' },
  { kind: 'textarea', name: 'reasons', label: 'Reasons', what: 'the reasons', required: false, max: 10 },
  {
    kind: 'checkboxes',
    name: 'needs',
    label: 'Needs',
    what: 'a need',
    required: false,
    options: [
      { value: 'n1', text: 'One' },
      { value: 'n2', text: 'Two' },
    ],
  },
];

describe('parseFields', () => {
  it('parses good answers, dates as calendar dates', () => {
    const parsed = parseFields(fields, {
      outcome: 'assess',
      'notifiedOn-day': '2',
      'notifiedOn-month': '2',
      'notifiedOn-year': '2026',
      needs: ['n1', 'n2'],
    });
    expect(parsed).toEqual({
      ok: true,
      data: { outcome: 'assess', notifiedOn: '2026-02-02' },
      lists: { needs: ['n1', 'n2'] },
    });
  });

  it('gives GOV.UK messages in field order, linked to the first input of a date', () => {
    const parsed = parseFields(fields, {
      outcome: 'hack',
      'notifiedOn-day': '31',
      'notifiedOn-month': '2',
      'notifiedOn-year': '2026',
      reasons: 'x'.repeat(11),
      needs: 'n9',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.summary).toEqual([
      { text: 'Select the decision from the list', href: '#outcome' },
      { text: 'The date the family was told must be a real date', href: '#notifiedOn-day' },
      { text: 'Reasons must be 10 characters or fewer', href: '#reasons' },
      { text: 'Select a need from the list', href: '#needs' },
    ]);
  });

  it('refuses markup and says what is missing', () => {
    const parsed = parseFields(fields, { reasons: '<b>' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.fields).toEqual({
      outcome: { text: 'Select the decision' },
      notifiedOn: { text: 'Enter the date the family was told' },
      reasons: { text: 'Reasons must not include the characters < or >' },
    });
  });
});

describe('renderFields', () => {
  it('puts back what was typed, or the stored defaults before anything was', () => {
    const submitted = renderFields(fields, {
      outcome: 'assess',
      'notifiedOn-day': '31',
      'notifiedOn-month': '2',
      'notifiedOn-year': '2026',
      needs: ['n2'],
    });
    expect(submitted[0]).toMatchObject({ items: [{ value: 'assess', checked: true }] });
    expect(submitted[1]).toMatchObject({ items: [{ value: '31' }, { value: '2' }, { value: '2026' }] });
    expect(submitted[3]).toMatchObject({
      items: [
        { value: 'n1', checked: false },
        { value: 'n2', checked: true },
      ],
    });
    const fresh = renderFields(fields, {}, undefined, { notifiedOn: '2026-03-09' });
    expect(fresh[1]).toMatchObject({ items: [{ value: '9' }, { value: '3' }, { value: '2026' }] });
  });
});
