import type { Repositories, Transactor } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RequestContext } from '../../lib/context.ts';
import { NotFoundError, RuleError } from '../../lib/errors.ts';
import type { Page } from '../../lib/pagination.ts';
import { assertCan } from '../access/policy.ts';
import { auditEntry } from '../audit/service.ts';
import { renderMessage, templateEntry, type RenderedMessage, type TemplateEntry } from './catalogue.ts';
import type { OutboxFilter, OutboxMessage } from './repository.ts';
import { canSendAgain, messageState, revealsSecrets, type DeliveryKind, type MessageState } from './state.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type MessageView = {
  message: OutboxMessage;
  state: MessageState;
  entry: TemplateEntry | undefined;
  rendered: RenderedMessage | null;
  /** Whether sign-in and invitation links are shown (only while an administrator is how it gets there). */
  revealsSecrets: boolean;
  canSendAgain: boolean;
};

/** The administrators' outbox: what was sent, what is waiting, what failed; every read is audited. */
export function createNotificationsService(deps: {
  repos: Repositories;
  transaction: Transactor;
  clock: Clock;
  delivery: DeliveryKind;
  /**
   * In production a sign-in or invitation link is never shown in the outbox, even when nothing will send it:
   * otherwise an administrator, who has no casework role, could ask for a family's link and read their case.
   */
  production?: boolean;
}) {
  const { repos, transaction, clock, delivery } = deps;

  async function notFound(ctx: RequestContext): Promise<never> {
    await repos.audit.insert(
      auditEntry(ctx, clock, 'notifications.message.not-found', { type: 'notification', id: null }),
    );
    throw new NotFoundError('message not found');
  }

  function view(message: OutboxMessage, now: Date): MessageView {
    const entry = templateEntry(message.template);
    const state = messageState(message, now);
    const reveal = !deps.production && revealsSecrets(message.status, delivery);
    return {
      message,
      state,
      entry,
      rendered: entry ? renderMessage(entry, message.personalisation, { revealSecrets: reveal }) : null,
      revealsSecrets: reveal,
      canSendAgain: canSendAgain(state, delivery),
    };
  }

  return {
    delivery,

    async list(ctx: RequestContext, filter: { status?: OutboxFilter }, page: Page) {
      assertCan(ctx.actor, 'notifications.view');
      const now = clock.now();
      const [result, counts] = await Promise.all([
        repos.notifications.list({ ...filter, now }, page),
        repos.notifications.counts(now),
      ]);
      await repos.audit.insert(
        auditEntry(
          ctx,
          clock,
          'notifications.outbox.viewed',
          { type: 'notification_outbox', id: null },
          { status: filter.status ?? 'all', page: page.number, shown: result.rows.length },
        ),
      );
      return { ...result, counts, now };
    },

    async message(ctx: RequestContext, id: string): Promise<MessageView> {
      assertCan(ctx.actor, 'notifications.view');
      const message = UUID.test(id) ? await repos.notifications.byId(id.toLowerCase()) : undefined;
      if (!message) return notFound(ctx);
      await repos.audit.insert(
        auditEntry(ctx, clock, 'notifications.message.viewed', { type: 'notification', id: message.id }),
      );
      return view(message, clock.now());
    },

    /**
     * Puts a failed, unknown or (once Notify is configured) held message back in the queue, with a fresh
     * set of attempts; the worker sends it on its next run. Audited with what it was.
     */
    async sendAgain(ctx: RequestContext, id: string): Promise<void> {
      assertCan(ctx.actor, 'notifications.resend');
      if (!UUID.test(id)) return notFound(ctx);
      const outcome = await transaction(async (r) => {
        const message = await r.notifications.lock(id.toLowerCase());
        if (!message) return 'not-found' as const;
        const state = messageState(message, clock.now());
        if (!canSendAgain(state, delivery)) return 'refused' as const;
        await r.notifications.requeue(message.id);
        await r.audit.insert(
          auditEntry(
            ctx,
            clock,
            'notifications.message.send-again',
            { type: 'notification', id: message.id },
            { template: message.template, was: state, attempts: message.attempts },
          ),
        );
        return 'queued' as const;
      });
      if (outcome === 'not-found') return notFound(ctx);
      if (outcome === 'refused')
        throw new RuleError(
          'sendAgain',
          'This message cannot be sent again: it has been sent or is waiting to be sent',
        );
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
