import type { Kysely } from 'kysely';
import { createAccountsRepository } from '../modules/accounts/repository.ts';
import { createAuditRepository } from '../modules/audit/repository.ts';
import { createSessionsRepository } from '../modules/sessions/repository.ts';
import { createLocalOfferRepository } from '../modules/local-offer/repository.ts';
import type { Database } from './types.ts';

/** Every repository over one executor: the database itself, or a transaction. */
export function createRepositories(db: Kysely<Database>) {
  return {
    accounts: createAccountsRepository(db),
    sessions: createSessionsRepository(db),
    audit: createAuditRepository(db),
    localOffer: createLocalOfferRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/** Runs work in one transaction; a change and its audit record commit or roll back together. */
export type Transactor = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;

export function createTransactor(db: Kysely<Database>): Transactor {
  return (work) => db.transaction().execute((trx) => work(createRepositories(trx)));
}
