import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** Published statistics (migration 0011): imported files, their figures, statistical-neighbour lists. */
export function createPublishedStatisticsRepository(db: Kysely<Database>) {
  void db;
  return {};
}
