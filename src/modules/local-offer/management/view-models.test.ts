import { describe, expect, it } from 'vitest';
import {
  comparisonModel,
  dashboardModel,
  listingFormModel,
  listingTags,
  managementNav,
} from './view-models.ts';
import { FORM_ROWS } from './schemas.ts';

const settings = { reviewDays: 182, reminderDays: 28, graceDays: 28 };
const today = '2026-03-27';
const row = {
  assuredDate: today,
  liveRevisionNumber: 1,
  withdrawn: false,
  visibility: 'public',
  pendingNumber: null as number | null,
};

describe('listingTags', () => {
  it('says first whether the public can see the listing', () => {
    expect(listingTags(row, today, settings).map((t) => t.text)).toEqual(['Live']);
    expect(listingTags({ ...row, withdrawn: true }, today, settings)[0]?.text).toBe('Withdrawn');
    expect(listingTags({ ...row, liveRevisionNumber: 0 }, today, settings)[0]?.text).toBe('Not yet approved');
    expect(listingTags({ ...row, visibility: 'internal' }, today, settings)[0]?.text).toBe(
      'Live: professionals only',
    );
    expect(listingTags({ ...row, assuredDate: '2025-01-01' }, today, settings)[0]).toEqual({
      text: 'Hidden: not confirmed',
      classes: 'govuk-tag--red',
    });
  });

  it('adds a change waiting and a review coming up', () => {
    const tags = listingTags({ ...row, pendingNumber: 2, assuredDate: '2025-09-10' }, today, settings);
    expect(tags.map((t) => t.text)).toEqual(['Live', 'Change waiting for approval', 'Review overdue']);
    expect(listingTags({ ...row, assuredDate: '2025-10-10' }, today, settings).map((t) => t.text)).toEqual([
      'Live',
      'Review due soon',
    ]);
    // A withdrawn listing is not reviewed.
    expect(listingTags({ ...row, withdrawn: true, assuredDate: '2025-09-10' }, today, settings)).toHaveLength(
      1,
    );
  });
});

describe('managementNav', () => {
  it('shows moderation and taxonomies to editors only, marking the current section', () => {
    expect(managementNav(false, 'listings').items.map((i) => i.text)).toEqual(['Overview', 'Listings']);
    const editor = managementNav(true, 'moderation');
    expect(editor.items.map((i) => i.href)).toEqual([
      '/staff/local-offer',
      '/staff/local-offer/services',
      '/staff/local-offer/moderation',
      '/staff/local-offer/taxonomies',
      '/staff/local-offer/organisations',
      '/staff/local-offer/information',
      '/staff/local-offer/feedback',
      '/staff/local-offer/import',
      '/staff/local-offer/feeds',
    ]);
    expect(editor.items.filter((i) => 'active' in i).map((i) => i.text)).toEqual(['Changes to approve']);
  });
});

describe('dashboardModel', () => {
  it('links each count to the listings behind it, in words that agree with the number', () => {
    const counts = { dueSoon: 1, overdue: 2, hidden: 1, waiting: 3, live: 10, total: 12 };
    const editor = dashboardModel({ isEditor: true, counts });
    expect(editor.cards.map((c) => c.href)).toEqual([
      '/staff/local-offer/moderation',
      '/staff/local-offer/services?freshness=due_soon',
      '/staff/local-offer/services?freshness=overdue',
      '/staff/local-offer/services?freshness=hidden',
    ]);
    expect(editor.cards[0]?.text).toBe('3 changes from providers are waiting for you to approve or reject.');
    expect(editor.cards[1]?.text).toBe('1 listing needs checking and confirming soon.');
    expect(editor.cards[2]?.text).toContain('2 listings are past their review date');
    expect(dashboardModel({ isEditor: false, counts }).cards[0]?.href).toBe(
      '/staff/local-offer/services?status=waiting',
    );
  });
});

describe('comparisonModel', () => {
  const rows = [
    { key: 'name', field: 'Name', before: 'Old <b>', after: 'New', changed: true },
    {
      key: 'description',
      field: 'Description',
      before: 'Line one\nLine two',
      after: 'Line one\nLine two',
      changed: false,
    },
    { key: 'email', field: 'Email address', before: '', after: 'a@example.org', changed: true },
  ];

  it('shows the changed fields, escaped, and counts the rest', () => {
    const model = comparisonModel(rows, false);
    expect(model).toMatchObject({ changedCount: 2, unchangedCount: 1, showUnchanged: false });
    expect(model.rows).toHaveLength(2);
    expect(model.rows[0]?.[0]?.html).toContain('Changed');
    expect(model.rows[0]?.[1]?.html).toBe('Old &lt;b&gt;');
    expect(model.rows[1]?.[1]?.html).toContain('Not given');
  });

  it('shows every field when asked, keeping line breaks', () => {
    const model = comparisonModel(rows, true);
    expect(model.rows).toHaveLength(3);
    expect(model.rows[1]?.[1]?.html).toBe('Line one<br>Line two');
  });
});

describe('listingFormModel', () => {
  const terms = [
    {
      id: 'p',
      taxonomyId: 'x',
      taxonomyKey: 'need',
      parentId: null,
      code: 'p',
      name: 'Sensory',
      description: '',
      minimumAge: null,
      maximumAge: null,
      sortOrder: 0,
    },
    {
      id: 'c',
      taxonomyId: 'x',
      taxonomyKey: 'need',
      parentId: 'p',
      code: 'c',
      name: 'Hearing',
      description: '',
      minimumAge: null,
      maximumAge: null,
      sortOrder: 1,
    },
  ];

  it('keeps the answers, ticks the chosen checkboxes and puts each error on its field', () => {
    const model = listingFormModel({
      values: { name: 'Club', needs: 'c', 'schedule1Date-day': '4', schedule1Freq: 'ONCE' },
      errors: {
        summary: [{ text: 'Enter the date', href: '#schedule1Date-day' }],
        fields: { 'schedule1Date-day': { text: 'Enter the date' } },
      },
      rows: { ...FORM_ROWS },
      categories: [],
      needs: terms,
      canSetVisibility: false,
    });
    expect(model.name.value).toBe('Club');
    expect(model.visibility).toBeNull();
    expect(model.organisation).toBeNull();
    expect(model.needs.items).toEqual([
      { value: 'p', text: 'Sensory', checked: false },
      { value: 'c', text: '– Hearing', checked: true },
    ]);
    const session = model.scheduleRows[0];
    expect(session?.freq.items.find((i) => i.value === 'ONCE')?.checked).toBe(true);
    expect(session?.date.errorMessage).toEqual({ text: 'Enter the date' });
    expect(session?.date.items[0]).toMatchObject({ name: 'day', value: '4' });
    expect(session?.date.items[0]?.classes).toContain('govuk-input--error');
    expect(model.scheduleRows).toHaveLength(FORM_ROWS.schedules);
  });
});
