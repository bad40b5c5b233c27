import { describe, expect, it } from 'vitest';
import { fieldError, parseForm } from '../../lib/forms.ts';
import type { InformationPageSummary } from './repository.ts';
import { informationPageForm } from './schemas.ts';
import {
  ageGroupFilterItems,
  agesText,
  formItems,
  guideCountText,
  lastReviewedText,
  pageFacts,
  pagesByTopic,
  staffTableRows,
  withEveryMarkdownProblem,
} from './view-models.ts';

function summary(overrides: Partial<InformationPageSummary>): InformationPageSummary {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    slug: 'a-page',
    title: 'A page',
    summary: 'About a thing',
    topic: 'short-breaks',
    age_groups: ['primary'],
    published: true,
    last_reviewed_on: '2026-11-23',
    updated_by: null,
    is_demo: false,
    created_at: new Date('2026-11-23T10:00:00Z'),
    updated_at: new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  };
}

describe('information page view-models', () => {
  it('describes ages', () => {
    expect(agesText(['early-years', 'primary', 'secondary', 'post-16', 'young-adults'])).toBe(
      'All ages (0 to 25)',
    );
    expect(agesText(['post-16', 'early-years'])).toBe('Early years (0 to 4), 16 to 18');
    expect(agesText([])).toBe('');
  });

  it('says when a page was last reviewed, GOV.UK style', () => {
    expect(lastReviewedText('2026-11-23')).toBe('Last reviewed on 23 November 2026');
    expect(pageFacts({ topic: 'health', age_groups: ['secondary'], last_reviewed_on: '2026-03-01' })).toEqual(
      {
        topic: 'Health',
        ages: 'Secondary school age (11 to 15)',
        lastReviewed: 'Last reviewed on 1 March 2026',
      },
    );
  });

  it('counts guides, naming the age group in a sentence', () => {
    expect(guideCountText(0)).toBe('There are no guides.');
    expect(guideCountText(1)).toBe('1 guide.');
    expect(guideCountText(3, 'primary')).toBe('3 guides for primary school age (5 to 10).');
    expect(guideCountText(2, 'post-16')).toBe('2 guides for ages 16 to 18.');
    expect(guideCountText(0, 'young-adults')).toBe('There are no guides for ages 19 to 25.');
  });

  it('groups pages by topic in the topics’ order, leaving out empty topics', () => {
    const groups = pagesByTopic([
      summary({ slug: 'b', title: 'B', topic: 'about-the-local-offer' }),
      summary({ slug: 'a', title: 'A', topic: 'ehc-needs-assessments', age_groups: ['secondary'] }),
      summary({ slug: 'c', title: 'C', topic: 'about-the-local-offer' }),
    ]);
    expect(groups.map((g) => g.heading)).toEqual([
      'EHC needs assessments and plans',
      'About the Local Offer',
    ]);
    expect(groups[0]?.pages[0]).toEqual({
      title: 'A',
      href: '/local-offer/information/a',
      summary: 'About a thing',
      ages: 'Secondary school age (11 to 15)',
    });
    expect(groups[1]?.pages.map((p) => p.title)).toEqual(['B', 'C']);
  });

  it('keeps a page whose topic is no longer listed, under its key', () => {
    expect(pagesByTopic([summary({ topic: 'retired-topic' })]).map((g) => g.heading)).toEqual([
      'retired-topic',
    ]);
  });

  it('selects the chosen age group in the filter, and nothing for an unknown one', () => {
    expect(ageGroupFilterItems('primary').filter((i) => i.selected)).toEqual([
      { value: 'primary', text: 'Primary school age (5 to 10)', selected: true },
    ]);
    expect(ageGroupFilterItems(undefined)[0]).toEqual({ value: '', text: 'All ages', selected: true });
  });

  it('escapes titles in the staff table', () => {
    const [row] = staffTableRows([summary({ title: 'Tom & Jerry', published: false })]);
    expect(row?.[0]).toEqual({
      html: '<a class="govuk-link" href="/staff/local-offer/information/00000000-0000-4000-8000-000000000001/edit">Tom &amp; Jerry</a>',
    });
    expect(row?.[2]).toEqual({ text: '23 November 2026' });
    expect(row?.[3]).toEqual({ html: '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' });
  });

  it('ticks the age groups and topic from the answers', () => {
    const items = formItems({ topic: 'health', ageGroups: 'primary, post-16', published: 'yes' });
    expect(items.topics.filter((t) => t.checked).map((t) => t.value)).toEqual(['health']);
    expect(items.ageGroups.filter((t) => t.checked).map((t) => t.value)).toEqual(['primary', 'post-16']);
    expect(items.published.find((p) => p.checked)?.value).toBe('yes');
    expect(formItems({}).published.find((p) => p.checked)?.value).toBe('no');
  });

  it('lists every problem with the page text, escaped', () => {
    const body = '<b>bold</b> and [x](javascript:alert(1)) and ![img](https://example.org/a.png)';
    const form = parseForm(informationPageForm, { body });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    const errors = withEveryMarkdownProblem(form.errors, body);
    const bodyItems = errors.summary.filter((item) => item.href === '#body');
    expect(bodyItems.map((i) => i.text)).toEqual([
      'Remove the HTML from the page text – use Markdown instead',
      'Change the address of the link ‘x’ – it must start with https://, mailto:, tel: or /',
      'Remove the image from the page text – images cannot be shown on this page',
    ]);
    // Still in the form's order: title first.
    expect(errors.summary[0]?.href).toBe('#title');
    expect(errors.fields.body).toEqual({ html: bodyItems.map((i) => i.text).join('<br>') });
  });

  it('leaves other errors alone', () => {
    const errors = fieldError('slug', 'Taken');
    expect(withEveryMarkdownProblem(errors, 'Fine text')).toBe(errors);
  });
});
