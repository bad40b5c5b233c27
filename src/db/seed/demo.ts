import { sql, type Kysely } from 'kysely';
import type { AreaConfig } from '../../config.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Role } from '../../modules/access/policy.ts';
import type { Database } from '../types.ts';
import { migrateToLatest } from '../database.ts';
import { seedLocalOffer, type LocalOfferSeedResult } from './local-offer.ts';

/** One signed-in person for every role, so a newcomer can try each one. Every one is generated. */
export const DEMO_SIGN_INS: { role: Role; email: string; fullName: string; organisationKey: string }[] = [
  {
    role: 'administrator',
    email: 'administrator@demo.example.org',
    fullName: 'Avery Admin',
    organisationKey: 'council-send',
  },
  {
    role: 'send_manager',
    email: 'send.manager@demo.example.org',
    fullName: 'Morgan Manager',
    organisationKey: 'council-send',
  },
  {
    role: 'send_caseworker',
    email: 'caseworker@demo.example.org',
    fullName: 'Casey Caseworker',
    organisationKey: 'council-send',
  },
  {
    role: 'partner_practitioner',
    email: 'health.practitioner@demo.example.org',
    fullName: 'Parker Practitioner',
    organisationKey: 'rwt',
  },
  {
    role: 'local_offer_editor',
    email: 'local.offer.editor@demo.example.org',
    fullName: 'Elliot Editor',
    organisationKey: 'council-send',
  },
  {
    role: 'provider',
    email: 'provider@demo.example.org',
    fullName: 'Rowan Provider',
    organisationKey: 'provider',
  },
  {
    role: 'board_member',
    email: 'board.member@demo.example.org',
    fullName: 'Blake Board',
    organisationKey: 'icb',
  },
];

const FIRST = [
  'Sam',
  'Jo',
  'Alex',
  'Charlie',
  'Jamie',
  'Robin',
  'Taylor',
  'Jordan',
  'Riley',
  'Quinn',
  'Harper',
  'Rory',
];
const LAST = [
  'Ahmed',
  'Bennett',
  'Clarke',
  'Dhillon',
  'Evans',
  'Francis',
  'Gill',
  'Hughes',
  'Kaur',
  'Lewis',
  'Okafor',
  'Patel',
];

/** Further generated practitioners across the partner organisations, so lists have something to page through. */
function generatedPractitioners(count: number) {
  const orgs = [
    'icb',
    'rwt',
    'bchft',
    'social-care',
    'ep',
    'school-primary',
    'school-special',
    'college',
    'early-years',
  ];
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 5 + 3) % LAST.length] as string;
    return {
      role: 'partner_practitioner' as Role,
      email: `${first}.${last}.${i + 1}@demo.example.org`.toLowerCase(),
      fullName: `${first} ${last}`,
      organisationKey: orgs[i % orgs.length] as string,
    };
  });
}

export type SeedResult = { seeded: boolean; users: number; organisations: number };

/** Seeds the demo area once. Running it again on a seeded database changes nothing. */
export async function seedDemoData(
  db: Kysely<Database>,
  area: AreaConfig,
  password: string,
): Promise<SeedResult> {
  const existing = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { seeded: false, users: 0, organisations: 0 };
  const passwordHash = await hashPassword(password);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, string>();
    for (const org of area.demoOrganisations) {
      const row = await trx
        .insertInto('organisations')
        .values({ key: org.key, name: org.name, kind: org.kind, is_demo: true })
        .onConflict((oc) => oc.column('key').doUpdateSet({ name: org.name, kind: org.kind }))
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(org.key, row.id);
    }
    const people = [...DEMO_SIGN_INS, ...generatedPractitioners(36)];
    for (const person of people) {
      const organisationId = orgIds.get(person.organisationKey);
      if (!organisationId)
        throw new Error(`The area configuration has no demo organisation "${person.organisationKey}"`);
      await trx
        .insertInto('users')
        .values({
          email: person.email,
          full_name: person.fullName,
          role: person.role,
          organisation_id: organisationId,
          status: 'active',
          password_hash: passwordHash,
          password_changed_at: now,
          is_demo: true,
          updated_at: now,
        })
        .execute();
    }
    await trx
      .insertInto('audit_events')
      .values({
        occurred_at: now,
        action: 'demo.seeded',
        subject_type: 'area',
        subject_id: area.laCode,
        details: JSON.stringify({ users: people.length, organisations: orgIds.size }),
      })
      .execute();
    return { seeded: true, users: people.length, organisations: orgIds.size };
  });
}

/**
 * Starts over: drops every table (the audit trail's triggers refuse row deletes, so the schema
 * goes as a whole), migrates, and seeds again. Never in production: the CLI refuses.
 */
export async function resetDatabase(db: Kysely<Database>): Promise<void> {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  await migrateToLatest(db);
}

export type DemoAreaSeedResult = SeedResult & { localOffer: LocalOfferSeedResult };

/** Everything the demo shows: people and partner organisations, then the Local Offer. Each part seeds once. */
export async function seedDemoArea(
  db: Kysely<Database>,
  area: AreaConfig,
  password: string,
  today: string,
): Promise<DemoAreaSeedResult> {
  const people = await seedDemoData(db, area, password);
  const localOffer = await seedLocalOffer(db, { today });
  return { ...people, localOffer };
}
