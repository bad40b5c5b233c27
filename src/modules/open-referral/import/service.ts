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
import { ruleBreaks } from '../rules.ts';
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

/** The importer cannot run at all (the official schemas are missing): nothing was tried. */
export class ImportUnavailableError extends Error {
  override name = 'ImportUnavailableError';
}

export type ImportProgress = { stage: 'listing' | 'reading' | 'saving'; done: number; total: number };

export type ImportOptions = {
  /** Read every service again, not only those modified since the last import. */
  full?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

export type FeedImportSettings = {
  schemaDir: string;
  timeoutMs?: number;
  /** The most one answer from a feed may be. */
  maxBytes?: number;
  /** Services read at the same time. */
  concurrency?: number;
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

  /** Every page of one of the feed's lists of services. */
  async function listAll(
    client: FeedClient,
    base: string,
    params: Record<string, string | number | undefined>,
    failures: RecordNotes[],
    onPage: (page: number, pages: number) => void,
  ): Promise<ListedService[]> {
    const listed: ListedService[] = [];
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
      const { contents, total_pages: totalPages } = body as { contents: unknown[]; total_pages?: unknown };
      for (const [i, item] of contents.entries()) {
        const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
        const id = record.id;
        if (typeof id !== 'string' || !isUuid(id)) {
          failures.push({
            id: typeof id === 'string' ? id : '(no id)',
            name: typeof record.name === 'string' ? record.name : '(no name)',
            notes: [
              {
                path: `/contents/${i}/id`,
                message: `on page ${page} of the list, must be a UUID, not ${typeof id === 'string' ? JSON.stringify(id) : 'missing'}`,
              },
            ],
          });
          continue;
        }
        const modified =
          typeof record.last_modified === 'string' ? new Date(record.last_modified) : undefined;
        listed.push({
          id: id.toLowerCase(),
          lastModified: modified && !Number.isNaN(modified.getTime()) ? modified : undefined,
        });
      }
      const pages = typeof totalPages === 'number' && Number.isInteger(totalPages) ? totalPages : page;
      onPage(page, pages);
      if (pages > MAX_PAGES)
        throw new FeedError(`${url} says it has ${pages} pages, more than the ${MAX_PAGES} read`);
      if (page >= pages || contents.length === 0) return listed;
    }
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

  async function runImport(
    ctx: RequestContext,
    feed: FeedRow,
    options: ImportOptions,
  ): Promise<ImportReport> {
    officialValidator();
    const startedAt = clock.now();
    const progress = options.onProgress ?? (() => undefined);
    await repos.orukFeeds.markStarted(feed.id, startedAt);
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
