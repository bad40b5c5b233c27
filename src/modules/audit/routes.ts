import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { parseForm } from '../../lib/forms.ts';
import { pageFrom, paginationParams } from '../../lib/pagination.ts';
import { requireSignIn } from '../../plugins/session.ts';
import { auditFilterForm, toAuditFilter } from './schemas.ts';
import { auditTableRows, actionOptions } from './view-models.ts';

const PAGE_SIZE = 50;

export async function registerAuditRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { services } = container;

  app.get('/admin/audit', { preHandler: requireSignIn }, async (request, reply) => {
    const query = { ...(request.query as Record<string, unknown>) };
    const pageValue = query.page;
    delete query.page;
    const form = parseForm(auditFilterForm, query);
    const filter = form.ok ? toAuditFilter(form.data) : {};
    const page = pageFrom(pageValue, PAGE_SIZE);
    const result = await services.audit.list(request.ctx, filter, page);
    return reply.code(form.ok ? 200 : 400).page('audit/views/audit', {
      pageTitle: 'Audit trail',
      values: form.values,
      errors: form.ok ? undefined : form.errors,
      actions: actionOptions(result.actions, form.ok ? form.data.action : undefined),
      rows: auditTableRows(result.rows),
      total: result.total,
      pagination: paginationParams(page, result.total, '/admin/audit', form.ok ? form.values : {}),
    });
  });
}
