import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { londonToday } from '../../../lib/dates.ts';
import { toExcusal } from '../../ehc/domain/case-clocks.ts';
import type { Excusal } from '../../ehc/domain/excusals.ts';
import type {
  AdviceTally,
  CaseworkFacts,
  DayTally,
  RequestsDay,
  TwentyWeekCase,
} from '../domain/measures.ts';
import { sameDayLastYear } from '../domain/periods.ts';

/**
 * What the casework measures are computed from (domain/measures.ts), read from the EHC tables and counted
 * by day in SQL, so that a year of a national caseload (700,000 plans, 160,000 requests a year, five
 * requests for advice each) comes back as a few thousand rows. On time is read against the due dates the
 * clock engine stored when each clock started (ADR 16); the plans whose 20 weeks have an exception recorded
 * come one by one with their excusals, for the engine to judge (twentyWeekTimeliness).
 */
export function createCaseworkMeasuresRepository(db: Kysely<Database>) {
  return {
    /**
     * Everything the measures of any period inside `range` need, and the requests of the same days a year
     * earlier. `asOf` is the day the facts are read (the service's clock): advice due on or after it is not
     * yet due.
     */
    async caseworkFacts(
      range: { from: string; to: string },
      asOf: string = londonToday(new Date()),
    ): Promise<CaseworkFacts> {
      const { from, to } = range;
      if (to < from) throw new RangeError(`The end of the range (${to}) is before its start (${from})`);
      const requestsFrom = sameDayLastYear(from);
      const [requests, decisions, noPlanDecisions, finalPlans, excused, before, advice] = await Promise.all([
        db
          .selectFrom('ehc_cases')
          .select([
            'received_on as on',
            sql<number>`count(*)::int`.as('received'),
            sql<number>`(count(*) filter (where decision_outcome = 'not-assess'))::int`.as('notAssessed'),
          ])
          .where('received_on', '>=', requestsFrom)
          .where('received_on', '<=', to)
          .groupBy('received_on')
          .orderBy('received_on')
          .execute(),
        db
          .selectFrom('ehc_cases')
          .select([
            'decision_notified_on as on',
            sql<number>`count(*)::int`.as('total'),
            sql<number>`(count(*) filter (where decision_notified_on <= decision_due_on))::int`.as('onTime'),
          ])
          .where('decision_notified_on', '>=', from)
          .where('decision_notified_on', '<=', to)
          .groupBy('decision_notified_on')
          .orderBy('decision_notified_on')
          .execute(),
        db
          .selectFrom('ehc_cases')
          .select([
            'no_plan_notified_on as on',
            sql<number>`count(*)::int`.as('total'),
            sql<number>`(count(*) filter (where no_plan_notified_on <= no_plan_due_on))::int`.as('onTime'),
          ])
          .where('no_plan_notified_on', '>=', from)
          .where('no_plan_notified_on', '<=', to)
          .groupBy('no_plan_notified_on')
          .orderBy('no_plan_notified_on')
          .execute(),
        // Plans with no exception recorded against their 20 weeks: Week20 is 0, they count in both measures.
        db
          .selectFrom('ehc_cases as c')
          .select([
            'c.final_issued_on as on',
            sql<number>`count(*)::int`.as('total'),
            sql<number>`(count(*) filter (where c.final_issued_on <= c.final_plan_due_on))::int`.as('onTime'),
          ])
          .where('c.final_issued_on', '>=', from)
          .where('c.final_issued_on', '<=', to)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('ehc_excusals as e')
                  .select(sql.lit(1).as('one'))
                  .whereRef('e.case_id', '=', 'c.id')
                  .where('e.rule_id', '=', 'final-plan'),
              ),
            ),
          )
          .groupBy('c.final_issued_on')
          .orderBy('c.final_issued_on')
          .execute(),
        db
          .selectFrom('ehc_cases as c')
          .innerJoin('ehc_excusals as e', 'e.case_id', 'c.id')
          .select([
            'c.id as caseId',
            'c.received_on',
            'c.final_issued_on',
            'e.rule_id',
            'e.subject_id',
            'e.exception_type',
            'e.from_on',
            'e.to_on',
            'e.advice_requested_on',
            'e.evidence',
          ])
          .where('e.rule_id', '=', 'final-plan')
          .where('c.final_issued_on', '>=', from)
          .where('c.final_issued_on', '<=', to)
          .orderBy('c.id')
          .execute(),
        db
          .selectFrom('ehc_cases')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('final_issued_on', '<', from)
          .executeTakeFirstOrThrow(),
        // Counted by organisation id first, and named after: the join then meets a few thousand groups, not
        // every request for advice of the year.
        db
          .selectFrom(
            db
              .selectFrom('ehc_advice_requests as a')
              .select([
                'a.due_on',
                'a.organisation_id',
                'a.advice_type',
                sql<number>`count(*) filter (where a.received_on <= a.due_on)`.as('by_due'),
                sql<number>`count(*) filter (where a.received_on > a.due_on)`.as('after_due'),
                sql<number>`count(*) filter (where a.received_on is null and a.no_longer_awaited_on is null)`.as(
                  'awaited',
                ),
                sql<number>`count(*) filter (where a.received_on is null and a.no_longer_awaited_on <= a.due_on)`.as(
                  'closed_by_due',
                ),
                sql<number>`count(*) filter (where a.received_on is null and a.no_longer_awaited_on > a.due_on)`.as(
                  'closed_after_due',
                ),
              ])
              .where('a.due_on', '>=', from)
              .where('a.due_on', '<=', to)
              .groupBy(['a.due_on', 'a.organisation_id', 'a.advice_type'])
              .as('t'),
          )
          .innerJoin('organisations as o', 'o.id', 't.organisation_id')
          .select([
            't.due_on as dueOn',
            'o.name as organisation',
            't.advice_type as adviceType',
            sql<number>`t.by_due::int`.as('receivedByDue'),
            sql<number>`t.after_due::int`.as('receivedAfterDue'),
            sql<number>`t.awaited::int`.as('awaited'),
            sql<number>`t.closed_by_due::int`.as('closedByDue'),
            sql<number>`t.closed_after_due::int`.as('closedAfterDue'),
          ])
          .execute(),
      ]);

      const finalPlansWithExceptions: TwentyWeekCase[] = [];
      let current: { caseId: string; plan: TwentyWeekCase & { excusals: Excusal[] } } | undefined;
      for (const row of excused) {
        if (current?.caseId !== row.caseId) {
          current = {
            caseId: row.caseId,
            plan: {
              requestReceivedOn: row.received_on,
              finalPlanIssuedOn: row.final_issued_on as string,
              excusals: [],
            },
          };
          finalPlansWithExceptions.push(current.plan);
        }
        current.plan.excusals.push(
          toExcusal({
            ruleId: row.rule_id,
            subjectId: row.subject_id,
            type: row.exception_type,
            fromOn: row.from_on,
            toOn: row.to_on,
            adviceRequestedOn: row.advice_requested_on,
            evidence: row.evidence,
          }),
        );
      }

      return {
        from,
        to,
        requestsFrom,
        asOf,
        requests: requests as RequestsDay[],
        decisions: decisions as DayTally[],
        noPlanDecisions: noPlanDecisions as DayTally[],
        finalPlans: finalPlans as DayTally[],
        finalPlansWithExceptions,
        plansIssuedBefore: before.n,
        advice: advice as AdviceTally[],
      };
    },

    /** EHC plans maintained on a date: every final plan issued on or before it (no cessation is recorded yet). */
    async activePlansOn(date: string): Promise<number> {
      const row = await db
        .selectFrom('ehc_cases')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('final_issued_on', '<=', date)
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}

export type CaseworkMeasuresRepository = ReturnType<typeof createCaseworkMeasuresRepository>;
