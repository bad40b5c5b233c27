import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-local-offer.ts';
import * as m0003 from './0003-local-offer-taxonomies.ts';
import * as m0004 from './0004-local-offer-search-index.ts';
import * as m0005 from './0005-oruk-feeds.ts';
import * as m0006 from './0006-oruk-feed-import-claim.ts';
import * as m0007 from './0007-ehc-casework.ts';
import * as m0008 from './0008-notification-delivery.ts';
import * as m0009 from './0009-ehc-due-indexes.ts';
import * as m0010 from './0010-ehc-awaited-until-closed.ts';
import * as m0011 from './0011-published-statistics.ts';
import * as m0012 from './0012-performance-measure-indexes.ts';

/**
 * Every migration, in order. Listed by hand rather than read from the folder so that the set that
 * runs is exactly the set reviewed, on every engine and in every packaging.
 */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-local-offer': m0002,
  '0003-local-offer-taxonomies': m0003,
  '0004-local-offer-search-index': m0004,
  '0005-oruk-feeds': m0005,
  '0006-oruk-feed-import-claim': m0006,
  '0007-ehc-casework': m0007,
  '0008-notification-delivery': m0008,
  '0009-ehc-due-indexes': m0009,
  '0010-ehc-awaited-until-closed': m0010,
  '0011-published-statistics': m0011,
  '0012-performance-measure-indexes': m0012,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
