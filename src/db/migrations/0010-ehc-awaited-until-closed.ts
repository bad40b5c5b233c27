import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * Advice and setting consultations stop being awaited when their case closes (ADR 16; issue 5's "due and
 * overdue" benchmark in docs/performance.md). Until now a request for advice never answered stayed
 * outstanding after its case closed, so the due list matched every outstanding request with the open cases
 * to leave those out, and the partial indexes grew with every closed case. Now closing a case (final plan,
 * no plan, withdrawn, moved out) records the day in `no_longer_awaited_on` of whatever was still awaited, in
 * the same transaction, and the outstanding indexes hold only work still awaited: the list reads them
 * without a join. Requests already outstanding on closed cases are marked with their case's closing day.
 * Forward-only; the same SQL on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table ehc_advice_requests add column no_longer_awaited_on date;
    alter table ehc_setting_consultations add column no_longer_awaited_on date;

    update ehc_advice_requests a set no_longer_awaited_on = c.closed_on
      from ehc_cases c
     where c.id = a.case_id and c.closed_on is not null and a.received_on is null;
    update ehc_setting_consultations s set no_longer_awaited_on = c.closed_on
      from ehc_cases c
     where c.id = s.case_id and c.closed_on is not null and s.replied_on is null;

    alter table ehc_advice_requests add constraint ehc_advice_requests_awaited_check
      check (no_longer_awaited_on is null or received_on is null);
    alter table ehc_setting_consultations add constraint ehc_setting_consultations_awaited_check
      check (no_longer_awaited_on is null or replied_on is null);

    create index ehc_advice_requests_awaited_list_idx on ehc_advice_requests (due_on, case_id, id)
      include (organisation_id) where received_on is null and no_longer_awaited_on is null;
    create index ehc_setting_consultations_awaited_list_idx on ehc_setting_consultations (due_on, case_id, id)
      include (organisation_id) where replied_on is null and no_longer_awaited_on is null;
    -- "My cases only": the caseworker's open cases, from the index alone; covers 0007's index of them.
    create index ehc_cases_open_by_caseworker_idx on ehc_cases (caseworker_id) include (id) where closed_on is null;

    drop index ehc_cases_caseworker_idx;
    drop index ehc_advice_requests_outstanding_list_idx;
    drop index ehc_setting_consultations_outstanding_list_idx;
    drop index ehc_cases_open_assessing_idx;
    `,
  );
}
