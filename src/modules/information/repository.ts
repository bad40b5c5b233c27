import { sql, type Kysely, type Selectable } from 'kysely';
import type { InformationPageSeed } from '../../db/seed/information-pages.ts';
import type { Database, InformationPagesTable } from '../../db/types.ts';

export type InformationPage = Selectable<InformationPagesTable>;

/** What a list shows: everything but the body. */
export type InformationPageSummary = Omit<InformationPage, 'body'>;

export type InformationPageChanges = {
  slug: string;
  title: string;
  summary: string;
  topic: string;
  ageGroups: string[];
  body: string;
  published: boolean;
  lastReviewedOn: string;
  updatedBy: string | null;
  now: Date;
};

const SUMMARY_COLUMNS = [
  'id',
  'slug',
  'title',
  'summary',
  'topic',
  'age_groups',
  'published',
  'last_reviewed_on',
  'updated_by',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

export function createInformationRepository(db: Kysely<Database>) {
  return {
    /** Published pages, optionally only those for one age group, in title order. */
    async listPublished(ageGroup?: string): Promise<InformationPageSummary[]> {
      let query = db.selectFrom('information_pages').select(SUMMARY_COLUMNS).where('published', '=', true);
      if (ageGroup) query = query.where(sql<boolean>`${ageGroup} = any(age_groups)`);
      return query.orderBy('title').orderBy('id').execute();
    },

    async listAll(): Promise<InformationPageSummary[]> {
      return db
        .selectFrom('information_pages')
        .select(SUMMARY_COLUMNS)
        .orderBy('title')
        .orderBy('id')
        .execute();
    },

    async findBySlug(slug: string): Promise<InformationPage | undefined> {
      return db.selectFrom('information_pages').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async findById(id: string): Promise<InformationPage | undefined> {
      return db.selectFrom('information_pages').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insert(page: InformationPageChanges): Promise<InformationPage> {
      return db
        .insertInto('information_pages')
        .values({
          slug: page.slug,
          title: page.title,
          summary: page.summary,
          topic: page.topic,
          age_groups: page.ageGroups,
          body: page.body,
          published: page.published,
          last_reviewed_on: page.lastReviewedOn,
          updated_by: page.updatedBy,
          created_at: page.now,
          updated_at: page.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async update(id: string, page: InformationPageChanges): Promise<InformationPage | undefined> {
      return db
        .updateTable('information_pages')
        .set({
          slug: page.slug,
          title: page.title,
          summary: page.summary,
          topic: page.topic,
          age_groups: page.ageGroups,
          body: page.body,
          published: page.published,
          last_reviewed_on: page.lastReviewedOn,
          updated_by: page.updatedBy,
          updated_at: page.now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    /**
     * Adds one of the demo area's pages unless a page with its slug exists already (an editor's changes are
     * never overwritten). True if the page was added.
     */
    async upsertDemoPage(page: InformationPageSeed, options: { lastReviewedOn: string }): Promise<boolean> {
      const inserted = await db
        .insertInto('information_pages')
        .values({
          slug: page.slug,
          title: page.title,
          summary: page.summary,
          topic: page.topic,
          age_groups: page.ageGroups,
          body: page.body,
          published: true,
          last_reviewed_on: options.lastReviewedOn,
          is_demo: true,
        })
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}

export type InformationRepository = ReturnType<typeof createInformationRepository>;
