import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type {
  EhcCapacityNotesTable,
  Database,
  EhcAdviceRequestsTable,
  EhcCasesTable,
  EhcChildrenTable,
  EhcExcusalsTable,
  EhcPlansTable,
  EhcRelatedPeopleTable,
  EhcSettingConsultationsTable,
} from '../../db/types.ts';
import type { Page } from '../../lib/pagination.ts';

export type ChildRow = Selectable<EhcChildrenTable>;
export type CaseRow = Selectable<EhcCasesTable>;
export type RelatedPersonRow = Selectable<EhcRelatedPeopleTable>;
export type ExcusalRow = Selectable<EhcExcusalsTable>;
export type PlanRow = Selectable<EhcPlansTable>;

export type CaseWithNames = CaseRow & {
  child_given_names: string;
  child_family_name: string;
  child_preferred_name: string | null;
  child_date_of_birth: string;
  caseworker_name: string | null;
};

export type AdviceRequestRow = Selectable<EhcAdviceRequestsTable> & { organisation_name: string };
export type ConsultationRow = Selectable<EhcSettingConsultationsTable> & { organisation_name: string };

/** One line of "due and overdue": a deadline the council or a partner must meet, across all open cases. */
export type DueItem = {
  kind: 'decision' | 'final-plan' | 'advice' | 'consultation';
  due_on: string;
  case_id: string;
  reference: string;
  child_given_names: string;
  child_family_name: string;
  caseworker_name: string | null;
  organisation_name: string | null;
  subject_id: string | null;
};

export type NewChild = Omit<Insertable<EhcChildrenTable>, 'id' | 'created_at' | 'updated_at' | 'is_demo'>;

/** How many answered advice requests and consultations the partner portal lists, newest first. */
export const PARTNER_ANSWERED_SHOWN = 50;

