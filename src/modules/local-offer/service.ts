import type { Repositories } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import { addDays, londonToday } from '../../lib/dates.ts';
import { createVersionedCache } from '../../lib/versioned-cache.ts';
import { findPostcodeOrDistrict } from './venues.ts';
import { directoryChangesInThisProcess } from './directory-changes.ts';
import { hiddenBefore, type FreshnessSettings } from './domain/freshness.ts';
import { calendarDays, occurrencesOn, type TermDates } from './domain/occurrences.ts';
import { parsePostcode } from './domain/postcode.ts';
import {
  buildTsQuery,
  METRES_PER_MILE,
  queryWords,
  type QueryWord,
  type SearchCriteria,
} from './domain/search.ts';
import type { TaxonomyTerm } from './repository.ts';
import type { SearchParams, SearchProblem } from './schemas.ts';

export const RESULTS_PER_PAGE = 20;

export type SearchOutcome = Awaited<ReturnType<ReturnType<typeof createLocalOfferService>['search']>>;

/** The public Local Offer: search, service pages, what's on and the shortlist. */
export function createLocalOfferService(deps: {
  repos: Repositories;
  clock: Clock;
  freshness: FreshnessSettings;
  termDates: TermDates;
  /** How long a search's results are reused while the directory is unchanged; 0 turns the cache off. */
  searchCacheSeconds?: number;
}) {
  const { repos, clock, freshness, termDates } = deps;
  const today = () => londonToday(clock.now());
  const visibleSince = () => hiddenBefore(today(), freshness);

  // The public directory is read far more than it changes, and the same searches recur (every
  // browse link is one). Results are reused until the directory changes.
  const caches = createVersionedCache({
    ttlMs: (deps.searchCacheSeconds ?? 60) * 1000,
    readVersion: () => repos.localOffer.directoryVersion(),
    localVersion: directoryChangesInThisProcess,
  });
  const data = caches.store<unknown>(2000);
  // Rendered search pages are larger (about 45 KB each), so fewer are kept: at most about 20 MB.
  const pages = caches.store<string>(400);
  const cached = <T>(key: string, load: () => Promise<T>) => data.get(key, load) as Promise<T>;

  async function termsByTaxonomy() {
    const terms = await cached('terms', () => repos.localOffer.listTerms());
    const byKey = (key: string) => terms.filter((t) => t.taxonomyKey === key);
    return {
      all: terms,
      category: byKey('category'),
      need: byKey('need'),
      ageGroup: byKey('age-group'),
      cost: byKey('cost'),
    };
  }

  /** Checks a search against the taxonomies and postcodes, and corrects misspelt words. */
  async function prepareSearch(params: SearchParams, initialProblems: SearchProblem[]) {
    const problems = [...initialProblems];
    const terms = await termsByTaxonomy();
    const termIds: string[] = [];
    const resolve = (codes: string[], available: TaxonomyTerm[], field: string, what: string) => {
      const known: string[] = [];
      for (const code of codes) {
        const term = available.find((t) => t.code === code);
        if (term) {
          termIds.push(term.id);
          known.push(code);
        } else if (!problems.some((p) => p.field === field)) {
          problems.push({ field, message: `Choose ${what} from the list` });
        }
      }
      return known;
    };
    const checked: SearchParams = {
      ...params,
      category: resolve(params.category, terms.category, 'category', 'categories'),
      need: resolve(params.need, terms.need, 'need', 'types of need'),
      ageGroup: resolve(params.ageGroup, terms.ageGroup, 'ageGroup', 'age groups'),
    };
    if (params.cost) {
      const term = terms.cost.find((t) => t.code === params.cost);
      if (term) termIds.push(term.id);
    }

    let near: SearchCriteria['near'];
    let postcodeDisplay: string | undefined;
    if (params.postcode) {
      const parsed = parsePostcode(params.postcode);
      if (!parsed) {
        problems.push({
          field: 'postcode',
          message: 'Enter a real postcode, like WV1 1SH, or the first part of one, like WV1',
        });
      } else {
        const found = await cached(
          `postcode:${parsed.code}`,
          async () => (await findPostcodeOrDistrict(repos, parsed)) ?? null,
        );
        if (!found) {
          problems.push({
            field: 'postcode',
            message: `We could not find ${parsed.display}. Check it, or enter the first part of the postcode, like WV1`,
          });
        } else {
          postcodeDisplay = parsed.display;
          near = {
            latitude: found.latitude,
            longitude: found.longitude,
            radiusMetres: Math.round(params.distance * METRES_PER_MILE),
          };
        }
      }
    }

    // Typo tolerance: a word that appears in no listing is also looked for as the closest words that do.
    const words = queryWords(params.q);
    const known = new Set(
      await cached(`known:${words.join(' ')}`, async () => [...(await repos.localOffer.knownWords(words))]),
    );
    const queryWordList: QueryWord[] = [];
    const corrections: { from: string; to: string }[] = [];
    for (const word of words) {
      if (known.has(word) || word.length < 4) {
        queryWordList.push({ word, alternatives: [] });
        continue;
      }
      const alternatives = await cached(`similar:${word}`, () => repos.localOffer.similarWords(word));
      // A word that is the start of a listed word ("speec") is found by prefix; no correction needed.
      const isPrefix = alternatives.some((a) => a.startsWith(word));
      if (alternatives[0] && !isPrefix) corrections.push({ from: word, to: alternatives[0] });
      queryWordList.push({ word, alternatives: isPrefix ? [] : alternatives });
    }
    const tsquery = buildTsQuery(queryWordList);

    const sort = checked.sort === 'distance' && !near ? 'relevance' : checked.sort;
    const criteria: SearchCriteria = {
      ...(params.q && tsquery ? { keywords: params.q, tsquery } : {}),
      termIds,
      ...(params.age === undefined ? {} : { age: params.age }),
      days: params.day,
      languages: params.language,
      accessibility: params.access,
      ...(near ? { near } : {}),
      sort: !tsquery && sort === 'relevance' ? (near ? 'distance' : 'name') : sort,
      page: params.page,
      perPage: RESULTS_PER_PAGE,
    };
    return { criteria, checked, problems, terms, corrections, postcodeDisplay, near };
  }

  return {
    today,
    termsByTaxonomy,

    /**
     * A public page made from the directory alone (nothing per person or per request in it), made
     * once and reused, like search results, until the directory changes or the visibility date moves.
     */
    async publicPage(key: string, render: () => Promise<string>): Promise<string> {
      return pages.get(`${visibleSince()}:${key}`, render);
    },

    /** The query plan for a search, for the benchmark's record of index use. */
    async explainSearch(params: SearchParams) {
      const { criteria } = await prepareSearch(params, []);
      return repos.localOffer.explainSearch(criteria, visibleSince());
    },

    async search(params: SearchParams, initialProblems: SearchProblem[]) {
      const { criteria, checked, problems, terms, corrections, postcodeDisplay, near } = await prepareSearch(
        params,
        initialProblems,
      );
      const runSearch = (c: SearchCriteria) =>
        cached(`search:${visibleSince()}:${JSON.stringify(c)}`, () =>
          repos.localOffer.search(c, visibleSince()),
        );
      let result = await runSearch(criteria);
      let total = result.rows[0]?.total ?? 0;
      if (result.rows.length === 0 && params.page > 1) {
        // Out of range: say so and show the last page there is.
        const countOnly = await runSearch({ ...criteria, page: 1, perPage: 1 });
        total = countOnly.rows[0]?.total ?? 0;
        const lastPage = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
        problems.push({
          field: 'page',
          message: `There is no page ${params.page}. There ${lastPage === 1 ? 'is 1 page' : `are ${lastPage} pages`} of results; this is page ${lastPage}`,
        });
        checked.page = lastPage;
        result = await runSearch({ ...criteria, page: lastPage });
      }
      total = result.rows[0]?.total ?? total;
      return {
        params: { ...checked, sort: criteria.sort },
        problems,
        rows: result.rows,
        facets: result.facets,
        total,
        terms,
        corrections,
        postcodeDisplay,
        near: Boolean(near),
      };
    },

    async service(id: string) {
      const found = await repos.localOffer.findService(id);
      if (!found) return undefined;
      const s = found.service;
      const visible =
        s.live_revision_number > 0 &&
        s.withdrawn_at === null &&
        s.visibility === 'public' &&
        s.status !== 'defunct' &&
        s.assured_date >= visibleSince();
      return visible ? found : undefined;
    },

    /** Sessions and events between two dates, in date order. */
    async whatsOn(from: string, to: string, options: { eventsOnly?: boolean } = {}) {
      const key = `whats-on:${visibleSince()}:${from}:${to}:${options.eventsOnly === true}`;
      return cached(key, async () => {
        const days = calendarDays(from, to, termDates);
        const schedules = await repos.localOffer.schedulesBetween(from, to, visibleSince(), options);
        const sessions = schedules.flatMap((s) => occurrencesOn(s, days).map((date) => ({ date, ...s })));
        sessions.sort(
          (a, b) =>
            a.date.localeCompare(b.date) ||
            (a.opens_at ?? '').localeCompare(b.opens_at ?? '') ||
            a.service_name.localeCompare(b.service_name),
        );
        return sessions;
      });
    },

    /** The next one-off events: what people miss. */
    async nextEvents(limit: number) {
      const from = today();
      const sessions = await this.whatsOn(from, addDays(from, 30), { eventsOnly: true });
      return sessions.slice(0, limit);
    },

    async shortlist(ids: string[]) {
      const rows = await repos.localOffer.servicesByIds(ids, visibleSince());
      const order = new Map(ids.map((id, i) => [id, i]));
      return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    },
  };
}

export type LocalOfferService = ReturnType<typeof createLocalOfferService>;
