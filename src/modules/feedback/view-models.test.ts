import { describe, expect, it } from 'vitest';
import type { FeedbackReportWithService } from './repository.ts';
import {
  excerpt,
  reportSummaryRows,
  reportTableRows,
  statusFilterItems,
  statusTagHtml,
  triageItems,
  whatWasWrongLabel,
  yearLinks,
} from './view-models.ts';

function report(overrides: Partial<FeedbackReportWithService> = {}): FeedbackReportWithService {
  return {
    id: '00000000-0000-4000-8000-000000000009',
    kind: 'page_problem',
    page_path: '/local-offer/services/00000000-0000-4000-8000-000000000001',
    service_id: '00000000-0000-4000-8000-000000000001',
    service_name: 'Swim & Splash',
    what_was_wrong: 'wrong-or-out-of-date',
    message: 'The <b>phone</b> number\nis wrong',
    reply_email: 'parent@example.org',
    status: 'new',
    you_said: null,
    we_did: null,
    publish: false,
    assigned_to: null,
    received_at: new Date('2026-11-23T15:05:00Z'),
    resolved_at: null,
    updated_at: new Date('2026-11-23T15:05:00Z'),
    is_demo: false,
    ...overrides,
  };
}

describe('feedback view-models', () => {
  it('labels statuses and reasons', () => {
    expect(statusTagHtml('in_progress')).toBe(
      '<strong class="govuk-tag govuk-tag--yellow">In progress</strong>',
    );
    expect(statusTagHtml('<odd>')).toBe('<strong class="govuk-tag govuk-tag--grey">&lt;odd&gt;</strong>');
    expect(whatWasWrongLabel('broken-link')).toBe('A link or page does not work');
    expect(whatWasWrongLabel(null)).toBe('');
  });

  it('shortens a message to one line', () => {
    expect(excerpt('a\n\nb   c')).toBe('a b c');
    expect(excerpt('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('counts reports in the status filter', () => {
    expect(statusFilterItems('resolved', { new: 2, resolved: 1 })).toEqual([
      { value: '', text: 'All statuses', selected: false },
      { value: 'new', text: 'New (2)', selected: false },
      { value: 'in_progress', text: 'In progress (0)', selected: false },
      { value: 'resolved', text: 'Resolved (1)', selected: true },
    ]);
  });

  it('escapes what people sent, in the list and on the report', () => {
    const [row] = reportTableRows([report()]);
    expect(row?.[1]).toEqual({
      html: '<a class="govuk-link" href="/staff/local-offer/feedback/00000000-0000-4000-8000-000000000009">Information is wrong or out of date</a><br><span class="govuk-body-s">The &lt;b&gt;phone&lt;/b&gt; number is wrong</span>',
    });
    const rows = reportSummaryRows(report());
    const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
    expect(value('Message')).toEqual({ html: 'The &lt;b&gt;phone&lt;/b&gt; number<br>is wrong' });
    expect(value('Service')).toEqual({
      html: '<a class="govuk-link" href="/local-offer/services/00000000-0000-4000-8000-000000000001">Swim &amp; Splash</a>',
    });
    expect(value('Email for a reply')).toEqual({
      html: '<a class="govuk-link" href="mailto:parent@example.org">parent@example.org</a>',
    });
    expect(
      reportSummaryRows(report({ reply_email: null })).find((r) => r.key.text === 'Email for a reply')?.value,
    ).toEqual({ text: 'Not given' });
  });

  it('checks the saved status and publish answer', () => {
    const items = triageItems({ status: 'resolved', publish: 'yes' });
    expect(items.statuses.find((s) => s.checked)?.value).toBe('resolved');
    expect(items.publish.find((p) => p.checked)?.value).toBe('yes');
  });

  it('links each year', () => {
    expect(yearLinks([2027, 2026], 2026)).toEqual([
      { text: '2027', href: '/local-offer/you-said-we-did?year=2027', current: false },
      { text: '2026', href: '/local-offer/you-said-we-did?year=2026', current: true },
    ]);
  });
});
