import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAssets } from '../../src/assets/build.ts';
import { loadArea } from '../../src/config.ts';
import { databaseFromPglite, databaseFromPostgresUrl, migrateToLatest } from '../../src/db/database.ts';
import { openPgliteMemory } from '../../src/db/pglite.ts';
import { adminUrl, templateDatabaseName, withDatabaseName } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres';
    pgliteTemplate: string;
    postgresTemplate: string;
    postgresUrl: string;
  }
}

/**
 * Migrates one template database per run, which every test file then clones: a PGlite dump on
 * PGlite, or a template database on PostgreSQL (when TEST_DATABASE_URL is set).
 */
export default async function setup(project: TestProject) {
  await buildAssets(loadArea('config/areas/wolverhampton.json').brandColour);
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const template = templateDatabaseName();
    const admin = databaseFromPostgresUrl(adminUrl(postgresUrl), 2);
    const { sql } = await import('kysely');
    await sql.raw(`drop database if exists ${template}`).execute(admin.db);
    await sql.raw(`create database ${template}`).execute(admin.db);
    const templateDb = databaseFromPostgresUrl(withDatabaseName(postgresUrl, template), 2);
    await migrateToLatest(templateDb.db);
    await templateDb.close();
    project.provide('engine', 'postgres');
    project.provide('postgresTemplate', template);
    project.provide('postgresUrl', postgresUrl);
    project.provide('pgliteTemplate', '');
    return async () => {
      const leftovers = await sql<{
        datname: string;
      }>`select datname from pg_database where datname like ${`${template}%`}`.execute(admin.db);
      for (const row of leftovers.rows)
        await sql.raw(`drop database if exists ${row.datname} with (force)`).execute(admin.db);
      await admin.close();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'send-test-'));
  const file = path.join(dir, 'template.tar');
  const handle = databaseFromPglite(await openPgliteMemory());
  await migrateToLatest(handle.db);
  if (!handle.dump) throw new Error('a PGlite handle can always be dumped');
  const dump = await handle.dump();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('engine', 'pglite');
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  project.provide('postgresUrl', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
