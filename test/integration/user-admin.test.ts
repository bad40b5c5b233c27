import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: FormSession;
let councilId: string;
let trustId: string;
let providerId: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = new FormSession(t.app);
  await admin.signIn('administrator@demo.example.org', DEMO_PASSWORD);
  const orgs = await sql<{ id: string; key: string }>`select id, key from organisations`.execute(
    t.database.db,
  );
  councilId = orgs.rows.find((o) => o.key === 'council-send')?.id as string;
  trustId = orgs.rows.find((o) => o.key === 'rwt')?.id as string;
  providerId = orgs.rows.find((o) => o.key === 'provider')?.id as string;
});
afterAll(async () => t?.close());

/** The invitation link's path, as shown to the administrator. */
const invitationPath = (body: string): string =>
  /id="invitation-link" href="http:\/\/[^/]+(\/invitation\/[^"]+)"/.exec(body)?.[1] as string;

const count = async (table: 'users' | 'audit_events' | 'user_invitations' | 'notification_outbox') =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]
      ?.n,
  );

describe('inviting a user', () => {
  it('creates the user, the invitation, the email and the audit record together', async () => {
    const before = {
      users: await count('users'),
      audit: await count('audit_events'),
      outbox: await count('notification_outbox'),
    };
    await admin.get('/admin/users/invite');
    const res = await admin.post('/admin/users/invite', {
      fullName: 'Nia Newstarter',
      email: 'Nia.Newstarter@Example.org',
      role: 'partner_practitioner',
      organisationId: trustId,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('User invited');
    expect(await count('users')).toBe(before.users + 1);
    expect(await count('notification_outbox')).toBe(before.outbox + 1);
    expect(await count('audit_events')).toBe(before.audit + 1);
    const audit = await sql<{
      action: string;
      actor_user_id: string;
      actor_organisation_id: string;
      request_id: string;
    }>`
      select action, actor_user_id, actor_organisation_id, request_id from audit_events order by id desc limit 1`.execute(
      t.database.db,
    );
    expect(audit.rows[0]).toMatchObject({ action: 'user.invited', actor_organisation_id: councilId });
    expect(audit.rows[0]?.request_id).toBeTruthy();

    // The invitation link lets them set a password and sign in.
    const link = invitationPath(res.body);
    const invitee = new FormSession(t.app);
    const page = await invitee.get(link);
    expect(page.body).toContain('Set your password');
    const mismatch = await invitee.post(link, {
      newPassword: 'a-good-long-password',
      confirmPassword: 'other-password-x',
    });
    expect(mismatch.statusCode).toBe(400);
    const set = await invitee.post(link, {
      newPassword: 'a-good-long-password',
      confirmPassword: 'a-good-long-password',
    });
    expect(set.headers.location).toBe('/sign-in?passwordSet=1');
    expect((await invitee.signIn('nia.newstarter@example.org', 'a-good-long-password')).statusCode).toBe(303);
    // The link works once.
    expect((await new FormSession(t.app).get(link)).statusCode).toBe(404);
  });

  it('sends an invitation again, and the earlier link stops working', async () => {
    await admin.get('/admin/users/invite');
    const invited = await admin.post('/admin/users/invite', {
      fullName: 'Rey Resend',
      email: 'rey.resend@example.org',
      role: 'provider',
      organisationId: providerId,
    });
    const first = invitationPath(invited.body);
    const id = /href="\/admin\/users\/([0-9a-f-]{36})"/.exec(invited.body)?.[1] as string;
    const detail = await admin.get(`/admin/users/${id}`);
    expect(detail.body).toContain('Send the invitation again');
    const again = await admin.post(`/admin/users/${id}/reinvite`, {});
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Invitation sent again');
    const second = invitationPath(again.body);
    expect(second).not.toBe(first);
    expect((await new FormSession(t.app).get(first)).statusCode).toBe(404);
    expect((await new FormSession(t.app).get(second)).statusCode).toBe(200);
    // Only people who have not accepted can be invited again.
    const activeId = (
      await sql<{ id: string }>`select id from users where email = 'provider@demo.example.org'`.execute(
        t.database.db,
      )
    ).rows[0]?.id as string;
    await admin.get(`/admin/users/${activeId}`);
    expect((await admin.post(`/admin/users/${activeId}/reinvite`, {})).statusCode).toBe(404);
  });

  it.each([
    [
      'missing answers',
      {},
      [
        'Enter their full name',
        'Enter their email address',
        'Select a role',
        'Select the organisation they act for',
      ],
    ],
    [
      'too long',
      { fullName: 'x'.repeat(201), email: 'ok@example.org', role: 'provider', organisationId: 'PLACEHOLDER' },
      ['Full name must be 200 characters or fewer'],
    ],
    [
      'markup',
      {
        fullName: '<script>alert(1)</script>',
        email: 'ok@example.org',
        role: 'provider',
        organisationId: 'PLACEHOLDER',
      },
      ['must not include the characters &lt; or &gt;'],
    ],
    [
      'wrong type',
      { fullName: ['A', 'B'], email: 'ok@example.org', role: 'wizard', organisationId: 'not-a-uuid' },
      ['Enter their full name', 'Select a role', 'Select the organisation'],
    ],
    [
      'unexpected fields',
      {
        fullName: 'A B',
        email: 'ok@example.org',
        role: 'provider',
        organisationId: 'PLACEHOLDER',
        is_admin: 'yes',
      },
      ['information we did not expect'],
    ],
    [
      'role that cannot act for the organisation',
      { fullName: 'A B', email: 'ok2@example.org', role: 'send_caseworker', organisationId: 'TRUST' },
      ['cannot act for'],
    ],
    [
      'email already used',
      {
        fullName: 'A B',
        email: 'caseworker@demo.example.org',
        role: 'send_caseworker',
        organisationId: 'PLACEHOLDER',
      },
      ['already exists'],
    ],
  ])('refuses %s with a 400, keeps the answers and writes nothing', async (_name, raw, messages) => {
    const fields = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, v === 'PLACEHOLDER' ? councilId : v === 'TRUST' ? trustId : v]),
    ) as Record<string, string | string[]>;
    const before = { users: await count('users'), audit: await count('audit_events') };
    await admin.get('/admin/users/invite');
    const res = await admin.post('/admin/users/invite', fields);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    for (const m of messages) expect(res.body).toContain(m);
    if (typeof fields.email === 'string') expect(res.body).toContain(`value="${fields.email}"`);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(await count('users')).toBe(before.users);
    expect(await count('audit_events')).toBe(before.audit);
  });

  it('is refused to anyone but an administrator', async () => {
    const manager = new FormSession(t.app);
    await manager.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    expect((await manager.get('/admin/users')).statusCode).toBe(403);
    expect((await manager.get('/admin/users/invite')).statusCode).toBe(403);
    expect((await manager.get('/admin/audit')).statusCode).toBe(403);
    await manager.get('/account');
    const res = await manager.post('/admin/users/invite', {
      fullName: 'X Y',
      email: 'x@y.org',
      role: 'provider',
      organisationId: councilId,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('managing users', () => {
  it('lists, searches, filters and pages users', async () => {
    const all = await admin.get('/admin/users');
    expect(all.statusCode).toBe(200);
    expect(all.body).toMatch(/\d+ users found/);
    expect(all.body).toContain('govuk-pagination');
    const search = await admin.get('/admin/users?search=Parker');
    expect(search.body).toContain('Parker Practitioner');
    expect(search.body).toContain('1 user found');
    const filtered = await admin.get('/admin/users?role=board_member');
    expect(filtered.body).toContain('Blake Board');
    const page2 = await admin.get('/admin/users?page=2');
    expect(page2.statusCode).toBe(200);
    const odd = await admin.get('/admin/users?search=%3Cb%3E&role=wizard&page=-4');
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('must not include');
  });

  it('changes a role, disables and re-enables an account, ending their sessions', async () => {
    const board = new FormSession(t.app);
    await board.signIn('board.member@demo.example.org', DEMO_PASSWORD);
    const id = (
      await sql<{ id: string }>`select id from users where email = 'board.member@demo.example.org'`.execute(
        t.database.db,
      )
    ).rows[0]?.id as string;
    await admin.get(`/admin/users/${id}`);
    const disabled = await admin.post(`/admin/users/${id}/disable`, {});
    expect(disabled.statusCode).toBe(303);
    expect((await admin.get(`/admin/users/${id}`)).body).toContain('account has been disabled');
    expect((await board.get('/staff')).statusCode).toBe(303);
    expect(
      (await new FormSession(t.app).signIn('board.member@demo.example.org', DEMO_PASSWORD)).statusCode,
    ).toBe(400);
    await admin.post(`/admin/users/${id}/enable`, {});
    await admin.get(`/admin/users/${id}/edit`);
    const edited = await admin.post(`/admin/users/${id}/edit`, {
      fullName: 'Blake Board-Member',
      role: 'board_member',
      organisationId: trustId,
    });
    expect(edited.statusCode).toBe(303);
    const actions = (
      await sql<{
        action: string;
      }>`select action from audit_events where subject_id = ${id} order by id`.execute(t.database.db)
    ).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled', 'user.updated']));
  });

  it('unlocks a locked account', async () => {
    const email = 'caseworker@demo.example.org';
    const someone = new FormSession(t.app);
    for (let i = 0; i < t.config.signIn.maxFailures; i += 1)
      await someone.signIn(email, `wrong-password-${i}`);
    expect(someone.lastPage).toContain('Your account is locked');
    const id = (await sql<{ id: string }>`select id from users where email = ${email}`.execute(t.database.db))
      .rows[0]?.id as string;
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.body).toContain('Locked');
    expect(page.body).toContain('Unlock account');
    expect((await admin.post(`/admin/users/${id}/unlock`, {})).statusCode).toBe(303);
    expect((await admin.get(`/admin/users/${id}`)).body).toContain('account has been unlocked');
    expect((await someone.signIn(email, DEMO_PASSWORD)).statusCode).toBe(303);
  });

  it('resets a forgotten password: the old one stops working and a link sets a new one', async () => {
    const email = 'health.practitioner@demo.example.org';
    const person = new FormSession(t.app);
    await person.signIn(email, DEMO_PASSWORD);
    const id = (await sql<{ id: string }>`select id from users where email = ${email}`.execute(t.database.db))
      .rows[0]?.id as string;
    expect((await admin.get(`/admin/users/${id}`)).body).toContain('Reset their password');
    const reset = await admin.post(`/admin/users/${id}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    expect(reset.body).toContain('Password reset');
    expect((await person.get('/staff')).statusCode).toBe(303);
    expect((await new FormSession(t.app).signIn(email, DEMO_PASSWORD)).statusCode).toBe(400);
    const link = invitationPath(reset.body);
    const again = new FormSession(t.app);
    await again.get(link);
    await again.post(link, { newPassword: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' });
    expect((await again.signIn(email, 'a-brand-new-password')).statusCode).toBe(303);
    const outbox = await sql<{
      template: string;
    }>`select template from notification_outbox where recipient = ${email}`.execute(t.database.db);
    expect(outbox.rows.map((r) => r.template)).toEqual(['password-reset']);
  });

  it('does not let administrators disable themselves', async () => {
    const id = (
      await sql<{ id: string }>`select id from users where email = 'administrator@demo.example.org'`.execute(
        t.database.db,
      )
    ).rows[0]?.id as string;
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.body).toContain('This is your own account');
    await admin.get('/account');
    expect((await admin.post(`/admin/users/${id}/disable`, {})).statusCode).toBe(403);
  });

  it('gives 404 for a user that does not exist', async () => {
    expect((await admin.get('/admin/users/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/admin/users/not-an-id')).statusCode).toBe(404);
  });
});
