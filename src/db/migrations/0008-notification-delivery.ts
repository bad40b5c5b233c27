import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * Delivering the outbox (issue 5, part 9). A worker claims a batch (claimed_by, claimed_until), marks each
 * message 'sending' in a committed update before it calls GOV.UK Notify, then 'sent'. Notify has no
 * idempotency key, so a message left 'sending' (a crash, or no answer) is never sent again automatically:
 * administrators see it as "delivery unknown". 'held' is a message kept in the outbox because no Notify
 * key is configured (local delivery). Reminders before and on a deadline are recorded once each in
 * ehc_deadline_reminders, so that the hourly job is an anti-join, not a retry of every insert.
 * Forward-only; the same SQL on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table notification_outbox drop constraint notification_outbox_status_check;
    alter table notification_outbox add constraint notification_outbox_status_check
      check (status in ('queued', 'sending', 'sent', 'failed', 'held'));
    alter table notification_outbox
      add column claimed_by uuid,
      add column attempted_at timestamptz;

    -- The administrators' outbox: newest first, all or one status.
    create index notification_outbox_created_idx on notification_outbox (created_at desc, id desc);
    create index notification_outbox_status_created_idx on notification_outbox (status, created_at desc, id desc);

    create table ehc_deadline_reminders (
      -- The advice request, setting consultation or case whose deadline it is.
      subject_id uuid not null,
      deadline text not null check (deadline in (
        'advice', 'setting-consultation', 'decision-to-assess', 'no-plan-decision', 'final-plan')),
      timing text not null check (timing in ('before', 'due')),
      due_on date not null,
      recipients integer not null check (recipients >= 0),
      queued_at timestamptz not null,
      primary key (subject_id, deadline, timing)
    );

    -- The 16-week clock runs while the assessment is under way and no draft has been issued.
    create index ehc_cases_no_plan_due_idx on ehc_cases (no_plan_due_on) where status = 'assessing';
    `,
  );
}
