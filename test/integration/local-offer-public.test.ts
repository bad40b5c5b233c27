import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { FormSession } from '../helpers/browser-session.ts';
import {
  createApprovedService,
  createDirectoryOrganisation,
  validListing,
} from '../helpers/local-offer-fixtures.ts';
import { londonToday, addDays } from '../../src/lib/dates.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ localOffer: true });
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const resultCount = (html: string) => {
  const m = /id="results"[^>]*>\s*([\d,]+) services? found/.exec(html);
  return m ? Number((m[1] as string).replace(/,/g, '')) : /No services found/.test(html) ? 0 : NaN;
};
const resultIds = (html: string) =>
  [...html.matchAll(/href="\/local-offer\/services\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

async function publicServiceIds(where: ReturnType<typeof sql<boolean>>) {
  const today = londonToday(t.clock.now());
  const cutOff = addDays(today, -(t.config.localOffer.reviewDays + t.config.localOffer.graceDays));
  const rows = await sql<{ id: string }>`
    select s.id from services s
     where s.live_revision_number > 0 and s.withdrawn_at is null and s.visibility = 'public'
       and s.status <> 'defunct' and s.assured_date >= ${cutOff}::date and ${where}`.execute(t.database.db);
  return rows.rows.map((r) => r.id);
}

describe('the Local Offer home page', () => {
  it('offers search, browsing by category, age and need, and what is on next', async () => {
    const res = await get('/local-offer');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('action="/local-offer/search"');
    expect(res.body).toContain('/local-offer/search?category=short-breaks');
    expect(res.body).toContain('/local-offer/search?ageGroup=secondary');
    expect(res.body).toContain('/local-offer/search?need=communication-and-interaction');
    expect(text(res.body)).toContain("What's on next");
  });
});

describe('search', () => {
  it('finds autism with the misspelling autsim, and says so', async () => {
    const right = await get('/local-offer/search?q=autism');
    const wrong = await get('/local-offer/search?q=autsim');
    expect(resultCount(right.body)).toBeGreaterThan(5);
    expect(resultCount(wrong.body)).toBeGreaterThanOrEqual(resultCount(right.body));
    expect(text(wrong.body)).toContain('Also showing results for autism');
  });

  it('stems English words: autistic and autism search the same listings as their stems', async () => {
    const res = await get('/local-offer/search?q=swimming');
    const stem = await get('/local-offer/search?q=swim');
    expect(resultCount(stem.body)).toBeGreaterThanOrEqual(resultCount(res.body));
  });

  it('combines filters with AND and counts match the database', async () => {
    const terms = await t.database.db.selectFrom('taxonomy_terms').select(['id', 'code']).execute();
    const id = (code: string) => terms.find((x) => x.code === code)?.id as string;
    const expected = await publiclyMatching(id('short-breaks'), 12);
    const res = await get('/local-offer/search?category=short-breaks&age=12');
    expect(res.statusCode).toBe(200);
    expect(resultCount(res.body)).toBe(expected.length);
    for (const shown of resultIds(res.body)) expect(expected).toContain(shown);
  });

  it('shows how many results each filter option would leave', async () => {
    const all = await get('/local-offer/search?category=health');
    const total = resultCount(all.body);
    const free = /value="free"[^>]*>\s*<label[^>]*>\s*Free \((\d+) results?\)/.exec(all.body);
    expect(free).not.toBeNull();
    const narrowed = await get('/local-offer/search?category=health&cost=free');
    expect(resultCount(narrowed.body)).toBe(Number(free?.[1]));
    expect(resultCount(narrowed.body)).toBeLessThanOrEqual(total);
  });

  it('finds services within a distance of a postcode district and sorts nearest first', async () => {
    const res = await get('/local-offer/search?postcode=wv10&distance=1&sort=distance');
    expect(res.statusCode).toBe(200);
    const distances = [...res.body.matchAll(/([\d.]+) miles? away/g)].map((m) => Number(m[1]));
    expect(distances.length).toBeGreaterThan(0);
    expect(distances.every((d) => d <= 1.0)).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const wider = await get('/local-offer/search?postcode=WV10&distance=5');
    expect(resultCount(wider.body)).toBeGreaterThan(resultCount(res.body));
  });

  it('accepts a full postcode through its district when the postcode itself is not known', async () => {
    const res = await get('/local-offer/search?postcode=WV10%206QH&distance=3');
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('Within 3 miles of WV10 6QH');
  });

  it('explains bad input on the page and never fails', async () => {
    const cases: [string, RegExp][] = [
      [`/local-offer/search?q=${'a'.repeat(201)}`, /Search terms must be 200 characters or fewer/],
      ['/local-offer/search?postcode=not-a-postcode', /Enter a real postcode/],
      ['/local-offer/search?postcode=ZZ9%209ZZ', /We could not find ZZ9 9ZZ/],
      ['/local-offer/search?category=made-up', /Choose categories from the list/],
      ['/local-offer/search?age=99', /Age must be a whole number from 0 to 25/],
      ['/local-offer/search?day=XX', /Choose days of the week from the list/],
      ['/local-offer/search?page=9999', /There is no page 9999/],
      ['/local-offer/search?page=-1', /Page must be a whole number/],
      ['/local-offer/search?sort=%3Cscript%3E', /Choose how to sort from the list/],
      ['/local-offer/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /services? found/],
    ];
    for (const [url, message] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(text(res.body), url).toMatch(message);
      expect(res.body).not.toContain('<script>alert(1)');
    }
  });

  it('keeps the whole search in a URL that can be shared', async () => {
    const res = await get('/local-offer/search?q=club&need=autism&ageGroup=secondary&page=1');
    expect(res.body).toContain('href="/local-offer/search?q=club&amp;ageGroup=secondary"');
  });
});

async function publiclyMatching(termId: string, age: number) {
  return publicServiceIds(
    sql<boolean>`s.minimum_age <= ${age} and s.maximum_age >= ${age}
      and exists (select 1 from service_attributes a where a.service_id = s.id and a.taxonomy_term_id = ${termId}::uuid)`,
  );
}

describe('searches made by many families at once', () => {
  it('are made once and rendered once, show a change at once, and carry nothing of one person to another', async () => {
    const repo = t.container.repos.localOffer;
    const original = repo.search;
    let queries = 0;
    repo.search = (...args: Parameters<typeof original>) => {
      queries += 1;
      return original(...args);
    };
    try {
      const url = '/local-offer/search?q=quokka&distance=5';
      const together = await Promise.all(Array.from({ length: 12 }, () => get(url)));
      expect(together.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
      expect(new Set(together.map((r) => resultCount(r.body)))).toEqual(new Set([0]));
      expect(queries).toBe(1);
      await get(url);
      expect(queries).toBe(1);

      // A listing approved now is found by the very next search, here and on any page of it.
      const organisationId = await createDirectoryOrganisation(t.database.db, {
        name: 'Quokka Trust',
        accountOrganisationId: null,
      });
      const { id } = await createApprovedService(t, {
        organisationId,
        listing: validListing({ name: 'Quokka Saturday swimming' }),
      });
      const after = await get(url);
      expect(queries).toBe(2);
      expect(resultCount(after.body)).toBe(1);
      expect(resultIds(after.body)).toContain(id);

      // A signed-in person sees the same results in their own page; the next visitor sees none of it.
      const editor = new FormSession(t.app);
      await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
      const signedIn = await editor.get(url);
      expect(text(signedIn.body)).toContain('Signed in as');
      expect(signedIn.headers['cache-control']).toBe('no-store');
      expect(resultIds(signedIn.body)).toContain(id);
      const anonymous = await get(url);
      expect(text(anonymous.body)).not.toContain('Signed in as');
      expect(anonymous.body).not.toContain('name="_csrf"');
      expect(queries).toBe(2);
    } finally {
      repo.search = original;
    }
  });
});

describe('the service page', () => {
  it('shows who it is for, cost, when, where, how to access, contact and when it was checked', async () => {
    const [id] = await publicServiceIds(
      sql<boolean>`exists (select 1 from service_at_locations sl where sl.service_id = s.id)`,
    );
    const res = await get(`/local-offer/services/${id}`);
    expect(res.statusCode).toBe(200);
    for (const heading of [
      'Who it is for',
      'What it costs',
      'When',
      'Where',
      'How to get this service',
      'Contact',
    ]) {
      expect(res.body).toContain(`>${heading}</h2>`);
    }
    expect(text(res.body)).toMatch(/This listing was last checked on \d{1,2} \w+ \d{4}/);
  });

  it('is not found for internal, withdrawn, never-approved or long-unconfirmed listings, or a bad id', async () => {
    const internal = await t.database.db
      .selectFrom('services')
      .select('id')
      .where('visibility', '=', 'internal')
      .executeTakeFirstOrThrow();
    expect((await get(`/local-offer/services/${internal.id}`)).statusCode).toBe(404);
    const hiddenRow = await sql<{
      id: string;
    }>`select id from services where assured_date < current_date - ${t.config.localOffer.reviewDays + t.config.localOffer.graceDays + 1}::int limit 1`.execute(
      t.database.db,
    );
    if (hiddenRow.rows[0])
      expect((await get(`/local-offer/services/${hiddenRow.rows[0].id}`)).statusCode).toBe(404);
    expect((await get('/local-offer/services/not-a-uuid')).statusCode).toBe(404);
    expect((await get('/local-offer/services/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('escapes markup a provider typed', async () => {
    const [id] = await publicServiceIds(sql<boolean>`true`);
    await t.database.db
      .updateTable('services')
      .set({ name: '<script>alert("x")</script>Club' })
      .where('id', '=', id as string)
      .execute();
    const res = await get(`/local-offer/services/${id}`);
    expect(res.body).not.toContain('<script>alert("x")');
    expect(res.body).toContain('&lt;script&gt;');
  });
});

describe('the shortlist', () => {
  it('saves services without an account, shares them as a link and removes them', async () => {
    const ids = (await publicServiceIds(sql<boolean>`true`)).slice(0, 2) as string[];
    const visitor = new FormSession(t.app);
    for (const id of ids) {
      await visitor.get(`/local-offer/services/${id}`);
      const added = await visitor.post('/local-offer/shortlist', {
        action: 'add',
        serviceId: id,
        returnTo: `/local-offer/services/${id}`,
      });
      expect(added.statusCode).toBe(303);
      expect(added.headers.location).toBe(`/local-offer/services/${id}`);
    }
    const list = await visitor.get('/local-offer/shortlist');
    for (const id of ids) expect(list.body).toContain(`/local-offer/services/${id}`);
    const share = /href="(http[^"]+\/local-offer\/shortlist\/shared\?ids=[^"]+)"/.exec(list.body)?.[1];
    expect(share).toBeDefined();

    const friend = new FormSession(t.app);
    const shared = await friend.get(
      new URL((share as string).replace(/&amp;/g, '&')).pathname +
        new URL((share as string).replace(/&amp;/g, '&')).search,
    );
    for (const id of ids) expect(shared.body).toContain(`/local-offer/services/${id}`);
    await friend.post('/local-offer/shortlist', {
      action: 'save-shared',
      ids: ids.join(','),
      returnTo: '/local-offer/shortlist',
    });
    expect((await friend.get('/local-offer/shortlist')).body).toContain(ids[0]);

    await visitor.get('/local-offer/shortlist');
    await visitor.post('/local-offer/shortlist', {
      action: 'remove',
      serviceId: ids[0] as string,
      returnTo: '/local-offer/shortlist',
    });
    const after = await visitor.get('/local-offer/shortlist');
    expect(after.body).not.toContain(`/local-offer/services/${ids[0]}"`);
    expect(after.body).toContain(`/local-offer/services/${ids[1]}`);
  });

  it('refuses a change without a CSRF token and never redirects off the site', async () => {
    const visitor = new FormSession(t.app);
    const [id] = await publicServiceIds(sql<boolean>`true`);
    await visitor.get(`/local-offer/services/${id}`);
    const noToken = await visitor.post('/local-offer/shortlist', { action: 'clear' }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    await visitor.get(`/local-offer/services/${id}`);
    const offsite = await visitor.post('/local-offer/shortlist', {
      action: 'clear',
      returnTo: '//evil.example/',
    });
    expect(offsite.headers.location).toBe('/local-offer/shortlist');
    await visitor.get(`/local-offer/services/${id}`);
    const unknown = await visitor.post('/local-offer/shortlist', { action: 'explode' });
    expect(unknown.statusCode).toBe(400);
  });

  it('ignores a tampered cookie and ids that are not services', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/local-offer/shortlist/shared?ids=not-an-id,00000000-0000-4000-8000-000000000000',
      headers: { cookie: 'lo_shortlist=forged' },
    });
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('None of the services on this list are in the Local Offer now');
  });
});

describe("what's on", () => {
  it('lists sessions and events by date, a page at a time', async () => {
    const today = londonToday(t.clock.now());
    const res = await get(`/local-offer/whats-on?from=${today}&to=${addDays(today, 27)}`);
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toMatch(/\d+ sessions and events/);
    expect(Buffer.byteLength(res.body)).toBeLessThan(100_000);
    const events = await get(`/local-offer/whats-on?from=${today}&to=${addDays(today, 90)}&type=events`);
    expect(text(events.body)).toContain('Event');
    expect(text(events.body)).not.toContain('Regular session');
  });

  it('explains dates it cannot use', async () => {
    for (const url of [
      '/local-offer/whats-on?from=2026-02-30',
      '/local-offer/whats-on?from=2026-12-10&to=2026-12-01',
      '/local-offer/whats-on?from=2026-01-01&to=2026-12-31',
      '/local-offer/whats-on?page=abc',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('govuk-error-summary');
    }
  });
});
