import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Container } from '../../container.ts';
import { formatTime } from '../../lib/dates.ts';
import { RuleError } from '../../lib/errors.ts';
import { fieldError, parseForm } from '../../lib/forms.ts';
import { requireActor, requireSignIn } from '../../plugins/session.ts';
import { ROLE_LABELS } from '../access/policy.ts';
import { changePasswordForm, setPasswordForm, signInForm } from './schemas.ts';

/** Only a path on this site may be returned to after sign-in (no open redirects). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500
    ? value
    : '/staff';
}

function invitationNotValid(reply: FastifyReply) {
  return reply
    .code(404)
    .page('accounts/views/invitation-invalid', { pageTitle: 'This invitation link is not valid' });
}

export async function registerAccountRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { services, config } = container;

  const signInLimit = app.rateLimit({ max: config.signIn.rateLimitPerMinute, timeWindow: 60_000 });

  app.get('/sign-in', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (request.session) return reply.redirect(safeReturnPath(query.returnTo), 303);
    return reply.page('accounts/views/sign-in', {
      pageTitle: 'Sign in',
      csrfToken: reply.generateCsrf(),
      returnTo: safeReturnPath(query.returnTo),
      passwordSet: query.passwordSet === '1',
      values: {},
    });
  });

  app.post('/sign-in', { preHandler: signInLimit }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const returnTo = safeReturnPath(query.returnTo);
    const render = (status: number, extra: Record<string, unknown>) =>
      reply.code(status).page('accounts/views/sign-in', {
        pageTitle: 'Sign in',
        csrfToken: reply.generateCsrf(),
        returnTo,
        ...extra,
      });
    const form = parseForm(signInForm, request.body);
    // The password never goes back into the page.
    const values = { email: form.values.email ?? '' };
    if (!form.ok) return render(400, { errors: form.errors, values });
    const result = await services.accounts.signIn(request.ctx, form.data.email, form.data.password);
    if (result.outcome === 'locked') {
      return render(400, {
        values,
        errors: fieldError(
          'email',
          `Your account is locked because the wrong password was entered too many times. Try again after ${formatTime(result.lockedUntil)}, or ask your administrator to unlock it`,
        ),
      });
    }
    if (result.outcome === 'invalid') {
      return render(400, {
        values,
        errors: fieldError('email', 'Enter a correct email address and password'),
      });
    }
    await reply.startSession(result.actor.userId, result.actor.organisationId);
    return reply.redirect(returnTo, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.session) {
      await services.accounts.recordSignOut(request.ctx);
      await reply.endSession();
    }
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (_request, reply) =>
    reply.page('accounts/views/signed-out', { pageTitle: 'You have signed out' }),
  );

  app.get('/account', { preHandler: requireSignIn }, async (request, reply) => {
    const user = request.session?.user;
    return reply.page('accounts/views/account', {
      pageTitle: 'Your account',
      account: user
        ? {
            name: user.fullName,
            email: user.email,
            organisation: user.organisationName,
            role: ROLE_LABELS[user.actor.role],
          }
        : null,
    });
  });

  app.get('/account/change-password', { preHandler: requireSignIn }, async (_request, reply) =>
    reply.page('accounts/views/change-password', { pageTitle: 'Change your password', values: {} }),
  );

  app.post(
    '/account/change-password',
    { preHandler: [requireSignIn, signInLimit] },
    async (request, reply) => {
      requireActor(request);
      const render = (extra: Record<string, unknown>) =>
        reply.code(400).page('accounts/views/change-password', {
          pageTitle: 'Change your password',
          values: {},
          ...extra,
        });
      const form = parseForm(changePasswordForm, request.body);
      if (!form.ok) return render({ errors: form.errors });
      try {
        await services.accounts.changePassword(request.ctx, form.data, request.session?.idHash ?? '');
      } catch (error) {
        if (error instanceof RuleError) return render({ errors: fieldError(error.field, error.message) });
        throw error;
      }
      if (request.session)
        await services.sessions.flash(request.session.idHash, { heading: 'Your password has been changed' });
      return reply.redirect('/account', 303);
    },
  );

  app.get('/invitation/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await services.accounts.invitation(token);
    if (!found) return invitationNotValid(reply);
    return reply.page('accounts/views/set-password', {
      pageTitle: 'Set your password',
      csrfToken: reply.generateCsrf(),
      token,
      invitee: { name: found.user.full_name, email: found.user.email },
    });
  });

  app.post('/invitation/:token', { preHandler: signInLimit }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await services.accounts.invitation(token);
    if (!found) return invitationNotValid(reply);
    const render = (extra: Record<string, unknown>) =>
      reply.code(400).page('accounts/views/set-password', {
        pageTitle: 'Set your password',
        csrfToken: reply.generateCsrf(),
        token,
        invitee: { name: found.user.full_name, email: found.user.email },
        ...extra,
      });
    const form = parseForm(setPasswordForm, request.body);
    if (!form.ok) return render({ errors: form.errors });
    try {
      const accepted = await services.accounts.acceptInvitation(request.ctx, token, form.data);
      if (!accepted) return invitationNotValid(reply);
    } catch (error) {
      if (error instanceof RuleError) return render({ errors: fieldError(error.field, error.message) });
      throw error;
    }
    return reply.redirect('/sign-in?passwordSet=1', 303);
  });
}
