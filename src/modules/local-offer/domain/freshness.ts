import { addDays } from '../../../lib/dates.ts';

/**
 * Out-of-date listings are the first complaint in parent surveys. Every listing has the date
 * someone last confirmed it (assured_date); its review is due a set number of days later, its
 * owners are reminded before that, and if nobody confirms it within the grace period it is hidden
 * from the public (never deleted) until someone does.
 */
export type FreshnessSettings = { reviewDays: number; reminderDays: number; graceDays: number };

export type Freshness = 'current' | 'due_soon' | 'overdue' | 'hidden';

export const FRESHNESS_LABELS: Record<Freshness, string> = {
  current: 'Up to date',
  due_soon: 'Review due soon',
  overdue: 'Review overdue',
  hidden: 'Hidden: not confirmed',
};

export function reviewDueOn(assuredDate: string, settings: FreshnessSettings): string {
  return addDays(assuredDate, settings.reviewDays);
}

export function freshnessOf(assuredDate: string, today: string, settings: FreshnessSettings): Freshness {
  const due = reviewDueOn(assuredDate, settings);
  if (today > addDays(due, settings.graceDays)) return 'hidden';
  if (today > due) return 'overdue';
  if (today >= addDays(due, -settings.reminderDays)) return 'due_soon';
  return 'current';
}

/** Listings confirmed before this date are hidden from the public today. */
export function hiddenBefore(today: string, settings: FreshnessSettings): string {
  return addDays(today, -(settings.reviewDays + settings.graceDays));
}
