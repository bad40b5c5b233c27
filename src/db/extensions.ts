import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * The one place where the PostgreSQL extensions the platform relies on are named: fuzzy search
 * (pg_trgm, unaccent) for the Local Offer and distance search (cube, earthdistance).
 * PGlite needs them registered when it opens; migration 0001 creates them on both engines.
 */
export const pgliteExtensions = { pg_trgm, unaccent, cube, earthdistance };

/** In dependency order: earthdistance needs cube. */
export const extensionNames = ['pg_trgm', 'unaccent', 'cube', 'earthdistance'] as const;
