import { sql, type Kysely } from 'kysely';
import { createLocalOfferRepository } from '../../modules/local-offer/repository.ts';
import { listingSchema } from '../../modules/local-offer/domain/listing.ts';
import type { Database } from '../types.ts';
import { generateLocalOffer, WOLVERHAMPTON_POSTCODE_DISTRICTS } from './local-offer-generator.ts';

export type LocalOfferSeedResult = {
  seeded: boolean;
  organisations: number;
  services: number;
  postcodes: number;
};

/**
 * Seeds the demo Local Offer: the area's postcode districts and generated organisations and
 * services (all marked as demo data), each with its first approved version. Runs once: a database
 * that already has Local Offer organisations is left alone.
 */
export async function seedLocalOffer(
  db: Kysely<Database>,
  options: { today: string; organisations?: number; services?: number; seed?: number },
): Promise<LocalOfferSeedResult> {
  const existing = await db
    .selectFrom('directory_organisations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { seeded: false, organisations: 0, services: 0, postcodes: 0 };

  const generated = generateLocalOffer({
    organisations: options.organisations ?? 64,
    services: options.services ?? 320,
    today: options.today,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });

  const result = await db.transaction().execute(async (trx) => {
    const repo = createLocalOfferRepository(trx);
    await repo.upsertPostcodes(
      WOLVERHAMPTON_POSTCODE_DISTRICTS.map((d) => ({
        code: d.code,
        kind: 'district' as const,
        latitude: d.latitude,
        longitude: d.longitude,
      })),
    );

    const accountOrgs = new Map(
      (await trx.selectFrom('organisations').select(['id', 'key']).execute()).map((o) => [o.key, o.id]),
    );
    const orgIds = new Map<string, string>();
    for (const org of generated.organisations) {
      const { id } = await repo.createOrganisation({
        name: org.name,
        description: org.description,
        email: org.email,
        website: org.website,
        phone: org.phone,
        accountOrganisationId: org.accountOrganisationKey
          ? (accountOrgs.get(org.accountOrganisationKey) ?? null)
          : null,
        isDemo: true,
      });
      orgIds.set(org.key, id);
    }

    const termIds = new Map((await repo.listTerms()).map((t) => [t.code, t.id]));
    for (const seed of generated.services) {
      const { organisationKey, termCodes, assuredDate, ...rest } = seed;
      const organisationId = orgIds.get(organisationKey);
      if (!organisationId) throw new Error(`The generated service ${seed.name} has no organisation`);
      const listing = listingSchema.parse({
        ...rest,
        termIds: termCodes.map((code) => {
          const id = termIds.get(code);
          if (!id) throw new Error(`No taxonomy term has the code ${code}`);
          return id;
        }),
      });
      const { id } = await repo.applyListing({
        organisationId,
        listing,
        assuredDate,
        revisionNumber: 1,
        isDemo: true,
      });
      await repo.insertRevision({
        serviceId: id,
        status: 'approved',
        document: listing,
        changeSummary: 'Demo listing',
        submittedBy: null,
      });
    }
    return {
      seeded: true,
      organisations: generated.organisations.length,
      services: generated.services.length,
      postcodes: WOLVERHAMPTON_POSTCODE_DISTRICTS.length,
    };
  });
  // Fresh statistics, so the planner chooses its plans for the data that is there now.
  await sql`analyze`.execute(db);
  return result;
}
