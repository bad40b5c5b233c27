import { sql, type Kysely } from 'kysely';
import { createRepositories } from '../../src/db/repositories.ts';
import type { Database } from '../../src/db/types.ts';
import {
  listingSchema,
  type Listing,
  type ListingInput,
} from '../../src/modules/local-offer/domain/listing.ts';
import type { TestApp } from './test-app.ts';

/**
 * Builders for Local Offer data in integration tests: organisations, listings and their versions.
 * The taxonomies come with the migrations, so every fresh database has them.
 */

export async function termId(db: Kysely<Database>, code: string): Promise<string> {
  const row = await db
    .selectFrom('taxonomy_terms')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The id of one of the demo area's platform organisations, by its key ('provider', 'college' …). */
export async function platformOrganisationId(db: Kysely<Database>, key: string): Promise<string> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An organisation in the Local Offer, managed by a platform organisation's providers (or by nobody). */
export async function createDirectoryOrganisation(
  db: Kysely<Database>,
  input: { name: string; accountOrganisationId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('directory_organisations')
    .values({ name: input.name, description: '', account_organisation_id: input.accountOrganisationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let counter = 0;

/** A valid listing: a free weekly club for ages 5 to 16 at one venue, with one contact. */
export function validListing(overrides: Partial<ListingInput> = {}): Listing {
  counter += 1;
  return listingSchema.parse({
    name: `Saturday Swim Club ${counter}`,
    description: 'Swimming sessions for disabled children and their brothers and sisters.',
    url: 'https://swim.example.org/',
    minimumAge: 5,
    maximumAge: 16,
    accessRoutes: ['self_referral'],
    isFree: true,
    languages: ['en'],
    contacts: [{ name: 'Club desk', phone: '01902 555000' }],
    locations: [
      {
        name: 'Central Baths',
        address1: '1 Pool Street',
        city: 'Wolverhampton',
        postcode: 'WV1 1AA',
        accessibility: ['step_free'],
      },
    ],
    schedules: [{ freq: 'WEEKLY', byDay: ['SA'], opensAt: '09:30', closesAt: '11:00', termTimeOnly: false }],
    ...overrides,
  });
}

/** A listing live on the Local Offer, with its approved first version, as an editor would have published it. */
export async function createApprovedService(
  t: TestApp,
  input: { organisationId: string; listing?: Listing; assuredDate?: string },
): Promise<{ id: string; listing: Listing }> {
  const listing = input.listing ?? validListing();
  const repos = createRepositories(t.database.db);
  const { id } = await repos.localOffer.applyListing({
    organisationId: input.organisationId,
    listing,
    assuredDate: input.assuredDate ?? t.container.services.localOfferManagement.today(),
    revisionNumber: 1,
    isDemo: false,
  });
  await repos.localOffer.insertRevision({
    serviceId: id,
    status: 'approved',
    document: listing,
    submittedBy: null,
  });
  return { id, listing };
}

/**
 * The listing form's fields for a valid listing, as a browser posts them. Providers do not have the
 * visibility question, so it is only included for editors.
 */
export function listingFormFields(
  options: { editor: boolean; categoryIds?: string[]; organisationId?: string },
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  counter += 1;
  return {
    ...(options.organisationId ? { organisationId: options.organisationId } : {}),
    name: `Holiday Play Scheme ${counter}`,
    description: 'Play sessions in the school holidays for disabled children.',
    url: 'www.play.example.org',
    email: 'play@example.org',
    status: 'active',
    ...(options.editor ? { visibility: 'public' } : {}),
    minimumAge: '4',
    maximumAge: '11',
    eligibilityDescription: '',
    accessRoutes: ['self_referral'],
    accessDetails: '',
    isFree: 'free',
    feesDescription: '',
    languages: ['en'],
    categories: options.categoryIds ?? [],
    serviceAreas: 'Bilston\nWednesfield',
    contact1Name: 'Play team',
    contact1Phone: '01902 555111',
    venue1Name: 'Bilston Community Centre',
    venue1Address: '2 Church Street',
    venue1Town: 'Wolverhampton',
    venue1Postcode: 'wv14 0aa',
    venue1Accessibility: ['step_free', 'accessible_toilet'],
    schedule1Freq: 'WEEKLY',
    schedule1Days: ['MO', 'WE'],
    schedule1Opens: '10:00',
    schedule1Closes: '15:00',
    ...overrides,
  };
}

export async function revisionCount(db: Kysely<Database>, serviceId?: string): Promise<number> {
  let query = db.selectFrom('service_revisions').select((eb) => eb.fn.countAll<string>().as('n'));
  if (serviceId) query = query.where('service_id', '=', serviceId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function revisions(db: Kysely<Database>, serviceId: string) {
  return db
    .selectFrom('service_revisions')
    .select(['id', 'number', 'status', 'rejection_reason'])
    .where('service_id', '=', serviceId)
    .orderBy('number')
    .execute();
}

/** The audit actions recorded since a point (an audit event id), oldest first. */
export async function auditActionsSince(db: Kysely<Database>, sinceId: string) {
  const rows = await sql<{ action: string; subject_id: string | null }>`
    select action, subject_id from audit_events where id > ${sinceId}::bigint order by id`.execute(db);
  return rows.rows;
}

export async function lastAuditId(db: Kysely<Database>): Promise<string> {
  const row = await sql<{ id: string }>`select coalesce(max(id), 0)::text as id from audit_events`.execute(
    db,
  );
  return row.rows[0]?.id ?? '0';
}