export function createEhcRepository(db: Kysely<Database>) {
  const caseWithNames = () =>
    db
      .selectFrom('ehc_cases as c')
      .innerJoin('ehc_children as ch', 'ch.id', 'c.child_id')
      .leftJoin('users as u', 'u.id', 'c.caseworker_id')
      .selectAll('c')
      .select([
        'ch.legal_given_names as child_given_names',
        'ch.legal_family_name as child_family_name',
        'ch.preferred_name as child_preferred_name',
        'ch.date_of_birth as child_date_of_birth',
        'u.full_name as caseworker_name',
      ]);

  return {
    // ------------------------------------------------------------------ children and the people around them

    async insertChild(child: NewChild, now: Date): Promise<string> {
      const row = await db
        .insertInto('ehc_children')
        .values({ ...child, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Children who may be the same person: the same NHS number or UPN, or the same date of birth and family name. */
    async possibleDuplicates(probe: {
      dateOfBirth: string;
      familyName: string;
      nhsNumber: string | null;
      upn: string | null;
    }): Promise<ChildRow[]> {
      return db
        .selectFrom('ehc_children')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([
              eb('date_of_birth', '=', probe.dateOfBirth),
              eb(eb.fn('lower', ['legal_family_name']), '=', probe.familyName.toLowerCase()),
            ]),
            ...(probe.nhsNumber ? [eb('nhs_number', '=', probe.nhsNumber)] : []),
            ...(probe.upn ? [eb('upn', '=', probe.upn)] : []),
          ]),
        )
        .orderBy('legal_family_name')
        .limit(20)
        .execute();
    },

    async child(id: string): Promise<ChildRow | undefined> {
      return db.selectFrom('ehc_children').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async childNeeds(childId: string): Promise<{ rank: number; sen_type: string }[]> {
      return db
        .selectFrom('ehc_child_needs')
        .select(['rank', 'sen_type'])
        .where('child_id', '=', childId)
        .orderBy('rank')
        .execute();
    },

    async replaceChildNeeds(childId: string, needs: readonly string[]): Promise<void> {
      await db.deleteFrom('ehc_child_needs').where('child_id', '=', childId).execute();
      if (needs.length > 0)
        await db
          .insertInto('ehc_child_needs')
          .values(needs.map((sen_type, i) => ({ child_id: childId, rank: i + 1, sen_type })))
          .execute();
    },

    async relatedPeople(childId: string): Promise<RelatedPersonRow[]> {
      return db
        .selectFrom('ehc_related_people')
        .selectAll()
        .where('child_id', '=', childId)
        .orderBy('is_main_contact', 'desc')
        .orderBy('created_at')
        .execute();
    },

    async relatedPerson(id: string): Promise<RelatedPersonRow | undefined> {
      return db.selectFrom('ehc_related_people').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async relatedPeopleByEmail(email: string): Promise<RelatedPersonRow[]> {
      return db.selectFrom('ehc_related_people').selectAll().where('email', '=', email).execute();
    },

    async insertRelatedPerson(person: {
      childId: string;
      fullName: string;
      relationship: string;
      hasParentalResponsibility: boolean;
      email: string | null;
      phone: string | null;
      isMainContact: boolean;
      capacityNote: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('ehc_related_people')
        .values({
          child_id: person.childId,
          full_name: person.fullName,
          relationship: person.relationship,
          has_parental_responsibility: person.hasParentalResponsibility,
          email: person.email,
          phone: person.phone,
          is_main_contact: person.isMainContact,
          capacity_note: person.capacityNote,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateChild(id: string, patch: Updateable<EhcChildrenTable>): Promise<void> {
      await db.updateTable('ehc_children').set(patch).where('id', '=', id).execute();
    },

    /** One main contact per child: the one named last replaces any other. */
    async clearMainContact(childId: string): Promise<void> {
      await db
        .updateTable('ehc_related_people')
        .set({ is_main_contact: false })
        .where('child_id', '=', childId)
        .execute();
    },

    async capacityNotes(caseId: string) {
      return db
        .selectFrom('ehc_capacity_notes as n')
        .innerJoin('ehc_related_people as p', 'p.id', 'n.related_person_id')
        .leftJoin('users as u', 'u.id', 'n.recorded_by')
        .selectAll('n')
        .select(['p.full_name as person_name', 'u.full_name as recorded_by_name'])
        .where('n.case_id', '=', caseId)
        .orderBy('n.assessed_on')
        .orderBy('n.recorded_at')
        .execute();
    },

    async insertCapacityNote(values: Insertable<EhcCapacityNotesTable>): Promise<void> {
      await db.insertInto('ehc_capacity_notes').values(values).execute();
    },

    // ------------------------------------------------------------------ cases

    async nextReference(year: number): Promise<string> {
      const { rows } = await sql<{ n: string }>`select nextval('ehc_case_reference_seq') as n`.execute(db);
      return `EHC-${year}-${String(rows[0]?.n ?? '0').padStart(6, '0')}`;
    },

    async insertCase(values: Insertable<EhcCasesTable>): Promise<string> {
      const row = await db.insertInto('ehc_cases').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async caseById(id: string): Promise<CaseWithNames | undefined> {
      return caseWithNames().where('c.id', '=', id).executeTakeFirst();
    },

    /** Locks the case for the rest of the transaction: two decisions at once cannot both pass their checks. */
    async lockCase(id: string): Promise<CaseRow | undefined> {
      return db.selectFrom('ehc_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async updateCase(id: string, patch: Updateable<EhcCasesTable>): Promise<void> {
      await db.updateTable('ehc_cases').set(patch).where('id', '=', id).execute();
    },

    async casesForChild(childId: string): Promise<CaseRow[]> {
      return db.selectFrom('ehc_cases').selectAll().where('child_id', '=', childId).execute();
    },

    async listCases(
      filter: { caseworkerId?: string; open?: boolean; status?: string; reference?: string },
      page: Page,
    ): Promise<{ rows: CaseWithNames[]; total: number }> {
      let query = caseWithNames();
      if (filter.caseworkerId) query = query.where('c.caseworker_id', '=', filter.caseworkerId);
      if (filter.open) query = query.where('c.closed_on', 'is', null);
      if (filter.status) query = query.where('c.status', '=', filter.status);
      if (filter.reference) query = query.where('c.reference', '=', filter.reference);
      const [rows, total] = await Promise.all([
        query
          .orderBy('c.received_on', 'desc')
          .orderBy('c.reference')
          .limit(page.size)
          .offset(page.offset)
          .execute(),
        query
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Open cases by caseworker, for the manager's caseload view. */
    /** Final plans issued in a period (dates included), with the excusals recorded against their 20 weeks. */
    async finalPlansIssued(
      from: string,
      to: string,
    ): Promise<{ plans: CaseWithNames[]; excusals: ExcusalRow[] }> {
      const plans = await caseWithNames()
        .where('c.final_issued_on', '>=', from)
        .where('c.final_issued_on', '<=', to)
        .orderBy('c.final_issued_on', 'desc')
        .orderBy('c.reference')
        .execute();
      const excusals =
        plans.length === 0
          ? []
          : await db
              .selectFrom('ehc_excusals')
              .selectAll()
              .where('rule_id', '=', 'final-plan')
              .where(
                'case_id',
                'in',
                plans.map((p) => p.id),
              )
              .execute();
      return { plans, excusals };
    },

    async caseloadByCaseworker(): Promise<
      {
        caseworker_id: string | null;
        caseworker_name: string | null;
        open: number;
        awaiting_decision: number;
        assessing: number;
      }[]
    > {
      const rows = await db
        .selectFrom('ehc_cases as c')
        .leftJoin('users as u', 'u.id', 'c.caseworker_id')
        .where('c.closed_on', 'is', null)
        .where('c.status', 'in', ['awaiting-decision', 'assessing', 'draft-issued'])
        .groupBy(['c.caseworker_id', 'u.full_name'])
        .select([
          'c.caseworker_id',
          'u.full_name as caseworker_name',
          (eb) => eb.fn.countAll<string>().as('open'),
          (eb) =>
            eb.fn
              .sum<string>(sql`case when c.status = 'awaiting-decision' then 1 else 0 end`)
              .as('awaiting_decision'),
          (eb) =>
            eb.fn
              .sum<string>(sql`case when c.status <> 'awaiting-decision' then 1 else 0 end`)
              .as('assessing'),
        ])
        .orderBy('u.full_name')
        .execute();
      return rows.map((r) => ({
        caseworker_id: r.caseworker_id,
        caseworker_name: r.caseworker_name,
        open: Number(r.open),
        awaiting_decision: Number(r.awaiting_decision),
        assessing: Number(r.assessing),
      }));
    },

    /** Open assessments whose 20-week final plan is due by a date (and those overdue), soonest first. */
    async twentyWeekClocks(dueBy: string, page: Page): Promise<{ rows: CaseWithNames[]; total: number }> {
      // A request still undecided this late is as much at risk as one being assessed.
      const query = caseWithNames()
        .where('c.status', 'in', ['awaiting-decision', 'assessing', 'draft-issued'])
        .where('c.final_plan_due_on', '<=', dueBy);
      const [rows, total] = await Promise.all([
        query
          .orderBy('c.final_plan_due_on')
          .orderBy('c.reference')
          .limit(page.size)
          .offset(page.offset)
          .execute(),
        query
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /**
     * Everything due by a date across all open cases, soonest (most overdue) first: decisions to assess,
     * final plans, advice and setting consultations still awaited. Each part is an index-only scan of a
     * partial index on its stored due date, in the list's order (migrations 0009 and 0010): advice and
     * consultations stop being awaited when their case closes (`stopAwaiting`), so they need no match with
     * the open cases, and the count adds up four index counts. Ordered by the advice request or consultation
     * last, so that a page never repeats or skips a row.
     */
    async dueAndOverdue(
      dueBy: string,
      filter: { caseworkerId?: string },
      page: Page,
    ): Promise<{ rows: DueItem[]; total: number }> {
      const mine = filter.caseworkerId;
      const caseOfMine = mine ? sql`and c.caseworker_id = ${mine}` : sql``;
      // "My cases only": advice and consultations of the caseworker's open cases, found once (migration 0010).
      const awaitedOfMine = (alias: string) =>
        mine ? sql`and ${sql.ref(`${alias}.case_id`)} in (select id from mine)` : sql``;
      const decisions = sql`from ehc_cases c where c.status = 'awaiting-decision' and c.decision_due_on <= ${dueBy} ${caseOfMine}`;
      const finals = sql`from ehc_cases c where c.status in ('assessing', 'draft-issued') and c.final_plan_due_on <= ${dueBy} ${caseOfMine}`;
      const advice = sql`from ehc_advice_requests a where a.received_on is null and a.no_longer_awaited_on is null and a.due_on <= ${dueBy} ${awaitedOfMine('a')}`;
      const consultations = sql`from ehc_setting_consultations s where s.replied_on is null and s.no_longer_awaited_on is null and s.due_on <= ${dueBy} ${awaitedOfMine('s')}`;
      const items = sql`
        select 'decision' as kind, c.decision_due_on as due_on, c.id as case_id, null::uuid as subject_id,
               null::uuid as organisation_id ${decisions}
        union all
        select 'final-plan', c.final_plan_due_on, c.id, null::uuid, null::uuid ${finals}
        union all
        select 'advice', a.due_on, a.case_id, a.id, a.organisation_id ${advice}
        union all
        select 'consultation', s.due_on, s.case_id, s.id, s.organisation_id ${consultations}`;
      // Every open case: four index counts, and the first rows of the four index scans, with no list kept in
      // between. One caseworker's: their few deadlines found once, then counted and sorted.
      const withItems = mine
        ? sql`with mine as materialized (select id from ehc_cases where caseworker_id = ${mine} and closed_on is null),
                   items as materialized (${items})`
        : sql``;
      const from = mine ? sql`items` : sql`(${items})`;
      const total = mine
        ? sql`(select count(*) from items)`
        : sql`(select count(*) ${decisions}) + (select count(*) ${finals})
              + (select count(*) ${advice}) + (select count(*) ${consultations})`;
      const { rows } = await sql<DueItem & { total: string }>`
        ${withItems}
        select i.kind, i.due_on, i.case_id, i.subject_id, c.reference,
               ch.legal_given_names as child_given_names, ch.legal_family_name as child_family_name,
               u.full_name as caseworker_name, o.name as organisation_name, counted.total
          from (select * from ${from} x
                order by due_on, case_id, kind, subject_id limit ${page.size} offset ${page.offset}) i
          cross join (select ${total} as total) counted
          join ehc_cases c on c.id = i.case_id
          join ehc_children ch on ch.id = c.child_id
          left join users u on u.id = c.caseworker_id
          left join organisations o on o.id = i.organisation_id
         order by i.due_on, i.case_id, i.kind, i.subject_id`.execute(db);
      let count = rows[0] ? Number(rows[0].total) : 0;
      if (rows.length === 0 && page.offset > 0) {
        const counted = await sql<{ total: string }>`${withItems} select ${total} as total`.execute(db);
        count = Number(counted.rows[0]?.total ?? 0);
      }
      return { rows: rows.map(({ total: _t, ...row }) => row), total: count };
    },

    /**
     * A case has closed: whatever advice or consultation reply it still awaited is no longer awaited from
     * that day (migration 0010). Called in the transaction that closes the case.
     */
    async stopAwaiting(caseId: string, on: string): Promise<void> {
      await db
        .updateTable('ehc_advice_requests')
        .set({ no_longer_awaited_on: on })
        .where('case_id', '=', caseId)
        .where('received_on', 'is', null)
        .where('no_longer_awaited_on', 'is', null)
        .execute();
      await db
        .updateTable('ehc_setting_consultations')
        .set({ no_longer_awaited_on: on })
        .where('case_id', '=', caseId)
        .where('replied_on', 'is', null)
        .where('no_longer_awaited_on', 'is', null)
        .execute();
    },

    // ------------------------------------------------------------------ advice and consultations

    async adviceRequests(caseId: string): Promise<AdviceRequestRow[]> {
      return db
        .selectFrom('ehc_advice_requests as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .selectAll('a')
        .select('o.name as organisation_name')
        .where('a.case_id', '=', caseId)
        .orderBy('a.requested_on')
        .orderBy('a.created_at')
        .execute();
    },

    async adviceRequest(id: string): Promise<AdviceRequestRow | undefined> {
      return db
        .selectFrom('ehc_advice_requests as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .selectAll('a')
        .select('o.name as organisation_name')
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    async insertAdviceRequest(values: Insertable<EhcAdviceRequestsTable>): Promise<string> {
      const row = await db
        .insertInto('ehc_advice_requests')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Records advice once: a second return of the same request changes nothing (returns false). */
    async markAdviceReceived(
      id: string,
      values: { receivedOn: string; summary: string | null; documentId: string | null; receivedBy: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('ehc_advice_requests')
        .set({
          received_on: values.receivedOn,
          summary: values.summary,
          document_id: values.documentId,
          received_by: values.receivedBy,
        })
        .where('id', '=', id)
        .where('received_on', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async consultations(caseId: string): Promise<ConsultationRow[]> {
      return db
        .selectFrom('ehc_setting_consultations as s')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .selectAll('s')
        .select('o.name as organisation_name')
        .where('s.case_id', '=', caseId)
        .orderBy('s.sent_on')
        .execute();
    },

    async consultation(id: string): Promise<ConsultationRow | undefined> {
      return db
        .selectFrom('ehc_setting_consultations as s')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .selectAll('s')
        .select('o.name as organisation_name')
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    async insertConsultation(values: Insertable<EhcSettingConsultationsTable>): Promise<string> {
      const row = await db
        .insertInto('ehc_setting_consultations')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async answerConsultation(
      id: string,
      values: { repliedOn: string; canMeetNeeds: boolean; response: string; documentId: string | null },
    ): Promise<boolean> {
      const result = await db
        .updateTable('ehc_setting_consultations')
        .set({
          replied_on: values.repliedOn,
          can_meet_needs: values.canMeetNeeds,
          response: values.response,
          document_id: values.documentId,
        })
        .where('id', '=', id)
        .where('replied_on', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** What a partner organisation has been asked for: advice and consultations, outstanding first. */
    async partnerRequests(organisationId: string): Promise<{
      advice: (AdviceRequestRow & {
        reference: string;
        child_given_names: string;
        child_family_name: string;
        case_closed_on: string | null;
      })[];
      consultations: (ConsultationRow & {
        reference: string;
        child_given_names: string;
        child_family_name: string;
        case_closed_on: string | null;
      })[];
    }> {
      // Still to answer, most urgent first; then the most recently answered (an organisation's whole history
      // can run to thousands, so only the latest are listed).
      const advice = (outstanding: boolean) => {
        const q = db
          .selectFrom('ehc_advice_requests as a')
          .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
          .innerJoin('ehc_cases as c', 'c.id', 'a.case_id')
          .innerJoin('ehc_children as ch', 'ch.id', 'c.child_id')
          .selectAll('a')
          .select([
            'o.name as organisation_name',
            'c.reference',
            'ch.legal_given_names as child_given_names',
            'ch.legal_family_name as child_family_name',
            'c.closed_on as case_closed_on',
          ])
          .where('a.organisation_id', '=', organisationId);
        return outstanding
          ? q
              .where('a.received_on', 'is', null)
              .orderBy('a.due_on')
              .orderBy('c.reference')
              .limit(200)
              .execute()
          : q
              .where('a.received_on', 'is not', null)
              .orderBy('a.received_on', 'desc')
              .orderBy('c.reference')
              .limit(PARTNER_ANSWERED_SHOWN)
              .execute();
      };
      const consultations = (outstanding: boolean) => {
        const q = db
          .selectFrom('ehc_setting_consultations as s')
          .innerJoin('organisations as o', 'o.id', 's.organisation_id')
          .innerJoin('ehc_cases as c', 'c.id', 's.case_id')
          .innerJoin('ehc_children as ch', 'ch.id', 'c.child_id')
          .selectAll('s')
          .select([
            'o.name as organisation_name',
            'c.reference',
            'ch.legal_given_names as child_given_names',
            'ch.legal_family_name as child_family_name',
            'c.closed_on as case_closed_on',
          ])
          .where('s.organisation_id', '=', organisationId);
        return outstanding
          ? q
              .where('s.replied_on', 'is', null)
              .orderBy('s.due_on')
              .orderBy('c.reference')
              .limit(200)
              .execute()
          : q
              .where('s.replied_on', 'is not', null)
              .orderBy('s.replied_on', 'desc')
              .orderBy('c.reference')
              .limit(PARTNER_ANSWERED_SHOWN)
              .execute();
      };
      const [adviceOpen, adviceAnswered, consultationsOpen, consultationsAnswered] = await Promise.all([
        advice(true),
        advice(false),
        consultations(true),
        consultations(false),
      ]);
      return {
        advice: [...adviceOpen, ...adviceAnswered],
        consultations: [...consultationsOpen, ...consultationsAnswered],
      };
    },

    // ------------------------------------------------------------------ excusals, plans, representations, notes

    async excusals(caseId: string): Promise<ExcusalRow[]> {
      return db
        .selectFrom('ehc_excusals')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('recorded_at')
        .execute();
    },

    async insertExcusal(values: Insertable<EhcExcusalsTable>): Promise<string> {
      const row = await db
        .insertInto('ehc_excusals')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async plans(caseId: string): Promise<PlanRow[]> {
      return db
        .selectFrom('ehc_plans')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('version')
        .execute();
    },

    async insertPlan(values: Insertable<EhcPlansTable>): Promise<string> {
      const row = await db.insertInto('ehc_plans').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async updatePlan(id: string, patch: Updateable<EhcPlansTable>): Promise<void> {
      await db.updateTable('ehc_plans').set(patch).where('id', '=', id).execute();
    },

    async representations(caseId: string) {
      return db
        .selectFrom('ehc_representations')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('received_on')
        .orderBy('created_at')
        .execute();
    },

    async insertRepresentation(values: {
      caseId: string;
      receivedOn: string;
      comments: string;
      preferredSetting: string | null;
      fromRelatedPersonId: string | null;
      recordedBy: string | null;
    }): Promise<void> {
      await db
        .insertInto('ehc_representations')
        .values({
          case_id: values.caseId,
          received_on: values.receivedOn,
          comments: values.comments,
          preferred_setting: values.preferredSetting,
          from_related_person_id: values.fromRelatedPersonId,
          recorded_by: values.recordedBy,
        })
        .execute();
    },

    async notes(caseId: string) {
      return db
        .selectFrom('ehc_case_notes as n')
        .innerJoin('users as u', 'u.id', 'n.author_id')
        .select(['n.id', 'n.body', 'n.created_at', 'u.full_name as author_name'])
        .where('n.case_id', '=', caseId)
        .orderBy('n.created_at', 'desc')
        .execute();
    },

    async insertNote(values: { caseId: string; authorId: string; body: string; now: Date }): Promise<void> {
      await db
        .insertInto('ehc_case_notes')
        .values({
          case_id: values.caseId,
          author_id: values.authorId,
          body: values.body,
          created_at: values.now,
        })
        .execute();
    },

    async events(caseId: string, options: { familyOnly?: boolean } = {}) {
      let query = db
        .selectFrom('ehc_case_events')
        .select(['id', 'occurred_at', 'actor_label', 'kind', 'summary'])
        .where('case_id', '=', caseId);
      if (options.familyOnly) query = query.where('visible_to_family', '=', true);
      return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').execute();
    },

    async insertEvent(values: {
      caseId: string;
      now: Date;
      actorUserId: string | null;
      actorLabel: string | null;
      kind: string;
      summary: string;
      visibleToFamily?: boolean;
    }): Promise<void> {
      await db
        .insertInto('ehc_case_events')
        .values({
          case_id: values.caseId,
          occurred_at: values.now,
          actor_user_id: values.actorUserId,
          actor_label: values.actorLabel,
          kind: values.kind,
          summary: values.summary,
          visible_to_family: values.visibleToFamily ?? true,
        })
        .execute();
    },

    // ------------------------------------------------------------------ documents

    async insertDocument(values: {
      caseId: string;
      kind: string;
      fileName: string;
      mediaType: string;
      content: Uint8Array;
      sha256: string;
      uploadedBy: string | null;
      now: Date;
    }): Promise<string> {
      const row = await db
        .insertInto('ehc_documents')
        .values({
          case_id: values.caseId,
          kind: values.kind,
          file_name: values.fileName,
          media_type: values.mediaType,
          size_bytes: values.content.byteLength,
          sha256: values.sha256,
          content: values.content,
          uploaded_by: values.uploadedBy,
          uploaded_at: values.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async document(id: string) {
      return db.selectFrom('ehc_documents').selectAll().where('id', '=', id).executeTakeFirst();
    },

    // ------------------------------------------------------------------ users and organisations the casework names

    async caseworkers(): Promise<{ id: string; full_name: string }[]> {
      return db
        .selectFrom('users')
        .select(['id', 'full_name'])
        .where('role', 'in', ['send_caseworker', 'send_manager'])
        .where('status', '=', 'active')
        .orderBy('full_name')
        .execute();
    },

    async partnerOrganisations(): Promise<{ id: string; name: string; kind: string }[]> {
      return db
        .selectFrom('organisations')
        .select(['id', 'name', 'kind'])
        .where('kind', 'in', [
          'integrated_care_board',
          'nhs_trust',
          'social_care',
          'educational_psychology',
          'school',
          'college',
          'early_years_setting',
        ])
        .where('disabled_at', 'is', null)
        .orderBy('name')
        .execute();
    },

    async organisation(id: string) {
      return db
        .selectFrom('organisations')
        .select(['id', 'name', 'kind'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Where a message to an organisation goes: its active practitioners' addresses. */
    async organisationEmails(organisationIds: readonly string[]): Promise<string[]> {
      if (organisationIds.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .select('email')
        .where('organisation_id', 'in', organisationIds)
        .where('role', '=', 'partner_practitioner')
        .where('status', '=', 'active')
        .orderBy('email')
        .execute();
      return rows.map((r) => r.email);
    },

    async organisationsOfKinds(
      kinds: readonly string[],
    ): Promise<{ id: string; name: string; kind: string }[]> {
      return db
        .selectFrom('organisations')
        .select(['id', 'name', 'kind'])
        .where('kind', 'in', kinds)
        .where('disabled_at', 'is', null)
        .execute();
    },

    // ------------------------------------------------------------------ outbox

    async enqueue(message: {
      template: string;
      recipient: string;
      personalisation: Record<string, unknown>;
      reference: string;
    }) {
      await db
        .insertInto('notification_outbox')
        .values({
          template: message.template,
          recipient: message.recipient,
          personalisation: JSON.stringify(message.personalisation),
          reference: message.reference,
        })
        .onConflict((oc) => oc.column('reference').where('reference', 'is not', null).doNothing())
        .execute();
    },

    // ------------------------------------------------------------------ the family's sign-in

    async insertFamilyLink(values: {
      relatedPersonId: string;
      tokenHash: string;
      expiresAt: Date;
      now: Date;
    }) {
      await db
        .insertInto('ehc_family_links')
        .values({
          related_person_id: values.relatedPersonId,
          token_hash: values.tokenHash,
          expires_at: values.expiresAt,
          created_at: values.now,
        })
        .execute();
    },

    /** Uses a link once: returns the person it was for, or nothing if it was used, expired or never issued. */
    async useFamilyLink(tokenHash: string, now: Date): Promise<string | undefined> {
      const row = await db
        .updateTable('ehc_family_links')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('related_person_id')
        .executeTakeFirst();
      return row?.related_person_id;
    },

    async insertFamilySession(values: {
      idHash: string;
      relatedPersonId: string;
      now: Date;
      expiresAt: Date;
    }) {
      await db
        .insertInto('ehc_family_sessions')
        .values({
          id_hash: values.idHash,
          related_person_id: values.relatedPersonId,
          created_at: values.now,
          expires_at: values.expiresAt,
        })
        .execute();
    },

    async familySession(idHash: string, now: Date): Promise<string | undefined> {
      const row = await db
        .selectFrom('ehc_family_sessions')
        .select('related_person_id')
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.related_person_id;
    },

    async deleteFamilySession(idHash: string): Promise<void> {
      await db.deleteFrom('ehc_family_sessions').where('id_hash', '=', idHash).execute();
    },

    /** How many sign-in links a person was sent since a moment: the cap on links to one address. */
    async familyLinksSince(relatedPersonId: string, since: Date): Promise<number> {
      const row = await db
        .selectFrom('ehc_family_links')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('related_person_id', '=', relatedPersonId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async familyLinkUsable(tokenHash: string, now: Date): Promise<boolean> {
      const row = await db
        .selectFrom('ehc_family_links')
        .select('id')
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row !== undefined;
    },

    // ------------------------------------------------------------------ online requests saved to return to

    async saveOnlineRequest(values: { tokenHash: string; answers: unknown; now: Date; expiresAt: Date }) {
      await db
        .insertInto('ehc_online_requests')
        .values({
          resume_token_hash: values.tokenHash,
          answers: JSON.stringify(values.answers),
          expires_at: values.expiresAt,
          created_at: values.now,
          updated_at: values.now,
        })
        .onConflict((oc) =>
          oc
            .column('resume_token_hash')
            .doUpdateSet({
              answers: JSON.stringify(values.answers),
              updated_at: values.now,
              expires_at: values.expiresAt,
            })
            .where('ehc_online_requests.submitted_case_id', 'is', null),
        )
        .execute();
    },

    async onlineRequest(tokenHash: string, now: Date) {
      return db
        .selectFrom('ehc_online_requests')
        .selectAll()
        .where('resume_token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    /** Locks saved answers for the rest of the transaction: two presses of "send" cannot both send them. */
    async lockOnlineRequest(tokenHash: string) {
      return db
        .selectFrom('ehc_online_requests')
        .selectAll()
        .where('resume_token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst();
    },

    /**
     * Family sign-in links and sessions past their end, which are of no further use: a link expires 30 minutes
     * after it was made, so one past its end no longer counts towards the 3-links-in-30-minutes cap either.
     */
    async deleteExpiredFamilyAccess(now: Date): Promise<{ links: number; sessions: number }> {
      const links = await db.deleteFrom('ehc_family_links').where('expires_at', '<=', now).executeTakeFirst();
      const sessions = await db
        .deleteFrom('ehc_family_sessions')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return { links: Number(links.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
    },

    async deleteExpiredOnlineRequests(now: Date): Promise<number> {
      const result = await db
        .deleteFrom('ehc_online_requests')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Marks saved answers sent; what they said now lives in the case, so only keptAnswers (no personal data) stay. */
    async markOnlineRequestSubmitted(
      tokenHash: string,
      caseId: string,
      keptAnswers: Record<string, string> = {},
    ): Promise<boolean> {
      const result = await db
        .updateTable('ehc_online_requests')
        .set({ submitted_case_id: caseId, answers: JSON.stringify(keptAnswers) })
        .where('resume_token_hash', '=', tokenHash)
        .where('submitted_case_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type EhcRepository = ReturnType<typeof createEhcRepository>;
