import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, parseForm, type FormErrors, type FormValues } from '../../lib/forms.ts';
import { pageFrom, paginationParams } from '../../lib/pagination.ts';
import { errorPage } from '../../plugins/errors.ts';
import { requireActor, requireSignIn } from '../../plugins/session.ts';
import { editUserForm, userDetailsForm, userFilter } from './schemas.ts';
import {
  organisationOptions,
  roleFilterOptions,
  roleRadios,
  statusFilterOptions,
  userSummaryRows,
  usersTableRows,
} from './view-models.ts';
import { z } from 'zod';

const PAGE_SIZE = 25;

/** Buttons that act on a user post nothing but the CSRF token. */
const emptyForm = z.object({});

function badRequestPage(requestId: string) {
  const error = errorPage(400);
  return { pageTitle: error.title, error, requestId };
}

export async function registerUserAdminRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { services } = container;
  const accounts = services.accounts;

  app.get('/admin/users', { preHandler: requireSignIn }, async (request, reply) => {
    const raw = request.query as Record<string, unknown>;
    const parsed = userFilter.safeParse(raw);
    const filter = parsed.success
      ? parsed.data
      : { search: undefined, role: undefined, status: undefined, page: undefined };
    const page = pageFrom(filter.page, PAGE_SIZE);
    const { rows, total } = await accounts.listUsers(
      request.ctx,
      { search: filter.search, role: filter.role, status: filter.status },
      page,
    );
    return reply.page('accounts/views/users', {
      pageTitle: 'Users',
      filter: { search: parsed.success ? (filter.search ?? '') : '' },
      searchError: parsed.success ? null : { text: parsed.error.issues[0]?.message ?? 'Check your search' },
      roleOptions: roleFilterOptions(filter.role),
      statusOptions: statusFilterOptions(filter.status),
      rows: usersTableRows(rows, (u) => accounts.isLocked(u)),
      total,
      pagination: paginationParams(page, total, '/admin/users', {
        search: filter.search,
        role: filter.role,
        status: filter.status,
      }),
    });
  });

  async function renderInvite(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: FormValues,
    errors?: FormErrors,
  ) {
    const organisations = await accounts.organisationsForUserForm(request.ctx);
    return reply.code(status).page('accounts/views/invite', {
      pageTitle: 'Invite a user',
      values,
      errors,
      roles: roleRadios(values.role),
      organisations: organisationOptions(organisations, values.organisationId),
    });
  }

  app.get('/admin/users/invite', { preHandler: requireSignIn }, async (request, reply) => {
    return renderInvite(request, reply, 200, {});
  });

  app.post('/admin/users/invite', { preHandler: requireSignIn }, async (request, reply) => {
    requireActor(request);
    const form = parseForm(userDetailsForm, request.body);
    if (!form.ok) return renderInvite(request, reply, 400, form.values, form.errors);
    try {
      const { user, invitationUrl } = await accounts.inviteUser(request.ctx, form.data);
      return reply.page('accounts/views/invited', {
        pageTitle: 'User invited',
        invited: { id: user.id, name: user.full_name, email: user.email },
        invitationUrl,
      });
    } catch (error) {
      if (error instanceof RuleError)
        return renderInvite(request, reply, 400, form.values, fieldError(error.field, error.message));
      throw error;
    }
  });

  const idParam = (request: FastifyRequest) => (request.params as { id: string }).id;

  for (const [action, run, pageTitle] of [
    [
      'reinvite',
      (r: FastifyRequest, id: string) => accounts.resendInvitation(r.ctx, id),
      'Invitation sent again',
    ],
    [
      'reset-password',
      (r: FastifyRequest, id: string) => accounts.resetPassword(r.ctx, id),
      'Password reset',
    ],
  ] as const) {
    app.post(`/admin/users/:id/${action}`, { preHandler: requireSignIn }, async (request, reply) => {
      const form = parseForm(emptyForm, request.body);
      if (!form.ok) return reply.code(400).page('errors/error', badRequestPage(request.id));
      const { user, invitationUrl } = await run(request, idParam(request));
      return reply.page('accounts/views/invited', {
        pageTitle,
        invited: { id: user.id, name: user.full_name, email: user.email },
        invitationUrl,
        kind: action,
      });
    });
  }

  app.get('/admin/users/:id', { preHandler: requireSignIn }, async (request, reply) => {
    const user = await accounts.getUser(request.ctx, idParam(request));
    const locked = accounts.isLocked(user);
    return reply.page('accounts/views/user', {
      pageTitle: user.full_name,
      user: {
        id: user.id,
        name: user.full_name,
        status: user.status,
        locked,
        isSelf: user.id === request.ctx.actor?.userId,
      },
      rows: userSummaryRows(user, locked),
    });
  });

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    user: { id: string; full_name: string; email: string },
    values: FormValues,
    errors?: FormErrors,
  ) {
    const organisations = await accounts.organisationsForUserForm(request.ctx);
    return reply.code(status).page('accounts/views/edit-user', {
      pageTitle: `Change ${user.full_name}'s details`,
      user: { id: user.id, name: user.full_name, email: user.email },
      values,
      errors,
      roles: roleRadios(values.role),
      organisations: organisationOptions(organisations, values.organisationId),
    });
  }

  app.get('/admin/users/:id/edit', { preHandler: requireSignIn }, async (request, reply) => {
    const user = await accounts.getUser(request.ctx, idParam(request));
    return renderEdit(request, reply, 200, user, {
      fullName: user.full_name,
      role: user.role,
      organisationId: user.organisation_id,
    });
  });

  app.post('/admin/users/:id/edit', { preHandler: requireSignIn }, async (request, reply) => {
    const user = await accounts.getUser(request.ctx, idParam(request));
    const form = parseForm(editUserForm, request.body);
    if (!form.ok) return renderEdit(request, reply, 400, user, form.values, form.errors);
    try {
      await accounts.updateUser(request.ctx, user.id, form.data);
    } catch (error) {
      if (error instanceof RuleError)
        return renderEdit(request, reply, 400, user, form.values, fieldError(error.field, error.message));
      throw error;
    }
    await flash(request, `${form.data.fullName}'s details have been updated`);
    return reply.redirect(`/admin/users/${user.id}`, 303);
  });

  for (const [action, run, message] of [
    [
      'disable',
      (r: FastifyRequest, id: string) => accounts.setUserDisabled(r.ctx, id, true),
      'account has been disabled',
    ],
    [
      'enable',
      (r: FastifyRequest, id: string) => accounts.setUserDisabled(r.ctx, id, false),
      'account has been enabled',
    ],
    [
      'unlock',
      (r: FastifyRequest, id: string) => accounts.unlockUser(r.ctx, id),
      'account has been unlocked',
    ],
  ] as const) {
    app.post(`/admin/users/:id/${action}`, { preHandler: requireSignIn }, async (request, reply) => {
      const user = await accounts.getUser(request.ctx, idParam(request));
      const form = parseForm(emptyForm, request.body);
      if (!form.ok) return reply.code(400).page('errors/error', badRequestPage(request.id));
      await run(request, user.id);
      await flash(request, `${user.full_name}'s ${message}`);
      return reply.redirect(`/admin/users/${user.id}`, 303);
    });
  }

  async function flash(request: FastifyRequest, heading: string) {
    if (request.session) await services.sessions.flash(request.session.idHash, { heading });
  }
}
