import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * The casework measures of a period from the index alone (issue 6; bench:performance-measures in
 * docs/performance.md). At national scale (700,000 plans, 160,000 requests and some 800,000 requests for
 * advice a year) the measures read requests by the day they were received, decisions and no-plan decisions
 * by the day they were sent, and requests for advice by the day they were due: without these, each was a
 * scan of the whole table (2.3 s a year's measures against the 2 s target; 0.8 s with them). Each carries
 * the columns its measure counts, so the reads are index-only. Forward-only; the same SQL on PGlite and
 * PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create index ehc_advice_requests_due_idx on ehc_advice_requests (due_on)
      include (organisation_id, advice_type, received_on, no_longer_awaited_on);
    create index ehc_cases_received_idx on ehc_cases (received_on) include (decision_outcome);
    create index ehc_cases_decision_notified_idx on ehc_cases (decision_notified_on) include (decision_due_on)
      where decision_notified_on is not null;
    create index ehc_cases_no_plan_notified_idx on ehc_cases (no_plan_notified_on) include (no_plan_due_on)
      where no_plan_notified_on is not null;
    `,
  );
}
