import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { Container } from '../../container.ts';
import { isUuid } from '../../lib/uuid.ts';
import { CSV_COLUMNS, csvDownload, jsonDownload } from './downloads.ts';
import { openApiDocument } from './openapi.ts';
import { parseOrukQuery } from './schemas.ts';
import { errorBody, type OrukResponse } from './service.ts';

export const ORUK_PREFIX = '/api/oruk';
/** Whole-directory downloads a client may start a minute. */
const DOWNLOADS_PER_MINUTE = 10;

/** Reads the first batch now (so that its failure can still be an error answer), then the rest as asked. */
async function startedBatches<T>(batches: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await batches.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* batches;
  })();
}

const LIST = ['page', 'per_page'] as const;
const SERVICE_FILTERS = [
  'search',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'modified_after',
] as const;
const ACCEPTS = {
  services: [...LIST, ...SERVICE_FILTERS, 'minimal', 'full'],
  serviceAtLocations: [...LIST, ...SERVICE_FILTERS, 'postcode', 'proximity', 'full'],
  taxonomies: [...LIST, 'search'],
  taxonomyTerms: [...LIST, 'search', 'taxonomy_id', 'parent_id', 'top_only'],
  organisations: [...LIST, 'search', 'full', 'full_service'],
  organisation: ['full_service'],
  none: [],
} as const;

