import { describe, expect, it } from 'vitest';
import { parseForm } from '../../lib/forms.ts';
import { informationPageForm } from './schemas.ts';

const valid = {
  title: 'Short breaks',
  slug: 'short-breaks',
  summary: 'Time away for disabled children.',
  topic: 'short-breaks',
  ageGroups: ['post-16', 'primary'],
  body: '## What they are\n\nShort breaks give carers a rest.',
  published: 'yes',
};

describe('the information page form', () => {
  it('accepts a complete page, keeping age groups in the taxonomy’s order', () => {
    const form = parseForm(informationPageForm, valid);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.data).toEqual({
      ...valid,
      ageGroups: ['primary', 'post-16'],
      published: true,
      markReviewed: false,
      action: 'save',
    });
  });

  it('takes one ticked age group, a preview and a review', () => {
    const form = parseForm(informationPageForm, {
      ...valid,
      ageGroups: 'young-adults',
      markReviewed: 'yes',
      action: 'preview',
    });
    expect(form.ok && form.data).toMatchObject({
      ageGroups: ['young-adults'],
      markReviewed: true,
      action: 'preview',
    });
  });

  it.each([
    ['no answers', {}, ['title', 'slug', 'summary', 'topic', 'ageGroups', 'body', 'published']],
    ['markup in the title', { ...valid, title: '<script>x</script>' }, ['title']],
    ['markup in the summary', { ...valid, summary: 'a > b' }, ['summary']],
    ['capitals in the web address', { ...valid, slug: 'Short-Breaks' }, ['slug']],
    ['a web address ending in a hyphen', { ...valid, slug: 'short-' }, ['slug']],
    ['a web address with a slash', { ...valid, slug: 'a/b' }, ['slug']],
    ['a long web address', { ...valid, slug: 'a'.repeat(101) }, ['slug']],
    ['an unknown topic', { ...valid, topic: 'wizardry' }, ['topic']],
    ['an unknown age group', { ...valid, ageGroups: ['primary', '0-4'] }, ['ageGroups']],
    ['raw HTML in the text', { ...valid, body: 'Hello <script>alert(1)</script>' }, ['body']],
    ['a javascript: link', { ...valid, body: '[Click](javascript:alert(1))' }, ['body']],
    ['an unknown button', { ...valid, action: 'delete' }, ['action']],
  ])('refuses %s', (_name, body, fields) => {
    const form = parseForm(informationPageForm, body);
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(Object.keys(form.errors.fields)).toEqual(fields);
  });

  it('says what is wrong with the web address', () => {
    const form = parseForm(informationPageForm, { ...valid, slug: 'Short Breaks' });
    expect(!form.ok && form.errors.fields.slug?.text).toMatch(
      /lowercase letters a to z, numbers and hyphens/,
    );
  });
});
