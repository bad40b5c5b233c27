import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates.ts';
import {
  createLocalTransport,
  type OutboundMessage,
  type Transport,
} from '../../src/modules/notifications/notify-transport.ts';
import type { SendOutcome } from '../../src/modules/notifications/retry.ts';
import { createDeliveryWorker } from '../../src/modules/notifications/worker.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * Delivering the outbox on the engine under test, with a stand-in for GOV.UK Notify (the transport is an
 * injected dependency; the database is real): never twice, retries, permanent failures, a crash mid-send,
 * the administrators' outbox pages, and reminders before and on a deadline.
 */
let t: TestApp;
const db = () => t.database.db;

/** A stand-in for GOV.UK Notify: records every message it is given and answers as told. */
function fakeNotify(answer: (message: OutboundMessage, call: number) => Promise<SendOutcome> | SendOutcome) {
  const sends: OutboundMessage[] = [];
  const transport: Transport = {
    kind: 'govuk-notify',
    send: async (message) => {
      sends.push(message);
      return answer(message, sends.length);
    },
  };
  const timesSent = (id: string) => sends.filter((m) => m.id === id).length;
  return { transport, sends, timesSent };
}

const sentOk = (message: OutboundMessage): SendOutcome => ({
  outcome: 'sent',
  providerReference: `notify-${message.id}`,
});

function worker(transport: Transport, options: { batchSize?: number; maxAttempts?: number } = {}) {
  return createDeliveryWorker({
    repos: t.container.repos,
    clock: t.clock,
    transport,
    maxAttempts: options.maxAttempts ?? 6,
    batchSize: options.batchSize ?? 25,
  });
}

