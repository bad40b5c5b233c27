import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { NotFoundError, RuleError } from '../../lib/errors.ts';
import type { Page } from '../../lib/pagination.ts';
import { assertCan } from '../access/policy.ts';
import { auditEntry } from '../audit/service.ts';
import { groupByYear, resolvedAt, triageProblems, yearRange } from './domain/triage.ts';
import { serviceIdFromPath } from './report-link.ts';
import type { FeedbackReportWithService } from './repository.ts';
import type { FeedbackStatus, TriageInput } from './schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NewReport =
  | {
      kind: 'page_problem';
      pagePath: string;
      whatWasWrong: string;
      message: string;
      replyEmail?: string | undefined;
    }
  | { kind: 'general'; message: string; replyEmail?: string | undefined };

/**
 * Comments on the Local Offer (SEND Regulations 2014 reg 56): reports of problems with a page, general feedback,
 * editors' triage, and the anonymised "You said, we did" that is published once a year or more.
 *
 * The reply email address is personal data: it is stored for editors to reply, shown only to them, and never
 * written to the audit trail, the logs or a public page.
 */
export function createFeedbackService(deps: { repos: Repositories; transaction: Transactor; clock: Clock }) {
  const { repos, transaction, clock } = deps;

  async function requireReport(id: string): Promise<FeedbackReportWithService> {
    const report = UUID.test(id) ? await repos.feedback.findById(id.toLowerCase()) : undefined;
    if (!report) throw new NotFoundError('feedback report not found');
    return report;
  }

  return {
    /** Stores a report or comment from anyone, with the service it concerns if the page was a service's. */
    async submit(ctx: RequestContext, report: NewReport): Promise<void> {
      const pagePath = report.kind === 'page_problem' ? report.pagePath : null;
      const candidate = pagePath ? serviceIdFromPath(pagePath) : undefined;
      const serviceId = candidate && (await repos.feedback.serviceExists(candidate)) ? candidate : null;
      await transaction(async (r) => {
        const { id } = await r.feedback.insert({
          kind: report.kind,
          pagePath,
          serviceId,
          whatWasWrong: report.kind === 'page_problem' ? report.whatWasWrong : null,
          message: report.message,
          replyEmail: report.replyEmail ?? null,
          receivedAt: clock.now(),
        });
        // What was sent stays in the report: the audit record says only that one arrived.
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.feedback.received',
            { type: 'feedback_report', id },
            { kind: report.kind, ...(serviceId ? { service_id: serviceId } : {}) },
          ),
        );
      });
    },

    async list(ctx: RequestContext, filter: { status?: FeedbackStatus | undefined }, page: Page) {
      assertCan(ctx.actor, 'local-offer.edit');
      const [result, counts] = await Promise.all([
        repos.feedback.list(filter.status ? { status: filter.status } : {}, page),
        repos.feedback.countByStatus(),
      ]);
      return { ...result, counts };
    },

    async report(ctx: RequestContext, id: string): Promise<FeedbackReportWithService> {
      assertCan(ctx.actor, 'local-offer.edit');
      return requireReport(id);
    },

    async triage(ctx: RequestContext, id: string, input: TriageInput): Promise<FeedbackReportWithService> {
      assertCan(ctx.actor, 'local-offer.edit');
      const report = await requireReport(id);
      const problem = triageProblems(input)[0];
      if (problem) throw new RuleError(problem.field, problem.message);
      const changed: Record<string, unknown> = {};
      if (report.status !== input.status) changed.status = { from: report.status, to: input.status };
      if (report.publish !== input.publish) changed.publish = { from: report.publish, to: input.publish };
      // The texts are named, not copied: the record is of who changed what and when.
      if (report.you_said !== input.youSaid) changed.you_said = 'changed';
      if (report.we_did !== input.weDid) changed.we_did = 'changed';
      if (Object.keys(changed).length === 0) return report;
      const editorId = ctx.actor.userId;
      const now = clock.now();
      await transaction(async (r) => {
        await r.feedback.update(report.id, {
          status: input.status,
          youSaid: input.youSaid,
          weDid: input.weDid,
          publish: input.publish,
          resolvedAt: resolvedAt(report, input.status, now),
          assignedTo: editorId,
          now,
        });
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'local-offer.feedback.updated',
            { type: 'feedback_report', id: report.id },
            changed,
          ),
        );
      });
      return requireReport(report.id);
    },

    /** "You said, we did": only the anonymised texts of resolved, published reports, by year, newest first. */
    async youSaidWeDid(year: number | null) {
      const [years, items] = await Promise.all([
        repos.feedback.publishedYears(),
        repos.feedback.listPublished(year === null ? undefined : yearRange(year)),
      ]);
      return { years, groups: groupByYear(items) };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
