import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * "Due and overdue" by index-only scans (ADR 16; measured in docs/performance.md, issue 5 benchmark).
 * Migration 0007's partial indexes held only the due date, so every part of the list read its rows from the
 * table, and the outstanding advice and consultations were matched with the open cases read from the table
 * too: about 3,000 pages a request with 10,000 open cases and 50,000 requests for advice. These indexes
 * carry what the list reads (the case, the advice request or consultation and its organisation, the
 * caseworker for "my cases only"), in the list's order, so that it reads about 200 index pages instead.
 * They replace 0007's four due-date indexes, which they cover (same predicates, the due date first).
 * Forward-only; the same SQL on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create index ehc_cases_decision_due_list_idx on ehc_cases (decision_due_on, id) include (caseworker_id)
      where status = 'awaiting-decision';
    create index ehc_cases_final_due_list_idx on ehc_cases (final_plan_due_on, id) include (caseworker_id)
      where status in ('assessing', 'draft-issued');
    -- The open cases whose advice and consultations are awaited, as the list matches them.
    create index ehc_cases_open_assessing_idx on ehc_cases (id) include (caseworker_id)
      where closed_on is null and status in ('assessing', 'draft-issued');
    create index ehc_advice_requests_outstanding_list_idx on ehc_advice_requests (due_on, case_id)
      include (id, organisation_id) where received_on is null;
    create index ehc_setting_consultations_outstanding_list_idx on ehc_setting_consultations (due_on, case_id)
      include (id, organisation_id) where replied_on is null;

    drop index ehc_cases_decision_due_idx;
    drop index ehc_cases_final_due_idx;
    drop index ehc_advice_requests_outstanding_idx;
    drop index ehc_setting_consultations_outstanding_idx;
    `,
  );
}
