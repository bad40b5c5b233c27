import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's Open Referral UK 3.0 API on loopback, for testing the importer: several feeds, one
 * under each /feeds/<name>, each answering /services (paged, with modified_after and minimal),
 * /services/{id} and /organizations/{id} from the records the test gives it. Every request is
 * logged, so a test can check what the importer asked for.
 */

export type Record_ = Record<string, unknown>;

export type FakeFeed = {
  services: Map<string, Record_>;
  organisations: Map<string, Record_>;
  /** Answer `minimal=true` with 400, as a feed that does not offer it. */
  rejectMinimal?: boolean;
  /** The most a page holds, whatever is asked for (real feeds cap it). */
  maxPerPage?: number;
  /** Answer everything with this instead (a broken feed). */
  broken?: { status: number; contentType: string; body: string };
  /** Answer each request only after this long (a slow feed). */
  delayMs?: number;
  /** Answer a list request with what this returns instead, when it returns something (a glitch). */
  alterList?: (page: Record_, url: URL) => unknown;
};

export type FeedServer = {
  url: string;
  base: (feed: string) => string;
  feed: (name: string) => FakeFeed;
  /** Paths and queries asked for, per feed, in order. */
  requests: (feed: string) => URL[];
  clearRequests: () => void;
  close: () => Promise<void>;
};

function paged(contents: unknown[], total: number, page: number, perPage: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export async function startFeedServer(): Promise<FeedServer> {
  const feeds = new Map<string, FakeFeed>();
  const log = new Map<string, URL[]>();
  const feed = (name: string) => {
    let f = feeds.get(name);
    if (!f) {
      f = { services: new Map(), organisations: new Map() };
      feeds.set(name, f);
    }
    return f;
  };

  const server: Server = createServer((request, response) => {
    const delay = feeds.get(/^\/feeds\/([a-z0-9-]+)/.exec(request.url ?? '')?.[1] ?? '')?.delayMs;
    if (delay) setTimeout(() => answer(request, response), delay);
    else answer(request, response);
  });
  function answer(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const match = /^\/feeds\/([a-z0-9-]+)(\/.*)?$/.exec(url.pathname);
    if (!match || request.method !== 'GET') return send(404, { status: 404, error: 'Not found' });
    const [, name = '', rest = ''] = match;
    log.set(name, [...(log.get(name) ?? []), url]);
    const f = feeds.get(name);
    if (!f) return send(404, { status: 404, error: 'Not found' });
    if (f.broken) return send(f.broken.status, f.broken.body, f.broken.contentType);

    if (rest === '/services') {
      const minimal = url.searchParams.get('minimal') === 'true';
      if (minimal && f.rejectMinimal) return send(400, { status: 400, error: 'minimal is not supported' });
      const page = Number(url.searchParams.get('page') ?? '1');
      const asked = Number(url.searchParams.get('per_page') ?? '50');
      const perPage = Math.min(asked, f.maxPerPage ?? 1000);
      const after = url.searchParams.get('modified_after');
      const since = after ? new Date(after) : undefined;
      if (since && Number.isNaN(since.getTime()))
        return send(400, { status: 400, error: 'bad modified_after' });
      const all = [...f.services.values()]
        .filter((s) => !since || new Date(String(s.last_modified)) > since)
        .sort(
          (a, b) => String(a.name).localeCompare(String(b.name)) || String(a.id).localeCompare(String(b.id)),
        );
      const contents = all.slice((page - 1) * perPage, page * perPage).map((s) => {
        if (minimal) return { id: s.id, last_modified: s.last_modified };
        const { schedules: _s, service_at_locations: _l, contacts: _c, attributes: _a, ...basic } = s;
        return basic;
      });
      const body = paged(contents, all.length, page, perPage);
      return send(200, f.alterList?.(body, url) ?? body);
    }
    const one = /^\/(services|organizations)\/([^/]+)$/.exec(rest);
    if (one) {
      const [, kind, id = ''] = one;
      const record = (kind === 'services' ? f.services : f.organisations).get(decodeURIComponent(id));
      return record ? send(200, record) : send(404, { status: 404, error: 'Not found' });
    }
    return send(404, { status: 404, error: 'Not found' });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    base: (name) => `${url}/feeds/${name}`,
    feed,
    requests: (name) => log.get(name) ?? [],
    clearRequests: () => log.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Puts a service in a feed (its id is the key). */
export function publish(feed: FakeFeed, service: Record_) {
  feed.services.set(String(service.id), service);
}

let generated = 0;

/**
 * A valid ORUK 3.0 service, fully nested, as a partner would publish it: a weekly club at a venue
 * in the area, with a contact, a language and a need.
 */
export function generatedService(
  organisation: Record_,
  options: { name?: string; lastModified: string; venue?: Record_ },
): Record_ {
  generated += 1;
  const id = randomUUID();
  const venue = options.venue ?? generatedVenue(`Community Centre ${generated}`, 'WV14 6PW');
  const contactId = randomUUID();
  return {
    id,
    name: options.name ?? `Partner Club ${generated}`,
    description: `A club for disabled children, number ${generated}.`,
    url: `https://clubs.example.org/${generated}`,
    email: `club${generated}@clubs.example.org`,
    status: 'active',
    fees: 'Free',
    minimum_age: 4,
    maximum_age: 18,
    assured_date: '2026-01-01',
    last_modified: options.lastModified,
    organization: organisation,
    schedules: [
      {
        id: randomUUID(),
        service_id: id,
        freq: 'WEEKLY',
        byday: 'SA',
        opens_at: '10:00',
        closes_at: '12:00',
      },
    ],
    service_at_locations: [{ id: randomUUID(), service_id: id, location_id: venue.id, location: venue }],
    languages: [{ id: randomUUID(), service_id: id, name: 'English', code: 'en' }],
    contacts: [
      {
        id: contactId,
        service_id: id,
        name: 'Club leader',
        phones: [{ id: randomUUID(), contact_id: contactId, number: '01902 555123' }],
      },
    ],
    attributes: [
      {
        id: randomUUID(),
        link_id: id,
        link_type: 'service',
        taxonomy_term: { id: randomUUID(), name: 'Autism', description: 'Autism', term: 'autism' },
      },
    ],
  };
}

export function generatedVenue(name: string, postcode: string): Record_ {
  const id = randomUUID();
  return {
    id,
    location_type: 'physical',
    name,
    latitude: 52.566,
    longitude: -2.073,
    addresses: [
      {
        id: randomUUID(),
        location_id: id,
        address_1: 'Prouds Lane',
        city: 'Bilston',
        state_province: 'West Midlands',
        postal_code: postcode,
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: [{ id: randomUUID(), location_id: id, description: 'Step-free access' }],
  };
}

export function generatedOrganisation(name: string): Record_ {
  return { id: randomUUID(), name, description: `${name} runs services for families.` };
}
