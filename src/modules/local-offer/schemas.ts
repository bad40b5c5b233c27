import { addDays, isIsoDate } from '../../lib/dates.ts';
import { MAX_RANGE_DAYS } from './domain/occurrences.ts';
import { DISTANCE_MILES } from './domain/search.ts';
import { LANGUAGE_CODES, VENUE_ACCESSIBILITY, WEEKDAYS, type Weekday } from './domain/listing.ts';

/**
 * The search lives in the URL so it can be bookmarked and shared. Nothing in a URL can break the
 * page: each value is checked, and one that cannot be used is dropped with a message saying so.
 */
export type SearchParams = {
  q: string;
  category: string[];
  need: string[];
  ageGroup: string[];
  age?: number;
  cost?: 'free' | 'paid';
  day: Weekday[];
  language: string[];
  access: string[];
  postcode: string;
  distance: number;
  sort: 'relevance' | 'distance' | 'name';
  page: number;
};

export type SearchProblem = { field: string; message: string };

export const MAX_KEYWORDS_LENGTH = 200;
export const DEFAULT_DISTANCE_MILES = 3;

const list = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [
    ...new Set(
      values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()),
    ),
  ].slice(0, 30);
};
const single = (value: unknown): string => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim() : '';
};

export function parseSearchParams(query: unknown): { params: SearchParams; problems: SearchProblem[] } {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const problems: SearchProblem[] = [];

  let q = single(raw.q).replace(/\s+/g, ' ');
  if (q.length > MAX_KEYWORDS_LENGTH) {
    problems.push({ field: 'q', message: `Search terms must be ${MAX_KEYWORDS_LENGTH} characters or fewer` });
    q = q.slice(0, MAX_KEYWORDS_LENGTH);
  }

  let age: number | undefined;
  const ageText = single(raw.age);
  if (ageText !== '') {
    if (/^\d{1,2}$/.test(ageText) && Number(ageText) <= 25) age = Number(ageText);
    else problems.push({ field: 'age', message: 'Age must be a whole number from 0 to 25' });
  }

  const costText = single(raw.cost);
  let cost: SearchParams['cost'];
  if (costText === 'free' || costText === 'paid') cost = costText;
  else if (costText !== '') problems.push({ field: 'cost', message: 'Choose free or paid' });

  const day: Weekday[] = [];
  for (const d of list(raw.day)) {
    const code = d.toUpperCase();
    if ((WEEKDAYS as readonly string[]).includes(code)) day.push(code as Weekday);
    else problems.push({ field: 'day', message: 'Choose days of the week from the list' });
  }
  const language = list(raw.language).filter((l) => {
    if (LANGUAGE_CODES.includes(l)) return true;
    problems.push({ field: 'language', message: 'Choose languages from the list' });
    return false;
  });
  const access = list(raw.access).filter((a) => {
    if ((VENUE_ACCESSIBILITY as readonly string[]).includes(a)) return true;
    problems.push({ field: 'access', message: 'Choose venue accessibility from the list' });
    return false;
  });

  const distanceText = single(raw.distance);
  let distance = DEFAULT_DISTANCE_MILES;
  if (distanceText !== '') {
    if ((DISTANCE_MILES as readonly number[]).includes(Number(distanceText))) distance = Number(distanceText);
    else problems.push({ field: 'distance', message: 'Choose a distance from the list' });
  }

  const sortText = single(raw.sort);
  let sort: SearchParams['sort'] = 'relevance';
  if (sortText === 'distance' || sortText === 'name' || sortText === 'relevance') sort = sortText;
  else if (sortText !== '') problems.push({ field: 'sort', message: 'Choose how to sort from the list' });

  const pageText = single(raw.page);
  let page = 1;
  if (pageText !== '') {
    if (/^\d{1,6}$/.test(pageText) && Number(pageText) >= 1) page = Number(pageText);
    else problems.push({ field: 'page', message: 'Page must be a whole number, 1 or more' });
  }

  const postcode = single(raw.postcode).slice(0, 20);

  return {
    params: {
      q,
      category: list(raw.category),
      need: list(raw.need),
      ageGroup: list(raw.ageGroup),
      ...(age === undefined ? {} : { age }),
      ...(cost === undefined ? {} : { cost }),
      day,
      language,
      access,
      postcode,
      distance,
      sort,
      page,
    },
    problems: dedupe(problems),
  };
}

function dedupe(problems: SearchProblem[]): SearchProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}

/** The URL of a search, with only the values that are set, in a stable order. */
export function searchUrl(
  params: SearchParams,
  changes: Partial<SearchParams> = {},
  base = '/local-offer/search',
): string {
  const p = { ...params, ...changes };
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  for (const v of p.category) qs.append('category', v);
  for (const v of p.need) qs.append('need', v);
  for (const v of p.ageGroup) qs.append('ageGroup', v);
  if (p.age !== undefined) qs.set('age', String(p.age));
  if (p.cost) qs.set('cost', p.cost);
  for (const v of p.day) qs.append('day', v);
  for (const v of p.language) qs.append('language', v);
  for (const v of p.access) qs.append('access', v);
  if (p.postcode) {
    qs.set('postcode', p.postcode);
    qs.set('distance', String(p.distance));
  }
  if (p.sort !== 'relevance') qs.set('sort', p.sort);
  if (p.page > 1) qs.set('page', String(p.page));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

/** The dates (and page) of What's on, from the URL: past dates are allowed, a family may look back at what ran. */
export function parseWhatsOnQuery(query: unknown, today: string) {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const problems: SearchProblem[] = [];
  const dateParam = (name: 'from' | 'to', fallback: string) => {
    const value = single(raw[name]);
    if (value === '') return fallback;
    if (isIsoDate(value)) return value;
    problems.push({
      field: name,
      message: `Enter the ${name === 'from' ? 'start' : 'end'} date as a real date`,
    });
    return fallback;
  };
  const from = dateParam('from', today);
  let to = dateParam('to', addDays(from, 6));
  if (to < from) {
    problems.push({ field: 'to', message: 'The end date must be the same as or after the start date' });
    to = addDays(from, 6);
  }
  if (to > addDays(from, MAX_RANGE_DAYS)) {
    problems.push({ field: 'to', message: `Choose dates no more than ${MAX_RANGE_DAYS} days apart` });
    to = addDays(from, MAX_RANGE_DAYS);
  }
  const pageText = single(raw.page);
  const validPage = /^\d{1,4}$/.test(pageText) && Number(pageText) >= 1;
  if (pageText !== '' && !validPage) {
    problems.push({ field: 'sessions', message: 'Page must be a whole number, 1 or more' });
  }
  return {
    from,
    to,
    eventsOnly: single(raw.type) === 'events',
    page: validPage ? Number(pageText) : 1,
    problems,
  };
}
