import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors } from '../../lib/forms.ts';
import { pageFrom, paginationParams } from '../../lib/pagination.ts';
import { errorPage } from '../../plugins/errors.ts';
import { requireActor, requireSignIn } from '../../plugins/session.ts';
import { OUTBOX_FILTERS } from './repository.ts';
import {
  deliveryNotice,
  messagePath,
  messageSummaryRows,
  OUTBOX_PATH,
  outboxRows,
  personalisationRows,
  statusOptions,
} from './view-models.ts';

const PAGE_SIZE = 50;

const outboxFilterForm = z.object({
  status: z
    .union([z.literal(''), z.enum(OUTBOX_FILTERS)], { error: 'Select a status from the list' })
    .optional()
    .transform((v) => (v ? v : undefined)),
});

/** "Send again" posts nothing but the CSRF token. */
const emptyForm = z.object({});

/** The administrators' outbox: every message, its status and its text as it would be sent. */
export async function registerNotificationRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const notifications = container.services.notifications;
  const sessions = container.services.sessions;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(OUTBOX_PATH, { preHandler: requireSignIn }, async (request, reply) => {
    const query = { ...(request.query as Record<string, unknown>) };
    const pageValue = query.page;
    delete query.page;
    const form = parseForm(outboxFilterForm, query);
    const status = form.ok ? form.data.status : undefined;
    const page = pageFrom(pageValue, PAGE_SIZE);
    const result = await notifications.list(request.ctx, status ? { status } : {}, page);
    return reply.code(form.ok ? 200 : 400).page('notifications/views/outbox', {
      pageTitle: 'Outbox',
      values: form.values,
      errors: form.ok ? undefined : form.errors,
      notice: deliveryNotice(notifications.delivery),
      statuses: statusOptions(status, result.counts),
      rows: outboxRows(result.rows, result.now),
      total: result.total,
      pagination: paginationParams(page, result.total, OUTBOX_PATH, status ? { status } : {}),
    });
  });

  async function renderMessage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    errors?: FormErrors,
  ) {
    const view = await notifications.message(request.ctx, idOf(request));
    return reply.code(status).page('notifications/views/message', {
      pageTitle: `Message: ${view.entry?.title ?? view.message.template}`,
      errors,
      notice: deliveryNotice(notifications.delivery),
      id: view.message.id,
      state: view.state,
      summary: messageSummaryRows(view),
      rendered: view.rendered,
      personalisation: view.rendered
        ? null
        : personalisationRows(view.message.personalisation, view.revealsSecrets),
      canSendAgain: view.canSendAgain,
      audience: view.entry?.audience ?? null,
    });
  }

  app.get(`${OUTBOX_PATH}/:id`, { preHandler: requireSignIn }, async (request, reply) =>
    renderMessage(request, reply, 200),
  );

  app.post(`${OUTBOX_PATH}/:id/send-again`, { preHandler: requireSignIn }, async (request, reply) => {
    requireActor(request);
    const form = parseForm(emptyForm, request.body);
    if (!form.ok) {
      const error = errorPage(400);
      return reply.code(400).page('errors/error', { pageTitle: error.title, error, requestId: request.id });
    }
    try {
      await notifications.sendAgain(request.ctx, idOf(request));
    } catch (error) {
      if (error instanceof RuleError)
        return renderMessage(request, reply, 400, fieldError(error.field, error.message));
      throw error;
    }
    if (request.session)
      await sessions.flash(request.session.idHash, {
        heading: 'The message is back in the queue',
        text: 'It will be sent within a minute or so. This page shows when it has been.',
      });
    return reply.redirect(messagePath(idOf(request).toLowerCase()), 303);
  });
}
