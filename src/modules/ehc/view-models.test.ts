import { describe, expect, it } from 'vitest';
import {
  dateFromFields,
  dueRisk,
  dueRows,
  escapeHtml,
  shareText,
  statusTag,
  taskList,
  twentyWeekTimelinessView,
} from './view-models.ts';
import type { CaseWithNames } from './repository.ts';

describe('dateFromFields', () => {
  it('reads a GOV.UK date input', () => {
    expect(dateFromFields({ 'd-day': '3', 'd-month': '3', 'd-year': '2026' }, 'd', 'the date')).toEqual({
      ok: true,
      value: '2026-03-03',
    });
    expect(dateFromFields({}, 'd', 'the date')).toEqual({ ok: false, message: 'Enter the date' });
    expect(dateFromFields({ 'd-day': '3', 'd-year': '2026' }, 'd', 'the date')).toEqual({
      ok: false,
      message: 'The date must include a month',
    });
    expect(dateFromFields({ 'd-day': '29', 'd-month': '2', 'd-year': '2027' }, 'd', 'the date')).toEqual({
      ok: false,
      message: 'The date must be a real date',
    });
    expect(dateFromFields({ 'd-day': 'x', 'd-month': '2', 'd-year': '2027' }, 'd', 'the date').ok).toBe(
      false,
    );
  });
});

describe('due and overdue', () => {
  it('colours by risk and says how late', () => {
    expect(dueRisk('2026-03-16', '2026-03-18')).toBe('overdue');
    expect(dueRisk('2026-03-16', '2026-03-10')).toBe('due-soon');
    const [row] = dueRows(
      [
        {
          kind: 'advice',
          due_on: '2026-03-16',
          case_id: 'c1',
          reference: 'EHC-2026-000001',
          child_given_names: 'Sam',
          child_family_name: 'Lee',
          caseworker_name: null,
          organisation_name: 'Trust <x>',
          subject_id: 'a1',
        },
      ],
      '2026-03-17',
    );
    expect(row?.[0]).toEqual({ html: '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' });
    expect(row?.[1]).toEqual({ text: '16 March 2026 (1 day overdue)' });
    expect(row?.[2]).toEqual({ text: 'Advice: Trust <x>' });
    expect(row?.[5]).toEqual({ text: 'Not assigned' });
  });

  it('escapes what it puts in HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('taskList', () => {
  const file = (status: string, extra: Partial<Parameters<typeof taskList>[0]> = {}) => ({
    case: {
      id: 'c1',
      status,
      decision_outcome:
        status === 'awaiting-decision' ? null : status === 'not-assessing' ? 'not-assess' : 'assess',
    },
    advice: [],
    consultations: [],
    plan: null,
    representations: [],
    ...extra,
  });

  it('starts with the decision to make, everything else waiting', () => {
    const tasks = taskList(file('awaiting-decision'));
    expect(tasks[0]).toMatchObject({
      title: { text: 'Decide whether to assess' },
      href: '/ehc/cases/c1/decision',
    });
    expect(tasks.slice(1).every((t) => !('href' in t))).toBe(true);
  });

  it('shows advice in progress with how much is still to come', () => {
    const tasks = taskList(
      file('assessing', { advice: [{ received_on: null }, { received_on: '2026-03-01' }] }),
    );
    expect(tasks[1]).toMatchObject({
      href: '/ehc/cases/c1/advice',
      hint: { text: '1 still to come' },
      status: { tag: { text: 'In progress' } },
    });
  });

  it('marks the rest not needed once the request is refused', () => {
    const tasks = taskList(file('not-assessing'));
    expect(tasks.slice(1).every((t) => t.status.text === 'Not needed')).toBe(true);
  });

  it('labels statuses in words', () => {
    expect(statusTag('draft-issued')).toEqual({ text: 'Draft plan issued', classes: 'govuk-tag--purple' });
  });
});

describe('20-week timeliness for the manager', () => {
  it('shows a share with the counts behind it, rounded only on display', () => {
    expect(shareText(2, 3)).toBe('2 of 3 (66.7%)');
    expect(shareText(1, 1)).toBe('1 of 1 (100%)');
    expect(shareText(0, 0)).toBe('None issued yet');
  });

  it('counts each plan by its week and tags the late ones', () => {
    const plan = (id: string, issued: string) =>
      ({
        id,
        reference: `EHC-${id}`,
        child_given_names: 'Demo',
        child_family_name: id,
        received_on: '2026-01-05',
        final_issued_on: issued,
      }) as unknown as CaseWithNames;
    const view = twentyWeekTimelinessView({
      year: '2026',
      issued: 2,
      withinTwentyWeeks: 1,
      issuedExcludingExceptions: 1,
      withinTwentyWeeksExcludingExceptions: 0,
      rows: [
        { case: plan('a', '2026-05-11'), issuedWithinTwentyWeeks: true, week20: 1 },
        { case: plan('b', '2026-06-01'), issuedWithinTwentyWeeks: false, week20: 0 },
      ],
    });
    expect(view.summaryRows.map((r) => r.value.text)).toEqual(['2', '1 of 2 (50%)', '0 of 1 (0%)']);
    expect(view.rows[0]?.[4]).toEqual({ text: 'Week 19' });
    expect(view.rows[0]?.[5]?.html).toContain('Within 20 weeks');
    expect(view.rows[0]?.[6]).toEqual({ text: 'Yes' });
    expect(view.rows[1]?.[4]).toEqual({ text: 'Week 22' });
    expect(view.rows[1]?.[5]?.html).toContain('Late');
  });
});
