import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { choice, emailAddress, parseForm, requiredText } from './forms.ts';

const schema = z.object({
  name: requiredText('Name', 'your name', 10),
  email: emailAddress('your email address'),
  colour: choice(['red', 'blue'], 'Select a colour'),
});

describe('parseForm', () => {
  it('accepts good answers, trimming and lower-casing where it should', () => {
    const result = parseForm(schema, {
      _csrf: 't',
      name: '  Ann ',
      email: ' Ann@Example.ORG ',
      colour: 'red',
    });
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'Ann', email: 'ann@example.org', colour: 'red' },
    });
  });

  it('reports each bad field once, in form order, linked to the field, and keeps the answers', () => {
    const result = parseForm(schema, { colour: 'green', name: 'A very long name', email: 'nope' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.summary).toEqual([
      { text: 'Name must be 10 characters or fewer', href: '#name' },
      { text: 'Enter an email address in the correct format, like name@example.com', href: '#email' },
      { text: 'Select a colour', href: '#colour' },
    ]);
    expect(result.values).toEqual({ colour: 'green', name: 'A very long name', email: 'nope' });
  });

  it('asks for missing answers, and treats a repeated field as the wrong type', () => {
    const result = parseForm(schema, { name: ['a', 'b'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.fields.name?.text).toBe('Enter your name');
    if (!result.ok) expect(result.errors.fields.email?.text).toBe('Enter your email address');
  });

  it('refuses markup in text', () => {
    const result = parseForm(schema, { name: '<b>x</b>', email: 'a@b.org', colour: 'red' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.fields.name?.text).toBe('Name must not include the characters < or >');
  });

  it('refuses unexpected fields without looking further', () => {
    const result = parseForm(schema, { name: 'Ann', email: 'a@b.org', colour: 'red', role: 'administrator' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.summary[0]?.text).toMatch(/information we did not expect/);
  });

  it('copes with no body at all', () => {
    expect(parseForm(schema, undefined).ok).toBe(false);
    expect(parseForm(schema, 'a string').ok).toBe(false);
  });
});
