import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** What the SEN2 return is generated from, read from the EHC tables. */
export function createSen2Repository(db: Kysely<Database>) {
  void db;
  return {};
}