async function queue(count: number, template = 'ehc-advice-requested'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = await db()
      .insertInto('notification_outbox')
      .values({
        template,
        recipient: `person.${i}@partner.example`,
        personalisation: JSON.stringify({
          reference: `EHC-TEST-${i}`,
          due: '16 February 2026',
          portal: 'http://localhost/partner',
          link: `http://localhost/my-ehc/sign-in/secret-token-${i}`,
        }),
        reference: `test:${template}:${i}:${Math.random()}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

const message = (id: string) =>
  db().selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function drain(w: ReturnType<typeof worker>) {
  for (let i = 0; i < 100; i += 1) if ((await w.runOnce()).claimed === 0) return;
}

async function signedIn(email: string) {
  const session = new FormSession(t.app);
  expect((await session.signIn(email, DEMO_PASSWORD)).statusCode).toBe(303);
  return session;
}

const auditCount = async (action: string) =>
  Number(
    (
      await db()
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
});
afterAll(async () => {
  await t?.close();
});

describe('delivering the outbox', () => {
  beforeEach(async () => {
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
    await sql`delete from notification_outbox`.execute(db());
  });

  it('never sends a message twice when two workers run at once', async () => {
    const ids = await queue(30);
    // Each send takes a moment, so the two workers' batches overlap.
    const notify = fakeNotify(async (m) => {
      await new Promise((r) => setTimeout(r, Math.random() * 4));
      return sentOk(m);
    });
    const a = worker(notify.transport, { batchSize: 4 });
    const b = worker(notify.transport, { batchSize: 4 });
    await Promise.all([drain(a), drain(b), drain(a)]);
    expect(notify.sends).toHaveLength(30);
    for (const id of ids) expect(notify.timesSent(id), id).toBe(1);
    const rows = await db().selectFrom('notification_outbox').selectAll().execute();
    for (const row of rows) {
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(1);
      expect(row.provider_reference).toBe(`notify-${row.id}`);
      expect(row.sent_at).not.toBeNull();
    }
  });

  it('never sends twice when a slow worker’s claim runs out and another takes over', async () => {
    const [first, second] = (await queue(2)) as [string, string];
    let started: () => void = () => {};
    let release: () => void = () => {};
    const firstCallStarted = new Promise<void>((r) => (started = r));
    const gate = new Promise<void>((r) => (release = r));
    const notify = fakeNotify(async (m, call) => {
      if (call === 1) {
        started();
        await gate;
      }
      return sentOk(m);
    });
    const slow = worker(notify.transport, { batchSize: 2 });
    const slowRun = slow.runOnce();
    await firstCallStarted;
    // The slow worker is stuck on its first message; its claim on the second runs out.
    t.clock.advance(10 * 60_000);
    const other = await worker(notify.transport).runOnce();
    expect(other).toMatchObject({ claimed: 1, sent: 1 });
    release();
    expect(await slowRun).toMatchObject({ claimed: 2, sent: 1, lost: 1 });
    expect(notify.timesSent(first)).toBe(1);
    expect(notify.timesSent(second)).toBe(1);
    expect((await message(second)).status).toBe('sent');
  });

  it('tries again later after a passing failure, then sends', async () => {
    const [id] = (await queue(1)) as [string];
    const notify = fakeNotify((m, call) =>
      call === 1 ? { outcome: 'retryable', error: 'GOV.UK Notify answered 503' } : sentOk(m),
    );
    const w = worker(notify.transport);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    const waiting = await message(id);
    expect(waiting).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'GOV.UK Notify answered 503',
    });
    expect(waiting.next_attempt_at?.toISOString()).toBe('2026-03-02T09:01:00.000Z');
    // Not before its time.
    expect((await w.runOnce()).claimed).toBe(0);
    t.clock.advance(61_000);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await message(id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      provider_reference: `notify-${id}`,
      last_error: null,
    });
    expect(notify.timesSent(id)).toBe(2);
  });

  it('gives up after the last attempt, waiting longer each time', async () => {
    const [id] = (await queue(1)) as [string];
    const notify = fakeNotify(() => ({
      outcome: 'retryable',
      error: 'Could not reach GOV.UK Notify (ECONNREFUSED)',
    }));
    const w = worker(notify.transport, { maxAttempts: 3 });
    await w.runOnce();
    t.clock.advance(60_000);
    await w.runOnce();
    expect((await message(id)).next_attempt_at?.toISOString()).toBe('2026-03-02T09:06:00.000Z');
    t.clock.advance(5 * 60_000);
    expect(await w.runOnce()).toMatchObject({ failed: 1 });
    expect(await message(id)).toMatchObject({ status: 'failed', attempts: 3 });
    t.clock.advance(24 * 3600_000);
    expect((await w.runOnce()).claimed).toBe(0);
    expect(notify.sends).toHaveLength(3);
  });

  it('fails a permanent error at once, and keeps no personal data in the error', async () => {
    const [id] = (await queue(1)) as [string];
    const notify = fakeNotify(() => ({
      outcome: 'permanent',
      error: 'GOV.UK Notify answered 400 (BadRequestError: Template not found)',
    }));
    const w = worker(notify.transport);
    expect(await w.runOnce()).toMatchObject({ failed: 1 });
    const row = await message(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).not.toContain(row.recipient);
    t.clock.advance(24 * 3600_000);
    expect((await w.runOnce()).claimed).toBe(0);
    expect(notify.sends).toHaveLength(1);
  });

  it('never sends again by itself a message left sending by a crash, or by a transport that threw', async () => {
    const queued = (await queue(2)) as [string, string];
    // What the worker does before calling Notify, then the process dies. The two were queued within the same
    // instant as far as the database's clock can tell, so which one is claimed first is the database's choice.
    const now = t.clock.now();
    const claim = '00000000-0000-4000-8000-000000000001';
    const [claimed] = await t.container.repos.notifications.claimBatch({
      now,
      leaseUntil: new Date(now.getTime() + 300_000),
      claimId: claim,
      limit: 1,
    });
    const crashed = claimed?.id ?? '';
    expect(queued).toContain(crashed);
    const threw = queued.find((id) => id !== crashed) as string;
    expect(
      await t.container.repos.notifications.markSending(
        crashed,
        claim,
        now,
        new Date(now.getTime() + 300_000),
      ),
    ).toBe(1);

    const throwing = fakeNotify(() => {
      throw new Error('socket closed');
    });
    expect(await worker(throwing.transport).runOnce()).toMatchObject({ claimed: 1, unknown: 1 });
    expect(throwing.timesSent(threw)).toBe(1);
    expect(await message(threw)).toMatchObject({ status: 'sending', attempts: 1 });

    const notify = fakeNotify(sentOk);
    for (const hours of [0, 1, 24]) {
      t.clock.advance(hours * 3600_000);
      expect((await worker(notify.transport).runOnce()).claimed).toBe(0);
    }
    expect(notify.sends).toHaveLength(0);
    expect((await message(crashed)).status).toBe('sending');
    expect((await message(threw)).status).toBe('sending');
  });
});

describe('without a Notify key', () => {
  it('keeps every message in the outbox, labelled as not sent, for an administrator to read', async () => {
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
    await sql`delete from notification_outbox`.execute(db());
    const [advice] = (await queue(1)) as [string];
    const [signIn] = (await queue(1, 'ehc-family-sign-in')) as [string];
    expect(await worker(createLocalTransport()).runOnce()).toMatchObject({ claimed: 2, held: 2 });
    expect(await message(advice)).toMatchObject({ status: 'held', attempts: 0, sent_at: null });
    expect((await worker(createLocalTransport()).runOnce()).claimed).toBe(0);

    const admin = await signedIn('administrator@demo.example.org');
    const list = await admin.get('/admin/outbox?status=held');
    expect(list.body).toContain('2 messages found');
    expect(list.body).toContain('Not sent: no Notify key configured');
    const page = await admin.get(`/admin/outbox/${signIn}`);
    expect(page.body).toContain('Not sent: no Notify key configured');
    // Nothing will send it, so the administrator may pass the link on.
    expect(page.body).toContain('http://localhost/my-ehc/sign-in/secret-token-0');
    expect(page.body).not.toContain('Send again');
  });
});

describe('the administrators’ outbox', () => {
  let failed = '';
  let unknown = '';
  let sent = '';
  let signIn = '';

  beforeAll(async () => {
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
    await sql`delete from notification_outbox`.execute(db());
    [failed, unknown, sent] = (await queue(3)) as [string, string, string];
    [signIn] = (await queue(1, 'ehc-family-sign-in')) as [string];
    await db()
      .updateTable('notification_outbox')
      .set({
        status: 'failed',
        attempts: 1,
        last_error: 'GOV.UK Notify answered 400 (BadRequestError: Template not found)',
      })
      .where('id', '=', failed)
      .execute();
    await db()
      .updateTable('notification_outbox')
      .set({ status: 'sending', attempts: 1 })
      .where('id', '=', unknown)
      .execute();
    await db()
      .updateTable('notification_outbox')
      .set({ status: 'sent', attempts: 1, sent_at: new Date(), provider_reference: 'notify-1' })
      .where('id', 'in', [sent, signIn])
      .execute();
  });

  it('lists every message for an administrator, and records that they looked', async () => {
    const admin = await signedIn('administrator@demo.example.org');
    const before = await auditCount('notifications.outbox.viewed');
    const page = await admin.get('/admin/outbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Outbox</h1>');
    expect(page.body).toContain('Messages are not sent: no Notify key configured');
    expect(page.body).toContain('person.0@partner.example');
    expect(page.body).toContain('Advice requested');
    expect(page.body).toContain('Delivery unknown');
    expect(page.body).toContain('4 messages found');
    expect(page.body).toContain('href="/admin/outbox"');
    expect(await auditCount('notifications.outbox.viewed')).toBe(before + 1);

    const onlyFailed = await admin.get('/admin/outbox?status=failed');
    expect(onlyFailed.body).toContain('1 message found');
    expect(onlyFailed.body).toContain(`/admin/outbox/${failed}`);
    expect(onlyFailed.body).not.toContain(`/admin/outbox/${sent}`);
    const onlyUnknown = await admin.get('/admin/outbox?status=unknown');
    expect(onlyUnknown.body).toContain(`/admin/outbox/${unknown}`);
    expect(onlyUnknown.body).toContain('1 message found');

    const bad = await admin.get('/admin/outbox?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Select a status from the list');
  });

  it('pages through the outbox', async () => {
    const extra = await queue(55);
    const admin = await signedIn('administrator@demo.example.org');
    const first = await admin.get('/admin/outbox');
    expect(first.body).toContain('59 messages found');
    expect(first.body).toContain('govuk-pagination');
    const second = await admin.get('/admin/outbox?page=2');
    expect(second.statusCode).toBe(200);
    expect((second.body.match(/<tr class="govuk-table__row">/g) ?? []).length).toBe(1 + 9);
    await db().deleteFrom('notification_outbox').where('id', 'in', extra).execute();
  });

  it('shows a message as it would be sent, hiding a sign-in link that has gone to Notify', async () => {
    const admin = await signedIn('administrator@demo.example.org');
    const page = await admin.get(`/admin/outbox/${failed}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Subject:</span> Advice requested for an EHC needs assessment: EHC-TEST-0');
    expect(page.body).toContain('The advice is due by 16 February 2026.');
    expect(page.body).toContain('Template not found');
    expect(page.body).toContain('Send again');
    const link = await admin.get(`/admin/outbox/${signIn}`);
    expect(link.body).toContain('Your link to see the EHC request');
    expect(link.body).not.toContain('secret-token');
    expect(link.body).toContain('link hidden');
    expect(link.body).not.toContain('Send again');
    expect(await auditCount('notifications.message.viewed')).toBeGreaterThanOrEqual(2);
  });

  it('sends a failed or unknown message again when asked, audited, and then once', async () => {
    const admin = await signedIn('administrator@demo.example.org');
    const page = await admin.get(`/admin/outbox/${unknown}`);
    expect(page.body).toContain('It may already have been delivered');
    const before = await auditCount('notifications.message.send-again');
    const response = await admin.post(`/admin/outbox/${unknown}/send-again`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/outbox/${unknown}`);
    expect(await message(unknown)).toMatchObject({ status: 'queued', attempts: 0, claimed_until: null });
    expect(await auditCount('notifications.message.send-again')).toBe(before + 1);
    const after = await admin.get(`/admin/outbox/${unknown}`);
    expect(after.body).toContain('The message is back in the queue');

    const notify = fakeNotify(sentOk);
    await drain(worker(notify.transport));
    expect(notify.timesSent(unknown)).toBe(1);
    expect(notify.timesSent(sent)).toBe(0);
    expect((await message(unknown)).status).toBe('sent');
  });

  it('refuses to send again a message that was sent, with a clear error and nothing changed', async () => {
    const admin = await signedIn('administrator@demo.example.org');
    await admin.get(`/admin/outbox/${failed}`);
    const refused = await admin.post(`/admin/outbox/${sent}/send-again`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('This message cannot be sent again');
    expect((await message(sent)).status).toBe('sent');
    const noToken = await admin.post(`/admin/outbox/${failed}/send-again`, {}, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect((await message(failed)).status).toBe('failed');
  });

  it('answers a guessed id with 404, audited', async () => {
    const admin = await signedIn('administrator@demo.example.org');
    const before = await auditCount('notifications.message.not-found');
    expect((await admin.get('/admin/outbox/8d7f4d1e-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/admin/outbox/not-an-id')).statusCode).toBe(404);
    expect(await auditCount('notifications.message.not-found')).toBe(before + 2);
  });

  it('is for administrators only', async () => {
    const caseworker = await signedIn('caseworker@demo.example.org');
    expect((await caseworker.get('/admin/outbox')).statusCode).toBe(403);
    expect((await caseworker.get(`/admin/outbox/${failed}`)).statusCode).toBe(403);
    await caseworker.get('/account');
    expect((await caseworker.post(`/admin/outbox/${failed}/send-again`, {})).statusCode).toBe(403);
    expect((await message(failed)).status).toBe('failed');
    const home = await caseworker.get('/staff');
    expect(home.body).not.toContain('href="/admin/outbox"');
    const visitor = await t.app.inject({ method: 'GET', url: '/admin/outbox' });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain('/sign-in');
  });
});

describe('reminders before and on a deadline', () => {
  const today = '2026-03-02';
  let caseId = '';
  let adviceSoon = '';
  let adviceToday = '';
  let adviceReturned = '';
  let consultation = '';

  async function orgId(key: string) {
    return (
      await db().selectFrom('organisations').select('id').where('key', '=', key).executeTakeFirstOrThrow()
    ).id;
  }

  beforeAll(async () => {
    t.clock.set(new Date(`${today}T08:00:00Z`));
    await sql`delete from notification_outbox`.execute(db());
    const caseworker = await db()
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'caseworker@demo.example.org')
      .executeTakeFirstOrThrow();
    const child = await db()
      .insertInto('ehc_children')
      .values({
        legal_given_names: 'Reminder',
        legal_family_name: 'Testchild',
        date_of_birth: '2017-05-01',
        sex: 'U',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await db()
      .insertInto('ehc_cases')
      .values({
        reference: 'EHC-REMIND-1',
        child_id: child.id,
        request_source: 1,
        request_channel: 'letter',
        received_on: '2025-11-17',
        decision_due_on: '2025-12-29',
        no_plan_due_on: addDays(today, 7),
        final_plan_due_on: addDays(today, 35),
        reasons: 'A test of reminders.',
        caseworker_id: caseworker.id,
        status: 'assessing',
        decision_outcome: 'assess',
        decision_notified_on: '2025-12-20',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    caseId = c.id;
    const advice = async (organisation: string, dueOn: string, receivedOn: string | null) =>
      (
        await db()
          .insertInto('ehc_advice_requests')
          .values({
            case_id: caseId,
            advice_type: 'health',
            organisation_id: await orgId(organisation),
            requested_on: addDays(dueOn, -42),
            due_on: dueOn,
            received_on: receivedOn,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    adviceSoon = await advice('rwt', addDays(today, 7), null);
    adviceToday = await advice('rwt', today, null);
    adviceReturned = await advice('rwt', today, addDays(today, -3));
    // A setting nobody at which has an account: its caseworker is reminded to chase instead.
    consultation = (
      await db()
        .insertInto('ehc_setting_consultations')
        .values({
          case_id: caseId,
          organisation_id: await orgId('provider'),
          sent_on: addDays(today, -15),
          due_on: today,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const remindersFor = (subjectId: string) =>
    db()
      .selectFrom('notification_outbox')
      .select(['template', 'recipient', 'personalisation', 'reference'])
      .where('reference', 'like', `reminder:${subjectId}:%`)
      .orderBy('recipient')
      .execute();

  it('queues each reminder once, however often the job runs', async () => {
    const rwtPractitioners = (
      await db()
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select('users.email')
        .where('organisations.key', '=', 'rwt')
        .where('users.role', '=', 'partner_practitioner')
        .where('users.status', '=', 'active')
        .orderBy('users.email')
        .execute()
    ).map((u) => u.email);
    expect(rwtPractitioners).toContain('health.practitioner@demo.example.org');

    const first = await t.container.services.deadlineReminders.queueDeadlineReminders(today);
    expect(first.reminders).toBeGreaterThanOrEqual(4);
    const soon = await remindersFor(adviceSoon);
    expect(soon.map((m) => m.recipient)).toEqual(rwtPractitioners);
    expect(soon[0]).toMatchObject({
      template: 'ehc-advice-due-soon',
      personalisation: {
        reference: 'EHC-REMIND-1',
        due: '9 March 2026',
        portal: `${t.config.publicBaseUrl}/partner`,
      },
    });
    expect(soon[0]?.reference).toMatch(new RegExp(`^reminder:${adviceSoon}:advice:before:[0-9a-f]{16}$`));
    const dueToday = await remindersFor(adviceToday);
    expect(dueToday.map((m) => m.template)).toEqual(rwtPractitioners.map(() => 'ehc-advice-due-today'));
    expect(await remindersFor(adviceReturned)).toEqual([]);
    const chase = await remindersFor(consultation);
    expect(chase).toHaveLength(1);
    expect(chase[0]).toMatchObject({
      template: 'ehc-deadline-due-today',
      recipient: 'caseworker@demo.example.org',
    });
    const caseReminders = await remindersFor(caseId);
    expect(caseReminders).toHaveLength(1);
    expect(caseReminders[0]).toMatchObject({
      template: 'ehc-deadline-due-soon',
      recipient: 'caseworker@demo.example.org',
      personalisation: { link: `${t.config.publicBaseUrl}/ehc/cases/${caseId}`, due: '9 March 2026' },
    });

    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('notification_outbox')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const queued = await count();
    const again = await t.container.services.deadlineReminders.queueDeadlineReminders(today);
    expect(again).toMatchObject({ reminders: 0, messages: 0 });
    await t.container.services.deadlineReminders.queueDeadlineReminders(addDays(today, 1));
    expect(await count()).toBe(queued);
    expect(await auditCount('ehc.reminder.queued')).toBe(first.reminders);

    // On the day, the advice still not returned gets its second reminder, once.
    await t.container.services.deadlineReminders.queueDeadlineReminders(addDays(today, 7));
    await t.container.services.deadlineReminders.queueDeadlineReminders(addDays(today, 7));
    expect((await remindersFor(adviceSoon)).map((m) => m.template).sort()).toEqual(
      [
        ...rwtPractitioners.map(() => 'ehc-advice-due-soon'),
        ...rwtPractitioners.map(() => 'ehc-advice-due-today'),
      ].sort(),
    );
  });

  it('stops reminding once the deadline is met', async () => {
    await db()
      .updateTable('ehc_cases')
      .set({ status: 'draft-issued', draft_served_on: addDays(today, 10) })
      .where('id', '=', caseId)
      .execute();
    await db()
      .updateTable('ehc_advice_requests')
      .set({ received_on: addDays(today, 30) })
      .where('case_id', '=', caseId)
      .execute();
    const day = addDays(today, 35);
    await t.container.services.deadlineReminders.queueDeadlineReminders(day);
    await t.container.services.deadlineReminders.queueDeadlineReminders(addDays(day, 1));
    // The final plan is still due (a draft is out), so its reminder goes; the 16-week one does not come back.
    const caseReminders = await remindersFor(caseId);
    const seen = caseReminders
      .map((m) => `${m.template}: ${(m.personalisation as { deadline: string }).deadline}`)
      .sort();
    expect(seen).toEqual([
      'ehc-deadline-due-soon: Decide whether to issue an EHC plan (tell the family by now if you will not)',
      'ehc-deadline-due-today: Decide whether to issue an EHC plan (tell the family by now if you will not)',
      'ehc-deadline-due-today: Issue the final EHC plan',
    ]);
  });
});
