import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, FeedbackReportsTable } from '../../db/types.ts';

export type FeedbackReport = Selectable<FeedbackReportsTable>;

export type FeedbackReportWithService = FeedbackReport & { service_name: string | null };

export type NewFeedbackReport = {
  kind: 'page_problem' | 'general';
  pagePath: string | null;
  serviceId: string | null;
  whatWasWrong: string | null;
  message: string;
  replyEmail: string | null;
  receivedAt: Date;
};

export type FeedbackTriage = {
  status: string;
  youSaid: string | null;
  weDid: string | null;
  publish: boolean;
  resolvedAt: Date | null;
  assignedTo: string | null;
  now: Date;
};

export type PublishedFeedback = { id: string; you_said: string; we_did: string; resolved_at: Date };

export function createFeedbackRepository(db: Kysely<Database>) {
  return {
    async serviceExists(id: string): Promise<boolean> {
      const row = await db.selectFrom('services').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },

    async insert(report: NewFeedbackReport): Promise<{ id: string }> {
      return db
        .insertInto('feedback_reports')
        .values({
          kind: report.kind,
          page_path: report.pagePath,
          service_id: report.serviceId,
          what_was_wrong: report.whatWasWrong,
          message: report.message,
          reply_email: report.replyEmail,
          received_at: report.receivedAt,
          updated_at: report.receivedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    async list(
      filter: { status?: string },
      page: { limit: number; offset: number },
    ): Promise<{ rows: FeedbackReport[]; total: number }> {
      let query = db.selectFrom('feedback_reports');
      if (filter.status) query = query.where('status', '=', filter.status);
      const [rows, count] = await Promise.all([
        query
          .selectAll()
          .orderBy('received_at', 'desc')
          .orderBy('id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('feedback_reports')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    },

    async findById(id: string): Promise<FeedbackReportWithService | undefined> {
      return db
        .selectFrom('feedback_reports as f')
        .leftJoin('services as s', 's.id', 'f.service_id')
        .selectAll('f')
        .select('s.name as service_name')
        .where('f.id', '=', id)
        .executeTakeFirst();
    },

    async update(id: string, triage: FeedbackTriage): Promise<void> {
      await db
        .updateTable('feedback_reports')
        .set({
          status: triage.status,
          you_said: triage.youSaid,
          we_did: triage.weDid,
          publish: triage.publish,
          resolved_at: triage.resolvedAt,
          assigned_to: triage.assignedTo,
          updated_at: triage.now,
        })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Resolved reports an editor chose to publish, with only their anonymised text, newest first; resolved within
     * [from, to) when given.
     */
    async listPublished(range?: { from: Date; to: Date }): Promise<PublishedFeedback[]> {
      let query = db
        .selectFrom('feedback_reports')
        .select(['id', 'you_said', 'we_did', 'resolved_at'])
        .where('publish', '=', true)
        .where('status', '=', 'resolved')
        .where('resolved_at', 'is not', null)
        .where('you_said', 'is not', null)
        .where('we_did', 'is not', null);
      if (range) query = query.where('resolved_at', '>=', range.from).where('resolved_at', '<', range.to);
      const rows = await query.orderBy('resolved_at', 'desc').orderBy('id', 'desc').execute();
      return rows.flatMap((row) =>
        row.you_said && row.we_did && row.resolved_at
          ? [{ id: row.id, you_said: row.you_said, we_did: row.we_did, resolved_at: row.resolved_at }]
          : [],
      );
    },

    /**
     * The years with published items, newest first. London is on GMT at every new year, so the UTC year of an
     * instant is its year in England.
     */
    async publishedYears(): Promise<number[]> {
      const rows = await db
        .selectFrom('feedback_reports')
        .select(sql<string>`extract(year from resolved_at at time zone 'UTC')::int`.as('year'))
        .where('publish', '=', true)
        .where('status', '=', 'resolved')
        .where('resolved_at', 'is not', null)
        .where('you_said', 'is not', null)
        .where('we_did', 'is not', null)
        .groupBy(sql`1`)
        .orderBy(sql`1`, 'desc')
        .execute();
      return rows.map((row) => Number(row.year));
    },
  };
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
