import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_RATE_LIMIT_PER_MINUTE } from '../../src/modules/feedback/routes.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * A member of the public at one address: the forms are rate-limited by address, so each test has its own and
 * does not use up another's allowance.
 */
class Visitor {
  readonly app: FastifyInstance;
  readonly ip: string;
  /** Reports are listed in the order they arrived: each form is sent a second after the last. */
  readonly tick: () => void;
  readonly cookies = new Map<string, string>();
  lastPage = '';

  constructor(app: FastifyInstance, ip: string, tick: () => void) {
    this.app = app;
    this.ip = ip;
    this.tick = tick;
  }

  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies) this.cookies.set(c.name, c.value);
    if (response.headers['content-type']?.toString().includes('text/html')) this.lastPage = response.body;
    return response;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.ip,
        headers: { cookie: this.cookieHeader(), accept: 'text/html' },
      }),
    );
  }

  async post(url: string, fields: Record<string, string>, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams();
    const token = /name="_csrf" value="([^"]+)"/.exec(this.lastPage)?.[1];
    if (options.csrf !== false && token) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    this.tick();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
        payload: body.toString(),
      }),
    );
  }
}

let t: TestApp;
let editor: FormSession;
let serviceId: string;
let nextAddress = 1;
const visitor = () => new Visitor(t.app, `192.0.2.${nextAddress++}`, () => t.clock.advance(1000));

type Report = {
  id: string;
  kind: string;
  page_path: string | null;
  service_id: string | null;
  what_was_wrong: string | null;
  message: string;
  reply_email: string | null;
  status: string;
};

const reports = async () =>
  (await sql<Report>`select * from feedback_reports order by received_at, id`.execute(t.database.db)).rows;

const auditFor = async (id: string) =>
  (
    await sql<{
      action: string;
      details: Record<string, unknown>;
      actor_user_id: string | null;
    }>`select action, details, actor_user_id from audit_events where subject_id = ${id} order by id`.execute(
      t.database.db,
    )
  ).rows;

beforeAll(async () => {
  t = await buildTestApp();
  const org = await sql<{
    id: string;
  }>`insert into directory_organisations (name) values ('Splash Club') returning id`.execute(t.database.db);
  const service = await sql<{ id: string }>`
    insert into services (organisation_id, name, description, minimum_age, maximum_age, is_free, assured_date)
    values (${org.rows[0]?.id}, 'Saturday Swim', 'Swimming for disabled children', 5, 16, true, '2026-11-01')
    returning id`.execute(t.database.db);
  serviceId = service.rows[0]?.id as string;
  editor = new FormSession(t.app);
  await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
});
afterAll(async () => t?.close());

