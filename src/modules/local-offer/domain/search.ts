import type { Weekday } from './listing.ts';

/** What a search asks for, after the URL has been checked and codes turned into ids. */
export type SearchCriteria = {
  keywords?: string;
  /** A to_tsquery expression built by buildTsQuery from checked words only. */
  tsquery?: string;
  termIds: string[];
  age?: number;
  days: Weekday[];
  languages: string[];
  accessibility: string[];
  near?: { latitude: number; longitude: number; radiusMetres: number };
  sort: 'relevance' | 'distance' | 'name';
  page: number;
  perPage: number;
};

/** Common English words that carry no meaning in a search (PostgreSQL's english stop words, abridged). */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for from has have if in into is it its my no not of on or our so such ' +
    'that the their then there these they this to was we what when where which who will with you your'
  ).split(' '),
);

const MAX_WORDS = 8;

/** Lower case, accents removed, split into words of letters and digits. */
export function normaliseWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The distinct words of a listing worth offering as corrections: 3 to 30 letters, not stop words. */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      normaliseWords(text).filter(
        (w) => w.length >= 3 && w.length <= 30 && !STOP_WORDS.has(w) && !/^\d+$/.test(w),
      ),
    ),
  ];
}

/** The words of a search that will be looked for: stop words dropped, at most eight. */
export function queryWords(keywords: string): string[] {
  return [...new Set(normaliseWords(keywords).filter((w) => !STOP_WORDS.has(w) && w.length <= 30))].slice(
    0,
    MAX_WORDS,
  );
}

export type QueryWord = { word: string; alternatives: string[] };

/**
 * A to_tsquery expression: every word must match (AND), each as a prefix or as one of the close
 * spellings found in the listings (OR). Only [a-z0-9] reaches the expression, so no user input
 * can change its syntax.
 */
export function buildTsQuery(words: QueryWord[]): string | undefined {
  const safe = (w: string) => w.replace(/[^a-z0-9]/g, '');
  const parts = words
    .map(({ word, alternatives }) => {
      const options = [
        `${safe(word)}:*`,
        ...alternatives.map(safe).filter((a) => a.length > 0 && a !== safe(word)),
      ].filter((o) => o !== ':*');
      if (options.length === 0) return undefined;
      return options.length === 1 ? options[0] : `(${options.join(' | ')})`;
    })
    .filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' & ') : undefined;
}

/** Miles a family can choose, and metres for the database. */
export const DISTANCE_MILES = [1, 3, 5, 10, 20] as const;
export const METRES_PER_MILE = 1609.344;
