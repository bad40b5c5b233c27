import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export type AuditEntry = {
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  details?: Record<string, unknown>;
};

export type AuditFilter = {
  action?: string;
  actorUserId?: string;
  actorEmail?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
};

export type AuditRow = {
  id: string;
  occurred_at: Date;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
  details: unknown;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  organisation_name: string | null;
};

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async insert(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_events')
        .values({
          occurred_at: entry.occurredAt,
          actor_user_id: entry.actorUserId,
          actor_organisation_id: entry.actorOrganisationId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          request_id: entry.requestId,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },

    async list(
      filter: AuditFilter,
      page: { limit: number; offset: number },
    ): Promise<{ rows: AuditRow[]; total: number }> {
      let query = db
        .selectFrom('audit_events as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .leftJoin('organisations as o', 'o.id', 'a.actor_organisation_id');
      if (filter.action) query = query.where('a.action', '=', filter.action);
      if (filter.actorUserId) query = query.where('a.actor_user_id', '=', filter.actorUserId);
      if (filter.actorEmail) query = query.where('u.email', '=', filter.actorEmail.toLowerCase());
      if (filter.subjectType) query = query.where('a.subject_type', '=', filter.subjectType);
      if (filter.subjectId) query = query.where('a.subject_id', '=', filter.subjectId);
      if (filter.from) query = query.where('a.occurred_at', '>=', filter.from);
      if (filter.to) query = query.where('a.occurred_at', '<', filter.to);
      const [rows, count] = await Promise.all([
        query
          .select([
            'a.id',
            'a.occurred_at',
            'a.action',
            'a.subject_type',
            'a.subject_id',
            'a.request_id',
            'a.details',
            'a.actor_user_id',
            'u.full_name as actor_name',
            'u.email as actor_email',
            'o.name as organisation_name',
          ])
          .orderBy('a.occurred_at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async distinctActions(): Promise<string[]> {
      const rows = await db
        .selectFrom('audit_events')
        .select('action')
        .distinct()
        .orderBy('action')
        .execute();
      return rows.map((r) => r.action);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
