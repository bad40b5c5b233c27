import { sql, type Kysely } from 'kysely';
import type { AreaConfig } from '../../config.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Role } from '../../modules/access/policy.ts';
import type { Database } from '../types.ts';
import { migrateToLatest } from '../database.ts';
import { seedLocalOffer, type LocalOfferSeedResult } from './local-offer.ts';
import { INFORMATION_PAGES } from './information-pages.ts';
import { createInformationRepository } from '../../modules/information/repository.ts';
import { createFeedbackRepository } from '../../modules/feedback/repository.ts';
import { addDays } from '../../lib/dates.ts';
import { EHC_DEMO_VOLUME, seedEhcDemo, type EhcDemoSeedResult, type EhcDemoVolume } from './ehc-demo.ts';
import { seedPublishedStatistics, type PublishedStatisticsSeedResult } from './published-statistics.ts';

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
    role: 'partner_practitioner',
    email: 'school.senco@demo.example.org',
    fullName: 'Sasha Senco',
    organisationKey: 'school-special',
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

export type DemoAreaSeedResult = SeedResult & {
  localOffer: LocalOfferSeedResult;
  ehc: EhcDemoSeedResult;
  publishedStatistics: PublishedStatisticsSeedResult;
};

export type DemoAreaOptions = {
  /** How many EHC requests (the last 12 months) and earlier plans to generate; false for none. */
  ehc?: EhcDemoVolume | false;
};

/**
 * Everything the demo shows: people and partner organisations, the Local Offer, then EHC casework (a year of
 * requests and the plans of earlier years), and the published statistics of the area, its neighbours and
 * England (the committed extract of the official files). Each part seeds once.
 */
export async function seedDemoArea(
  db: Kysely<Database>,
  area: AreaConfig,
  password: string,
  today: string,
  options: DemoAreaOptions = {},
): Promise<DemoAreaSeedResult> {
  const people = await seedDemoData(db, area, password);
  const localOffer = await seedLocalOffer(db, { today });
  const information = createInformationRepository(db);
  for (const page of INFORMATION_PAGES) await information.upsertDemoPage(page, { lastReviewedOn: today });
  if (localOffer.seeded) await seedDemoFeedback(db, today);
  const volume = options.ehc ?? EHC_DEMO_VOLUME;
  const ehc =
    volume === false
      ? { seeded: false, cases: 0, plans: 0, adviceRequests: 0, events: 0, milliseconds: 0 }
      : await seedEhcDemo(db, { today, ...volume });
  const publishedStatistics = await seedPublishedStatistics(db);
  return { ...people, localOffer, ehc, publishedStatistics };
}

/** A year of generated "You said, we did" (reg 56), so the page shows what it is for. */
const DEMO_FEEDBACK: { youSaid: string; weDid: string; daysAgo: number }[] = [
  {
    youSaid: 'Several short breaks listings showed last year’s prices.',
    weDid:
      'We asked every short breaks provider to check their prices, and listings are now hidden if they are not confirmed every six months.',
    daysAgo: 40,
  },
  {
    youSaid: 'It was hard to find activities for autistic teenagers near where you live.',
    weDid: 'You can now search by age and by distance from your postcode, and filter by type of need.',
    daysAgo: 75,
  },
  {
    youSaid: 'Parents without internet at home could not get the information on this site.',
    weDid:
      'We added a page on getting this information without the internet, and libraries now keep printed copies.',
    daysAgo: 120,
  },
  {
    youSaid: 'The page about requesting an EHC needs assessment used too much jargon.',
    weDid:
      'We rewrote it with the parent carer forum, in plain English, and explained each step and timescale.',
    daysAgo: 200,
  },
];

async function seedDemoFeedback(db: Kysely<Database>, today: string): Promise<void> {
  const feedback = createFeedbackRepository(db);
  for (const item of DEMO_FEEDBACK) {
    const at = new Date(`${addDays(today, -item.daysAgo)}T10:00:00Z`);
    const { id } = await feedback.insert({
      kind: 'general',
      pagePath: null,
      serviceId: null,
      whatWasWrong: null,
      message: item.youSaid,
      replyEmail: null,
      receivedAt: at,
    });
    await feedback.update(id, {
      status: 'resolved',
      youSaid: item.youSaid,
      weDid: item.weDid,
      publish: true,
      resolvedAt: new Date(at.getTime() + 14 * 86_400_000),
      assignedTo: null,
      now: new Date(at.getTime() + 14 * 86_400_000),
    });
  }
  await db.updateTable('feedback_reports').set({ is_demo: true }).execute();
}
