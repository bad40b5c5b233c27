import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS } from '../../src/db/seed/demo.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const auditActions = async (): Promise<string[]> => {
  const rows = await sql<{ action: string }>`select action from audit_events order by id`.execute(
    t.database.db,
  );
  return rows.rows.map((r) => r.action);
};

describe('signing in', () => {
  it.each(DEMO_SIGN_INS.map((p) => [p.role, p.email]))('works for the demo %s', async (_role, email) => {
    const s = new FormSession(t.app);
    const res = await s.signIn(email, DEMO_PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff');
    const staff = await s.get('/staff');
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('Staff area');
  });

  it('sets a session cookie that is httpOnly and sameSite=lax, and stores only its hash', async () => {
    const s = new FormSession(t.app);
    const res = await s.signIn('caseworker@demo.example.org', DEMO_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const stored = await sql<{ id_hash: string }>`select id_hash from sessions`.execute(t.database.db);
    expect(stored.rows.map((r) => r.id_hash)).not.toContain(cookie?.value);
  });

  it('gives a new session id at every sign-in', async () => {
    const s = new FormSession(t.app);
    await s.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    const first = s.cookies.get('sid');
    await s.post('/sign-out', {});
    await s.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    expect(s.cookies.get('sid')).toBeTruthy();
    expect(s.cookies.get('sid')).not.toBe(first);
  });

  it('shows an error summary for a wrong password, keeps the email and never echoes the password', async () => {
    const s = new FormSession(t.app);
    await s.get('/sign-in');
    const res = await s.post('/sign-in', {
      email: 'board.member@demo.example.org',
      password: 'wrong-password-123',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('Enter a correct email address and password');
    expect(res.body).toContain('value="board.member@demo.example.org"');
    expect(res.body).not.toContain('wrong-password-123');
    expect(res.body).toMatch(/<title>Error: /);
  });

  it('gives the same answer for an unknown email as for a wrong password', async () => {
    const s = new FormSession(t.app);
    await s.get('/sign-in');
    const res = await s.post('/sign-in', { email: 'nobody@demo.example.org', password: 'whatever-password' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter a correct email address and password');
  });

  it.each([
    [{ email: '', password: '' }, ['Enter your email address', 'Enter your password']],
    [{ email: 'not-an-email', password: 'x' }, ['Enter an email address in the correct format']],
    [{ email: `${'a'.repeat(250)}@x.org`, password: 'x' }, ['254 characters or fewer']],
    [{ email: 'a@b.org', password: 'x', admin: 'true' }, ['information we did not expect']],
    [{ email: ['a@b.org', 'c@d.org'], password: 'x' }, ['Enter your email address']],
  ] as const)('rejects bad input %# with a 400 and an error summary', async (fields, messages) => {
    const s = new FormSession(t.app);
    await s.get('/sign-in');
    const res = await s.post('/sign-in', fields as Record<string, string | string[]>);
    expect(res.statusCode).toBe(400);
    for (const m of messages) expect(res.body).toContain(m);
  });

  it('locks the account after repeated failures, with a clear message, until the lock runs out', async () => {
    const email = 'local.offer.editor@demo.example.org';
    const s = new FormSession(t.app);
    for (let i = 0; i < t.config.signIn.maxFailures; i += 1) {
      await s.get('/sign-in');
      await s.post('/sign-in', { email, password: `wrong-${i}-password` });
    }
    expect(s.lastPage).toContain('Your account is locked');
    // Even the right password is refused while locked.
    await s.get('/sign-in');
    const locked = await s.post('/sign-in', { email, password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain('Your account is locked');
    expect(await auditActions()).toContain('auth.account-locked');
    t.clock.advance((t.config.signIn.lockoutMinutes + 1) * 60_000);
    await s.get('/sign-in');
    const after = await s.post('/sign-in', { email, password: DEMO_PASSWORD });
    expect(after.statusCode).toBe(303);
  });

  it('sends visitors to sign in, and back to where they were going', async () => {
    const s = new FormSession(t.app);
    const res = await s.get('/admin/users?role=provider');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fusers%3Frole%3Dprovider');
    await s.get(res.headers.location as string);
    const signedIn = await s.post('/sign-in?returnTo=%2Fadmin%2Fusers%3Frole%3Dprovider', {
      email: 'administrator@demo.example.org',
      password: DEMO_PASSWORD,
    });
    expect(signedIn.headers.location).toBe('/admin/users?role=provider');
  });

  it('never redirects off the site after sign-in', async () => {
    const s = new FormSession(t.app);
    await s.get('/sign-in?returnTo=//evil.example');
    const res = await s.post('/sign-in?returnTo=//evil.example', {
      email: 'administrator@demo.example.org',
      password: DEMO_PASSWORD,
    });
    expect(res.headers.location).toBe('/staff');
  });
});

describe('sessions', () => {
  it('signs out, ending the session in the database', async () => {
    const s = new FormSession(t.app);
    await s.signIn('provider@demo.example.org', DEMO_PASSWORD);
    const sid = s.cookies.get('sid');
    await s.get('/staff');
    const out = await s.post('/sign-out', {});
    expect(out.headers.location).toBe('/signed-out');
    // Replaying the old cookie does not work.
    s.cookies.set('sid', sid as string);
    expect((await s.get('/staff')).statusCode).toBe(303);
  });

  it('ends a session after the idle timeout', async () => {
    const s = new FormSession(t.app);
    await s.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    t.clock.advance((t.config.session.idleMinutes - 1) * 60_000);
    expect((await s.get('/staff')).statusCode).toBe(200);
    t.clock.advance((t.config.session.idleMinutes + 1) * 60_000);
    expect((await s.get('/staff')).statusCode).toBe(303);
  });

  it('ends a session at the absolute timeout however active it is', async () => {
    const s = new FormSession(t.app);
    await s.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    const steps = (t.config.session.absoluteHours * 60) / 20 + 1;
    let last = 200;
    for (let i = 0; i < steps; i += 1) {
      t.clock.advance(20 * 60_000);
      last = (await s.get('/staff')).statusCode;
    }
    expect(last).toBe(303);
  });
});

describe('changing a password', () => {
  it('checks the current password, matching and length, then changes it and signs out other sessions', async () => {
    const email = 'caseworker@demo.example.org';
    const other = new FormSession(t.app);
    await other.signIn(email, DEMO_PASSWORD);
    const s = new FormSession(t.app);
    await s.signIn(email, DEMO_PASSWORD);
    await s.get('/account/change-password');
    let res = await s.post('/account/change-password', {
      currentPassword: 'nope',
      newPassword: 'a-long-new-password',
      confirmPassword: 'a-long-new-password',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Your current password is incorrect');
    res = await s.post('/account/change-password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(res.body).toContain('12 characters or more');
    res = await s.post('/account/change-password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a-long-new-password',
      confirmPassword: 'different-password',
    });
    expect(res.body).toContain('The passwords do not match');
    res = await s.post('/account/change-password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a-long-new-password',
      confirmPassword: 'a-long-new-password',
    });
    expect(res.statusCode).toBe(303);
    expect((await s.get('/account')).body).toContain('Your password has been changed');
    expect((await other.get('/staff')).statusCode).toBe(303);
    const fresh = new FormSession(t.app);
    expect((await fresh.signIn(email, 'a-long-new-password')).statusCode).toBe(303);
    expect(await auditActions()).toContain('account.password-changed');
  });
});
