import { sql, type Kysely } from 'kysely';
import { splitSqlStatements } from '../sql-script.ts';

/** Runs a reviewed SQL script one statement at a time (PGlite takes one statement per query). */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitSqlStatements(script)) {
    await sql.raw(statement).execute(db);
  }
}
