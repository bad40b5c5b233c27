import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('the audit trail', () => {
  it('cannot be changed, deleted or truncated, by the database itself', async () => {
    const db = t.database.db;
    await sql`insert into audit_events (action, subject_type) values ('test.event', 'test')`.execute(db);
    await expect(sql`update audit_events set action = 'test.changed'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    const n = await sql<{
      n: string;
    }>`select count(*) as n from audit_events where action = 'test.event'`.execute(db);
    expect(n.rows[0]?.n).toBe('1');
  });

  it('rolls back with the change it records', async () => {
    const db = t.database.db;
    const before = await sql<{ n: string }>`select count(*) as n from audit_events`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into audit_events (action, subject_type) values ('test.rolled-back', 'test')`.execute(
          trx,
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await sql<{ n: string }>`select count(*) as n from audit_events`.execute(db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('is shown to administrators with filters and paging', async () => {
    const s = new FormSession(t.app);
    for (let i = 0; i < 3; i += 1) {
      await new FormSession(t.app).signIn('provider@demo.example.org', DEMO_PASSWORD);
    }
    await s.signIn('administrator@demo.example.org', DEMO_PASSWORD);
    const page = await s.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('auth.signed-in');
    expect(page.body).toContain('Rowan Provider (Demo Play and Leisure Short Breaks)');
    const byPerson = await s.get('/admin/audit?action=auth.signed-in&actorEmail=Provider%40demo.example.org');
    expect(byPerson.body).toContain('3 events found');
    const badEmail = await s.get('/admin/audit?actorEmail=not-an-email');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toContain('Enter an email address in the correct format');
    const filtered = await s.get('/admin/audit?action=demo.seeded');
    expect(filtered.body).toContain('1 event found');
    const bad = await s.get('/admin/audit?from=2026-13-45');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('From date must be a real date');
    const backwards = await s.get('/admin/audit?from=2026-11-02&to=2026-11-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('To date must be the same as or after the from date');
    const today = new Date().toISOString().slice(0, 10);
    const dated = await s.get(`/admin/audit?from=${today}&to=${today}`);
    expect(dated.statusCode).toBe(200);
    for (let i = 0; i < 60; i += 1) {
      await sql`insert into audit_events (action, subject_type) values ('test.bulk', 'test')`.execute(
        t.database.db,
      );
    }
    const first = await s.get('/admin/audit?action=test.bulk');
    expect(first.body).toContain('60 events found');
    expect(first.body).toContain('govuk-pagination');
    const second = await s.get('/admin/audit?action=test.bulk&page=2');
    expect((second.body.match(/test\.bulk<\/td>/g) ?? []).length).toBe(10);
  });
});
