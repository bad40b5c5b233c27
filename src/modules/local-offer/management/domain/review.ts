import { addDays } from '../../../../lib/dates.ts';
import {
  hiddenBefore as hiddenBeforeToday,
  type Freshness,
  type FreshnessSettings,
} from '../../domain/freshness.ts';

/** An inclusive range of assured dates; a missing end is open. */
export type AssuredRange = { from?: string; to?: string };

/**
 * The assured dates that put a listing in each freshness state today: the same rule as
 * freshnessOf, turned round so a database can select by date (and use its index).
 */
export function assuredRanges(today: string, settings: FreshnessSettings): Record<Freshness, AssuredRange> {
  const dueToday = addDays(today, -settings.reviewDays);
  const hiddenBefore = hiddenBeforeToday(today, settings);
  return {
    current: { from: addDays(dueToday, settings.reminderDays + 1) },
    due_soon: { from: dueToday, to: addDays(dueToday, settings.reminderDays) },
    overdue: { from: hiddenBefore, to: addDays(dueToday, -1) },
    hidden: { to: addDays(hiddenBefore, -1) },
  };
}

export function inRange(date: string, range: AssuredRange): boolean {
  return (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to);
}

/** Freshness states a review reminder is sent for, and the notification template of each. */
export const REMINDER_TEMPLATES: Record<Exclude<Freshness, 'current'>, string> = {
  due_soon: 'local-offer-review-due',
  overdue: 'local-offer-review-overdue',
  hidden: 'local-offer-listing-hidden',
};

/** Letters for a code: lower case words joined by hyphens, unique among the codes already used. */
export function termCodeFrom(name: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'term';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
