import { createHash } from 'node:crypto';
import type { Repositories } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import { londonToday } from '../../lib/dates.ts';
import { createVersionedCache } from '../../lib/versioned-cache.ts';
import { directoryChangesInThisProcess } from '../local-offer/directory-changes.ts';
import { hiddenBefore, type FreshnessSettings } from '../local-offer/domain/freshness.ts';
import { buildTsQuery, queryWords } from '../local-offer/domain/search.ts';
import { findPostcodeOrDistrict } from '../local-offer/venues.ts';
import type { OrukFullServiceRow, OrukServiceFilters, OrukServiceRow } from './repository.ts';
import type { OrukQuery, ParameterProblem } from './schemas.ts';
import {
  fullServiceJson,
  locationJson,
  organisationJson,
  ORUK_PROFILE,
  ORUK_VERSION,
  paged,
  serviceJson,
  type TermsById,
  taxonomyJson,
  taxonomyTermJson,
} from './serialise.ts';

/** A finished API response: JSON text, its status and a strong validator for conditional requests. */
export type OrukResponse = { status: 200 | 400 | 404; body: string; etag: string };

const STREAM_BATCH = 500;

export function errorBody(status: 400 | 404, message: string, problems: ParameterProblem[] = []): string {
  return JSON.stringify({
    status,
    error: status === 404 ? 'Not found' : 'Bad request',
    message,
    ...(problems.length > 0 ? { errors: problems } : {}),
  });
}

