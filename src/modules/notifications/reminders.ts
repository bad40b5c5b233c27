import { createHash } from 'node:crypto';
import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { addDays, formatDate, londonToday } from '../../lib/dates.ts';
import { auditEntry } from '../audit/service.ts';
import { ADVICE_TYPES } from '../ehc/service.ts';
import type { TemplateName } from './catalogue.ts';
import type { DeadlineKind, DueDeadline, Timing } from './repository.ts';

/** How many days before a deadline the first reminder goes. */
export const REMINDER_DAYS_BEFORE = 7;

const CASE_DEADLINE_LABELS = {
  'decision-to-assess': 'Decide whether to carry out an EHC needs assessment, and tell the family',
  'no-plan-decision': 'Decide whether to issue an EHC plan (tell the family by now if you will not)',
  'final-plan': 'Issue the final EHC plan',
} as const;

type Message = { recipient: string; template: TemplateName; personalisation: Record<string, string> };

/**
 * Reminders before and on a deadline (issue 5, part 9), queued in the outbox:
 * - to the organisation asked for advice: 7 days before and on the day the advice is due, if not returned;
 * - to a consulted setting: on the day its 15-day reply is due, if it has not replied;
 * - to the case's caseworker (the SEND managers when it has none): 7 days before and on the day of the
 *   decision-to-assess, no-plan and final-plan deadlines, while they are still to be met.
 * An organisation with no active practitioner accounts cannot be reminded, so its caseworker is, to chase.
 * Each reminder is recorded when it is queued (ehc_deadline_reminders), so however often this runs, and
 * on however many instances, it is queued once.
 */
export function createDeadlineRemindersService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  publicBaseUrl: string;
}) {
  const { repos, transaction, clock } = deps;
  const portal = `${deps.publicBaseUrl}/partner`;
  const caseLink = (caseId: string) => `${deps.publicBaseUrl}/ehc/cases/${caseId}`;

  async function caseworkerEmails(r: Repositories, caseworkerId: string | null): Promise<string[]> {
    const email = caseworkerId ? await r.notifications.activeUserEmail(caseworkerId) : null;
    return email ? [email] : r.notifications.activeEmailsOfRole('send_manager');
  }

  function caseworkerMessages(
    emails: string[],
    item: DueDeadline,
    timing: Timing,
    deadline: string,
  ): Message[] {
    return emails.map((recipient) => ({
      recipient,
      template: timing === 'before' ? 'ehc-deadline-due-soon' : 'ehc-deadline-due-today',
      personalisation: {
        reference: item.case_reference,
        deadline,
        due: formatDate(item.due_on),
        link: caseLink(item.case_id),
      },
    }));
  }

  /** To the organisation's practitioners, or to the caseworker to chase when nobody there has an account. */
  async function partnerMessages(
    r: Repositories,
    item: DueDeadline,
    timing: Timing,
    template: TemplateName,
    what: string,
  ): Promise<Message[]> {
    const emails = item.organisation_id ? await r.ehc.organisationEmails([item.organisation_id]) : [];
    if (emails.length > 0)
      return emails.map((recipient) => ({
        recipient,
        template,
        personalisation: { reference: item.case_reference, due: formatDate(item.due_on), portal },
      }));
    return caseworkerMessages(
      await caseworkerEmails(r, item.caseworker_id),
      item,
      timing,
      `${what} from ${item.organisation_name ?? 'the organisation asked'} (nobody there has an account to remind)`,
    );
  }

  return {
    async queueDeadlineReminders(day: string = londonToday(clock.now())) {
      const ctx: RequestContext = { actor: null, requestId: `ehc-reminders-${day}` };
      let reminders = 0;
      let messages = 0;

      async function remind(
        item: DueDeadline,
        deadline: DeadlineKind,
        timing: Timing,
        build: (r: Repositories) => Promise<Message[]>,
      ) {
        const queued = await transaction(async (r) => {
          const planned = await build(r);
          const recorded = await r.notifications.recordReminder({
            subjectId: item.subject_id,
            deadline,
            timing,
            dueOn: item.due_on,
            recipients: planned.length,
            now: clock.now(),
          });
          if (!recorded) return null;
          let count = 0;
          for (const m of planned) {
            const recipientKey = createHash('sha256').update(m.recipient).digest('hex').slice(0, 16);
            const inserted = await r.notifications.enqueue({
              ...m,
              reference: `reminder:${item.subject_id}:${deadline}:${timing}:${recipientKey}`,
            });
            if (inserted) count += 1;
          }
          await r.audit.insert(
            auditEntry(
              ctx,
              clock,
              'ehc.reminder.queued',
              { type: 'ehc_case', id: item.case_id },
              { deadline, timing, due_on: item.due_on, recipients: count },
            ),
          );
          return count;
        });
        if (queued === null) return;
        reminders += 1;
        messages += queued;
      }

      for (const timing of ['before', 'due'] as const) {
        const from = timing === 'before' ? addDays(day, 1) : day;
        const to = timing === 'before' ? addDays(day, REMINDER_DAYS_BEFORE) : day;

        for (const item of await repos.notifications.adviceDue(from, to, timing)) {
          const label = ADVICE_TYPES.find((t) => t.code === item.advice_type)?.label ?? 'Advice';
          await remind(item, 'advice', timing, (r) =>
            partnerMessages(
              r,
              item,
              timing,
              timing === 'before' ? 'ehc-advice-due-soon' : 'ehc-advice-due-today',
              label,
            ),
          );
        }

        if (timing === 'due') {
          for (const item of await repos.notifications.consultationsDue(from, to, timing))
            await remind(item, 'setting-consultation', timing, (r) =>
              partnerMessages(r, item, timing, 'ehc-consultation-due-today', 'The reply to the consultation'),
            );
        }

        for (const deadline of ['decision-to-assess', 'no-plan-decision', 'final-plan'] as const) {
          for (const item of await repos.notifications.caseDeadlinesDue(deadline, from, to, timing))
            await remind(item, deadline, timing, async (r) =>
              caseworkerMessages(
                await caseworkerEmails(r, item.caseworker_id),
                item,
                timing,
                CASE_DEADLINE_LABELS[deadline],
              ),
            );
        }
      }
      return { day, reminders, messages };
    },
  };
}

export type DeadlineRemindersService = ReturnType<typeof createDeadlineRemindersService>;