/** Headers every API response carries: open to any origin, and cacheable by a CDN. */
function openHeaders(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-expose-headers', 'ETag, Retry-After');
  // Helmet's same-origin default would stop other sites' pages reading the open data.
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

function sendJson(request: FastifyRequest, reply: FastifyReply, response: OrukResponse) {
  reply.header('content-type', 'application/json; charset=utf-8');
  if (response.status === 400) {
    reply.header('cache-control', 'no-store');
    return reply.code(400).send(response.body);
  }
  reply.header('etag', response.etag);
  reply.header('cache-control', 'public, max-age=60, stale-while-revalidate=60');
  // Only a successful answer can be "not modified" (RFC 9110 §13.1.2).
  const match = request.headers['if-none-match'];
  const matches = (tag: string) => tag === '*' || tag.replace(/^W\//, '') === response.etag;
  if (response.status === 200 && match && match.split(',').some((tag) => matches(tag.trim()))) {
    return reply.code(304).send();
  }
  return reply.code(response.status).send(response.body);
}

/** The API's 404: JSON, readable from any origin. */
export function sendOrukNotFound(
  reply: FastifyReply,
  message = 'There is nothing at this address in the Open Referral UK API',
) {
  openHeaders(reply);
  reply.header('content-type', 'application/json; charset=utf-8');
  reply.header('cache-control', 'no-store');
  return reply.code(404).send(errorBody(404, message));
}

function badRequest(reply: FastifyReply, problems: { parameter: string; message: string }[]) {
  reply.header('content-type', 'application/json; charset=utf-8');
  reply.header('cache-control', 'no-store');
  return reply.code(400).send(errorBody(400, 'The request has a parameter we cannot use', problems));
}

/**
 * The Local Offer as Open Referral UK 3.0 open data (ADR 14): the standard's eleven endpoints under
 * /api/oruk, its OpenAPI document, and the bulk downloads. JSON errors, never HTML.
 */
export async function registerOpenReferralRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const oruk = container.services.openReferral;
  const { config } = container;

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (_request, reply) => openHeaders(reply));
      const limit = api.rateLimit({
        max: config.openData.rateLimitPerMinute,
        timeWindow: 60_000,
        errorResponseBuilder: (_request, context) => ({
          statusCode: 429,
          status: 429,
          error: 'Too many requests',
          message: `This client may make ${context.max} requests a minute; try again in ${Math.ceil(context.ttl / 1000)} seconds`,
        }),
      });
      // One limiter runs per request (the plugin marks the request), so downloads, which have
      // their own smaller allowance, skip this one.
      api.addHook('onRequest', async (request, reply) => {
        if (!request.url.startsWith(`${ORUK_PREFIX}/downloads/`)) await limit.call(api, request, reply);
      });

      api.setErrorHandler((error: FastifyError, request, reply) => {
        openHeaders(reply);
        reply.header('content-type', 'application/json; charset=utf-8');
        reply.header('cache-control', 'no-store');
        const code = error.statusCode ?? 500;
        if (code === 429) {
          const body = error as FastifyError & { status?: number; error?: string };
          return reply.code(429).send(
            JSON.stringify({
              status: 429,
              error: body.error ?? 'Too many requests',
              message: error.message,
            }),
          );
        }
        if (code >= 400 && code < 500) {
          return reply.code(400).send(errorBody(400, 'The request could not be read'));
        }
        request.log.error({ err: error }, 'open data request failed');
        return reply.code(500).send(
          JSON.stringify({
            status: 500,
            error: 'Internal error',
            message: 'Something went wrong',
            reference: request.id,
          }),
        );
      });
      api.setNotFoundHandler((_request, reply) => {
        openHeaders(reply);
        reply.header('content-type', 'application/json; charset=utf-8');
        return reply
          .code(404)
          .send(errorBody(404, 'There is nothing at this address in the Open Referral UK API'));
      });

      // Preflight, for clients that send conditional or custom headers from a browser.
      api.options('/*', async (_request, reply) => {
        reply.header('access-control-allow-methods', 'GET, HEAD, OPTIONS');
        reply.header('access-control-allow-headers', 'Accept, If-None-Match, If-Modified-Since');
        reply.header('access-control-max-age', '86400');
        return reply.code(204).send();
      });

      const listRoute = (
        path: string,
        accepts: readonly string[],
        answer: (q: never) => Promise<OrukResponse>,
      ) =>
        api.get(path, async (request, reply) => {
          const parsed = parseOrukQuery(request.query as Record<string, unknown>, accepts);
          if (!parsed.ok) return badRequest(reply, parsed.problems);
          return sendJson(request, reply, await answer(parsed.value as never));
        });
      const idRoute = (
        path: string,
        accepts: readonly string[],
        answer: (id: string, q: never) => Promise<OrukResponse>,
      ) =>
        api.get<{ Params: { id: string } }>(path, async (request, reply) => {
          const parsed = parseOrukQuery(request.query as Record<string, unknown>, accepts);
          if (!parsed.ok) return badRequest(reply, parsed.problems);
          // A malformed id cannot name anything: not found, as the standard's validator expects.
          if (!isUuid(request.params.id))
            return sendOrukNotFound(reply, 'There is no published record with that id');
          return sendJson(
            request,
            reply,
            await answer(request.params.id.toLowerCase(), parsed.value as never),
          );
        });

      api.get('/', async (request, reply) => sendJson(request, reply, oruk.apiDetails()));
      api.get('/openapi.json', async (request, reply) => {
        const body = JSON.stringify(
          openApiDocument({
            publicBaseUrl: config.publicBaseUrl,
            serviceName: config.area.serviceName,
            councilName: config.area.councilName,
            contactEmail: config.area.contact.email,
          }),
        );
        return sendJson(request, reply, {
          status: 200,
          body,
          etag: `"openapi-${config.version}-${body.length}"`,
        });
      });
      listRoute('/services', ACCEPTS.services, (q) => oruk.services(q));
      idRoute('/services/:id', ACCEPTS.none, (id) => oruk.service(id));
      listRoute('/service_at_locations', ACCEPTS.serviceAtLocations, (q) => oruk.serviceAtLocations(q));
      idRoute('/service_at_locations/:id', ACCEPTS.none, (id) => oruk.serviceAtLocation(id));
      listRoute('/taxonomies', ACCEPTS.taxonomies, (q) => oruk.taxonomies(q));
      idRoute('/taxonomies/:id', ACCEPTS.none, (id) => oruk.taxonomy(id));
      listRoute('/taxonomy_terms', ACCEPTS.taxonomyTerms, (q) => oruk.taxonomyTerms(q));
      idRoute('/taxonomy_terms/:id', ACCEPTS.none, (id) => oruk.taxonomyTerm(id));
      listRoute('/organizations', ACCEPTS.organisations, (q) => oruk.organisations(q));
      idRoute('/organizations/:id', ACCEPTS.organisation, (id, q) => oruk.organisation(id, q));

      // The whole published directory, streamed a batch at a time. A download is a whole export,
      // so it has its own, smaller allowance, and no HEAD route (HEAD would run the export to
      // throw it away). The first batch is read before the answer starts, so that a database
      // failure is a 500 rather than a 200 cut short.
      const downloadLimit = api.rateLimit({
        max: DOWNLOADS_PER_MINUTE,
        timeWindow: 60_000,
        keyGenerator: (request) => `download:${request.ip}`,
      });
      const today = () => new Date().toISOString().slice(0, 10);
      const LICENCE =
        '<https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>; rel="license"';
      const download = (
        path: string,
        contentType: string,
        extension: string,
        write: (batches: AsyncIterable<Record<string, unknown>[]>) => AsyncGenerator<string>,
      ) =>
        api.get(path, { exposeHeadRoute: false, onRequest: downloadLimit }, async (_request, reply) => {
          const batches = await startedBatches(oruk.allServices());
          reply.header('content-type', contentType);
          reply.header(
            'content-disposition',
            `attachment; filename="local-offer-services-${today()}.${extension}"`,
          );
          reply.header('cache-control', 'public, max-age=300');
          reply.header('link', LICENCE);
          return reply.send(Readable.from(write(batches), { objectMode: false }));
        });
      download('/downloads/services.json', 'application/json; charset=utf-8', 'json', jsonDownload);
      download('/downloads/services.csv', 'text/csv; charset=utf-8', 'csv', csvDownload);
    },
    { prefix: ORUK_PREFIX },
  );

  // The human page: what the API is, its licence, its contact, and the downloads.
  app.get('/open-data', async (_request, reply) =>
    reply.page('open-referral/views/open-data', {
      pageTitle: 'Open data: the Local Offer as Open Referral UK',
      base: `${config.publicBaseUrl}${ORUK_PREFIX}`,
      prefix: ORUK_PREFIX,
      published: await oruk.countPublished(),
      csvColumns: CSV_COLUMNS,
      rateLimitPerMinute: config.openData.rateLimitPerMinute,
    }),
  );
}
