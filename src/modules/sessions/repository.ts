import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export type SessionRecord = {
  id_hash: string;
  user_id: string;
  acting_organisation_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  flash: unknown;
};

export function createSessionsRepository(db: Kysely<Database>) {
  return {
    async insert(session: {
      idHash: string;
      userId: string;
      actingOrganisationId: string;
      now: Date;
      expiresAt: Date;
    }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          acting_organisation_id: session.actingOrganisationId,
          created_at: session.now,
          last_seen_at: session.now,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    async find(idHash: string): Promise<SessionRecord | undefined> {
      return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    },

    async touch(idHash: string, now: Date): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    },

    async setFlash(idHash: string, flash: unknown): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ flash: flash === null ? null : JSON.stringify(flash) })
        .where('id_hash', '=', idHash)
        .execute();
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteForUser(userId: string, exceptIdHash?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
      await query.execute();
    },

    async deleteExpired(idleBefore: Date, now: Date): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
