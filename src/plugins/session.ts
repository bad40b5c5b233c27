import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../container.ts';
import type { RequestContext } from '../lib/context.ts';
import { ForbiddenError } from '../lib/errors.ts';
import type { ResumedSession } from '../modules/sessions/service.ts';

export const SESSION_COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResumedSession | null;
    /** Who is acting and the request id: handed to every service call. */
    ctx: RequestContext;
  }
}

/** Paths that never need the signed-in user (health, assets, the open data API): skip the session lookup. */
const NO_SESSION = /^\/(health|info|assets\/|api\/)/;

export async function registerSession(app: FastifyInstance, container: Container): Promise<void> {
  const { services, config } = container;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.session.secureCookies,
  };

  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { actor: null, requestId: request.id };
    if (NO_SESSION.test(request.url)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await services.sessions.resume(token);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return;
    }
    request.session = session;
    request.ctx = { actor: session.user.actor, requestId: request.id };
  });

  app.decorateReply(
    'startSession',
    async function startSession(this: FastifyReply, userId: string, organisationId: string) {
      const previous = this.request.session;
      if (previous) await services.sessions.end(previous.idHash);
      const { token } = await services.sessions.start(userId, organisationId);
      this.setCookie(SESSION_COOKIE, token, {
        ...cookieOptions,
        maxAge: config.session.absoluteHours * 3600,
      });
      // A new CSRF secret too, so nothing issued before sign-in is valid after it.
      this.clearCookie('_csrf', { path: '/' });
    },
  );

  app.decorateReply('endSession', async function endSession(this: FastifyReply) {
    const session = this.request.session;
    if (session) await services.sessions.end(session.idHash);
    this.clearCookie(SESSION_COOKIE, cookieOptions);
  });

  // Expired sessions are removed every 15 minutes; the timer does not keep the process alive.
  const sweep = setInterval(() => {
    services.sessions
      .removeExpired()
      .catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
  }, 15 * 60_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
}

declare module 'fastify' {
  interface FastifyReply {
    startSession(userId: string, organisationId: string): Promise<void>;
    endSession(): Promise<void>;
  }
}

/** A preHandler for staff-only pages: visitors are sent to sign in, and come back afterwards. */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) return;
  const returnTo = request.method === 'GET' ? request.url : '/staff';
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
}

/** Services make the real access decision; this only stops an anonymous POST early. */
export function requireActor(request: FastifyRequest): NonNullable<RequestContext['actor']> {
  if (!request.ctx.actor) throw new ForbiddenError('not signed in');
  return request.ctx.actor;
}
