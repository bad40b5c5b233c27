import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('health endpoints', () => {
  it('answers liveness without touching the database', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('checks the database for readiness', async () => {
    const res = await t.app.inject('/health/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('reports version, commit and engine', async () => {
    const res = await t.app.inject('/info');
    expect(res.json()).toMatchObject({
      name: 'send-partnership',
      version: '0.1.0',
      database: t.database.engine,
    });
  });
});

describe('the layout', () => {
  it('renders the home page with the council header, navigation, phase banner and footer', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('class="govuk-skip-link"');
    expect(html).toContain('govuk-generic-header app-header');
    expect(html).toContain('City of Wolverhampton Council');
    expect(html).toContain('govuk-service-navigation');
    expect(html).toContain('govuk-phase-banner');
    for (const href of ['/accessibility', '/privacy', '/cookies', '/contact'])
      expect(html).toContain(`href="${href}"`);
    expect(html).not.toMatch(/govuk-logo|crown/i);
    // Partners come from the database.
    expect(html).toContain('Black Country Integrated Care Board');
  });

  it('sends a nonce-based CSP without unsafe-inline, and the nonce matches the inline script', async () => {
    const res = await t.app.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`<script nonce="${nonce}">`);
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('echoes a request id, keeping a well-formed incoming one', async () => {
    const own = await t.app.inject('/health');
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const odd = await t.app.inject({ url: '/health', headers: { 'x-request-id': '<script>' } });
    expect(odd.headers['x-request-id']).not.toBe('<script>');
  });

  it.each([
    ['/accessibility', 'Accessibility statement'],
    ['/privacy', 'Privacy notice'],
    ['/cookies', 'Cookies'],
    ['/contact', 'Contact'],
  ])('serves %s', async (url, heading) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(new RegExp(`<h1 class="govuk-heading-[a-z]+">[^<]*${heading}`));
  });

  it('serves the compiled stylesheet and the design system assets', async () => {
    const home = await t.app.inject('/');
    const css = /href="(\/assets\/app\/application-[0-9a-f]+\.css)"/.exec(home.body)?.[1];
    expect(css).toBeTruthy();
    const res = await t.app.inject(css as string);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toContain('#00606b');
    expect(res.body).not.toContain('GDS Transport');
    expect((await t.app.inject('/assets/govuk/govuk-frontend.min.js')).statusCode).toBe(200);
    expect((await t.app.inject('/assets/govuk/../../package.json')).statusCode).toBe(404);
  });
});

describe('errors', () => {
  it('shows a GOV.UK 404 page for unknown URLs', async () => {
    const res = await t.app.inject('/no-such-page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
    expect(res.body).toContain('govuk-template');
  });

  it('refuses a POST without a CSRF token with a 403 page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.com&password=x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You do not have permission');
  });

  it('turns malformed bodies into a 400 page, never a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken',
    });
    expect([400, 403]).toContain(res.statusCode);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('refuses unknown content types without a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'text/x-odd' },
      payload: 'x',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('when the database is down', () => {
  it('reports not ready, and shows a 500 page with a reference but no detail', async () => {
    const broken = await buildTestApp();
    try {
      await broken.database.close();
      const ready = await broken.app.inject('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
      expect((await broken.app.inject('/health')).statusCode).toBe(200);
      const page = await broken.app.inject('/');
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Sorry, there is a problem with the service');
      expect(page.body).toContain(String(page.headers['x-request-id']));
      expect(page.body).not.toMatch(/at .*\.(ts|js):\d+|Error:/);
    } finally {
      await broken.app.close();
    }
  });
});

describe('rate limits', () => {
  it('slows down repeated requests for missing pages and repeated sign-in attempts', async () => {
    const limited = await buildTestApp({
      seed: false,
      env: { NOT_FOUND_RATE_LIMIT_PER_MINUTE: '3', SIGNIN_RATE_LIMIT_PER_MINUTE: '2' },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) codes.push((await limited.app.inject(`/missing-${i}`)).statusCode);
      expect(codes).toEqual([404, 404, 404, 429, 429]);
      const page = await limited.app.inject('/missing-again');
      expect(page.body).toContain('Sorry, there have been too many attempts');
      expect(page.headers['retry-after']).toBeDefined();

      const s = new FormSession(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await s.get('/sign-in');
        statuses.push(
          (await s.post('/sign-in', { email: 'a@example.org', password: 'wrong-password' })).statusCode,
        );
      }
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe.runIf(inject('engine') === 'postgres')('on PostgreSQL', () => {
  it('carries on when the server kills idle connections (a restart, a DBA)', async () => {
    const db = t.database.db;
    // Open a few pooled connections, then have PostgreSQL terminate every one but this query's.
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(db)));
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.app.inject('/health/ready')).statusCode).toBe(200);
    expect((await t.app.inject('/')).statusCode).toBe(200);
  });
});
