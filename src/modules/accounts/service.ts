import type { OrganisationKind } from '../../config.ts';
import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { NotFoundError, RuleError } from '../../lib/errors.ts';
import type { Page } from '../../lib/pagination.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import {
  assertCan,
  isRole,
  ROLE_LABELS,
  ROLE_ORGANISATION_KINDS,
  type Actor,
  type Role,
} from '../access/policy.ts';
import { auditEntry } from '../audit/service.ts';
import type { UserListFilter, UserWithOrganisation } from './repository.ts';

export type SignInSettings = { maxFailures: number; lockoutMinutes: number };

export type SignInOutcome =
  { outcome: 'signed-in'; actor: Actor } | { outcome: 'invalid' } | { outcome: 'locked'; lockedUntil: Date };

const INVITATION_DAYS = 7;

function sameUser(user: UserWithOrganisation): Actor | null {
  return isRole(user.role)
    ? { userId: user.id, role: user.role, organisationId: user.organisation_id }
    : null;
}

export function createAccountsService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  signIn: SignInSettings;
  publicBaseUrl: string;
  serviceName: string;
}) {
  const { repos, transaction, clock } = deps;

  async function requireUser(id: string): Promise<UserWithOrganisation> {
    const user = /^[0-9a-f-]{36}$/i.test(id) ? await repos.accounts.findUserById(id) : undefined;
    if (!user) throw new NotFoundError('user not found');
    return user;
  }

  /** The user an administrator is about to change, after checking they may change that user. */
  async function requireManageableUser(ctx: RequestContext, id: string): Promise<UserWithOrganisation> {
    const user = await requireUser(id);
    assertCan(ctx.actor, 'users.manage', {
      type: 'user',
      userId: user.id,
      organisationId: user.organisation_id,
    });
    return user;
  }

  /** A new invitation link (only its hash is kept) and the email that carries it, queued in the outbox. */
  async function issueInvitation(
    r: Repositories,
    user: { id: string; email: string; fullName: string },
    invitedBy: string | null,
    template: 'user-invitation' | 'password-reset' = 'user-invitation',
  ): Promise<string> {
    const token = randomToken();
    const invitationUrl = `${deps.publicBaseUrl}/invitation/${token}`;
    await r.accounts.insertInvitation({
      userId: user.id,
      tokenHash: hashToken(token),
      invitedBy,
      expiresAt: new Date(clock.now().getTime() + INVITATION_DAYS * 86_400_000),
    });
    await r.accounts.queueNotification({
      template,
      recipient: user.email,
      personalisation: {
        full_name: user.fullName,
        service_name: deps.serviceName,
        invitation_url: invitationUrl,
      },
    });
    return invitationUrl;
  }

  async function checkOrganisationFitsRole(role: Role, organisationId: string): Promise<void> {
    const organisation = await repos.accounts.findOrganisation(organisationId);
    if (!organisation || organisation.disabled_at) {
      throw new RuleError('organisationId', 'Select the organisation they act for');
    }
    if (!ROLE_ORGANISATION_KINDS[role].includes(organisation.kind as OrganisationKind)) {
      throw new RuleError(
        'organisationId',
        `A ${ROLE_LABELS[role].toLowerCase()} cannot act for ${organisation.name}. Select a different organisation or role`,
      );
    }
  }

  return {
    async signIn(ctx: RequestContext, email: string, password: string): Promise<SignInOutcome> {
      const now = clock.now();
      const user = await repos.accounts.findUserByEmail(email);
      const subject = { type: 'user', id: user?.id ?? null };

      if (!user || user.status !== 'active' || !user.password_hash) {
        await verifyPassword(await decoyHash(), password);
        await repos.audit.insert(
          auditEntry(ctx, clock, 'auth.sign-in-failed', subject, {
            reason: user ? `account ${user.status}` : 'unknown email',
          }),
        );
        return { outcome: 'invalid' };
      }
      if (user.locked_until && user.locked_until > now) {
        await repos.audit.insert(
          auditEntry(ctx, clock, 'auth.sign-in-refused', subject, { reason: 'account locked' }),
        );
        return { outcome: 'locked', lockedUntil: user.locked_until };
      }
      if (user.locked_until && user.locked_until <= now) {
        // The lock has run out: the count starts again.
        await repos.accounts.updateUser(user.id, {
          failed_signin_count: 0,
          locked_until: null,
          updated_at: now,
        });
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        const lockUntil = new Date(now.getTime() + deps.signIn.lockoutMinutes * 60_000);
        return transaction(async (r) => {
          const updated = await r.accounts.recordFailedSignIn(
            user.id,
            deps.signIn.maxFailures,
            lockUntil,
            now,
          );
          const locked = updated?.locked_until && updated.locked_until > now;
          await r.audit.insert(
            auditEntry(ctx, clock, locked ? 'auth.account-locked' : 'auth.sign-in-failed', subject, {
              reason: 'wrong password',
              failures: updated?.failed_signin_count ?? null,
            }),
          );
          return locked && updated.locked_until
            ? { outcome: 'locked', lockedUntil: updated.locked_until }
            : { outcome: 'invalid' };
        });
      }
      const actor = sameUser(user);
      if (!actor) return { outcome: 'invalid' };
      await transaction(async (r) => {
        await r.accounts.updateUser(user.id, {
          failed_signin_count: 0,
          locked_until: null,
          last_signed_in_at: now,
          updated_at: now,
        });
        await r.audit.insert(auditEntry({ ...ctx, actor }, clock, 'auth.signed-in', subject));
      });
      return { outcome: 'signed-in', actor };
    },

    async recordSignOut(ctx: RequestContext): Promise<void> {
      if (!ctx.actor) return;
      await repos.audit.insert(
        auditEntry(ctx, clock, 'auth.signed-out', { type: 'user', id: ctx.actor.userId }),
      );
    },

    async changePassword(
      ctx: RequestContext,
      input: { currentPassword: string; newPassword: string; confirmPassword: string },
      keepSessionIdHash: string,
    ): Promise<void> {
      assertCan(ctx.actor, 'account.change-password');
      const user = await requireUser(ctx.actor.userId);
      if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new RuleError('currentPassword', 'Your current password is incorrect');
      }
      if (input.newPassword !== input.confirmPassword) {
        throw new RuleError('confirmPassword', 'The passwords do not match');
      }
      if (input.newPassword === input.currentPassword) {
        throw new RuleError('newPassword', 'Your new password must be different from your current password');
      }
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await transaction(async (r) => {
        await r.accounts.updateUser(user.id, {
          password_hash: passwordHash,
          password_changed_at: now,
          updated_at: now,
        });
        // Every other session of this person ends: a changed password should lock out whoever knew the old one.
        await r.sessions.deleteForUser(user.id, keepSessionIdHash);
        await r.audit.insert(
          auditEntry(ctx, clock, 'account.password-changed', { type: 'user', id: user.id }),
        );
      });
    },

    async invitation(token: string) {
      const invitation = await repos.accounts.findOpenInvitation(hashToken(token), clock.now());
      if (!invitation) return null;
      const user = await repos.accounts.findUserById(invitation.user_id);
      if (!user || user.status !== 'invited') return null;
      return { invitation, user };
    },

    async acceptInvitation(
      ctx: RequestContext,
      token: string,
      input: { newPassword: string; confirmPassword: string },
    ): Promise<boolean> {
      const found = await this.invitation(token);
      if (!found) return false;
      if (input.newPassword !== input.confirmPassword) {
        throw new RuleError('confirmPassword', 'The passwords do not match');
      }
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      const actor = sameUser(found.user);
      await transaction(async (r) => {
        await r.accounts.updateUser(found.user.id, {
          password_hash: passwordHash,
          password_changed_at: now,
          status: 'active',
          updated_at: now,
        });
        await r.accounts.markInvitationAccepted(found.invitation.id, now);
        await r.audit.insert(
          auditEntry({ ...ctx, actor }, clock, 'user.invitation-accepted', {
            type: 'user',
            id: found.user.id,
          }),
        );
      });
      return true;
    },

    async organisationsForUserForm(ctx: RequestContext) {
      assertCan(ctx.actor, 'users.manage');
      return repos.accounts.listOrganisations();
    },

    async listUsers(ctx: RequestContext, filter: UserListFilter, page: Page) {
      assertCan(ctx.actor, 'users.manage');
      return repos.accounts.listUsers(filter, page);
    },

    async getUser(ctx: RequestContext, id: string) {
      assertCan(ctx.actor, 'users.manage');
      return requireUser(id);
    },

    async inviteUser(
      ctx: RequestContext,
      input: { fullName: string; email: string; role: Role; organisationId: string },
    ): Promise<{ user: UserWithOrganisation; invitationUrl: string }> {
      assertCan(ctx.actor, 'users.manage');
      if (await repos.accounts.findUserByEmail(input.email)) {
        throw new RuleError('email', 'A user with this email address already exists');
      }
      await checkOrganisationFitsRole(input.role, input.organisationId);
      const invitedBy = ctx.actor.userId;
      const { id, invitationUrl } = await transaction(async (r) => {
        const user = await r.accounts.insertUser({
          email: input.email,
          fullName: input.fullName,
          role: input.role,
          organisationId: input.organisationId,
          status: 'invited',
          passwordHash: null,
          isDemo: false,
          now: clock.now(),
        });
        const url = await issueInvitation(
          r,
          { id: user.id, email: user.email, fullName: user.full_name },
          invitedBy,
        );
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'user.invited',
            { type: 'user', id: user.id },
            {
              role: input.role,
              organisation_id: input.organisationId,
            },
          ),
        );
        return { id: user.id, invitationUrl: url };
      });
      return { user: await requireUser(id), invitationUrl };
    },

    /** A fresh link for someone who has not yet accepted: earlier links stop working. */
    async resendInvitation(
      ctx: RequestContext,
      id: string,
    ): Promise<{ user: UserWithOrganisation; invitationUrl: string }> {
      const user = await requireManageableUser(ctx, id);
      if (user.status !== 'invited') throw new NotFoundError('no invitation to resend');
      const invitationUrl = await transaction(async (r) => {
        await r.accounts.withdrawOpenInvitations(user.id, clock.now());
        const url = await issueInvitation(
          r,
          { id: user.id, email: user.email, fullName: user.full_name },
          ctx.actor?.userId ?? null,
        );
        await r.audit.insert(auditEntry(ctx, clock, 'user.reinvited', { type: 'user', id: user.id }));
        return url;
      });
      return { user, invitationUrl };
    },

    /**
     * For someone who has forgotten their password: the old one stops working at once, their sessions
     * end, and a link lets them choose a new one (the same way an invitation does).
     */
    async resetPassword(
      ctx: RequestContext,
      id: string,
    ): Promise<{ user: UserWithOrganisation; invitationUrl: string }> {
      const user = await requireManageableUser(ctx, id);
      if (user.status !== 'active') throw new NotFoundError('only an active account has a password to reset');
      const invitationUrl = await transaction(async (r) => {
        const now = clock.now();
        await r.accounts.updateUser(user.id, {
          status: 'invited',
          password_hash: null,
          failed_signin_count: 0,
          locked_until: null,
          updated_at: now,
        });
        await r.sessions.deleteForUser(user.id);
        await r.accounts.withdrawOpenInvitations(user.id, now);
        const url = await issueInvitation(
          r,
          { id: user.id, email: user.email, fullName: user.full_name },
          ctx.actor?.userId ?? null,
          'password-reset',
        );
        await r.audit.insert(auditEntry(ctx, clock, 'user.password-reset', { type: 'user', id: user.id }));
        return url;
      });
      return { user, invitationUrl };
    },

    async updateUser(
      ctx: RequestContext,
      id: string,
      input: { fullName: string; role: Role; organisationId: string },
    ): Promise<void> {
      const user = await requireManageableUser(ctx, id);
      await checkOrganisationFitsRole(input.role, input.organisationId);
      const changed: Record<string, { from: string; to: string }> = {};
      if (user.role !== input.role) changed.role = { from: user.role, to: input.role };
      if (user.organisation_id !== input.organisationId) {
        changed.organisation_id = { from: user.organisation_id, to: input.organisationId };
      }
      const nameChanged = user.full_name !== input.fullName;
      if (!nameChanged && Object.keys(changed).length === 0) return;
      const now = clock.now();
      await transaction(async (r) => {
        await r.accounts.updateUser(id, {
          full_name: input.fullName,
          role: input.role,
          organisation_id: input.organisationId,
          updated_at: now,
        });
        // A change of role or organisation takes effect at once: their sessions end.
        if (Object.keys(changed).length > 0) await r.sessions.deleteForUser(id);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'user.updated',
            { type: 'user', id },
            { ...changed, ...(nameChanged ? { full_name: 'changed' } : {}) },
          ),
        );
      });
    },

    async setUserDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<void> {
      const user = await requireManageableUser(ctx, id);
      const now = clock.now();
      const status = disabled ? 'disabled' : user.password_hash ? 'active' : 'invited';
      if (user.status === status) return;
      await transaction(async (r) => {
        await r.accounts.updateUser(id, {
          status,
          failed_signin_count: 0,
          locked_until: null,
          updated_at: now,
        });
        if (disabled) {
          await r.sessions.deleteForUser(id);
          await r.accounts.withdrawOpenInvitations(id, now);
        }
        await r.audit.insert(
          auditEntry(ctx, clock, disabled ? 'user.disabled' : 'user.enabled', { type: 'user', id }),
        );
      });
    },

    async unlockUser(ctx: RequestContext, id: string): Promise<void> {
      await requireManageableUser(ctx, id);
      const now = clock.now();
      await transaction(async (r) => {
        await r.accounts.updateUser(id, { failed_signin_count: 0, locked_until: null, updated_at: now });
        await r.audit.insert(auditEntry(ctx, clock, 'user.unlocked', { type: 'user', id }));
      });
    },

    isLocked(user: { locked_until: Date | null }): boolean {
      return !!user.locked_until && user.locked_until > clock.now();
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
