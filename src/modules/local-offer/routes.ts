import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { errorPage } from '../../plugins/errors.ts';
import { formatDateWithDay } from '../../lib/dates.ts';
import { parseSearchParams, parseWhatsOnQuery } from './schemas.ts';
import { agesText, searchPageModel, servicePageModel, whatsOnModel } from './view-models.ts';

export const SHORTLIST_COOKIE = 'lo_shortlist';
const MAX_SHORTLIST = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shortlist is kept in the browser (a cookie the visitor asks for), so no account is needed. */
export function readShortlist(request: FastifyRequest): string[] {
  const raw = request.cookies[SHORTLIST_COOKIE];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  return idsFrom(unsigned.value);
}

export function idsFrom(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .filter((id) => UUID.test(id))
        .map((id) => id.toLowerCase()),
    ),
  ].slice(0, MAX_SHORTLIST);
}

function writeShortlist(reply: FastifyReply, ids: string[], secure: boolean) {
  if (ids.length === 0) {
    reply.clearCookie(SHORTLIST_COOKIE, { path: '/' });
    return;
  }
  reply.setCookie(SHORTLIST_COOKIE, ids.join(','), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: 90 * 24 * 60 * 60,
  });
}

/** Only a path on this site can be returned to. */
function safeReturnPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/local-offer(\/[^\s]*)?$/.test(value) && !value.startsWith('//')
    ? value
    : fallback;
}

export async function registerLocalOfferRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { services, config } = container;
  const localOffer = services.localOffer;

  app.get('/local-offer', async (_request, reply) => {
    const [terms, events, pages] = await Promise.all([
      localOffer.termsByTaxonomy(),
      localOffer.nextEvents(5),
      services.information.listPublished(),
    ]);
    return reply.page('local-offer/views/home', {
      pageTitle: 'SEND Local Offer',
      categories: terms.category.filter((t) => t.parentId === null),
      ageGroups: terms.ageGroup,
      needs: terms.need.filter((t) => t.parentId === null),
      informationTopics: pages.map((p) => ({ href: `/local-offer/information/${p.slug}`, title: p.title })),
      events: events.map((e) => ({
        date: formatDateWithDay(e.date),
        name: e.service_name,
        href: `/local-offer/services/${e.service_id}`,
        organisation: e.organisation_name,
      })),
    });
  });

  app.get('/local-offer/search', async (request, reply) => {
    const { params, problems } = parseSearchParams(request.query);
    // The results are the same for everyone who makes this search: rendered once and reused.
    const contentHtml = await localOffer.publicPage(JSON.stringify(['search', params, problems]), async () =>
      app.view('local-offer/views/_search-results', {
        model: searchPageModel(await localOffer.search(params, problems)),
      }),
    );
    return reply.page('local-offer/views/search', {
      pageTitle: params.q ? `Search results for “${params.q}”` : 'Search the Local Offer',
      contentHtml,
    });
  });

  app.get<{ Params: { id: string } }>('/local-offer/services/:id', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.callNotFound();
    const found = await localOffer.service(request.params.id.toLowerCase());
    if (!found) return reply.callNotFound();
    const shortlist = readShortlist(request);
    return reply.page('local-offer/views/service', {
      pageTitle: found.service.name,
      model: servicePageModel(found, { shortlisted: shortlist.includes(found.service.id) }),
      csrfToken: reply.generateCsrf(),
      returnTo: `/local-offer/services/${found.service.id}`,
    });
  });

  app.get('/local-offer/whats-on', async (request, reply) => {
    const today = localOffer.today();
    const query = parseWhatsOnQuery(request.query, today);
    const sessions = await localOffer.whatsOn(query.from, query.to, { eventsOnly: query.eventsOnly });
    return reply.page('local-offer/views/whats-on', {
      pageTitle: "What's on",
      ...whatsOnModel({ ...query, today, sessions }),
    });
  });

  // ---------------------------------------------------------------- shortlist

  app.get('/local-offer/shortlist', async (request, reply) => {
    const ids = readShortlist(request);
    const saved = await localOffer.shortlist(ids);
    const base = config.publicBaseUrl;
    return reply.page('local-offer/views/shortlist', {
      pageTitle: 'Your shortlist',
      services: saved.map((s) => ({ ...s, ages: agesText(s.minimum_age, s.maximum_age) })),
      shareUrl: saved.length
        ? `${base}/local-offer/shortlist/shared?ids=${saved.map((s) => s.id).join(',')}`
        : null,
      csrfToken: reply.generateCsrf(),
    });
  });

  app.get('/local-offer/shortlist/shared', async (request, reply) => {
    const ids = idsFrom((request.query as Record<string, unknown>).ids);
    const saved = await localOffer.shortlist(ids);
    return reply.page('local-offer/views/shared-shortlist', {
      pageTitle: 'A shared shortlist',
      services: saved.map((s) => ({ ...s, ages: agesText(s.minimum_age, s.maximum_age) })),
      ids: saved.map((s) => s.id).join(','),
      missing: ids.length - saved.length,
      csrfToken: reply.generateCsrf(),
    });
  });

  app.post('/local-offer/shortlist', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const current = readShortlist(request);
    const action = body.action;
    let next = current;
    if (action === 'add' || action === 'remove') {
      const [id] = idsFrom(body.serviceId);
      if (id && action === 'add' && (await localOffer.shortlist([id])).length === 1) {
        next = [...current.filter((x) => x !== id), id].slice(-MAX_SHORTLIST);
      } else if (id && action === 'remove') {
        next = current.filter((x) => x !== id);
      }
    } else if (action === 'save-shared') {
      const shared = (await localOffer.shortlist(idsFrom(body.ids))).map((s) => s.id);
      next = [...current, ...shared.filter((id) => !current.includes(id))].slice(0, MAX_SHORTLIST);
    } else if (action === 'clear') {
      next = [];
    } else {
      const error = errorPage(400);
      return reply.code(400).page('errors/error', { pageTitle: error.title, error, requestId: request.id });
    }
    writeShortlist(reply, next, config.session.secureCookies);
    return reply.redirect(safeReturnPath(body.returnTo, '/local-offer/shortlist'), 303);
  });
}
