import { describe, expect, it } from 'vitest';
import { markdownProblems, renderMarkdown } from '../../lib/markdown.ts';
import { TAXONOMY_SEEDS } from '../../modules/local-offer/domain/taxonomies.ts';
import {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  INFORMATION_PAGES,
  INFORMATION_TOPICS,
  LOCAL_OFFER_ACCESSIBILITY_STATEMENT,
} from './information-pages.ts';

const topicKeys = new Set<string>(INFORMATION_TOPICS.map((topic) => topic.key));
const slugs = new Set(INFORMATION_PAGES.map((page) => page.slug));

function words(html: string): number {
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&[a-z0-9#]+;/gi, ' ');
  return text.split(/\s+/).filter((word) => /[a-z0-9]/i.test(word)).length;
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('information pages', () => {
  it('has the topics and age groups in order', () => {
    expect(INFORMATION_TOPICS).toHaveLength(9);
    expect(AGE_GROUP_KEYS).toEqual(['early-years', 'primary', 'secondary', 'post-16', 'young-adults']);
    expect(AGE_GROUPS.map((group) => group.key)).toEqual([...AGE_GROUP_KEYS]);
  });

  it("uses the age-group taxonomy's codes and labels", () => {
    const terms = TAXONOMY_SEEDS.find((taxonomy) => taxonomy.key === 'age-group')?.terms ?? [];
    expect(AGE_GROUPS.map((group) => ({ code: group.key, name: group.label }))).toEqual(
      terms.map((term) => ({ code: term.code, name: term.name })),
    );
  });

  it('has unique, well-formed slugs', () => {
    expect(slugs.size).toBe(INFORMATION_PAGES.length);
    for (const page of INFORMATION_PAGES) expect(page.slug).toMatch(/^[a-z0-9-]{1,100}$/);
  });

  it('covers the pages the Local Offer must have', () => {
    expect(INFORMATION_PAGES.length).toBeGreaterThanOrEqual(9);
    const covered = new Set(INFORMATION_PAGES.map((page) => page.topic));
    for (const topic of [
      'ehc-needs-assessments',
      'information-advice-support',
      'short-breaks',
      'preparing-for-adulthood',
      'travel-and-transport',
      'complaints-and-disagreements',
      'about-the-local-offer',
    ])
      expect(covered, topic).toContain(topic);
  });

  for (const page of INFORMATION_PAGES) {
    describe(page.slug, () => {
      it('has a known topic, known age groups, and a title and summary that fit', () => {
        expect(topicKeys).toContain(page.topic);
        expect(page.ageGroups.length).toBeGreaterThan(0);
        for (const age of page.ageGroups) expect(AGE_GROUP_KEYS).toContain(age);
        expect(page.title.length).toBeGreaterThan(0);
        expect(page.title.length).toBeLessThanOrEqual(200);
        expect(page.summary.length).toBeGreaterThan(0);
        expect(page.summary.length).toBeLessThanOrEqual(500);
      });

      it('renders without problems, between 300 and 700 words', () => {
        expect(markdownProblems(page.body)).toEqual([]);
        const html = renderMarkdown(page.body);
        expect(html).not.toContain('<h1');
        expect(html).toContain('<h2 class="govuk-heading-l">');
        const count = words(html);
        expect(count).toBeGreaterThanOrEqual(300);
        expect(count).toBeLessThanOrEqual(700);
      });

      it('links only to other pages, the EHC request form, email addresses and public websites', () => {
        for (const href of hrefs(renderMarkdown(page.body))) {
          if (
            /^(https:\/\/|mailto:[a-z.]+@[a-z.]+\.example$)/.test(href) ||
            href === '/request-an-ehc-needs-assessment'
          )
            continue;
          const slug = /^\/local-offer\/information\/([a-z0-9-]+)$/.exec(href)?.[1];
          expect(slug, `${page.slug} links to ${href}`).toBeDefined();
          expect(slugs, `${page.slug} links to ${href}`).toContain(slug);
        }
      });

      it('uses only drama phone numbers and example email addresses', () => {
        const phones = page.body.match(/\b0\d{3,4} ?\d{3} ?\d{3,4}\b/g) ?? [];
        for (const phone of phones) expect(phone.replace(/ /g, '')).toMatch(/^(01632960|07700900)\d{3}$/);
        const emails = page.body.match(/[\w.+-]+@[\w.-]+/g) ?? [];
        for (const email of emails) expect(email).toMatch(/\.example$/);
      });
    });
  }
});

describe('Local Offer accessibility statement', () => {
  it('renders without problems and says what the regulations require', () => {
    expect(markdownProblems(LOCAL_OFFER_ACCESSIBILITY_STATEMENT)).toEqual([]);
    const html = renderMarkdown(LOCAL_OFFER_ACCESSIBILITY_STATEMENT);
    for (const heading of [
      'Compliance status',
      'Feedback and contact information',
      'Reporting accessibility problems with this website',
      'Enforcement procedure',
      'How we tested this website',
      'Preparation of this accessibility statement',
    ])
      expect(html).toMatch(new RegExp(`<h[23] class="govuk-heading-[lm]">${heading}</h[23]>`));
    expect(html).toContain('WCAG) version 2.2 AA');
    expect(html).toContain('23 November 2026');
    expect(html).toContain('Equality and Human Rights Commission');
  });
});