describe('report a problem with a page', () => {
  it('stores the report, linked to the service whose page it was', async () => {
    const person = visitor();
    const form = await person.get(`/local-offer/report-a-problem?page=/local-offer/services/${serviceId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="page" value="/local-offer/services/${serviceId}"`);
    expect(form.body).toContain('Information is wrong or out of date');
    // The hidden field people are asked to leave empty.
    expect(form.body).toMatch(
      /<input class="govuk-input" id="website" name="website" type="text" value="" autocomplete="off" tabindex="-1">/,
    );
    expect(form.body).toContain('Leave this field empty');

    const res = await person.post('/local-offer/report-a-problem', {
      page: `/local-offer/services/${serviceId}`,
      whatWasWrong: 'wrong-or-out-of-date',
      details: 'The phone number is wrong. My son Sam is 7.',
      email: 'Parent@Example.org',
      website: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(
      `/local-offer/report-a-problem/thank-you?page=${encodeURIComponent(`/local-offer/services/${serviceId}`)}`,
    );
    const thanks = await person.get(res.headers.location as string);
    expect(thanks.body).toContain('Thank you for your feedback');
    expect(thanks.body).toContain(`href="/local-offer/services/${serviceId}">Go back to the page`);

    const stored = (await reports()).at(-1);
    expect(stored).toMatchObject({
      kind: 'page_problem',
      page_path: `/local-offer/services/${serviceId}`,
      service_id: serviceId,
      what_was_wrong: 'wrong-or-out-of-date',
      message: 'The phone number is wrong. My son Sam is 7.',
      reply_email: 'parent@example.org',
      status: 'new',
    });
    // The audit record says a report arrived, and nothing of what it said.
    const audit = await auditFor(stored?.id as string);
    expect(audit).toEqual([
      {
        action: 'local-offer.feedback.received',
        details: { kind: 'page_problem', service_id: serviceId },
        actor_user_id: null,
      },
    ]);
  });

  it('does not link a service that does not exist, nor keep another site’s address', async () => {
    const person = visitor();
    await person.get('/local-offer/report-a-problem');
    await person.post('/local-offer/report-a-problem', {
      page: '/local-offer/services/00000000-0000-4000-8000-000000000000',
      whatWasWrong: 'broken-link',
      details: 'This page says not found',
    });
    expect((await reports()).at(-1)).toMatchObject({
      page_path: '/local-offer/services/00000000-0000-4000-8000-000000000000',
      service_id: null,
    });
    await person.get('/local-offer/report-a-problem?page=https://evil.example/');
    expect(person.lastPage).toContain('name="page" value="/"');
    const res = await person.post('/local-offer/report-a-problem', {
      page: 'https://evil.example/',
      whatWasWrong: 'something-else',
      details: 'Odd',
    });
    expect(res.headers.location).toBe('/local-offer/report-a-problem/thank-you?page=%2F');
    expect((await reports()).at(-1)).toMatchObject({ page_path: '/', service_id: null, reply_email: null });
    const thanks = await person.get(
      '/local-offer/report-a-problem/thank-you?page=https%3A%2F%2Fevil.example',
    );
    expect(thanks.body).not.toContain('evil.example');
    expect(thanks.body).toContain('href="/local-offer">Go to the Local Offer');
  });

  it('thanks an automated form filler and keeps nothing', async () => {
    const before = await reports();
    const person = visitor();
    await person.get('/local-offer/report-a-problem?page=/local-offer');
    const res = await person.post('/local-offer/report-a-problem', {
      page: '/local-offer',
      whatWasWrong: 'something-else',
      details: 'Buy cheap things',
      email: 'spam@example.org',
      website: 'https://spam.example',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/local-offer/report-a-problem/thank-you?page=%2Flocal-offer');
    expect(await reports()).toHaveLength(before.length);
  });

  it('refuses an invalid email address with a 400, keeping the answers', async () => {
    const before = await reports();
    const person = visitor();
    await person.get('/local-offer/report-a-problem?page=/local-offer/whats-on');
    const res = await person.post('/local-offer/report-a-problem', {
      page: '/local-offer/whats-on',
      whatWasWrong: 'hard-to-use',
      details: 'The dates are confusing <b>really</b>',
      email: 'not-an-email',
      website: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Enter an email address in the correct format, like name@example.com');
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).toContain('The dates are confusing &lt;b&gt;really&lt;/b&gt;</textarea>');
    expect(res.body).toMatch(/value="hard-to-use" checked/);
    expect(res.body).toContain('name="page" value="/local-offer/whats-on"');
    expect(await reports()).toHaveLength(before.length);
  });

  it('needs what was wrong and the details', async () => {
    const person = visitor();
    await person.get('/local-offer/report-a-problem');
    const res = await person.post('/local-offer/report-a-problem', { page: '/', website: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select what was wrong with the page');
    expect(res.body).toContain('Enter details of the problem');
  });

  it('must carry the form’s CSRF token', async () => {
    const before = await reports();
    const person = visitor();
    await person.get('/local-offer/report-a-problem');
    const res = await person.post(
      '/local-offer/report-a-problem',
      { page: '/', whatWasWrong: 'broken-link', details: 'x' },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(await reports()).toHaveLength(before.length);
  });

  it(`allows ${FEEDBACK_RATE_LIMIT_PER_MINUTE} a minute from one address, then shows a 429 page`, async () => {
    const person = visitor();
    await person.get('/local-offer/feedback');
    for (let i = 0; i < FEEDBACK_RATE_LIMIT_PER_MINUTE; i += 1) {
      const res = await person.post('/local-offer/feedback', { message: `Comment ${i}` });
      expect(res.statusCode).toBe(303);
      await person.get('/local-offer/feedback');
    }
    const before = await reports();
    const limited = await person.post('/local-offer/report-a-problem', {
      page: '/',
      whatWasWrong: 'broken-link',
      details: 'One too many',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Sorry, there have been too many attempts');
    expect(await reports()).toHaveLength(before.length);
    // Someone else is not affected.
    const other = visitor();
    await other.get('/local-offer/feedback');
    expect((await other.post('/local-offer/feedback', { message: 'Still works' })).statusCode).toBe(303);
  });
});

describe('general feedback', () => {
  it('stores a comment, with an optional email address', async () => {
    const person = visitor();
    const form = await person.get('/local-offer/feedback');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="website"');
    const res = await person.post('/local-offer/feedback', {
      message: 'Please add more holiday clubs for teenagers',
      email: '',
      website: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/local-offer/feedback/thank-you');
    expect((await person.get('/local-offer/feedback/thank-you')).body).toContain(
      'Thank you for your feedback',
    );
    expect((await reports()).at(-1)).toMatchObject({
      kind: 'general',
      page_path: null,
      service_id: null,
      what_was_wrong: null,
      message: 'Please add more holiday clubs for teenagers',
      reply_email: null,
    });
  });

  it('refuses an empty message and an invalid email address, and ignores the robots', async () => {
    const before = await reports();
    const person = visitor();
    await person.get('/local-offer/feedback');
    const res = await person.post('/local-offer/feedback', { message: '  ', email: 'x@', website: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter your feedback');
    expect(res.body).toContain('value="x@"');
    const robot = await person.post('/local-offer/feedback', { message: 'Spam', website: 'yes' });
    expect(robot.headers.location).toBe('/local-offer/feedback/thank-you');
    expect(await reports()).toHaveLength(before.length);
  });
});

describe('editors’ triage and You said, we did', () => {
  it('lists reports with a status filter and paging', async () => {
    const res = await editor.get('/staff/local-offer/feedback');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\d+ reports/);
    expect(res.body).toContain('Information is wrong or out of date');
    const resolved = await editor.get('/staff/local-offer/feedback?status=resolved');
    expect(resolved.body).toContain('0 reports');
    for (const query of ['status=wizard', 'page=-3', 'page=99'])
      expect((await editor.get(`/staff/local-offer/feedback?${query}`)).statusCode).toBe(200);

    for (let i = 0; i < 25; i += 1)
      await sql`insert into feedback_reports (kind, message) values ('general', ${`Bulk ${i}`})`.execute(
        t.database.db,
      );
    const first = await editor.get('/staff/local-offer/feedback?status=new');
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain('href="/staff/local-offer/feedback?status=new&amp;page=2"');
    expect((await editor.get('/staff/local-offer/feedback?status=new&page=2')).statusCode).toBe(200);
  });

  it('resolve and publish a report, which appears without the original message or email', async () => {
    const report = (await reports()).find((r) => r.service_id === serviceId) as Report;
    const page = await editor.get(`/staff/local-offer/feedback/${report.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The phone number is wrong. My son Sam is 7.');
    expect(page.body).toContain('parent@example.org');
    expect(page.body).toContain('Saturday Swim');

    // Resolving and publishing needs a "We did".
    const missing = await editor.post(`/staff/local-offer/feedback/${report.id}`, {
      status: 'resolved',
      youSaid: 'A phone number for a swimming club was wrong',
      weDid: '',
      publish: 'yes',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter what we did, to publish it on You said, we did');
    expect(missing.body).toContain('A phone number for a swimming club was wrong</textarea>');

    t.clock.set(new Date('2026-11-23T12:00:00Z'));
    const res = await editor.post(`/staff/local-offer/feedback/${report.id}`, {
      status: 'resolved',
      youSaid: 'A phone number for a swimming club was wrong',
      weDid: 'We corrected it the same day and asked the club to check its listing',
      publish: 'yes',
    });
    expect(res.statusCode).toBe(303);
    expect((await editor.get(res.headers.location as string)).body).toContain('The report has been saved');
    const audit = await auditFor(report.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'local-offer.feedback.updated',
      details: {
        status: { from: 'new', to: 'resolved' },
        publish: { from: false, to: true },
        you_said: 'changed',
        we_did: 'changed',
      },
    });
    expect(JSON.stringify(audit)).not.toContain('parent@example.org');

    const published = await t.app.inject('/local-offer/you-said-we-did');
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain('regulation 56');
    expect(published.body).toContain('href="/local-offer/feedback"');
    expect(published.body).toContain('A phone number for a swimming club was wrong');
    expect(published.body).toContain('We corrected it the same day');
    expect(published.body).toContain('2026');
    expect(published.body).not.toContain('My son Sam');
    expect(published.body).not.toContain('parent@example.org');

    const year = await t.app.inject('/local-offer/you-said-we-did?year=2026');
    expect(year.body).toContain('A phone number for a swimming club was wrong');
    const empty = await t.app.inject('/local-offer/you-said-we-did?year=2019');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('We have not published anything for 2019');
    expect(empty.body).not.toContain('A phone number for a swimming club was wrong');
    const odd = await t.app.inject('/local-offer/you-said-we-did?year=last');
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('Choose a year from the list');
  });

  it('do not publish a report that is resolved without publishing, or published but not resolved', async () => {
    const [a, b] = (await reports()).filter((r) => r.kind === 'general' && r.status === 'new');
    await editor.get(`/staff/local-offer/feedback/${a?.id}`);
    await editor.post(`/staff/local-offer/feedback/${a?.id}`, {
      status: 'resolved',
      youSaid: 'Secret resolved',
      weDid: 'Not for publishing',
      publish: 'no',
    });
    await editor.get(`/staff/local-offer/feedback/${b?.id}`);
    await editor.post(`/staff/local-offer/feedback/${b?.id}`, {
      status: 'in_progress',
      youSaid: 'Still being worked on',
      weDid: '',
      publish: 'yes',
    });
    const page = await t.app.inject('/local-offer/you-said-we-did');
    expect(page.body).not.toContain('Secret resolved');
    expect(page.body).not.toContain('Still being worked on');
  });

  it('refuse markup, an unknown status and a missing CSRF token', async () => {
    const report = (await reports()).find((r) => r.kind === 'general') as Report;
    await editor.get(`/staff/local-offer/feedback/${report.id}`);
    const markup = await editor.post(`/staff/local-offer/feedback/${report.id}`, {
      status: 'closed',
      youSaid: '<script>x</script>',
      publish: 'no',
    });
    expect(markup.statusCode).toBe(400);
    expect(markup.body).toContain('Select a status');
    expect(markup.body).toContain('You said must not include the characters &lt; or &gt;');
    expect(markup.body).not.toContain('<script>x</script>');
    const noToken = await editor.post(
      `/staff/local-offer/feedback/${report.id}`,
      { status: 'resolved', publish: 'no' },
      { csrf: null },
    );
    expect(noToken.statusCode).toBe(403);
  });

  it('get 404 for a report that does not exist', async () => {
    expect(
      (await editor.get('/staff/local-offer/feedback/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await editor.get('/staff/local-offer/feedback/nope')).statusCode).toBe(404);
  });

  it('are the only ones who see reports', async () => {
    const report = (await reports())[0] as Report;
    for (const email of ['provider@demo.example.org', 'caseworker@demo.example.org']) {
      const person = new FormSession(t.app);
      await person.signIn(email, DEMO_PASSWORD);
      expect((await person.get('/staff/local-offer/feedback')).statusCode).toBe(403);
      expect((await person.get(`/staff/local-offer/feedback/${report.id}`)).statusCode).toBe(403);
      await person.get('/account');
      expect(
        (await person.post(`/staff/local-offer/feedback/${report.id}`, { status: 'resolved', publish: 'no' }))
          .statusCode,
      ).toBe(403);
    }
    const anonymous = await t.app.inject('/staff/local-offer/feedback');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/sign-in?returnTo=');
  });
});
