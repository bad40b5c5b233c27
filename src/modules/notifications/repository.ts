import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/types.ts';

/** A message as the worker and the outbox pages see it. */
export type OutboxMessage = {
  id: string;
  template: string;
  recipient: string;
  personalisation: Record<string, unknown>;
  status: string;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
  attempted_at: Date | null;
  next_attempt_at: Date | null;
  claimed_until: Date | null;
  last_error: string | null;
  provider_reference: string | null;
  reference: string | null;
};

/** Statuses administrators filter by: 'unknown' is a message left 'sending' whose claim has run out. */
export const OUTBOX_FILTERS = ['queued', 'sending', 'unknown', 'sent', 'failed', 'held'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export type DeadlineKind =
  'advice' | 'setting-consultation' | 'decision-to-assess' | 'no-plan-decision' | 'final-plan';
export type Timing = 'before' | 'due';

/** An outstanding deadline no reminder has yet been queued for. */
export type DueDeadline = {
  subject_id: string;
  case_id: string;
  case_reference: string;
  due_on: string;
  caseworker_id: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  advice_type: string | null;
};

const columns = [
  'id',
  'template',
  'recipient',
  'personalisation',
  'status',
  'attempts',
  'created_at',
  'sent_at',
  'attempted_at',
  'next_attempt_at',
  'claimed_until',
  'last_error',
  'provider_reference',
  'reference',
] as const;

function asMessage(row: Record<string, unknown>): OutboxMessage {
  const p = row.personalisation;
  return {
    ...(row as Omit<OutboxMessage, 'personalisation'>),
    personalisation:
      typeof p === 'string'
        ? (JSON.parse(p) as Record<string, unknown>)
        : ((p ?? {}) as Record<string, unknown>),
  };
}

// Which column holds each case deadline, and the statuses in which it is still to be met.
const CASE_DEADLINES = {
  'decision-to-assess': { column: 'decision_due_on', statuses: ['awaiting-decision'] },
  'no-plan-decision': { column: 'no_plan_due_on', statuses: ['assessing'] },
  'final-plan': { column: 'final_plan_due_on', statuses: ['assessing', 'draft-issued'] },
} as const;

export function createNotificationsRepository(db: Kysely<Database>) {
  /** Not yet reminded: no row in the ledger for this subject, deadline and timing. */
  const notReminded = (subject: Expression<string>, deadline: DeadlineKind, timing: Timing) =>
    sql<SqlBool>`not exists (select 1 from ehc_deadline_reminders r where r.subject_id = ${subject} and r.deadline = ${deadline} and r.timing = ${timing})`;

  return {
    // ------------------------------------------------------------------ delivery

    /**
     * Claims up to `limit` messages due to be sent. `for update skip locked` keeps two workers off the same
     * rows; the claim (claimed_by) is what lets only this worker mark them 'sending'.
     */
    async claimBatch(input: { now: Date; leaseUntil: Date; claimId: string; limit: number }) {
      const rows = await db
        .updateTable('notification_outbox')
        .set({ claimed_by: input.claimId, claimed_until: input.leaseUntil })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('notification_outbox')
            .select('id')
            .where('status', '=', 'queued')
            .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', input.now)]))
            .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', input.now)]))
            .orderBy('created_at')
            .orderBy('id')
            .limit(input.limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning(columns)
        .execute();
      return rows.map(asMessage).sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
    },

    /**
     * Marks a claimed message 'sending' and counts the attempt, committed before the transport is called.
     * Null when the claim was lost (it ran out and another worker took the message).
     */
    async markSending(id: string, claimId: string, now: Date, leaseUntil: Date): Promise<number | null> {
      const row = await db
        .updateTable('notification_outbox')
        .set((eb) => ({
          status: 'sending',
          attempts: eb('attempts', '+', 1),
          attempted_at: now,
          claimed_until: leaseUntil,
        }))
        .where('id', '=', id)
        .where('claimed_by', '=', claimId)
        .where('status', '=', 'queued')
        .returning('attempts')
        .executeTakeFirst();
      return row ? row.attempts : null;
    },

    /** Keeps a claimed message in the outbox, unsent, because no Notify key is configured. */
    async hold(id: string, claimId: string): Promise<boolean> {
      const result = await db
        .updateTable('notification_outbox')
        .set({ status: 'held', claimed_until: null })
        .where('id', '=', id)
        .where('claimed_by', '=', claimId)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Records what came of an attempt; only the worker holding the claim can. */
    async finishAttempt(
      id: string,
      claimId: string,
      now: Date,
      step:
        | { status: 'sent'; providerReference: string }
        | { status: 'held' }
        | { status: 'queued'; nextAttemptAt: Date; error: string }
        | { status: 'failed'; error: string }
        | { status: 'sending'; error: string },
    ): Promise<boolean> {
      const patch =
        step.status === 'sent'
          ? { status: 'sent', sent_at: now, provider_reference: step.providerReference, last_error: null }
          : step.status === 'held'
            ? { status: 'held', last_error: null }
            : step.status === 'queued'
              ? { status: 'queued', next_attempt_at: step.nextAttemptAt, last_error: step.error }
              : { status: step.status, last_error: step.error };
      const result = await db
        .updateTable('notification_outbox')
        .set({ ...patch, claimed_until: null })
        .where('id', '=', id)
        .where('claimed_by', '=', claimId)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Gives back the messages of a claim not yet started, so that the next run need not wait for the lease. */
    async releaseClaim(claimId: string): Promise<void> {
      await db
        .updateTable('notification_outbox')
        .set({ claimed_by: null, claimed_until: null })
        .where('claimed_by', '=', claimId)
        .where('status', '=', 'queued')
        .execute();
    },

    // ------------------------------------------------------------------ the administrators' outbox

    async list(
      filter: { status?: OutboxFilter; now: Date },
      page: { limit: number; offset: number },
    ): Promise<{ rows: OutboxMessage[]; total: number }> {
      let query = db.selectFrom('notification_outbox');
      const status = filter.status;
      if (status === 'sending' || status === 'unknown') {
        query = query.where('status', '=', 'sending');
        query =
          status === 'sending'
            ? query.where('claimed_until', '>=', filter.now)
            : query.where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', filter.now)]));
      } else if (status) {
        query = query.where('status', '=', status);
      }
      const [rows, count] = await Promise.all([
        query
          .select(columns)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map(asMessage), total: Number(count.n) };
    },

    /** How many messages are in each state, for the outbox's summary. */
    async counts(now: Date): Promise<Record<OutboxFilter, number>> {
      const rows = await db
        .selectFrom('notification_outbox')
        .select((eb) => [
          sql<string>`case when status = 'sending' and (claimed_until is null or claimed_until < ${now}) then 'unknown' else status end`.as(
            'state',
          ),
          eb.fn.countAll<string>().as('n'),
        ])
        .groupBy('state')
        .execute();
      const counts = Object.fromEntries(OUTBOX_FILTERS.map((f) => [f, 0])) as Record<OutboxFilter, number>;
      for (const row of rows) if (row.state in counts) counts[row.state as OutboxFilter] = Number(row.n);
      return counts;
    },

    async byId(id: string): Promise<OutboxMessage | undefined> {
      const row = await db
        .selectFrom('notification_outbox')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? asMessage(row) : undefined;
    },

    /** Locks a message for the rest of the transaction: two "send again" clicks cannot both pass their checks. */
    async lock(id: string): Promise<OutboxMessage | undefined> {
      const row = await db
        .selectFrom('notification_outbox')
        .select(columns)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? asMessage(row) : undefined;
    },

    /** Back in the queue as if new: an administrator asked for it to be sent again. */
    async requeue(id: string): Promise<void> {
      await db
        .updateTable('notification_outbox')
        .set({
          status: 'queued',
          attempts: 0,
          next_attempt_at: null,
          claimed_until: null,
          claimed_by: null,
          last_error: null,
        })
        .where('id', '=', id)
        .execute();
    },

    // ------------------------------------------------------------------ reminders before and on a deadline

    /** Advice requests not yet returned, on open cases, due in [from, to], not yet reminded. */
    async adviceDue(from: string, to: string, timing: Timing): Promise<DueDeadline[]> {
      return db
        .selectFrom('ehc_advice_requests as a')
        .innerJoin('ehc_cases as c', 'c.id', 'a.case_id')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select([
          'a.id as subject_id',
          'c.id as case_id',
          'c.reference as case_reference',
          'a.due_on',
          'c.caseworker_id',
          'a.organisation_id',
          'o.name as organisation_name',
          'a.advice_type',
        ])
        .where('a.received_on', 'is', null)
        .where('a.due_on', '>=', from)
        .where('a.due_on', '<=', to)
        .where('c.closed_on', 'is', null)
        .where(({ ref }) => notReminded(ref('a.id'), 'advice', timing))
        .orderBy('a.due_on')
        .execute();
    },

    /** Setting consultations not yet answered, on open cases, due in [from, to], not yet reminded. */
    async consultationsDue(from: string, to: string, timing: Timing): Promise<DueDeadline[]> {
      return db
        .selectFrom('ehc_setting_consultations as s')
        .innerJoin('ehc_cases as c', 'c.id', 's.case_id')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .select([
          's.id as subject_id',
          'c.id as case_id',
          'c.reference as case_reference',
          's.due_on',
          'c.caseworker_id',
          's.organisation_id',
          'o.name as organisation_name',
          sql<string | null>`null`.as('advice_type'),
        ])
        .where('s.replied_on', 'is', null)
        .where('s.due_on', '>=', from)
        .where('s.due_on', '<=', to)
        .where('c.closed_on', 'is', null)
        .where(({ ref }) => notReminded(ref('s.id'), 'setting-consultation', timing))
        .orderBy('s.due_on')
        .execute();
    },

    /** Cases whose decision-to-assess, no-plan or final-plan deadline is in [from, to] and not yet met. */
    async caseDeadlinesDue(
      deadline: keyof typeof CASE_DEADLINES,
      from: string,
      to: string,
      timing: Timing,
    ): Promise<DueDeadline[]> {
      const { column, statuses } = CASE_DEADLINES[deadline];
      return db
        .selectFrom('ehc_cases as c')
        .select([
          'c.id as subject_id',
          'c.id as case_id',
          'c.reference as case_reference',
          `c.${column} as due_on`,
          'c.caseworker_id',
          sql<string | null>`null`.as('organisation_id'),
          sql<string | null>`null`.as('organisation_name'),
          sql<string | null>`null`.as('advice_type'),
        ])
        .where('c.status', 'in', statuses)
        .where(`c.${column}`, '>=', from)
        .where(`c.${column}`, '<=', to)
        .where(({ ref }) => notReminded(ref('c.id'), deadline, timing))
        .orderBy(`c.${column}`)
        .execute() as Promise<DueDeadline[]>;
    },

    /** Records that a reminder was queued; false when it already was (another run got there first). */
    async recordReminder(values: {
      subjectId: string;
      deadline: DeadlineKind;
      timing: Timing;
      dueOn: string;
      recipients: number;
      now: Date;
    }): Promise<boolean> {
      const row = await db
        .insertInto('ehc_deadline_reminders')
        .values({
          subject_id: values.subjectId,
          deadline: values.deadline,
          timing: values.timing,
          due_on: values.dueOn,
          recipients: values.recipients,
          queued_at: values.now,
        })
        .onConflict((oc) => oc.columns(['subject_id', 'deadline', 'timing']).doNothing())
        .returning('subject_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The email of an active staff member, or null. */
    async activeUserEmail(userId: string): Promise<string | null> {
      const row = await db
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return row?.email ?? null;
    },

    async activeEmailsOfRole(role: string): Promise<string[]> {
      const rows = await db
        .selectFrom('users')
        .select('email')
        .where('role', '=', role)
        .where('status', '=', 'active')
        .orderBy('email')
        .execute();
      return rows.map((r) => r.email);
    },

    /** Queues one message; false when a message with the same reference is already in the outbox. */
    async enqueue(message: {
      template: string;
      recipient: string;
      personalisation: Record<string, unknown>;
      reference: string;
    }): Promise<boolean> {
      const row = await db
        .insertInto('notification_outbox')
        .values({
          template: message.template,
          recipient: message.recipient,
          personalisation: JSON.stringify(message.personalisation),
          reference: message.reference,
        })
        .onConflict((oc) => oc.column('reference').where('reference', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
