import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { addDays, formatDate, formatDateWithDay, isIsoDate } from '../../lib/dates.ts';
import { MAX_RANGE_DAYS } from './domain/occurrences.ts';
import { parseSearchParams } from './schemas.ts';
import { agesText, pageNumbers, searchPageModel, servicePageModel } from './view-models.ts';

export const SHORTLIST_COOKIE = 'lo_shortlist';
const MAX_SHORTLIST = 50;
const SESSIONS_PER_PAGE = 40;
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
    const outcome = await localOffer.search(params, problems);
    const model = searchPageModel(outcome);
    return reply.page('local-offer/views/search', {
      pageTitle: params.q ? `Search results for “${params.q}”` : 'Search the Local Offer',
      model,
    });
  });

  app.get<{ Params: { id: string } }>('/local-offer/services/:id', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.callNotFound();
    const found = await localOffer.service(request.params.id.toLowerCase());
    if (!found) return reply.callNotFound();
    const shortlist = readShortlist(request);
    return reply.page('local-offer/views/service', {
      pageTitle: found.service.name,
      model: servicePageModel(found, {
        shortlisted: shortlist.includes(found.service.id),
        today: localOffer.today(),
        reviewDays: config.localOffer.reviewDays,
      }),
      csrfToken: reply.generateCsrf(),
      returnTo: `/local-offer/services/${found.service.id}`,
      reportPath: `/local-offer/services/${found.service.id}`,
    });
  });

  app.get('/local-offer/whats-on', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const today = localOffer.today();
    const problems: { field: string; message: string }[] = [];
    const dateParam = (name: string, fallback: string) => {
      const value = typeof query[name] === 'string' ? (query[name] as string).trim() : '';
      if (value === '') return fallback;
      if (isIsoDate(value)) return value;
      problems.push({
        field: name,
        message: `Enter the ${name === 'from' ? 'start' : 'end'} date as a real date`,
      });
      return fallback;
    };
    // Past dates are allowed: a family may look back at what ran.
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
    const eventsOnly = query.type === 'events';
    const sessions = await localOffer.whatsOn(from, to, { eventsOnly });
    // A page at a time, so a busy week stays a page a phone can load.
    const pages = Math.max(1, Math.ceil(sessions.length / SESSIONS_PER_PAGE));
    const pageText = typeof query.page === 'string' ? query.page : '';
    let page = /^\d{1,4}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
    if (pageText !== '' && !/^\d{1,4}$/.test(pageText)) {
      problems.push({ field: 'sessions', message: 'Page must be a whole number, 1 or more' });
    }
    if (page > pages) {
      problems.push({
        field: 'sessions',
        message: `There is no page ${page}; this is page ${pages}, the last`,
      });
      page = pages;
    }
    const shown = sessions.slice((page - 1) * SESSIONS_PER_PAGE, page * SESSIONS_PER_PAGE);
    const pageHref = (n: number) =>
      `/local-offer/whats-on?from=${from}&to=${to}${eventsOnly ? '&type=events' : ''}${n > 1 ? `&page=${n}` : ''}`;
    const days = new Map<string, typeof sessions>();
    for (const s of shown) days.set(s.date, [...(days.get(s.date) ?? []), s]);
    return reply.page('local-offer/views/whats-on', {
      pageTitle: "What's on",
      from,
      to,
      rangeText: `${formatDate(from)} to ${formatDate(to)}`,
      eventsOnly,
      problems,
      errorSummary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
      presets: [
        { text: 'Next 7 days', href: `/local-offer/whats-on?from=${today}&to=${addDays(today, 6)}` },
        { text: 'Next 4 weeks', href: `/local-offer/whats-on?from=${today}&to=${addDays(today, 27)}` },
        {
          text: 'One-off events in the next 3 months',
          href: `/local-offer/whats-on?from=${today}&to=${addDays(today, 90)}&type=events`,
        },
      ],
      days: [...days.entries()].map(([date, list]) => ({
        heading: formatDateWithDay(date),
        sessions: list.map((s) => ({
          name: s.service_name,
          href: `/local-offer/services/${s.service_id}`,
          organisation: s.organisation_name,
          time: s.opens_at && s.closes_at ? `${s.opens_at} to ${s.closes_at}` : undefined,
          kind: s.freq === 'ONCE' ? 'Event' : s.term_time_only ? 'Term-time session' : 'Regular session',
          ages: agesText(s.minimum_age, s.maximum_age),
          cost: s.is_free ? 'Free' : 'Paid',
          description: s.description,
        })),
      })),
      sessionCount: sessions.length,
      showing:
        pages > 1
          ? `showing ${(page - 1) * SESSIONS_PER_PAGE + 1} to ${Math.min(sessions.length, page * SESSIONS_PER_PAGE)}`
          : '',
      pagination:
        pages > 1
          ? {
              ...(page > 1 ? { previous: { href: pageHref(page - 1) } } : {}),
              ...(page < pages ? { next: { href: pageHref(page + 1) } } : {}),
              items: pageNumbers(page, pages).map((n) =>
                n === null
                  ? { ellipsis: true }
                  : { number: n, href: pageHref(n), ...(n === page ? { current: true } : {}) },
              ),
            }
          : null,
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
      return reply.code(400).page('errors/error', {
        pageTitle: 'Sorry, there is a problem with your request',
        error: {
          status: 400,
          title: 'Sorry, there is a problem with your request',
          paragraphs: ['Go back and try again.'],
        },
        requestId: request.id,
      });
    }
    writeShortlist(reply, next, config.session.secureCookies);
    return reply.redirect(safeReturnPath(body.returnTo, '/local-offer/shortlist'), 303);
  });
}
