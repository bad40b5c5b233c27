import { describe, expect, it } from 'vitest';
import { parseForm } from '../../lib/forms.ts';
import { generalFeedbackForm, isHoneypotFilled, reportProblemForm, triageForm } from './schemas.ts';

describe('feedback forms', () => {
  it('accepts a report without an email address', () => {
    const form = parseForm(reportProblemForm, {
      whatWasWrong: 'broken-link',
      details: '  The phone number is wrong  ',
      email: '',
      website: '',
      page: '/local-offer',
    });
    expect(form.ok && form.data).toEqual({
      whatWasWrong: 'broken-link',
      details: 'The phone number is wrong',
      email: undefined,
      website: false,
      page: '/local-offer',
    });
  });

  it('keeps an email address for a reply, in lower case', () => {
    const form = parseForm(generalFeedbackForm, { message: 'Great', email: ' Sam@Example.ORG ' });
    expect(form.ok && form.data.email).toBe('sam@example.org');
  });

  it.each([
    ['nothing', {}, ['whatWasWrong', 'details']],
    [
      'an invalid email address',
      { whatWasWrong: 'hard-to-use', details: 'x', email: 'not-an-email' },
      ['email'],
    ],
    ['an unknown reason', { whatWasWrong: 'rude', details: 'x' }, ['whatWasWrong']],
    ['too much', { whatWasWrong: 'hard-to-use', details: 'x'.repeat(2001) }, ['details']],
  ])('refuses %s', (_name, body, fields) => {
    const form = parseForm(reportProblemForm, body);
    expect(form.ok).toBe(false);
    if (!form.ok) expect(Object.keys(form.errors.fields)).toEqual(fields);
  });

  it('accepts 2,000 characters, and < and > in what people write', () => {
    expect(parseForm(generalFeedbackForm, { message: 'x'.repeat(2000) }).ok).toBe(true);
    expect(parseForm(generalFeedbackForm, { message: 'Ages <5 and >16' }).ok).toBe(true);
  });

  it('notices the hidden field', () => {
    expect(isHoneypotFilled({ website: 'https://spam.example' })).toBe(true);
    expect(isHoneypotFilled({ website: ['', 'x'] })).toBe(true);
    expect(isHoneypotFilled({ website: '  ' })).toBe(false);
    expect(isHoneypotFilled({})).toBe(false);
    expect(isHoneypotFilled(null)).toBe(false);
    expect(isHoneypotFilled({ website: 42 })).toBe(false);
  });

  it('reads an editor’s triage', () => {
    const form = parseForm(triageForm, { status: 'resolved', youSaid: ' Said ', weDid: '', publish: 'no' });
    expect(form.ok && form.data).toEqual({
      status: 'resolved',
      youSaid: 'Said',
      weDid: null,
      publish: false,
    });
    const markup = parseForm(triageForm, { status: 'resolved', youSaid: '<b>x</b>', publish: 'no' });
    expect(!markup.ok && Object.keys(markup.errors.fields)).toEqual(['youSaid']);
  });
});
