import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * One import of a feed at a time (ADR 15): an import claims its feed by setting running_since, only
 * when it is null or older than the stale limit (an import that died without releasing it), and
 * clears it when it ends. Forward-only; the same SQL on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table oruk_feeds add column running_since timestamptz;
    `,
  );
}