function respond(status: OrukResponse['status'], body: string): OrukResponse {
  return { status, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** The Local Offer as Open Referral UK 3.0 open data: only published, public services. */
export function createOpenReferralService(deps: {
  repos: Repositories;
  clock: Clock;
  freshness: FreshnessSettings;
  area: { county?: string | undefined; areaName: string };
  publicBaseUrl: string;
  cacheSeconds?: number;
}) {
  const { repos, clock, freshness } = deps;
  const area = { county: deps.area.county ?? deps.area.areaName };
  const visibleSince = () => hiddenBefore(londonToday(clock.now()), freshness);
  const caches = createVersionedCache({
    ttlMs: (deps.cacheSeconds ?? 60) * 1000,
    readVersion: () => repos.openReferral.version(),
    localVersion: directoryChangesInThisProcess,
  });
  // At most 1,000 answers of at most 100 KB each are kept (100 MB at worst; a service is about 4 KB),
  // so that no run of distinct large requests can fill the memory.
  const responses = caches.store<OrukResponse>(1000, { keep: (r) => r.body.length <= 100_000 });
  const termStore = caches.store<TermsById>(1);
  const termsById = () =>
    termStore.get(
      'terms',
      async () => new Map((await repos.openReferral.termsInUse()).map((t) => [t.id, t])),
    );

  const tsqueryOf = (search: string | undefined) =>
    search ? buildTsQuery(queryWords(search).map((word) => ({ word, alternatives: [] }))) : undefined;
  const page = (q: OrukQuery) => ({ limit: q.perPage, offset: (q.page - 1) * q.perPage });
  const filtersOf = (q: OrukQuery): OrukServiceFilters => ({
    tsquery: tsqueryOf(q.search),
    taxonomyTermId: q.taxonomyTermId,
    taxonomyId: q.taxonomyId,
    organisationId: q.organisationId,
    modifiedAfter: q.modifiedAfter,
  });
  /** A search with no word we can search for finds nothing rather than everything. */
  const searchFindsNothing = (q: OrukQuery) => q.search !== undefined && !tsqueryOf(q.search);
  const notFound = (what: string) =>
    respond(404, errorBody(404, `There is no published ${what} with that id`));
  const ok = (json: unknown) => respond(200, JSON.stringify(json));

  /** Every answer is kept until the directory changes, keyed by what was asked. */
  const cached = (key: string, make: () => Promise<OrukResponse>) =>
    responses.get(`${visibleSince()}|${key}`, make);

  return {
    apiDetails(): OrukResponse {
      return ok({
        version: ORUK_VERSION,
        profile: ORUK_PROFILE,
        openapi_url: `${deps.publicBaseUrl}/api/oruk/openapi.json`,
      });
    },

    async services(q: OrukQuery): Promise<OrukResponse> {
      return cached(`services|${JSON.stringify(q)}`, async () => {
        if (searchFindsNothing(q)) return ok(paged([], 0, q.page, q.perPage));
        const detail = q.minimal ? 'minimal' : q.full ? 'full' : 'basic';
        const terms = await termsById();
        const { total, rows } = await repos.openReferral.services(
          filtersOf(q),
          visibleSince(),
          page(q),
          detail,
        );
        const contents = rows.map((row) =>
          detail === 'minimal'
            ? { id: row.id, last_modified: row.last_modified.toISOString() }
            : detail === 'full'
              ? fullServiceJson(row as OrukFullServiceRow, area, terms)
              : serviceJson(row as OrukServiceRow),
        );
        return ok(paged(contents, total, q.page, q.perPage));
      });
    },

    async service(id: string): Promise<OrukResponse> {
      return cached(`service|${id}`, async () => {
        const row = await repos.openReferral.service(id, visibleSince());
        return row ? ok(fullServiceJson(row, area, await termsById())) : notFound('service');
      });
    },

    async serviceAtLocations(q: OrukQuery): Promise<OrukResponse> {
      return cached(`service_at_locations|${JSON.stringify(q)}`, async () => {
        if (searchFindsNothing(q)) return ok(paged([], 0, q.page, q.perPage));
        let near: { latitude: number; longitude: number; withinMetres?: number | undefined } | undefined;
        if (q.postcode) {
          const found = await findPostcodeOrDistrict(repos, q.postcode);
          if (!found) {
            return respond(
              400,
              errorBody(400, 'The request has a parameter we cannot use', [
                {
                  parameter: 'postcode',
                  message: `postcode ${q.postcode.display} is not one we know; try the first part, like WV1`,
                },
              ]),
            );
          }
          near = { latitude: found.latitude, longitude: found.longitude, withinMetres: q.proximityMetres };
        }
        const terms = await termsById();
        const { total, rows } = await repos.openReferral.serviceAtLocations(
          { ...filtersOf(q), near },
          visibleSince(),
          page(q),
          q.full ? 'full' : 'basic',
        );
        const contents = rows.map((r) => ({
          id: r.id,
          service_id: r.service_id,
          location_id: r.location.id,
          location: locationJson(r.location, area),
          ...(r.service ? { service: fullServiceJson(r.service, area, terms) } : {}),
        }));
        return ok(paged(contents, total, q.page, q.perPage));
      });
    },

    async serviceAtLocation(id: string): Promise<OrukResponse> {
      return cached(`service_at_location|${id}`, async () => {
        const row = await repos.openReferral.serviceAtLocation(id, visibleSince());
        if (!row) return notFound('service at location');
        return ok({
          id: row.id,
          service_id: row.service_id,
          location_id: row.location.id,
          location: locationJson(row.location, area),
          service: fullServiceJson(row.service, area, await termsById()),
        });
      });
    },

    async taxonomies(q: OrukQuery): Promise<OrukResponse> {
      return cached(`taxonomies|${JSON.stringify(q)}`, async () => {
        const { total, rows } = await repos.openReferral.taxonomies({ search: q.search }, page(q));
        return ok(paged(rows.map(taxonomyJson), total, q.page, q.perPage));
      });
    },

    async taxonomy(id: string): Promise<OrukResponse> {
      return cached(`taxonomy|${id}`, async () => {
        const row = await repos.openReferral.taxonomy(id);
        return row ? ok(taxonomyJson(row)) : notFound('taxonomy');
      });
    },

    async taxonomyTerms(q: OrukQuery): Promise<OrukResponse> {
      return cached(`taxonomy_terms|${JSON.stringify(q)}`, async () => {
        const { total, rows } = await repos.openReferral.taxonomyTerms(
          { taxonomyId: q.taxonomyId, parentId: q.parentId, topOnly: q.topOnly, search: q.search },
          page(q),
        );
        return ok(paged(rows.map(taxonomyTermJson), total, q.page, q.perPage));
      });
    },

    async taxonomyTerm(id: string): Promise<OrukResponse> {
      return cached(`taxonomy_term|${id}`, async () => {
        const row = await repos.openReferral.taxonomyTerm(id);
        return row ? ok(taxonomyTermJson(row)) : notFound('taxonomy term');
      });
    },

    async organisations(q: OrukQuery): Promise<OrukResponse> {
      return cached(`organizations|${JSON.stringify(q)}`, async () => {
        if (searchFindsNothing(q)) return ok(paged([], 0, q.page, q.perPage));
        const { total, rows } = await repos.openReferral.organisations(
          { tsquery: tsqueryOf(q.search) },
          visibleSince(),
          page(q),
        );
        let contents = rows.map(organisationJson);
        if (q.full && rows.length > 0) {
          const terms = await termsById();
          // One organisation at a time: a page of 100 must not take every database connection.
          const withServices = [];
          for (const [i, o] of rows.entries()) {
            const services = await this.servicesOf(o.id);
            withServices.push({
              ...contents[i],
              services: q.fullService
                ? services.map((s) => fullServiceJson(s, area, terms))
                : services.map(serviceJson),
            });
          }
          contents = withServices;
        }
        return ok(paged(contents, total, q.page, q.perPage));
      });
    },

    async organisation(id: string, q: OrukQuery): Promise<OrukResponse> {
      return cached(`organization|${id}|${q.fullService}`, async () => {
        const row = await repos.openReferral.organisation(id, visibleSince());
        if (!row) return notFound('organisation');
        const services = await this.servicesOf(id);
        const terms = await termsById();
        return ok({
          ...organisationJson(row),
          services: q.fullService
            ? services.map((s) => fullServiceJson(s, area, terms))
            : services.map((s) => ({ id: s.id, name: s.name })),
        });
      });
    },

    async servicesOf(organisationId: string): Promise<OrukFullServiceRow[]> {
      const all: OrukFullServiceRow[] = [];
      for (let offset = 0; ; offset += 500) {
        const { rows } = await repos.openReferral.services(
          { organisationId },
          visibleSince(),
          { limit: 500, offset },
          'full',
        );
        all.push(...(rows as OrukFullServiceRow[]));
        if (rows.length < 500) return all;
      }
    },

    /**
     * Every published service, fully nested, a batch at a time in name order: for the bulk
     * downloads, which stream it so that no instance holds the whole directory.
     */
    async *allServices(): AsyncGenerator<Record<string, unknown>[]> {
      const since = visibleSince();
      const terms = await termsById();
      const fetchAfter = (after: { name: string; id: string } | null) => {
        const batch = repos.openReferral.fullServicesAfter(after, since, STREAM_BATCH);
        // If the client goes away, the batch read ahead is never awaited: its failure must not
        // become an unhandled rejection (the await below still sees it).
        batch.catch(() => undefined);
        return batch;
      };
      // The next batch is read from the database while this one is turned into JSON and sent.
      let next = fetchAfter(null);
      for (;;) {
        const rows = await next;
        const last = rows.at(-1);
        const more = last !== undefined && rows.length === STREAM_BATCH;
        if (more) next = fetchAfter({ name: last.name, id: last.id });
        if (rows.length > 0) yield rows.map((r) => fullServiceJson(r, area, terms));
        if (!more) return;
      }
    },

    async countPublished(): Promise<number> {
      return repos.openReferral.countServices({}, visibleSince());
    },
  };
}

export type OpenReferralService = ReturnType<typeof createOpenReferralService>;
