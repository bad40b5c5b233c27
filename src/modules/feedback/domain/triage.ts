/** The rules for an editor's triage of a report, and for "You said, we did" (SEND Regulations 2014 reg 56). */

export type TriageProblem = { field: 'youSaid' | 'weDid'; message: string };

/**
 * A report resolved and published needs both halves of "You said, we did": what people told us (anonymised)
 * and what we did about it. Until it is resolved an editor can save either half as a draft.
 */
export function triageProblems(input: {
  status: string;
  publish: boolean;
  youSaid: string | null;
  weDid: string | null;
}): TriageProblem[] {
  if (!input.publish || input.status !== 'resolved') return [];
  const problems: TriageProblem[] = [];
  if (!input.youSaid)
    problems.push({
      field: 'youSaid',
      message: 'Enter what they told us, without names or other personal details, to publish it',
    });
  if (!input.weDid)
    problems.push({ field: 'weDid', message: 'Enter what we did, to publish it on You said, we did' });
  return problems;
}

/**
 * When a report was resolved: now when it becomes resolved, unchanged while it stays resolved, and cleared if it
 * is opened again.
 */
export function resolvedAt(
  previous: { status: string; resolved_at: Date | null },
  status: string,
  now: Date,
) {
  if (status !== 'resolved') return null;
  return previous.status === 'resolved' && previous.resolved_at ? previous.resolved_at : now;
}

const londonYearFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric' });

export function londonYear(date: Date): number {
  return Number(londonYearFormat.format(date));
}

/** The first instant of a year in England and of the next: London is on GMT at every new year. */
export function yearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}

/** Items grouped by the year (in England) they were resolved, newest year first, keeping each year's order. */
export function groupByYear<T extends { resolved_at: Date }>(items: T[]): { year: number; items: T[] }[] {
  const years = new Map<number, T[]>();
  for (const item of items) {
    const year = londonYear(item.resolved_at);
    years.set(year, [...(years.get(year) ?? []), item]);
  }
  return [...years.entries()].sort(([a], [b]) => b - a).map(([year, list]) => ({ year, items: list }));
}

/** A year from a query string: four digits in a sensible range, or null. */
export function parseYear(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value.trim())) return null;
  const year = Number(value.trim());
  return year >= 2014 && year <= 2999 ? year : null;
}
