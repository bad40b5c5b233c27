import { sql, type Kysely } from 'kysely';
import { TAXONOMY_SEEDS, type TermSeed } from '../../modules/local-offer/domain/taxonomies.ts';

/**
 * The Local Offer's first taxonomies: reference data every area needs, not demo data. From here
 * on they belong to the editors, who rename, add and retire terms; codes stay stable so that
 * bookmarked searches and CSV files keep working. Forward-only: later changes are new migrations
 * or editors' own edits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [index, taxonomy] of TAXONOMY_SEEDS.entries()) {
    const { rows } = await sql<{ id: string }>`
      insert into taxonomies (key, name, description, sort_order)
      values (${taxonomy.key}, ${taxonomy.name}, ${taxonomy.description}, ${index})
      returning id`.execute(db);
    const taxonomyId = rows[0]?.id;
    if (!taxonomyId) throw new Error(`Could not create the taxonomy ${taxonomy.key}`);
    const insertTerms = async (terms: TermSeed[], parentId: string | null): Promise<void> => {
      for (const [order, term] of terms.entries()) {
        const inserted = await sql<{ id: string }>`
          insert into taxonomy_terms (taxonomy_id, parent_id, code, name, description, minimum_age, maximum_age, sort_order)
          values (${taxonomyId}, ${parentId}, ${term.code}, ${term.name}, ${term.description ?? ''},
                  ${term.minimumAge ?? null}, ${term.maximumAge ?? null}, ${order})
          returning id`.execute(db);
        const id = inserted.rows[0]?.id;
        if (!id) throw new Error(`Could not create the term ${term.code}`);
        if (term.children) await insertTerms(term.children, id);
      }
    };
    await insertTerms(taxonomy.terms, null);
  }
}
