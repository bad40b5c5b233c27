import type { Repositories, Transactor } from '../../../db/repositories.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { RequestContext } from '../../../lib/context.ts';
import { londonToday } from '../../../lib/dates.ts';
import { NotFoundError, RuleError } from '../../../lib/errors.ts';
import { isUuid } from '../../../lib/uuid.ts';
import { assertCan } from '../../access/policy.ts';
import { auditEntry } from '../../audit/service.ts';
import type { Listing } from '../../local-offer/domain/listing.ts';
import { placeVenuesByPostcode } from '../../local-offer/venues.ts';
import { pagingBreaks, ruleBreaks } from '../rules.ts';
import { loadOrukValidator, type OrukValidator } from '../validation.ts';
import { feedUrl, parseFeedBaseUrl } from './domain/feed-url.ts';
import {
  mapOrganisation,
  mapOrukService,
  sameListing,
  type MappedOrganisation,
  type MappedService,
  type TermRef,
} from './domain/map-service.ts';
import {
  NO_COUNTS,
  noteFromRuleBreak,
  type ImportCounts,
  type ImportReport,
  type Note,
  type RecordNotes,
} from './domain/report.ts';
import { createFeedClient, FeedError, type FeedClient } from './feed-client.ts';
import type { FeedRow } from './repository.ts';

/** The services of a feed's list that are asked for a page at a time (the most ORUK's own API gives). */
const PER_PAGE = 100;
/** `minimal` lists are ids and dates only; feeds that allow it give many a page. */
const PER_PAGE_MINIMAL = 1000;
/** A feed claiming more pages than this is refused rather than read forever. */
const MAX_PAGES = 2000;
/** The organisation of a feed's services that name none. */
const FEED_ORGANISATION = 'feed-organisation';
/** An import that has held its feed this long is taken to have died, and another may start. */
const STALE_IMPORT_MS = 15 * 60_000;
/** The most of a feed's services on the Local Offer that an import may withdraw unless told to. */
const MAX_WITHDRAWN_SHARE = 0.5;

