import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { Sen2CaseworkInput } from './domain/build.ts';

/** The audit action of a downloaded return: its count for a census date gives the next file's serial number. */
export const SEN2_DOWNLOAD_ACTION = 'performance.sen2.return-downloaded';
export const SEN2_AUDIT_SUBJECT = 'sen2_return';

type Window = { censusDate: string; start: string; end: string };

/**
 * The requests of a census date's return, as domain/census.ts requestInReturn decides it (the builder
 * applies the same rule again, so this is only what to read): a plan issued by the census date, or received by
 * the end of the collection year and not closed before its start.
 */
function inReturn(window: Window) {
  return (eb: ExpressionBuilder<Database, 'ehc_cases'>) =>
    eb.or([
      eb.and([
        eb('ehc_cases.final_issued_on', 'is not', null),
        eb('ehc_cases.final_issued_on', '<=', window.censusDate),
      ]),
      eb.and([
        eb('ehc_cases.received_on', '<=', window.end),
        eb.or([eb('ehc_cases.closed_on', 'is', null), eb('ehc_cases.closed_on', '>=', window.start)]),
      ]),
    ]);
}

/**
 * What the SEN2 return is generated from, read from the EHC tables: four queries, each filtered by the same
 * predicate in a subquery (no list of ids sent back and forth). A local authority's return is at most some tens
 * of thousands of plans, read whole; the national scale of 700,000 plans is the sum of 150 such returns, never one.
 */
export function createSen2Repository(db: Kysely<Database>) {
  return {
    async caseworkFor(window: Window): Promise<Sen2CaseworkInput> {
      const caseIds = db.selectFrom('ehc_cases').select('ehc_cases.id').where(inReturn(window));
      const childIds = db.selectFrom('ehc_cases').select('ehc_cases.child_id').where(inReturn(window));
      const [cases, children, needs, excusals] = await Promise.all([
        db
          .selectFrom('ehc_cases')
          .select((eb) => [
            'ehc_cases.id',
            'ehc_cases.reference',
            'ehc_cases.child_id',
            'ehc_cases.request_source',
            'ehc_cases.received_on',
            'ehc_cases.decision_outcome',
            'ehc_cases.decision_notified_on',
            'ehc_cases.no_plan_notified_on',
            'ehc_cases.final_issued_on',
            'ehc_cases.closed_on',
            'ehc_cases.closure_reason',
            // The setting the final plan names: kept on the case when it is issued, else on the plan itself.
            eb.fn
              .coalesce(
                'ehc_cases.final_setting_name',
                eb
                  .selectFrom('ehc_plans')
                  .select('ehc_plans.named_setting')
                  .whereRef('ehc_plans.case_id', '=', 'ehc_cases.id')
                  .where('ehc_plans.kind', '=', 'final')
                  .orderBy('ehc_plans.version', 'desc')
                  .limit(1),
              )
              .as('named_setting'),
          ])
          .where(inReturn(window))
          .orderBy('ehc_cases.reference')
          .execute(),
        db
          .selectFrom('ehc_children')
          .select([
            'id',
            'legal_given_names',
            'legal_family_name',
            'date_of_birth',
            'sex',
            'ethnicity',
            'home_postcode',
            'upn',
            'upn_unknown_reason',
            'uln',
            'uln_unknown_reason',
            'setting_name',
            'setting_urn',
          ])
          .where('id', 'in', childIds)
          .execute(),
        db
          .selectFrom('ehc_child_needs')
          .select(['child_id', 'rank', 'sen_type'])
          .where('child_id', 'in', childIds)
          .execute(),
        db
          .selectFrom('ehc_excusals')
          .select([
            'case_id',
            'rule_id',
            'subject_id',
            'exception_type',
            'from_on',
            'to_on',
            'advice_requested_on',
            'evidence',
          ])
          // Week20 answers the final plan's 20 weeks (outcome Y) or the 16-week no-plan decision (N).
          .where('rule_id', 'in', ['final-plan', 'no-plan-decision'])
          .where('case_id', 'in', caseIds)
          .execute(),
      ]);
      return {
        cases: cases.map((c) => ({
          caseId: c.id,
          reference: c.reference,
          childId: c.child_id,
          requestSource: c.request_source,
          receivedOn: c.received_on,
          decisionOutcome: c.decision_outcome,
          decisionNotifiedOn: c.decision_notified_on,
          noPlanNotifiedOn: c.no_plan_notified_on,
          finalIssuedOn: c.final_issued_on,
          namedSetting: c.named_setting ?? null,
          closedOn: c.closed_on,
          closureReason: c.closure_reason,
        })),
        children: children.map((c) => ({
          childId: c.id,
          legalGivenNames: c.legal_given_names,
          legalFamilyName: c.legal_family_name,
          dateOfBirth: c.date_of_birth,
          sex: c.sex,
          ethnicity: c.ethnicity,
          homePostcode: c.home_postcode,
          upn: c.upn,
          upnUnknownReason: c.upn_unknown_reason,
          uln: c.uln,
          ulnUnknownReason: c.uln_unknown_reason,
          settingName: c.setting_name,
          settingUrn: c.setting_urn,
        })),
        needs: needs.map((n) => ({ childId: n.child_id, rank: n.rank, senType: n.sen_type })),
        excusals: excusals.map((e) => ({
          caseId: e.case_id,
          ruleId: e.rule_id,
          subjectId: e.subject_id,
          type: e.exception_type,
          fromOn: e.from_on,
          toOn: e.to_on,
          adviceRequestedOn: e.advice_requested_on,
          evidence: e.evidence,
        })),
      };
    },

    /**
     * How many files have been downloaded before for this census date. Call inside the transaction that records the download: it first takes a transaction-level lock for the
     * census date, so two downloads at the same moment are numbered one after the other, never alike.
     */
    async downloadsBefore(censusDate: string): Promise<number> {
      await sql`select pg_advisory_xact_lock(hashtext(${`sen2-serial:${censusDate}`}))`.execute(db);
      const row = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('subject_type', '=', SEN2_AUDIT_SUBJECT)
        .where('subject_id', '=', censusDate)
        .where('action', '=', SEN2_DOWNLOAD_ACTION)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
