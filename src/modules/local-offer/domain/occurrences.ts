import { addDays, dayOfWeek, daysBetween } from '../../../lib/dates.ts';

/**
 * Turns schedules (a one-off date, a weekly session, a monthly session, each perhaps term-time
 * only) into the dated sessions a family sees on "What's on", for a range of dates.
 */
export type ScheduleForOccurrences = {
  freq: string;
  byday: string[];
  week_of_month: number | null;
  dtstart: string | null;
  valid_from: string | null;
  valid_to: string | null;
  term_time_only: boolean;
};

export type TermDates = { start: string; end: string }[];

const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export const MAX_RANGE_DAYS = 92;

function inTerm(date: string, terms: TermDates): boolean {
  return terms.some((t) => date >= t.start && date <= t.end);
}

/** Which week of its month a date falls in (1 to 5), and whether it is the last such weekday. */
function weekOfMonth(date: string): { ordinal: number; last: boolean } {
  const day = Number(date.slice(8, 10));
  const nextWeek = addDays(date, 7);
  return { ordinal: Math.ceil(day / 7), last: nextWeek.slice(5, 7) !== date.slice(5, 7) };
}

export function occurrencesBetween(
  schedule: ScheduleForOccurrences,
  from: string,
  to: string,
  terms: TermDates,
): string[] {
  if (to < from) return [];
  const span = Math.min(daysBetween(from, to), MAX_RANGE_DAYS);
  if (schedule.freq === 'ONCE') {
    const date = schedule.dtstart;
    return date && date >= from && date <= to && (!schedule.term_time_only || inTerm(date, terms))
      ? [date]
      : [];
  }
  const dates: string[] = [];
  for (let i = 0; i <= span; i++) {
    const date = addDays(from, i);
    if (schedule.valid_from && date < schedule.valid_from) continue;
    if (schedule.valid_to && date > schedule.valid_to) continue;
    if (!schedule.byday.includes(CODES[dayOfWeek(date)] as string)) continue;
    if (schedule.freq === 'MONTHLY') {
      const wanted = schedule.week_of_month ?? 1;
      const { ordinal, last } = weekOfMonth(date);
      if (wanted === -1 ? !last : ordinal !== wanted) continue;
    }
    if (schedule.term_time_only && !inTerm(date, terms)) continue;
    dates.push(date);
  }
  return dates;
}