/** The importer cannot run at all (the official schemas are missing): nothing was tried. */
export class ImportUnavailableError extends Error {
  override name = 'ImportUnavailableError';
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Another import of the feed holds it: this one did not start, and nothing was tried. */
export class ImportAlreadyRunningError extends Error {
  override name = 'ImportAlreadyRunningError';
  readonly runningSince: Date;
  constructor(runningSince: Date) {
    super(`An import of this feed is already running (started at ${londonClock.format(runningSince)})`);
    this.runningSince = runningSince;
  }
}

export type ImportProgress = { stage: 'listing' | 'reading' | 'saving'; done: number; total: number };

export type ImportOptions = {
  /** Read every service again, not only those modified since the last import. */
  full?: boolean;
  /**
   * Withdraw every service of the feed, or more than the configured share of them, if the feed no
   * longer lists them. Without it such an import fails and changes nothing: a feed that suddenly
   * lists (next to) nothing is far more often broken than emptied. The command line's
   * --allow-withdrawing-most; never offered to editors.
   */
  allowMassWithdrawal?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

export type FeedImportSettings = {
  schemaDir: string;
  timeoutMs?: number;
  /** The most one answer from a feed may be. */
  maxBytes?: number;
  /** Services read at the same time. */
  concurrency?: number;
  /** The share (0 to 1) of a feed's live services an import may withdraw without being told to. */
  maxWithdrawnShare?: number;
  /** How long an import may hold its feed before another may take it over. */
  staleImportMs?: number;
  fetch?: typeof fetch;
};

type ListedService = { id: string; lastModified: Date | undefined };

/**
 * Imports partners' Open Referral UK 3.0 feeds into the Local Offer as read-only copies (ADR 15):
 * every service the feed publishes, checked with the official schemas and ORUK's rules, mapped to
 * a listing, and applied all together in one transaction, or (if any record fails) not at all.
 */
export function createOrukImportService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  settings: FeedImportSettings;
}) {
  const { repos, transaction, clock, settings } = deps;
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const maxBytes = settings.maxBytes ?? 10 * 1_048_576;
  const concurrency = Math.max(1, settings.concurrency ?? 4);
  const maxWithdrawnShare = settings.maxWithdrawnShare ?? MAX_WITHDRAWN_SHARE;
  const staleImportMs = settings.staleImportMs ?? STALE_IMPORT_MS;

  let validator: OrukValidator | undefined;
  function officialValidator(): OrukValidator {
    if (!validator) {
      try {
        validator = loadOrukValidator(settings.schemaDir);
      } catch (error) {
        throw new ImportUnavailableError(
          `Feeds cannot be imported: the official Open Referral UK 3.0 schemas are needed to check them. ${(error as Error).message}. Set ORUK_SCHEMA_DIR to the folder that holds service.json and the other schema files.`,
        );
      }
    }
    return validator;
  }

  function requireEditor(ctx: RequestContext) {
    assertCan(ctx.actor, 'local-offer.edit');
    return ctx.actor;
  }

  async function termRefs(): Promise<TermRef[]> {
    const terms = await repos.localOffer.listTerms();
    return terms.map((t) => ({ id: t.id, code: t.code, name: t.name, taxonomyKey: t.taxonomyKey }));
  }

  /**
   * Why one page of a list is not a sound page of the `service_list` it says it is part of: the
   * official schema (for the page itself; each service is checked in full against `service` when it
   * is read, and a minimal list's entries are not full records), and paging that adds up (ORUK's
   * rules, pagingBreaks). Its size and first_page, last_page and empty flags describe the page only,
   * and feeds differ in them (Spring's size is the page size), so they are not held against it; the
   * counts that say how much of the list there is are.
   */
  function listPageProblems(body: Record<string, unknown>, page: number, perPage: number): string[] {
    const contents = Array.isArray(body.contents) ? body.contents : [];
    const schemaProblems = officialValidator()
      .validate('service_list', { ...body, contents: [] })
      .problems.map((p) => `${p.path || '(root)'}: ${p.message}`);
    const { page_number: pageNumber, total_pages: totalPages } = body;
    const pageOnly = {
      size: contents.length,
      first_page: pageNumber === 1,
      last_page: typeof pageNumber === 'number' && typeof totalPages === 'number' && pageNumber >= totalPages,
      empty: contents.length === 0,
    };
    return [...new Set([...schemaProblems, ...pagingBreaks({ ...body, ...pageOnly }, { page, perPage })])];
  }

  /**
   * Every page of one of the feed's lists of services, each checked as a page of a service_list,
   * and all of them together holding as many distinct services as the feed says the list has: a
   * feed that answers with less than its whole list (a glitch, a page left out, an empty list where
   * there was one) fails the import rather than withdraws what it did not list.
   */
  async function listAll(
    client: FeedClient,
    base: string,
    params: Record<string, string | number | undefined> & { per_page: number },
    failures: RecordNotes[],
    onPage: (page: number, pages: number) => void,
  ): Promise<ListedService[]> {
    const listed = new Map<string, ListedService>();
    // Every entry counts, a bad id too (it is reported as a failure): only repeats do not.
    const distinct = new Set<string>();
    let totalItems = 0;
    let perPage = params.per_page;
    for (let page = 1; ; page += 1) {
      const url = feedUrl(base, '/services', { ...params, page });
      const body = await client.getJson(url);
      if (
        typeof body !== 'object' ||
        body === null ||
        !Array.isArray((body as { contents?: unknown }).contents)
      ) {
        throw new FeedError(`${url} is not a list of services (an object with contents)`);
      }
      const record = body as Record<string, unknown> & { contents: unknown[] };
      const { contents } = record;
      // A feed may give fewer a page than asked for (ORUK's own API gives at most 100): its first
      // page, when there are more, says how many it gives.
      if (
        page === 1 &&
        typeof record.total_pages === 'number' &&
        record.total_pages > 1 &&
        contents.length > 0 &&
        contents.length < perPage
      ) {
        perPage = contents.length;
      }
      const problems = listPageProblems(record, page, perPage);
      if (problems.length > 0) {
        throw new FeedError(
          `${url} is not a sound page of the feed's list of services, so nothing was changed: ${problems.join('; ')}`,
        );
      }
      const pages = record.total_pages as number;
      if (page === 1) totalItems = record.total_items as number;
      else if (record.total_items !== totalItems) {
        throw new FeedError(
          `the feed's list of services changed while it was read (${totalItems} services on page 1, ${String(record.total_items)} on page ${page}), so nothing was changed; import it again`,
        );
      }
      if (pages > MAX_PAGES)
        throw new FeedError(`${url} says it has ${pages} pages, more than the ${MAX_PAGES} read`);
      for (const [i, item] of contents.entries()) {
        const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
        const id = entry.id;
        if (typeof id !== 'string' || !isUuid(id)) {
          distinct.add(typeof id === 'string' ? `not a uuid: ${id}` : `no id: ${page}/${i}`);
          failures.push({
            id: typeof id === 'string' ? id : '(no id)',
            name: typeof entry.name === 'string' ? entry.name : '(no name)',
            notes: [
              {
                path: `/contents/${i}/id`,
                message: `on page ${page} of the list, must be a UUID, not ${typeof id === 'string' ? JSON.stringify(id) : 'missing'}`,
              },
            ],
          });
          continue;
        }
        const modified = typeof entry.last_modified === 'string' ? new Date(entry.last_modified) : undefined;
        distinct.add(id.toLowerCase());
        listed.set(id.toLowerCase(), {
          id: id.toLowerCase(),
          lastModified: modified && !Number.isNaN(modified.getTime()) ? modified : undefined,
        });
      }
      onPage(page, pages);
      if (page >= pages) break;
    }
    if (distinct.size !== totalItems) {
      throw new FeedError(
        `the feed listed ${distinct.size} services but said it had ${totalItems} (${feedUrl(base, '/services', params)}), so nothing was changed`,
      );
    }
    return [...listed.values()];
  }

  /** Runs `work` over items, a few at a time. */
  async function eachLimited<T>(items: T[], work: (item: T) => Promise<void>) {
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    });
    await Promise.all(workers);
  }

  /** Checks a record with the official schema and ORUK's other rules: every problem, with its path. */
  function problemsOf(schema: 'service' | 'organization', body: unknown): Note[] {
    const checked = officialValidator().validate(schema, body);
    return [...checked.problems, ...ruleBreaks(body).map(noteFromRuleBreak)];
  }

  const nameOf = (body: unknown) => {
    const name = (body as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name.trim() ? name.trim() : '(no name)';
  };

  /**
   * Imports the feed once it has claimed it: a second import of the same feed while one runs (an
   * editor who clicks again, the nightly run meeting an editor's) is refused at once, so an older
   * copy of the feed can never be written over a newer one. The claim is one conditional update,
   * not a transaction held open while the feed is read.
   */
  async function runImport(
    ctx: RequestContext,
    listedFeed: FeedRow,
    options: ImportOptions,
  ): Promise<ImportReport> {
    officialValidator();
    const startedAt = clock.now();
    const staleBefore = new Date(startedAt.getTime() - staleImportMs);
    if (!(await repos.orukFeeds.claimImport(listedFeed.id, startedAt, staleBefore))) {
      const runningSince = await repos.orukFeeds.importRunningSince(listedFeed.id);
      throw new ImportAlreadyRunningError(runningSince ?? startedAt);
    }
    try {
      // As it is now: an import that finished since it was read has moved its last good import on.
      const feed = (await repos.orukFeeds.findFeed(listedFeed.id)) ?? listedFeed;
      return await importClaimed(ctx, feed, options, startedAt);
    } finally {
      await repos.orukFeeds.releaseImport(listedFeed.id, startedAt);
    }
  }

  async function importClaimed(
    ctx: RequestContext,
    feed: FeedRow,
    options: ImportOptions,
    startedAt: Date,
  ): Promise<ImportReport> {
    const progress = options.onProgress ?? (() => undefined);
    const since = options.full ? null : feed.last_import_started_at;
    const failures: RecordNotes[] = [];
    const warnings: RecordNotes[] = [];
    const counts: ImportCounts = { ...NO_COUNTS };
    const report = (status: 'ok' | 'failed', error?: string): ImportReport => ({
      status,
      startedAt: startedAt.toISOString(),
      finishedAt: clock.now().toISOString(),
      modifiedAfter: since ? since.toISOString() : null,
      ...(error ? { error } : {}),
      failures,
      warnings,
      counts,
    });
    const fail = async (error?: string) => {
      const result = report('failed', error);
      await transaction(async (r) => {
        await r.orukFeeds.recordFailure(feed.id, result);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.feed.import-failed',
            { type: 'oruk_feed', id: feed.id },
            {
              failing_records: failures.length,
              ...(error ? { error } : {}),
            },
          ),
        );
      });
      return result;
    };

    const client = createFeedClient({ base: feed.base_url, timeoutMs, maxBytes, fetch: settings.fetch });
    const mapped: MappedService[] = [];
    const organisations = new Map<string, MappedOrganisation>();
    let published: Map<string, ListedService>;
    try {
      // What changed since the last good import (everything, the first time)…
      const listing = (page: number, pages: number) =>
        progress({ stage: 'listing', done: page, total: pages });
      const changed = await listAll(
        client,
        feed.base_url,
        { per_page: PER_PAGE, modified_after: since ? since.toISOString() : undefined },
        failures,
        listing,
      );
      // …and every service still published, to withdraw here those that are not.
      let all = changed;
      if (since) {
        // Its problems are kept only if the minimal list is the one used.
        const minimalFailures: RecordNotes[] = [];
        try {
          all = await listAll(
            client,
            feed.base_url,
            { minimal: 'true', per_page: PER_PAGE_MINIMAL },
            minimalFailures,
            listing,
          );
          failures.push(...minimalFailures);
        } catch (error) {
          // A feed that does not offer minimal lists (or so many a page) is read in full pages.
          if (!(error instanceof FeedError) || error.status === undefined) throw error;
          all = await listAll(client, feed.base_url, { per_page: PER_PAGE }, failures, listing);
        }
      }
      published = new Map([...all, ...changed].map((s) => [s.id, s]));
      counts.published = published.size;

      // Read in full each service that is new here or changed there.
      const known = new Map((await repos.orukFeeds.serviceKeys(feed.id)).map((k) => [k.external_id, k]));

      // A feed that had services here and now lists none, or far fewer, is far more often broken
      // than emptied: withdrawing that many waits for someone to say so (the command line's
      // --allow-withdrawing-most).
      const live = [...known.values()].filter((k) => k.live);
      const leaving = live.filter((k) => !published.has(k.external_id)).length;
      const tooMany =
        live.length > 0 && (leaving === live.length || leaving > live.length * maxWithdrawnShare);
      if (tooMany && !options.allowMassWithdrawal) {
        return await fail(
          `this import would withdraw ${leaving} of the ${live.length} services from this feed on the Local Offer (${leaving === live.length ? 'all of them' : `more than ${Math.round(maxWithdrawnShare * 100)}%`}), so nothing was changed. A feed that suddenly lists far fewer services is usually broken: check it with its publisher. If it really has withdrawn them, an administrator can import it with: npm run oruk:import -- ${feed.base_url} --allow-withdrawing-most`,
        );
      }
      const toRead = [...published.values()].filter((s) => {
        const before = known.get(s.id);
        return (
          options.full ||
          !before ||
          !before.external_last_modified ||
          !s.lastModified ||
          s.lastModified > before.external_last_modified
        );
      });
      counts.fetched = toRead.length;
      const terms = await termRefs();
      const wantedOrganisations = new Map<string, string[]>();
      let read = 0;
      progress({ stage: 'reading', done: 0, total: toRead.length });
      await eachLimited(toRead, async (listed) => {
        let body: unknown;
        try {
          body = await client.getJson(feedUrl(feed.base_url, `/services/${encodeURIComponent(listed.id)}`));
        } catch (error) {
          if (!(error instanceof FeedError)) throw error;
          failures.push({ id: listed.id, name: '(not read)', notes: [{ path: '', message: error.message }] });
          return;
        } finally {
          read += 1;
          progress({ stage: 'reading', done: read, total: toRead.length });
        }
        const notes: Note[] = [];
        const bodyId = (body as { id?: unknown } | null)?.id;
        if (typeof bodyId === 'string' && bodyId.toLowerCase() !== listed.id) {
          notes.push({
            path: '/id',
            message: `is ${JSON.stringify(bodyId)}, but the list gives ${listed.id}`,
          });
        }
        notes.push(...problemsOf('service', body));
        if (notes.length === 0) {
          const result = mapOrukService(body, { terms });
          if (!result.ok) notes.push(...result.problems);
          else {
            const m = result.mapped;
            mapped.push(m);
            if (m.warnings.length > 0) warnings.push({ id: m.externalId, name: m.name, notes: m.warnings });
            if (m.organisation) organisations.set(m.organisation.externalId, m.organisation);
            else if (m.organisationExternalId) {
              wantedOrganisations.set(m.organisationExternalId, [
                ...(wantedOrganisations.get(m.organisationExternalId) ?? []),
                m.externalId,
              ]);
            }
          }
        }
        if (notes.length > 0) failures.push({ id: listed.id, name: nameOf(body), notes });
      });

      // Services that name their organisation without nesting it: the feed's /organizations/{id}.
      for (const [orgId, serviceIds] of wantedOrganisations) {
        if (organisations.has(orgId)) continue;
        let problem: string | undefined;
        try {
          const body = await client.getJson(
            feedUrl(feed.base_url, `/organizations/${encodeURIComponent(orgId)}`),
          );
          const notes = problemsOf('organization', body);
          if (notes.length === 0) organisations.set(orgId, mapOrganisation(body as Record<string, unknown>));
          else
            problem = `fails validation: ${notes.map((n) => `${n.path || '(the record)'} ${n.message}`).join('; ')}`;
        } catch (error) {
          if (!(error instanceof FeedError)) throw error;
          problem = `could not be read: ${error.message}`;
        }
        if (problem) {
          for (const id of serviceIds) {
            const m = mapped.find((s) => s.externalId === id);
            failures.push({
              id,
              name: m?.name ?? '(no name)',
              notes: [{ path: '/organization_id', message: `the organisation ${orgId} ${problem}` }],
            });
          }
        }
      }
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      return fail(error.message);
    }

    // A record with a bad id is in both lists: reported once.
    const reported = new Set<string>();
    const distinct = failures.filter((f) => {
      const key = JSON.stringify(f);
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    });
    failures.splice(0, failures.length, ...distinct);
    failures.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    warnings.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    // All or nothing: one record the feed gets wrong, and nothing of this import is kept.
    if (failures.length > 0) return fail();

    const today = londonToday(clock.now());
    const publishedIds = [...published.keys()];
    mapped.sort((a, b) => a.name.localeCompare(b.name) || a.externalId.localeCompare(b.externalId));
    let result: ImportReport;
    try {
      result = await transaction(async (r) => {
        await r.orukFeeds.lockFeed(feed.id);
        const organisationIds = new Map<string, string>();
        for (const org of organisations.values()) {
          organisationIds.set(org.externalId, await r.orukFeeds.upsertOrganisation(feed.id, org));
        }
        const feedOrganisation = async () => {
          const id = organisationIds.get(FEED_ORGANISATION);
          if (id) return id;
          const created = await r.orukFeeds.upsertOrganisation(feed.id, {
            externalId: FEED_ORGANISATION,
            name: feed.name,
            description: '',
          });
          organisationIds.set(FEED_ORGANISATION, created);
          return created;
        };
        for (const [i, m] of mapped.entries()) {
          progress({ stage: 'saving', done: i, total: mapped.length });
          const organisationId =
            (m.organisationExternalId ? organisationIds.get(m.organisationExternalId) : undefined) ??
            (await feedOrganisation());
          const ours = await r.orukFeeds.locationIds(feed.id, m.locationExternalIds);
          let listing: Listing = {
            ...m.listing,
            locations: m.listing.locations.map((l, j) => {
              const id = ours.get(m.locationExternalIds[j] ?? '');
              return id ? { ...l, id } : l;
            }),
          };
          listing = await placeVenuesByPostcode(r, listing);
          const existing = await r.orukFeeds.findImportedService(feed.id, m.externalId);
          let serviceId: string;
          if (
            existing &&
            existing.organisation_id === organisationId &&
            sameListing(existing.document, listing)
          ) {
            serviceId = existing.id;
          } else {
            const revision = {
              status: 'approved' as const,
              document: listing,
              changeSummary: `Imported from ${feed.name}`,
              submittedBy: null,
            };
            if (existing) {
              const { number } = await r.localOffer.insertRevision({ ...revision, serviceId: existing.id });
              await r.localOffer.applyListing({
                serviceId: existing.id,
                organisationId,
                listing,
                assuredDate: today,
                revisionNumber: number,
                isDemo: existing.is_demo,
              });
              await r.localOffer.supersedeApproved(existing.id, number);
              serviceId = existing.id;
              counts.updated += 1;
            } else {
              ({ id: serviceId } = await r.localOffer.applyListing({
                organisationId,
                listing,
                assuredDate: today,
                revisionNumber: 1,
                isDemo: false,
              }));
              await r.localOffer.insertRevision({ ...revision, serviceId });
              counts.created += 1;
            }
          }
          const lastModified = m.lastModified ? new Date(m.lastModified) : null;
          const marked =
            existing !== undefined &&
            existing.id === serviceId &&
            existing.source === feed.name &&
            (existing.external_last_modified?.getTime() ?? null) === (lastModified?.getTime() ?? null);
          if (!marked) {
            await r.orukFeeds.markServiceImported(serviceId, {
              feedId: feed.id,
              source: feed.name,
              externalId: m.externalId,
              lastModified,
            });
          }
          for (const [j, l] of listing.locations.entries()) {
            const externalId = m.locationExternalIds[j];
            if (externalId && !l.id) await r.orukFeeds.tagLocation(feed.id, serviceId, l, externalId);
          }
        }
        counts.restored = await r.orukFeeds.restoreReturned(feed.id, publishedIds);
        counts.withdrawn = await r.orukFeeds.withdrawMissing(feed.id, publishedIds);
        await r.orukFeeds.confirmPublished(feed.id, publishedIds, today);
        counts.unchanged = Math.max(0, counts.published - counts.created - counts.updated);
        const done = report('ok');
        await r.orukFeeds.recordSuccess(feed.id, { startedAt, finishedAt: clock.now(), report: done });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.feed.imported',
            { type: 'oruk_feed', id: feed.id },
            {
              ...counts,
              warnings: warnings.length,
              full: options.full === true,
            },
          ),
        );
        return done;
      });
    } catch (error) {
      // Rolled back: nothing of this import is kept.
      Object.assign(counts, NO_COUNTS, { published: counts.published, fetched: counts.fetched });
      return fail(`the import could not be saved, so nothing was changed (${(error as Error).message})`);
    }
    progress({ stage: 'saving', done: mapped.length, total: mapped.length });
    return result;
  }

  async function requireFeed(id: string): Promise<FeedRow> {
    const feed = isUuid(id) ? await repos.orukFeeds.findFeed(id.toLowerCase()) : undefined;
    if (!feed) throw new NotFoundError('feed not found');
    return feed;
  }

  return {
    requireEditor,

    async listFeeds(ctx: RequestContext) {
      requireEditor(ctx);
      return repos.orukFeeds.listFeeds();
    },

    /** A feed, with how many of its services are on the Local Offer now. */
    async findFeed(ctx: RequestContext, id: string) {
      requireEditor(ctx);
      const feed = await requireFeed(id);
      return { ...feed, live_services: await repos.orukFeeds.liveServiceCount(feed.id) };
    },

    /** Adds a partner's feed; its address is checked and must be new. */
    async addFeed(ctx: RequestContext, form: { name: string; url: string }) {
      const actor = requireEditor(ctx);
      const parsed = parseFeedBaseUrl(form.url);
      if (!parsed.ok) throw new RuleError('url', parsed.message);
      return transaction(async (r) => {
        const added = await r.orukFeeds.insertFeed({
          name: form.name,
          baseUrl: parsed.url,
          createdBy: actor.userId,
        });
        if (!added) throw new RuleError('url', 'A feed with this web address has already been added');
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.feed.added',
            { type: 'oruk_feed', id: added.id },
            { url: parsed.url },
          ),
        );
        return { id: added.id, name: added.name, url: parsed.url };
      });
    },

    /** "Import now": an editor imports one feed. */
    async importFeed(ctx: RequestContext, id: string, options: ImportOptions = {}) {
      requireEditor(ctx);
      const feed = await requireFeed(id);
      return { feed, report: await runImport(ctx, feed, options) };
    },

    /**
     * The command line: imports the feed at this address, adding it first (under `name`, or its
     * host name) when it is new. Run by an operator, so there is no one to check the role of.
     */
    async importFromCommandLine(
      input: { url: string; name?: string | undefined },
      options: ImportOptions = {},
    ): Promise<{ feed: FeedRow; added: boolean; report: ImportReport }> {
      officialValidator();
      const parsed = parseFeedBaseUrl(input.url);
      if (!parsed.ok) throw new RuleError('url', `${parsed.message}: ${input.url}`);
      const ctx: RequestContext = { actor: null, requestId: `oruk-import-${clock.now().toISOString()}` };
      let feed = await repos.orukFeeds.findFeedByUrl(parsed.url);
      let added = false;
      if (!feed) {
        const name = input.name?.trim() || new URL(parsed.url).host;
        await transaction(async (r) => {
          const row = await r.orukFeeds.insertFeed({ name, baseUrl: parsed.url, createdBy: null });
          if (row) {
            await r.audit.insert(
              auditEntry(
                ctx,
                clock,
                'local-offer.feed.added',
                { type: 'oruk_feed', id: row.id },
                { url: parsed.url },
              ),
            );
          }
        });
        feed = await repos.orukFeeds.findFeedByUrl(parsed.url);
        added = true;
      }
      if (!feed) throw new Error('the feed could not be added');
      return { feed, added, report: await runImport(ctx, feed, options) };
    },
  };
}

export type OrukImportService = ReturnType<typeof createOrukImportService>;
