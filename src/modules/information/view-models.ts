import { AGE_GROUPS, INFORMATION_TOPICS } from '../../db/seed/information-pages.ts';
import { formatDate } from '../../lib/dates.ts';
import type { FormErrors, FormValues } from '../../lib/forms.ts';
import { escapeHtml } from '../../lib/html.ts';
import { markdownProblems } from '../../lib/markdown.ts';
import type { InformationPage, InformationPageSummary } from './repository.ts';

export const INFORMATION_PATH = '/local-offer/information';
export const STAFF_INFORMATION_PATH = '/staff/local-offer/information';

export function publicPagePath(slug: string): string {
  return `${INFORMATION_PATH}/${slug}`;
}

export function topicLabel(key: string): string {
  return INFORMATION_TOPICS.find((topic) => topic.key === key)?.label ?? key;
}

export function ageGroupLabel(key: string): string {
  return AGE_GROUPS.find((group) => group.key === key)?.label ?? key;
}

/** "All ages (0 to 25)" when a page is for every age group, otherwise the groups' labels. */
export function agesText(ageGroups: readonly string[]): string {
  if (AGE_GROUPS.every((group) => ageGroups.includes(group.key))) return 'All ages (0 to 25)';
  return AGE_GROUPS.filter((group) => ageGroups.includes(group.key))
    .map((group) => group.label)
    .join(', ');
}

/** "3 guides for primary school age (5 to 10)", "1 guide for ages 16 to 18", "There are no guides". */
export function guideCountText(total: number, ageGroup?: string): string {
  let forWhom = '';
  if (ageGroup) {
    const label = ageGroupLabel(ageGroup);
    forWhom = /^\d/.test(label)
      ? ` for ages ${label}`
      : ` for ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  }
  if (total === 0) return `There are no guides${forWhom}.`;
  return `${total} ${total === 1 ? 'guide' : 'guides'}${forWhom}.`;
}

/** "Last reviewed on 23 November 2026". */
export function lastReviewedText(isoDate: string): string {
  return `Last reviewed on ${formatDate(isoDate)}`;
}

export type TopicGroup = {
  key: string;
  heading: string;
  pages: { title: string; href: string; summary: string; ages: string }[];
};

/** Published pages under their topics, in the topics' order; topics with no pages are left out. */
export function pagesByTopic(pages: InformationPageSummary[]): TopicGroup[] {
  const known = INFORMATION_TOPICS.map((topic) => topic.key as string);
  const keys = [...known, ...new Set(pages.map((p) => p.topic).filter((key) => !known.includes(key)))];
  return keys
    .map((key) => ({
      key,
      heading: topicLabel(key),
      pages: pages
        .filter((page) => page.topic === key)
        .map((page) => ({
          title: page.title,
          href: publicPagePath(page.slug),
          summary: page.summary,
          ages: agesText(page.age_groups),
        })),
    }))
    .filter((group) => group.pages.length > 0);
}

/** The age-group filter's options; an unknown value selects nothing. */
export function ageGroupFilterItems(selected: string | undefined) {
  return [
    { value: '', text: 'All ages', selected: !selected },
    ...AGE_GROUPS.map((group) => ({ value: group.key, text: group.label, selected: group.key === selected })),
  ];
}

/** Facts shown under a page's text. */
export function pageFacts(page: Pick<InformationPage, 'topic' | 'age_groups' | 'last_reviewed_on'>) {
  return {
    topic: topicLabel(page.topic),
    ages: agesText(page.age_groups),
    lastReviewed: lastReviewedText(page.last_reviewed_on),
  };
}

export function staffTableRows(pages: InformationPageSummary[]) {
  return pages.map((page) => [
    {
      html: `<a class="govuk-link" href="${STAFF_INFORMATION_PATH}/${page.id}/edit">${escapeHtml(page.title)}</a>`,
    },
    { text: topicLabel(page.topic) },
    { text: formatDate(page.last_reviewed_on) },
    {
      html: page.published
        ? '<strong class="govuk-tag govuk-tag--green">Published</strong>'
        : '<strong class="govuk-tag govuk-tag--grey">Draft</strong>',
    },
  ]);
}

/** The form's answers from a saved page. */
export function formValuesFrom(page: InformationPage): FormValues {
  return {
    title: page.title,
    slug: page.slug,
    summary: page.summary,
    topic: page.topic,
    ageGroups: page.age_groups.join(', '),
    body: page.body,
    published: page.published ? 'yes' : 'no',
  };
}

/** Checked age groups from the form's answers (parseForm joins repeated values with ", "). */
function checkedAgeGroups(values: FormValues): string[] {
  return (values.ageGroups ?? '').split(',').map((value) => value.trim());
}

export function formItems(values: FormValues) {
  const ageGroups = checkedAgeGroups(values);
  return {
    topics: INFORMATION_TOPICS.map((topic) => ({
      value: topic.key,
      text: topic.label,
      checked: values.topic === topic.key,
    })),
    ageGroups: AGE_GROUPS.map((group) => ({
      value: group.key,
      text: group.label,
      checked: ageGroups.includes(group.key),
    })),
    published: [
      { value: 'yes', text: 'Yes, publish it on the Local Offer', checked: values.published === 'yes' },
      { value: 'no', text: 'No, keep it as a draft', checked: values.published !== 'yes' },
    ],
    markReviewed: values.markReviewed === 'yes',
  };
}

export type PageFormErrors = {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string } | { html: string }>;
};

/**
 * parseForm keeps one message per field; the page text can have several problems and an editor needs to see
 * them all, so each is listed in the summary and shown, one to a line, against the text box.
 */
export function withEveryMarkdownProblem(errors: FormErrors, body: string | undefined): PageFormErrors {
  if (!errors.fields.body || body === undefined) return errors;
  const problems = markdownProblems(body);
  if (problems.length < 2) return errors;
  const at = errors.summary.findIndex((item) => item.href === '#body');
  const summary = [...errors.summary];
  summary.splice(at, 1, ...problems.map((text) => ({ text, href: '#body' })));
  return {
    summary,
    fields: { ...errors.fields, body: { html: problems.map((p) => escapeHtml(p)).join('<br>') } },
  };
}
