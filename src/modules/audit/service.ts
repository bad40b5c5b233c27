import type { Repositories } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import type { Page } from '../../lib/pagination.ts';
import { assertCan } from '../access/policy.ts';
import type { AuditEntry, AuditFilter } from './repository.ts';

export type AuditSubject = { type: string; id?: string | null };

/** Builds the audit record of an action, attributed to whoever the context says is acting. */
export function auditEntry(
  ctx: RequestContext,
  clock: Clock,
  action: string,
  subject: AuditSubject,
  details?: Record<string, unknown>,
): AuditEntry {
  return {
    occurredAt: clock.now(),
    actorUserId: ctx.actor?.userId ?? null,
    actorOrganisationId: ctx.actor?.organisationId ?? null,
    action,
    subjectType: subject.type,
    subjectId: subject.id ?? null,
    requestId: ctx.requestId,
    ...(details ? { details } : {}),
  };
}

export function createAuditService(deps: { repos: Repositories }) {
  const { repos } = deps;
  return {
    async list(ctx: RequestContext, filter: AuditFilter, page: Page) {
      assertCan(ctx.actor, 'audit.view');
      const [result, actions] = await Promise.all([
        repos.audit.list(filter, page),
        repos.audit.distinctActions(),
      ]);
      return { ...result, actions };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
