import type { Repositories } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { isRole, type Actor } from '../access/policy.ts';

export type SessionSettings = { idleMinutes: number; absoluteHours: number };

export type SignedInUser = {
  actor: Actor;
  fullName: string;
  email: string;
  organisationName: string;
};

export type ResumedSession = { idHash: string; user: SignedInUser; flash: Flash | null };

export type Flash = { heading: string; text?: string };

/** Writes of last-seen are throttled so that a busy user does not write on every request. */
const TOUCH_AFTER_MS = 60_000;

export function createSessionService(deps: { repos: Repositories; clock: Clock; settings: SessionSettings }) {
  const { repos, clock, settings } = deps;
  const idleMs = settings.idleMinutes * 60_000;

  return {
    /** A new session with a new id: called at sign-in, so the id is always rotated then. */
    async start(userId: string, organisationId: string): Promise<{ token: string; expiresAt: Date }> {
      const now = clock.now();
      const token = randomToken();
      const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3_600_000);
      await repos.sessions.insert({
        idHash: hashToken(token),
        userId,
        actingOrganisationId: organisationId,
        now,
        expiresAt,
      });
      return { token, expiresAt };
    },

    /** The session behind a cookie, if it is still valid (not idle too long, not past its absolute end). */
    async resume(token: string): Promise<ResumedSession | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const idHash = hashToken(token);
      const session = await repos.sessions.find(idHash);
      if (!session) return null;
      const now = clock.now();
      if (session.expires_at <= now || now.getTime() - session.last_seen_at.getTime() > idleMs) {
        await repos.sessions.delete(idHash);
        return null;
      }
      const user = await repos.accounts.findUserById(session.user_id);
      if (!user || user.status !== 'active' || !isRole(user.role)) {
        await repos.sessions.delete(idHash);
        return null;
      }
      if (now.getTime() - session.last_seen_at.getTime() > TOUCH_AFTER_MS)
        await repos.sessions.touch(idHash, now);
      const flash = (session.flash as Flash | null) ?? null;
      if (flash) await repos.sessions.setFlash(idHash, null);
      return {
        idHash,
        flash,
        user: {
          actor: { userId: user.id, role: user.role, organisationId: session.acting_organisation_id },
          fullName: user.full_name,
          email: user.email,
          organisationName: user.organisation_name,
        },
      };
    },

    async end(idHash: string): Promise<void> {
      await repos.sessions.delete(idHash);
    },

    async flash(idHash: string, flash: Flash): Promise<void> {
      await repos.sessions.setFlash(idHash, flash);
    },

    async removeExpired(): Promise<number> {
      const now = clock.now();
      return repos.sessions.deleteExpired(new Date(now.getTime() - idleMs), now);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
