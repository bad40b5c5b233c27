import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createOpenReferralService } from './modules/open-referral/service.ts';
import { createOrukImportService } from './modules/open-referral/import/service.ts';
import { createRepositories, createTransactor } from './db/repositories.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { createAccountsService } from './modules/accounts/service.ts';
import { createAuditService } from './modules/audit/service.ts';
import { createPagesService } from './modules/pages/service.ts';
import { createSessionService } from './modules/sessions/service.ts';
import { createLocalOfferService } from './modules/local-offer/service.ts';
import { createLocalOfferOrganisationsService } from './modules/local-offer/organisations/service.ts';
import { createLocalOfferManagementService } from './modules/local-offer/management/service.ts';
import { createInformationService } from './modules/information/service.ts';
import { createFeedbackService } from './modules/feedback/service.ts';
import { createLocalOfferCsvService } from './modules/local-offer/csv/service.ts';
import { createEhcService } from './modules/ehc/service.ts';
import { createNotificationsService } from './modules/notifications/service.ts';
import { createPerformanceService } from './modules/performance/service.ts';
import { createSen2Service } from './modules/performance/sen2/service.ts';
import { createDeadlineRemindersService } from './modules/notifications/reminders.ts';
import { createDeliveryWorker } from './modules/notifications/worker.ts';
import { transportFromSettings, type Transport } from './modules/notifications/notify-transport.ts';

/** The composition root: repositories over the database, then the services that use them. */
export function createContainer(deps: {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** Where the outbox is sent: GOV.UK Notify or the local outbox from config, unless a test passes one. */
  transport?: Transport;
}) {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const transport = deps.transport ?? transportFromSettings(config.notifications);
  const repos = createRepositories(database.db);
  const transaction = createTransactor(database.db);
  const services = {
    accounts: createAccountsService({
      repos,
      transaction,
      clock,
      signIn: config.signIn,
      publicBaseUrl: config.publicBaseUrl,
      serviceName: config.area.serviceName,
    }),
    sessions: createSessionService({ repos, clock, settings: config.session }),
    audit: createAuditService({ repos }),
    pages: createPagesService({ repos }),
    localOffer: createLocalOfferService({
      repos,
      clock,
      freshness: config.localOffer,
      termDates: config.area.termDates,
      searchCacheSeconds: config.localOffer.searchCacheSeconds,
    }),
    localOfferManagement: createLocalOfferManagementService({
      repos,
      transaction,
      clock,
      freshness: config.localOffer,
      publicBaseUrl: config.publicBaseUrl,
      serviceName: config.area.serviceName,
    }),
    localOfferOrganisations: createLocalOfferOrganisationsService({ repos, transaction, clock }),
    information: createInformationService({
      repos,
      transaction,
      clock,
      siteHost: new URL(config.publicBaseUrl).host,
    }),
    feedback: createFeedbackService({ repos, transaction, clock }),
    localOfferCsv: createLocalOfferCsvService({ repos, transaction, clock }),
    openReferral: createOpenReferralService({
      repos,
      clock,
      freshness: config.localOffer,
      area: config.area,
      publicBaseUrl: config.publicBaseUrl,
      cacheSeconds: config.localOffer.searchCacheSeconds,
    }),
    orukImport: createOrukImportService({ repos, transaction, clock, settings: config.openData }),
    ehc: createEhcService({
      repos,
      transaction,
      clock,
      councilName: config.area.councilName,
      serviceName: config.area.serviceName,
      publicBaseUrl: config.publicBaseUrl,
    }),
    notifications: createNotificationsService({
      repos,
      transaction,
      clock,
      delivery: transport.kind,
      production: config.isProduction,
    }),
    performance: createPerformanceService({ repos, transaction, clock, config }),
    sen2: createSen2Service({ repos, transaction, clock, config }),
    deadlineReminders: createDeadlineRemindersService({
      repos,
      transaction,
      clock,
      publicBaseUrl: config.publicBaseUrl,
    }),
  };
  /** Sends the outbox: a timer in the server, or `npm run notifications:send`. */
  const delivery = createDeliveryWorker({
    repos,
    clock,
    transport,
    maxAttempts: config.notifications.maxAttempts,
  });
  return { config, database, clock, repos, services, delivery };
}

export type Container = ReturnType<typeof createContainer>;
export type Services = Container['services'];
