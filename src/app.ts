import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Container } from './container.ts';
import { loggerOptions } from './plugins/logging.ts';
import { registerHealth } from './plugins/health.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerStatic } from './plugins/static.ts';
import { registerViews } from './plugins/views.ts';
import { registerSession } from './plugins/session.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerPagesRoutes } from './modules/pages/routes.ts';
import { registerAccountRoutes } from './modules/accounts/routes.ts';
import { registerUserAdminRoutes } from './modules/accounts/admin-routes.ts';
import { registerAuditRoutes } from './modules/audit/routes.ts';
import { registerLocalOfferRoutes } from './modules/local-offer/routes.ts';
import { registerLocalOfferOrganisationRoutes } from './modules/local-offer/organisations/routes.ts';
import { registerLocalOfferManagementRoutes } from './modules/local-offer/management/routes.ts';
import { registerInformationRoutes } from './modules/information/routes.ts';
import { registerFeedbackRoutes } from './modules/feedback/routes.ts';
import { registerLocalOfferCsvRoutes } from './modules/local-offer/csv/routes.ts';
import { ORUK_PREFIX, registerOpenReferralRoutes, sendOrukNotFound } from './modules/open-referral/routes.ts';
import { registerOrukImportRoutes } from './modules/open-referral/import/routes.ts';
import { registerEhcRoutes } from './modules/ehc/routes.ts';
import { registerEhcPartnerRoutes } from './modules/ehc/partner-routes.ts';
import { registerEhcFamilyRoutes } from './modules/ehc/family-routes.ts';
import { registerEhcOnlineRequestRoutes } from './modules/ehc/request-routes.ts';
import { registerPerformanceRoutes } from './modules/performance/routes.ts';
import { registerSen2Routes } from './modules/performance/sen2/routes.ts';
import { registerNotificationRoutes } from './modules/notifications/routes.ts';
import { randomUUID } from 'node:crypto';

export type BuildAppOptions = {
  container: Container;
  /** Compiled, content-hashed asset URLs; see src/assets/build.ts. */
  assets: { stylesheet: string; script: string };
  logger?: boolean;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Plugins, then modules, in a fixed order: health first so it answers even if a later part fails. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { container } = options;
  const { config } = container;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    // A request id from a trusted front end is kept (if well-formed), so logs can be joined up.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A URL that cannot be decoded never reaches a route: under the open data API it is still a
    // JSON 404 that any origin may read (a malformed id names nothing); elsewhere, the 400 page.
    frameworkErrors: (error, request, reply) => {
      if (request.url.startsWith(ORUK_PREFIX)) return sendOrukNotFound(reply);
      return (reply as unknown as FastifyReply).code(400).send(error);
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerHealth(app, container);
  await registerSecurity(app, container);
  await registerErrorHandling(app, container);
  await registerStatic(app);
  await registerViews(app, container, options.assets);
  await registerSession(app, container);

  await registerPagesRoutes(app, container);
  await registerAccountRoutes(app, container);
  await registerUserAdminRoutes(app, container);
  await registerAuditRoutes(app, container);
  await registerLocalOfferRoutes(app, container);
  await registerLocalOfferOrganisationRoutes(app, container);
  await registerLocalOfferManagementRoutes(app, container);
  await registerInformationRoutes(app, container);
  await registerFeedbackRoutes(app, container);
  await registerLocalOfferCsvRoutes(app, container);
  await registerOpenReferralRoutes(app, container);
  await registerOrukImportRoutes(app, container);
  await registerEhcRoutes(app, container);
  registerTestClock(app, container);
  await registerEhcPartnerRoutes(app, container);
  await registerEhcFamilyRoutes(app, container);
  await registerEhcOnlineRequestRoutes(app, container);
  await registerNotificationRoutes(app, container);
  await registerPerformanceRoutes(app, container);
  await registerSen2Routes(app, container);

  return app;
}

/** Tests only (config refuses it outside NODE_ENV=test): sets the server's date for an end-to-end journey. */
function registerTestClock(app: FastifyInstance, container: Container): void {
  const clock = container.clock as Partial<{ setToday: (isoDate: string) => void; reset: () => void }>;
  if (!container.config.testClockControl || !clock.setToday) return;
  const setToday = clock.setToday;
  const reset = clock.reset;
  app.get('/test-support/clock', async (request, reply) => {
    // ?reset=1 puts the clock back to real time exactly (setting today would leave it at 10:00 that day).
    if ((request.query as Record<string, unknown>).reset === '1' && reset) {
      reset();
      return { reset: true };
    }
    const today = (request.query as Record<string, unknown>).today;
    if (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today))
      return reply.code(400).send({ error: 'today=YYYY-MM-DD' });
    setToday(today);
    return { today };
  });
}
