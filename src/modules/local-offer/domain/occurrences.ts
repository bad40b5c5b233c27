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

/** Each date in a range with what the schedules need to know about it, worked out once per range. */
export type CalendarDay = { date: string; code: string; inTerm: boolean; ordinal: number; last: boolean };

export function calendarDays(from: string, to: string, terms: TermDates): CalendarDay[] {
  if (to < from) return [];
  const span = Math.min(daysBetween(from, to), MAX_RANGE_DAYS);
  const days: CalendarDay[] = [];
  for (let i = 0; i <= span; i++) {
    const date = addDays(from, i);
    const { ordinal, last } = weekOfMonth(date);
    days.push({ date, code: CODES[dayOfWeek(date)] as string, inTerm: inTerm(date, terms), ordinal, last });
  }
  return days;
}

/** The dates in `days` on which a schedule has a session. */
export function occurrencesOn(schedule: ScheduleForOccurrences, days: CalendarDay[]): string[] {
  const first = days[0]?.date;
  const lastDay = days.at(-1)?.date;
  if (first === undefined || lastDay === undefined) return [];
  if (schedule.freq === 'ONCE') {
    const date = schedule.dtstart;
    if (!date || date < first || date > lastDay) return [];
    const day = days.find((d) => d.date === date);
    return day && (!schedule.term_time_only || day.inTerm) ? [date] : [];
  }
  const dates: string[] = [];
  const wanted = schedule.week_of_month ?? 1;
  for (const day of days) {
    if (!schedule.byday.includes(day.code)) continue;
    if (schedule.valid_from && day.date < schedule.valid_from) continue;
    if (schedule.valid_to && day.date > schedule.valid_to) continue;
    if (schedule.freq === 'MONTHLY' && (wanted === -1 ? !day.last : day.ordinal !== wanted)) continue;
    if (schedule.term_time_only && !day.inTerm) continue;
    dates.push(day.date);
  }
  return dates;
}

export function occurrencesBetween(
  schedule: ScheduleForOccurrences,
  from: string,
  to: string,
  terms: TermDates,
): string[] {
  return occurrencesOn(schedule, calendarDays(from, to, terms));
}
