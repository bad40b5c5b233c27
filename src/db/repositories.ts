import type { Kysely } from 'kysely';
import { createAccountsRepository } from '../modules/accounts/repository.ts';
import { createAuditRepository } from '../modules/audit/repository.ts';
import { createSessionsRepository } from '../modules/sessions/repository.ts';
import { createLocalOfferRepository } from '../modules/local-offer/repository.ts';
import { createLocalOfferManagementRepository } from '../modules/local-offer/management/repository.ts';
import { createInformationRepository } from '../modules/information/repository.ts';
import { createFeedbackRepository } from '../modules/feedback/repository.ts';
import { createLocalOfferCsvRepository } from '../modules/local-offer/csv/repository.ts';
import { createOpenReferralRepository } from '../modules/open-referral/repository.ts';
import { createOrukFeedsRepository } from '../modules/open-referral/import/repository.ts';
import { createEhcRepository } from '../modules/ehc/repository.ts';
import { createNotificationsRepository } from '../modules/notifications/repository.ts';
import { createPublishedStatisticsRepository } from '../modules/performance/published/repository.ts';
import { createCaseworkMeasuresRepository } from '../modules/performance/casework/repository.ts';
import { createSen2Repository } from '../modules/performance/sen2/repository.ts';
import {
  directoryChangesInThisProcess,
  noteDirectoryChange,
} from '../modules/local-offer/directory-changes.ts';
import type { Database } from './types.ts';

/** Every repository over one executor: the database itself, or a transaction. */
export function createRepositories(db: Kysely<Database>) {
  return {
    accounts: createAccountsRepository(db),
    sessions: createSessionsRepository(db),
    audit: createAuditRepository(db),
    localOffer: createLocalOfferRepository(db),
    information: createInformationRepository(db),
    feedback: createFeedbackRepository(db),
    localOfferManagement: createLocalOfferManagementRepository(db),
    localOfferCsv: createLocalOfferCsvRepository(db),
    openReferral: createOpenReferralRepository(db),
    orukFeeds: createOrukFeedsRepository(db),
    ehc: createEhcRepository(db),
    notifications: createNotificationsRepository(db),
    publishedStatistics: createPublishedStatisticsRepository(db),
    caseworkMeasures: createCaseworkMeasuresRepository(db),
    sen2: createSen2Repository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/** Runs work in one transaction; a change and its audit record commit or roll back together. */
export type Transactor = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;

export function createTransactor(db: Kysely<Database>): Transactor {
  return async (work) => {
    const changesBefore = directoryChangesInThisProcess();
    const result = await db.transaction().execute((trx) => work(createRepositories(trx)));
    // A change to the directory is noted when it is written, before it commits: a page read in
    // between could have been cached under the new count with the old data. Count again now.
    if (directoryChangesInThisProcess() !== changesBefore) noteDirectoryChange();
    return result;
  };
}
