import type { Kysely } from 'kysely';
import type { Database, Organisation, User, UserUpdate } from '../../db/types.ts';

export type UserWithOrganisation = User & { organisation_name: string; organisation_kind: string };

export type UserListFilter = { search?: string; role?: string; status?: string; organisationId?: string };

export function createAccountsRepository(db: Kysely<Database>) {
  const usersWithOrganisation = () =>
    db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .selectAll('users')
      .select(['organisations.name as organisation_name', 'organisations.kind as organisation_kind']);

  return {
    async listOrganisations(): Promise<Organisation[]> {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where('disabled_at', 'is', null)
        .orderBy('name')
        .execute();
    },

    /** Names and kinds only: what the public home page shows. */
    async listPartnerOrganisations(): Promise<{ name: string; kind: string }[]> {
      return db
        .selectFrom('organisations')
        .select(['name', 'kind'])
        .where('disabled_at', 'is', null)
        .orderBy('name')
        .execute();
    },

    async findOrganisation(id: string): Promise<Organisation | undefined> {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async upsertOrganisation(org: {
      key: string;
      name: string;
      kind: string;
      isDemo: boolean;
    }): Promise<Organisation> {
      return db
        .insertInto('organisations')
        .values({ key: org.key, name: org.name, kind: org.kind, is_demo: org.isDemo })
        .onConflict((oc) => oc.column('key').doUpdateSet({ name: org.name, kind: org.kind }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async countOrganisations(): Promise<number> {
      const row = await db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findUserByEmail(email: string): Promise<UserWithOrganisation | undefined> {
      return usersWithOrganisation().where('users.email', '=', email.toLowerCase()).executeTakeFirst();
    },

    async findUserById(id: string): Promise<UserWithOrganisation | undefined> {
      return usersWithOrganisation().where('users.id', '=', id).executeTakeFirst();
    },

    async insertUser(user: {
      email: string;
      fullName: string;
      role: string;
      organisationId: string;
      status: 'invited' | 'active';
      passwordHash: string | null;
      isDemo: boolean;
      now: Date;
    }): Promise<User> {
      return db
        .insertInto('users')
        .values({
          email: user.email.toLowerCase(),
          full_name: user.fullName,
          role: user.role,
          organisation_id: user.organisationId,
          status: user.status,
          password_hash: user.passwordHash,
          password_changed_at: user.passwordHash ? user.now : null,
          is_demo: user.isDemo,
          updated_at: user.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateUser(id: string, changes: UserUpdate): Promise<User | undefined> {
      return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
    },

    /** Counts a failed sign-in and, at the threshold, locks the account, in one statement. */
    async recordFailedSignIn(
      id: string,
      maxFailures: number,
      lockUntil: Date,
      now: Date,
    ): Promise<User | undefined> {
      return db
        .updateTable('users')
        .set((eb) => ({
          failed_signin_count: eb('failed_signin_count', '+', 1),
          locked_until: eb
            .case()
            .when('failed_signin_count', '>=', maxFailures - 1)
            .then(lockUntil)
            .else(eb.ref('locked_until'))
            .end(),
          updated_at: now,
        }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    async listUsers(
      filter: UserListFilter,
      page: { limit: number; offset: number },
    ): Promise<{ rows: UserWithOrganisation[]; total: number }> {
      let query = usersWithOrganisation();
      if (filter.search) {
        const term = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
        query = query.where((eb) =>
          eb.or([eb('users.full_name', 'ilike', term), eb('users.email', 'ilike', term)]),
        );
      }
      if (filter.role) query = query.where('users.role', '=', filter.role);
      if (filter.status) query = query.where('users.status', '=', filter.status);
      if (filter.organisationId) query = query.where('users.organisation_id', '=', filter.organisationId);
      const [rows, count] = await Promise.all([
        query.orderBy('users.full_name').orderBy('users.id').limit(page.limit).offset(page.offset).execute(),
        query
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insertInvitation(inv: {
      userId: string;
      tokenHash: string;
      invitedBy: string | null;
      expiresAt: Date;
    }) {
      await db
        .insertInto('user_invitations')
        .values({
          user_id: inv.userId,
          token_hash: inv.tokenHash,
          invited_by: inv.invitedBy,
          expires_at: inv.expiresAt,
        })
        .execute();
    },

    async findOpenInvitation(tokenHash: string, now: Date) {
      return db
        .selectFrom('user_invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    async markInvitationAccepted(id: string, now: Date) {
      await db.updateTable('user_invitations').set({ accepted_at: now }).where('id', '=', id).execute();
    },

    async withdrawOpenInvitations(userId: string, now: Date) {
      await db
        .updateTable('user_invitations')
        .set({ expires_at: now })
        .where('user_id', '=', userId)
        .where('accepted_at', 'is', null)
        .execute();
    },

    async queueNotification(n: {
      template: string;
      recipient: string;
      personalisation: Record<string, string>;
    }) {
      await db
        .insertInto('notification_outbox')
        .values({
          template: n.template,
          recipient: n.recipient,
          personalisation: JSON.stringify(n.personalisation),
        })
        .execute();
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
