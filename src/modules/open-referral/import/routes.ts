import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { RuleError } from '../../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors, type FormValues } from '../../../lib/forms.ts';
import { requireSignIn } from '../../../plugins/session.ts';
import { managementNav } from '../../local-offer/management/view-models.ts';
import { feedForm, importForm } from './schemas.ts';
import { ImportAlreadyRunningError, ImportUnavailableError } from './service.ts';
import { FEEDS_PATH, feedRows, feedSummaryRows, importFlash, reportModel, statusTag } from './view-models.ts';

const VIEWS = 'open-referral/import/views';

/** Local Offer editors add partners' ORUK feeds and import them ("Import now"). */
export async function registerOrukImportRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { services } = container;
  const imports = services.orukImport;
  const signedIn = { preHandler: requireSignIn };
  const nav = managementNav(true, 'feeds');
  const param = (request: FastifyRequest) => (request.params as Record<string, string>).id ?? '';

  async function flash(request: FastifyRequest, message: { heading: string; text?: string }) {
    if (request.session) await services.sessions.flash(request.session.idHash, message);
  }

  app.get(FEEDS_PATH, signedIn, async (request, reply) => {
    const feeds = await imports.listFeeds(request.ctx);
    return reply.page(`${VIEWS}/feeds`, {
      pageTitle: 'Partner feeds',
      nav,
      rows: feedRows(feeds),
      total: feeds.length,
    });
  });

  function renderForm(reply: FastifyReply, status: number, values: FormValues, errors?: FormErrors) {
    return reply.code(status).page(`${VIEWS}/feed-form`, {
      pageTitle: 'Add a partner feed',
      nav,
      values,
      errors,
    });
  }

  app.get(`${FEEDS_PATH}/new`, signedIn, async (request, reply) => {
    imports.requireEditor(request.ctx);
    return renderForm(reply, 200, {});
  });

  app.post(`${FEEDS_PATH}/new`, signedIn, async (request, reply) => {
    imports.requireEditor(request.ctx);
    const form = parseForm(feedForm, request.body);
    if (!form.ok) return renderForm(reply, 400, form.values, form.errors);
    try {
      const added = await imports.addFeed(request.ctx, form.data);
      await flash(request, {
        heading: `${added.name} has been added`,
        text: 'Import it now to copy its services into the Local Offer.',
      });
      return reply.redirect(`${FEEDS_PATH}/${added.id}`, 303);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return renderForm(reply, 400, form.values, fieldError(error.field, error.message));
    }
  });

  async function renderFeed(request: FastifyRequest, reply: FastifyReply, status: number, problem?: string) {
    const feed = await imports.findFeed(request.ctx, param(request));
    return reply.code(status).page(`${VIEWS}/feed`, {
      pageTitle: feed.name,
      nav,
      feed: {
        id: feed.id,
        name: feed.name,
        tag: statusTag(feed.last_status),
        neverImported: feed.last_imported_at === null,
        lastStarted: feed.last_started_at ? formatDateTime(feed.last_started_at) : null,
      },
      summaryRows: feedSummaryRows(feed),
      report: reportModel(feed.last_report),
      problem,
    });
  }

  app.get(`${FEEDS_PATH}/:id`, signedIn, async (request, reply) => renderFeed(request, reply, 200));

  app.post(`${FEEDS_PATH}/:id/import`, signedIn, async (request, reply) => {
    imports.requireEditor(request.ctx);
    const form = parseForm(importForm, request.body);
    if (!form.ok) return renderFeed(request, reply, 400);
    try {
      const { feed, report } = await imports.importFeed(request.ctx, param(request), {
        full: form.data.full === 'yes',
      });
      // A failure is shown by the feed's page itself (an "Important" banner and the report), not
      // as a success message.
      if (report.status === 'failed') request.log.warn({ feed: feed.id }, 'partner feed import failed');
      else await flash(request, importFlash(report));
      return reply.redirect(`${FEEDS_PATH}/${feed.id}`, 303);
    } catch (error) {
      // Another import of the feed is running (an editor clicked again): this one did not start.
      if (error instanceof ImportAlreadyRunningError) return renderFeed(request, reply, 409, error.message);
      if (!(error instanceof ImportUnavailableError)) throw error;
      request.log.error({ err: error }, 'partner feeds cannot be imported');
      return renderFeed(request, reply, 503, error.message);
    }
  });
}
