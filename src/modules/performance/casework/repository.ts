import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** What the casework measures are computed from (domain/measures.ts), read from the EHC tables. */
export function createCaseworkMeasuresRepository(db: Kysely<Database>) {
  void db;
  return {};
}
