import {
  VENUE_ACCESSIBILITY,
  type AccessRoute,
  type Contact,
  type CostOption,
  type Listing,
  type Location,
  type Schedule,
  type VenueAccessibility,
  type Weekday,
} from '../../modules/local-offer/domain/listing.ts';
import { TAXONOMY_SEEDS, type TermSeed } from '../../modules/local-offer/domain/taxonomies.ts';

/**
 * A generated, clearly fictional Local Offer for the demo area (City of Wolverhampton): organisations
 * and their service listings, shaped like the real thing so that search, filters, the map, "What's on"
 * and the review cycle have something realistic to work with. Every name, address, email address and
 * phone number is invented: email addresses and websites use the reserved `.example` domain, and phone
 * numbers come from Ofcom's ranges kept for drama (01632 960xxx and 0121 496 0xxx).
 *
 * Deterministic: the same options always give the same output (a seeded PRNG, dates computed from
 * `today`), so a demo, a test and a benchmark all see the same directory.
 */

export type OrganisationSeed = {
  key: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  phone?: string;
  /** set for the one organisation managed by the demo provider account */
  accountOrganisationKey?: string;
};

export type ListingSeed = Omit<Listing, 'termIds'> & {
  organisationKey: string;
  termCodes: string[];
  assuredDate: string /* YYYY-MM-DD */;
};

export type PostcodeDistrictSeed = { code: string /* e.g. 'WV1' */; latitude: number; longitude: number };

/**
 * Postcode districts (outward codes) covering the City of Wolverhampton and its edges. The
 * coordinates are APPROXIMATE centres for the demo only — good enough to place generated venues
 * and to measure "distance from a postcode", not survey data.
 */
export const WOLVERHAMPTON_POSTCODE_DISTRICTS: PostcodeDistrictSeed[] = [
  { code: 'WV1', latitude: 52.586, longitude: -2.128 }, // city centre, Whitmore Reans, Horseley Fields
  { code: 'WV2', latitude: 52.572, longitude: -2.118 }, // Blakenhall, All Saints, Parkfields
  { code: 'WV3', latitude: 52.582, longitude: -2.155 }, // Merridale, Compton, Finchfield
  { code: 'WV4', latitude: 52.56, longitude: -2.145 }, // Penn, Goldthorn Park, Warstones
  { code: 'WV6', latitude: 52.596, longitude: -2.166 }, // Tettenhall, Aldersley, Perton
  { code: 'WV8', latitude: 52.628, longitude: -2.19 }, // Codsall, Bilbrook
  { code: 'WV9', latitude: 52.635, longitude: -2.15 }, // Pendeford
  { code: 'WV10', latitude: 52.62, longitude: -2.125 }, // Fordhouses, Oxley, Bushbury, Heath Town
  { code: 'WV11', latitude: 52.6, longitude: -2.085 }, // Wednesfield, Ashmore Park
  { code: 'WV12', latitude: 52.606, longitude: -2.04 }, // Short Heath, New Invention
  { code: 'WV13', latitude: 52.585, longitude: -2.055 }, // Willenhall
  { code: 'WV14', latitude: 52.566, longitude: -2.074 }, // Bilston, Coseley
];

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness and dates
// ---------------------------------------------------------------------------------------------------

type Rng = {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  sample<T>(items: readonly T[], n: number): T[];
  shuffle<T>(items: readonly T[]): T[];
};

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let r = next() * total;
      for (const item of items) {
        r -= weight(item);
        if (r < 0) return item;
      }
      return pick(items);
    },
    sample: <T>(items: readonly T[], n: number): T[] => shuffle(items).slice(0, Math.max(0, n)),
    shuffle,
  };
}

const DAY_MS = 86_400_000;

function toDayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Expected a date in the format YYYY-MM-DD, not "${iso}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday */
const weekdayOf = (day: number): number => new Date(day * DAY_MS).getUTCDay();

// ---------------------------------------------------------------------------------------------------
// Taxonomy codes
// ---------------------------------------------------------------------------------------------------

function flatten(terms: TermSeed[], parent?: string): { code: string; parent?: string }[] {
  return terms.flatMap((t) => [
    parent ? { code: t.code, parent } : { code: t.code },
    ...flatten(t.children ?? [], t.code),
  ]);
}
const taxonomy = (key: string) => TAXONOMY_SEEDS.find((t) => t.key === key)?.terms ?? [];
const CATEGORY_TERMS = flatten(taxonomy('category'));
const NEED_TERMS = flatten(taxonomy('need'));
const PARENT_OF = new Map<string, string>(
  [...CATEGORY_TERMS, ...NEED_TERMS].flatMap((t) => (t.parent ? [[t.code, t.parent] as const] : [])),
);
const NEED_PARENTS = NEED_TERMS.filter((t) => !t.parent).map((t) => t.code);
const NEED_CHILDREN = NEED_TERMS.filter((t) => t.parent).map((t) => t.code);
const AGE_GROUPS = taxonomy('age-group').map((t) => ({
  code: t.code,
  min: t.minimumAge ?? 0,
  max: t.maximumAge ?? 25,
}));

// ---------------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------------

type DistrictInfo = { town: string; places: string[]; weight: number };
const DISTRICT_INFO: Record<string, DistrictInfo> = {
  WV1: { town: 'Wolverhampton', places: ['the City Centre', 'Whitmore Reans', 'Springfield'], weight: 5 },
  WV2: {
    town: 'Wolverhampton',
    places: ['Blakenhall', 'All Saints', 'Parkfields', 'Ettingshall'],
    weight: 4,
  },
  WV3: { town: 'Wolverhampton', places: ['Merridale', 'Compton', 'Finchfield', 'Bradmore'], weight: 3 },
  WV4: { town: 'Wolverhampton', places: ['Penn', 'Penn Fields', 'Goldthorn Park', 'Warstones'], weight: 4 },
  WV6: { town: 'Wolverhampton', places: ['Tettenhall', 'Aldersley', 'Perton'], weight: 3 },
  WV8: { town: 'Codsall', places: ['Codsall', 'Bilbrook'], weight: 1 },
  WV9: { town: 'Wolverhampton', places: ['Pendeford', 'Dovecotes'], weight: 2 },
  WV10: {
    town: 'Wolverhampton',
    places: ['Oxley', 'Fordhouses', 'Bushbury', 'Low Hill', 'Fallings Park', 'Heath Town'],
    weight: 5,
  },
  WV11: { town: 'Wolverhampton', places: ['Wednesfield', 'Ashmore Park', 'New Cross'], weight: 3 },
  WV12: { town: 'Willenhall', places: ['Short Heath', 'New Invention'], weight: 1 },
  WV13: { town: 'Willenhall', places: ['Willenhall', 'Portobello'], weight: 2 },
  WV14: { town: 'Bilston', places: ['Bilston', 'Bradley', 'Coseley', 'Ladymoor'], weight: 4 },
};

const districtInfo = (code: string): DistrictInfo =>
  DISTRICT_INFO[code] ?? { town: 'Wolverhampton', places: ['Wolverhampton'], weight: 1 };

/** Place name without a leading article, for names ("City Centre Youth Club"). */
const bare = (place: string) => place.replace(/^the /, '');

const STEMS = [
  'Brightwell',
  'Oakleaf',
  'Kestrel',
  'Hollybank',
  'Meadowbrook',
  'Larkspur',
  'Willowdene',
  'Foxhollow',
  'Amberley',
  'Sunnyfield',
  'Greenacre',
  'Rosewood',
  'Ashdale',
  'Cedarwood',
  'Silverbirch',
  'Elmfield',
  'Beaconside',
  'Kingfisher',
  'Thistledown',
  'Bluebell',
  'Harebell',
  'Marigold',
  'Juniper',
  'Hazelmere',
  'Starling',
  'Wrenfield',
  'Lapwing',
  'Heronbrook',
  'Fernhill',
  'Millstone',
  'Stonebridge',
  'Redwing',
  'Skylark',
  'Moorcroft',
  'Lindenfield',
  'Bramblewood',
  'Clearwater',
  'Northstar',
  'Lighthouse',
  'Compass',
  'Springboard',
  'Pathfinder',
  'Open Door',
  'Sunflower',
  'Horizon',
  'Forgemill',
  'Copperleaf',
  'Rainbow Bridge',
  'Tamarind',
  'Orchard Lane',
  'Harrowby',
  'Wychbury',
  'Glenmere',
  'Alderbrook',
  'Primrose Hill',
  'Cloverdale',
  'Riverbank',
  'Applegate',
  'Maplewood',
  'Briarfield',
];

const STREET_WORDS = [
  'Larch',
  'Foxglove',
  'Kingfisher',
  'Linden',
  'Rowan',
  'Hawthorn',
  'Bramble',
  'Meadowsweet',
  'Orchard',
  'Chapel',
  'Furnace',
  'Lock Keeper',
  'Wharfside',
  'Brookfield',
  'Holly',
  'Sycamore',
  'Clover',
  'Heather',
  'Kestrel',
  'Skylark',
  'Badger',
  'Copperbeech',
  'Foundry',
  'Tannery',
  'Granary',
  'Ironmaster',
  'Japanner',
  'Locksmith',
  'Steelhouse',
  'Nailers',
];
const STREET_TYPES = [
  'Street',
  'Road',
  'Lane',
  'Avenue',
  'Close',
  'Way',
  'Drive',
  'Grove',
  'Crescent',
  'Walk',
];
/** Postcode unit letters never include C, I, K, M, O or V. */
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const FIRST_NAMES = [
  'Priya',
  'Tom',
  'Aisha',
  'Kasia',
  'Jas',
  'Mo',
  'Ellie',
  'Dan',
  'Gurpreet',
  'Sophie',
  'Kwame',
  'Ionela',
  'Harpreet',
  'Liam',
  'Zainab',
  'Chloe',
  'Bartek',
  'Amira',
  'Sam',
  'Rhiannon',
  'Tariq',
  'Nia',
];

// ---------------------------------------------------------------------------------------------------
// Service templates
// ---------------------------------------------------------------------------------------------------

type ScheduleKind =
  | 'after-school'
  | 'saturday'
  | 'daytime'
  | 'early-years'
  | 'evening'
  | 'monthly'
  | 'office'
  | 'events'
  | 'course'
  | 'holiday'
  | 'overnight'
  | 'appointments'
  | 'school-day'
  | 'nursery-day'
  | 'none';
type CostMode = 'free' | 'mostly-free' | 'mixed' | 'paid' | 'funded';
type PriceUnit = 'session' | 'day' | 'hour' | 'night' | 'course' | 'month' | 'journey' | 'lesson';

type ServiceTemplate = {
  names: string[];
  categories: string[];
  /** Need codes always tagged. */
  needs?: string[];
  /** Codes to draw extra needs from ('any' = any specific need). */
  pool: string[] | 'any';
  extra: [number, number];
  ages: [number, number][];
  /** Sentences: what happens; who it is for; what to expect. Tokens: {org} {place} {town} {ages} {venue}. */
  what: string[];
  who: string[];
  expect: string[];
  eligibility?: string[];
  access: AccessRoute[][];
  accessDetails?: string[];
  cost: CostMode;
  unit?: PriceUnit;
  /** How funded places work, when not the generic short breaks / direct payments wording. Token: {price}. */
  fundedNotes?: string[];
  schedule: ScheduleKind[];
  location: 'venue' | 'remote' | 'mixed';
  languages?: string[];
  /** Extra categories sometimes added (e.g. leisure that also counts as a short break). */
  sometimes?: string[];
};

const SELF: AccessRoute[] = ['self_referral'];
const PRO: AccessRoute[] = ['professional_referral'];
const SELF_PRO: AccessRoute[] = ['self_referral', 'professional_referral'];
const ASSESS: AccessRoute[] = ['assessment'];
const ASSESS_PRO: AccessRoute[] = ['assessment', 'professional_referral'];

const ADAPTED_SPORT: ServiceTemplate = {
  names: ['Multi-sports club'],
  categories: ['leisure-and-activities'],
  pool: 'any',
  extra: [1, 4],
  ages: [
    [4, 18],
    [8, 25],
    [5, 14],
  ],
  what: [
    'Adapted activity sessions where everyone can take part, with specialist equipment and patient instructors.',
    'Try a different sport each week, from cycling on adapted bikes to trampolining and climbing.',
  ],
  who: ['For children and young people {ages} with disabilities or additional needs, and their families.'],
  expect: ['Please let us know about any medical needs when you book.', 'Siblings are welcome too.'],
  access: [SELF],
  cost: 'paid',
  unit: 'session',
  schedule: ['saturday', 'after-school', 'events'],
  location: 'venue',
  sometimes: ['short-breaks'],
};

const TEMPLATES = {
  'autism-youth-club': {
    names: [
      'Autism-friendly youth club',
      'Autistic teens social club',
      'Friday night autism social',
      'Spectrum youth club',
      'Quiet youth club for autistic young people',
    ],
    categories: ['leisure-and-activities'],
    needs: ['autism'],
    pool: ['anxiety', 'speech-language-communication', 'adhd'],
    extra: [0, 2],
    ages: [
      [11, 18],
      [10, 16],
      [12, 19],
      [11, 25],
      [13, 18],
    ],
    what: [
      'A relaxed youth club where autistic young people can meet friends, play games, cook and chat at their own pace.',
      'Our autism-friendly youth club offers gaming, art, pool, music and a quiet room, run by youth workers who understand autism.',
      'A small, calm social club for autistic young people, with board games, crafts, cooking and trips planned together with the group.',
    ],
    who: [
      'For autistic young people {ages}, with or without a formal diagnosis.',
      'Open to young people {ages} who are autistic or waiting for an autism assessment.',
    ],
    expect: [
      'Groups are small, lighting is kept low and there is always a quiet space if things get too much.',
      'You are welcome to visit before your first session to meet the staff and see the rooms.',
      'Parents and carers can stay for the first few weeks until your young person feels settled.',
      'We send a visual guide with photos of the venue and the staff before the first session.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mixed',
    unit: 'session',
    schedule: ['after-school', 'evening', 'saturday'],
    location: 'venue',
    sometimes: ['short-breaks'],
  },
  'autism-parent-course': {
    names: [
      'Understanding autism: course for parents and carers',
      'After diagnosis: autism workshop for families',
      'Autism and sleep workshop',
      'Autism, anxiety and behaviour: parent course',
    ],
    categories: ['information-advice-support'],
    needs: ['autism'],
    pool: ['communication-and-interaction', 'anxiety'],
    extra: [0, 1],
    ages: [
      [0, 18],
      [2, 11],
      [5, 16],
      [0, 25],
    ],
    what: [
      'A free course for parents and carers of autistic children covering communication, sensory differences, anxiety and managing change.',
      'A practical workshop on understanding autism, with ideas to try at home and time to share experiences with other parents.',
    ],
    who: [
      'For parents and carers of autistic children and young people {ages}, including those still waiting for an assessment.',
      'For families of children {ages} who have recently been diagnosed as autistic.',
    ],
    expect: [
      'Each session lasts two hours and you will get handouts to take home.',
      'The course is run by a specialist teacher and a parent who has been through the process.',
      'Places are limited to 12 families, so please book early.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mostly-free',
    unit: 'course',
    schedule: ['course', 'events'],
    location: 'mixed',
  },
  'sibling-group': {
    names: ['Siblings group', 'Young siblings club', 'Brothers and sisters club'],
    categories: ['leisure-and-activities', 'social-care'],
    pool: 'any',
    extra: [1, 3],
    ages: [
      [6, 16],
      [8, 17],
      [5, 12],
    ],
    what: [
      'A monthly get-together for brothers and sisters of disabled children, with games, crafts and trips.',
      'A club where siblings of children with additional needs can have fun, make friends and talk to others who understand.',
    ],
    who: ['For siblings {ages} of children and young people with SEND.'],
    expect: [
      'It is a chance for siblings to have time that is just for them.',
      'Sessions are led by experienced youth workers and include a snack.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mixed',
    schedule: ['monthly'],
    location: 'venue',
  },
  'autism-adults-social': {
    names: [
      'Autistic young adults social group',
      'Thursday night autism meet-up',
      'Spectrum social for 18 to 25s',
    ],
    categories: ['preparing-for-adulthood', 'pfa-community-inclusion', 'leisure-and-activities'],
    needs: ['autism'],
    pool: ['anxiety', 'adhd', 'specific-learning-difficulty'],
    extra: [0, 1],
    ages: [
      [16, 25],
      [18, 25],
    ],
    what: [
      'A relaxed social group for autistic young adults: board games, quiz nights, walks and trips out, chosen by the members.',
      'A meet-up where autistic young adults can make friends and try new things in a calm, low-pressure setting.',
    ],
    who: ['For autistic young people {ages}.'],
    expect: [
      'You can come on your own or bring a supporter for the first few times.',
      'There is no pressure to talk: some members just come along to play games.',
    ],
    access: [SELF],
    cost: 'mixed',
    unit: 'session',
    schedule: ['evening', 'monthly'],
    location: 'venue',
  },
  'sensory-event': {
    names: [
      'Autism-friendly cinema screening',
      'Relaxed theatre performance',
      'Sensory-friendly swim session',
      'Quiet hour at the trampoline park',
      'Relaxed family fun day',
      'Inclusive family picnic',
    ],
    categories: ['leisure-and-activities'],
    pool: ['autism', 'adhd', 'anxiety', 'sensory-and-physical', 'severe-learning-difficulty'],
    extra: [1, 3],
    ages: [
      [0, 18],
      [3, 16],
      [0, 25],
      [5, 14],
    ],
    what: [
      'A relaxed event with lower lights and sound, fewer people and freedom to move around or make noise.',
      'A sensory-friendly event for families, with a chill-out space, ear defenders to borrow and staff trained in autism awareness.',
      'A one-off family event designed for children with additional needs and their brothers and sisters.',
    ],
    who: [
      'For children and young people {ages} with autism, ADHD, sensory processing differences or learning disabilities, and their families.',
      'For families of disabled children and young people {ages}.',
    ],
    expect: [
      'Nobody will mind if your child needs to move around, talk or take a break.',
      'A visual story with photos of the venue is available before the day.',
      'Carers come free with a disabled child.',
    ],
    access: [SELF],
    cost: 'mixed',
    unit: 'session',
    schedule: ['events'],
    location: 'venue',
  },
  'inclusive-youth-club': {
    names: [
      'Inclusive youth club',
      'Youth club for young people with additional needs',
      'Monday night youth club',
      'SEND youth club',
      'Junior inclusive club',
    ],
    categories: ['leisure-and-activities'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [11, 19],
      [11, 25],
      [13, 19],
      [8, 13],
    ],
    what: [
      'A youth club with pool, table tennis, arts and crafts, cooking and music, where young people with SEND can relax and make friends.',
      'Weekly youth club sessions with games, sport, cooking and trips out, with extra staff so everyone can join in.',
    ],
    who: [
      'For young people {ages} with special educational needs or disabilities.',
      'Open to all young people {ages}, with places kept for young people with SEND.',
    ],
    expect: [
      'Staff are trained in first aid, moving and handling and supporting young people with complex needs.',
      'There is a quiet room and an accessible toilet with a hoist.',
      'Young people can come on their own once they feel ready.',
    ],
    eligibility: ['Young people who need one-to-one support should tell us before their first session.'],
    access: [SELF, SELF_PRO],
    cost: 'mixed',
    unit: 'session',
    schedule: ['after-school', 'evening'],
    location: 'venue',
    sometimes: ['short-breaks'],
  },
  'friendship-group': {
    names: [
      'Friendship and social skills group',
      'Talk and play social skills group',
      'Making friends group',
    ],
    categories: ['leisure-and-activities', 'education'],
    pool: ['speech-language-communication', 'autism', 'anxiety', 'adhd'],
    extra: [1, 3],
    ages: [
      [7, 11],
      [8, 13],
      [11, 15],
    ],
    what: [
      'A small group that helps children practise making and keeping friends, taking turns and working together through games.',
      'A friendly group where children build confidence in talking, listening and playing with others.',
    ],
    who: ['For children and young people {ages} who find friendships and social situations hard.'],
    expect: [
      'Groups have no more than eight children and two leaders.',
      'Parents get a short summary after each session with ideas to try at home.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mixed',
    unit: 'session',
    schedule: ['course', 'after-school'],
    location: 'venue',
  },
  'holiday-scheme': {
    names: [
      'Holiday play scheme',
      'Summer holiday club',
      'Inclusive holiday club',
      'Easter and summer playscheme',
    ],
    categories: ['short-breaks', 'leisure-and-activities'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [5, 11],
      [5, 16],
      [8, 18],
      [4, 12],
    ],
    what: [
      'A holiday play scheme with outdoor play, arts and crafts, cooking, sensory activities and trips out.',
      'Full and half days of fun during the school holidays, with staff ratios to suit each child.',
    ],
    who: [
      'For disabled children and young people {ages}, including those who need one-to-one support or personal care.',
      'For children {ages} with special educational needs or disabilities who live in Wolverhampton.',
    ],
    expect: [
      'Staff are trained in personal care, medication and positive behaviour support.',
      'Families get a short breaks booking form before each holiday.',
      'Lunch and snacks are provided; please tell us about any dietary needs.',
    ],
    eligibility: [
      'Children with a short breaks assessment can use their short breaks hours here. Other families can pay for a place.',
    ],
    access: [SELF, ASSESS],
    cost: 'funded',
    unit: 'day',
    schedule: ['holiday'],
    location: 'venue',
  },
  'saturday-club': {
    names: ['Saturday club', 'Saturday short breaks club', 'Weekend activity club'],
    categories: ['short-breaks', 'leisure-and-activities'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [5, 18],
      [8, 17],
      [11, 19],
    ],
    what: [
      'A Saturday club with games, messy play, sport, music and cooking, giving young people a fun day out and families a break.',
      'Weekend sessions of activities and outings for disabled young people, with high staff ratios.',
    ],
    who: ['For children and young people {ages} with disabilities, including complex health needs.'],
    expect: [
      'There is a sensory room, accessible toilets and a Changing Places toilet at the venue.',
      'Staff can give medication and support with personal care.',
    ],
    eligibility: [
      'For children and young people who live in Wolverhampton and have a disability that has a substantial impact on everyday life.',
    ],
    access: [ASSESS, SELF],
    cost: 'funded',
    unit: 'session',
    schedule: ['saturday'],
    location: 'venue',
  },
  'overnight-short-break': {
    names: ['Overnight short breaks', 'Residential short breaks house', 'Weekend short stays'],
    categories: ['short-breaks', 'social-care'],
    pool: [
      'severe-learning-difficulty',
      'profound-multiple-learning-difficulty',
      'physical-disability',
      'autism',
      'multi-sensory-impairment',
    ],
    extra: [2, 4],
    ages: [
      [8, 18],
      [5, 17],
      [11, 18],
    ],
    what: [
      'Planned overnight stays in a homely, fully accessible house, with activities, outings and a chance to make friends.',
      'Short stays of one to three nights that give disabled children new experiences and give their families a rest.',
    ],
    who: ['For disabled children and young people {ages} with complex needs and their families.'],
    expect: [
      'Each child has their own bedroom, and there is a sensory room and a garden.',
      'Visits for tea are arranged first so your child can get to know the staff and the house.',
    ],
    eligibility: [
      'For children and young people who have been assessed by the Children with Disabilities Team as needing overnight short breaks.',
    ],
    access: [ASSESS, ASSESS_PRO],
    accessDetails: [
      'Ask your social worker, or contact the Children with Disabilities Team for an assessment.',
    ],
    cost: 'funded',
    unit: 'night',
    schedule: ['overnight'],
    location: 'venue',
  },
  'community-support': {
    names: [
      'Community support workers',
      'One-to-one community support',
      'Personal assistants for disabled young people',
    ],
    categories: ['short-breaks', 'social-care'],
    pool: 'any',
    extra: [2, 4],
    ages: [
      [5, 18],
      [8, 25],
    ],
    what: [
      'Trained support workers who take children and young people out into the community: swimming, the cinema, the park or clubs.',
      'One-to-one support so a disabled young person can do the things they enjoy, while their family has a break.',
    ],
    who: ['For disabled children and young people {ages}.'],
    expect: [
      'We match each young person with a regular worker who shares their interests.',
      'Support can be paid for with a direct payment or a personal budget.',
    ],
    access: [SELF, ASSESS],
    cost: 'funded',
    unit: 'hour',
    schedule: ['appointments'],
    location: 'remote',
  },
  'sensory-play': {
    names: [
      'Sensory play session',
      'Messy play for little ones',
      'Sensory stay and play',
      'Little explorers sensory group',
    ],
    categories: ['leisure-and-activities'],
    pool: [
      'sensory-and-physical',
      'profound-multiple-learning-difficulty',
      'autism',
      'multi-sensory-impairment',
      'physical-disability',
      'visual-impairment',
    ],
    extra: [1, 3],
    ages: [
      [0, 4],
      [0, 5],
      [1, 5],
      [0, 8],
    ],
    what: [
      'Sensory play with lights, textures, water, sand and music in a calm, fully accessible sensory room.',
      'Messy and sensory play for babies and young children, with bubbles, foam, paint and sound.',
    ],
    who: [
      'For babies and young children {ages} with additional needs, and their parents and carers.',
      'For young children {ages}, especially those with sensory, physical or complex needs.',
    ],
    expect: [
      'Parents and carers stay and play alongside their child.',
      'Please bring a change of clothes: it can get messy!',
      'There is space for wheelchairs, buggies and standing frames.',
    ],
    access: [SELF],
    cost: 'mixed',
    unit: 'session',
    schedule: ['early-years'],
    location: 'venue',
  },
  'stay-and-play': {
    names: [
      'SEND stay and play',
      'Early years inclusion group',
      'Chatter and play group',
      'Little steps play group',
    ],
    categories: ['education', 'leisure-and-activities'],
    pool: ['speech-language-communication', 'communication-and-interaction', 'autism', 'physical-disability'],
    extra: [1, 3],
    ages: [
      [0, 4],
      [0, 5],
      [2, 4],
    ],
    what: [
      'A stay and play group for families of young children with additional needs, with play, songs and a chance to chat to other parents.',
      'Play sessions that help young children with language and communication, led by early years practitioners.',
    ],
    who: ['For young children {ages} with SEND or delayed development, and their parents and carers.'],
    expect: [
      'Early years specialists are on hand to answer questions about development, nursery and school.',
      'No diagnosis is needed: come along if you have any worries.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mostly-free',
    unit: 'session',
    schedule: ['early-years'],
    location: 'venue',
  },
  'home-learning': {
    names: ['Early years home learning visits', 'Home visiting for under-fives with SEND'],
    categories: ['education'],
    pool: 'any',
    extra: [2, 4],
    ages: [
      [0, 4],
      [0, 5],
    ],
    what: [
      'A home visiting service that supports parents to help their young child learn through play, with regular visits from a trained practitioner.',
    ],
    who: ['For families of pre-school children {ages} with significant developmental delay or disabilities.'],
    expect: [
      'Visits usually take place every two weeks and last about an hour.',
      'Together we set small goals and celebrate your child’s progress.',
    ],
    access: [SELF_PRO, PRO],
    accessDetails: ['Referrals can come from parents, health visitors, doctors or therapists.'],
    cost: 'free',
    schedule: ['appointments'],
    location: 'remote',
  },
  'nursery-inclusion': {
    names: [
      'Nursery places with inclusion support',
      'Funded early education places',
      'Specialist nursery places',
    ],
    categories: ['education'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [0, 4],
      [2, 4],
    ],
    what: [
      'Nursery places in a warm, inclusive setting, with a dedicated SENCO and staff trained in Makaton.',
      'Early education with extra support for children with SEND, planned with parents and health professionals.',
    ],
    who: ['For young children {ages}, including children with special educational needs and disabilities.'],
    expect: [
      'We plan your child’s start with you and can visit you at home first.',
      'We work closely with speech and language therapists and the early years SEND team.',
    ],
    access: [SELF],
    cost: 'funded',
    fundedNotes: [
      'Free for eligible two-, three- and four-year-olds through the government’s funded childcare hours. Additional hours cost {price}.',
      'Funded early education hours can be used here, and the early years inclusion fund can pay for extra support. Other hours cost {price}.',
    ],
    unit: 'day',
    schedule: ['nursery-day'],
    location: 'venue',
  },
  'sen-support': {
    names: ['SEN support in school', 'Special educational needs support', 'Learning support and SENCO'],
    categories: ['education'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [4, 11],
      [11, 16],
    ],
    what: [
      'Our SENCO works with families and teachers to plan support for pupils with special educational needs, from small-group work to individual plans.',
      'Support for pupils with SEND including literacy and numeracy interventions, a nurture group and access to specialist advice.',
    ],
    who: ['For pupils {ages} on roll at {org} who have special educational needs or disabilities.'],
    expect: [
      'You can ask to meet the SENCO at any time to talk about your child’s needs.',
      'Our SEN information report explains how we identify and support pupils with SEND.',
    ],
    access: [SELF],
    accessDetails: ['Contact the school office and ask to speak to the SENCO.'],
    cost: 'free',
    schedule: ['school-day'],
    location: 'venue',
  },
  'resourced-autism': {
    names: ['Resourced provision for autistic pupils', 'Autism resource base'],
    categories: ['education'],
    needs: ['autism'],
    pool: ['speech-language-communication', 'anxiety', 'moderate-learning-difficulty'],
    extra: [0, 2],
    ages: [
      [4, 11],
      [11, 16],
    ],
    what: [
      'A resource base within a mainstream school where autistic pupils learn in small groups and join mainstream classes when they are ready.',
    ],
    who: ['For autistic pupils {ages} with an education, health and care plan.'],
    expect: [
      'The base has a sensory room, visual timetables and staff trained in autism approaches.',
      'Places are agreed through the EHC plan process.',
    ],
    eligibility: ['Places are for pupils with an EHC plan that names this provision.'],
    access: [ASSESS],
    cost: 'free',
    schedule: ['school-day'],
    location: 'venue',
  },
  'resourced-hi': {
    names: ['Hearing impairment resource base', 'Resource base for deaf pupils'],
    categories: ['education'],
    needs: ['hearing-impairment'],
    pool: ['speech-language-communication', 'sensory-and-physical'],
    extra: [0, 2],
    ages: [
      [4, 11],
      [11, 16],
    ],
    what: [
      'Specialist teaching for deaf pupils and pupils with speech and language needs, alongside time in mainstream classes.',
    ],
    who: ['For pupils {ages} whose EHC plan names the resource base.'],
    expect: [
      'Teachers of the deaf and communication support workers work in the base every day.',
      'The school has a sound-field system in every classroom.',
    ],
    access: [ASSESS],
    cost: 'free',
    schedule: ['school-day'],
    location: 'venue',
    languages: ['bfi'],
  },
  'special-school': {
    names: ['Special school places', 'Specialist provision for pupils with complex needs'],
    categories: ['education'],
    pool: [
      'severe-learning-difficulty',
      'profound-multiple-learning-difficulty',
      'moderate-learning-difficulty',
      'autism',
      'physical-disability',
      'multi-sensory-impairment',
    ],
    extra: [2, 4],
    ages: [
      [2, 19],
      [4, 19],
      [11, 19],
      [5, 16],
    ],
    what: [
      'A special school offering a personalised curriculum, therapies on site and a strong focus on communication and independence.',
      'Small classes with high staff ratios, hydrotherapy, sensory rooms and a life-skills flat for older students.',
    ],
    who: ['For pupils {ages} with complex learning needs and an education, health and care plan.'],
    expect: [
      'Families are welcome to visit: please call the school office to arrange a tour.',
      'Speech and language therapists, physiotherapists and school nurses work alongside teachers.',
    ],
    eligibility: ['Places are agreed through the local authority’s EHC plan process.'],
    access: [ASSESS],
    accessDetails: ['Places are named in a child’s EHC plan after a consultation with the school.'],
    cost: 'free',
    schedule: ['school-day'],
    location: 'venue',
  },
  'after-school-club': {
    names: ['Inclusive after-school club', 'After-school club with SEND support'],
    categories: ['leisure-and-activities', 'education'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [4, 11],
      [5, 11],
    ],
    what: ['An after-school club with play, homework time, outdoor games and a healthy tea.'],
    who: ['For children {ages}, with support for children with SEND.'],
    expect: [
      'We collect children from school and can give medication with a care plan.',
      'Tax-Free Childcare and Universal Credit childcare costs can be used.',
    ],
    access: [SELF],
    cost: 'paid',
    unit: 'session',
    schedule: ['after-school'],
    location: 'venue',
  },
  'foundation-learning': {
    names: [
      'Foundation learning programme',
      'Pathways to independence course',
      'Entry level skills for life',
    ],
    categories: ['education', 'preparing-for-adulthood', 'pfa-independent-living'],
    pool: [
      'moderate-learning-difficulty',
      'severe-learning-difficulty',
      'autism',
      'specific-learning-difficulty',
    ],
    extra: [1, 3],
    ages: [
      [16, 25],
      [16, 19],
    ],
    what: [
      'A full-time college course building English, maths, independence and work skills, with real-life projects and work experience.',
      'A course that helps students become more independent: travelling, cooking, managing money and getting ready for work.',
    ],
    who: ['For students {ages} with learning difficulties or disabilities.'],
    expect: [
      'Students have a personal tutor and support from a learning support assistant.',
      'You can visit on one of our open evenings or arrange a tour.',
    ],
    eligibility: ['Students with an EHC plan, and students without one who need extra support, can apply.'],
    access: [SELF, ASSESS],
    cost: 'free',
    schedule: ['school-day'],
    location: 'venue',
  },
  'supported-internship': {
    names: ['Supported internship', 'Supported internship programme'],
    categories: ['education', 'preparing-for-adulthood', 'pfa-employment'],
    pool: [
      'moderate-learning-difficulty',
      'severe-learning-difficulty',
      'autism',
      'adhd',
      'specific-learning-difficulty',
    ],
    extra: [1, 3],
    ages: [
      [16, 24],
      [17, 24],
      [16, 25],
    ],
    what: [
      'A one-year study programme based with an employer, where interns learn job skills on work placements with a job coach.',
      'Interns spend most of the week on placement in local workplaces, building the skills and confidence to get a paid job.',
    ],
    who: ['For young people {ages} with an EHC plan who want to move into paid work.'],
    expect: [
      'Placements include hospitals, hotels, offices and warehouses.',
      'Interns get help with travel training, CVs and interviews.',
    ],
    eligibility: ['You need an education, health and care plan to join a supported internship.'],
    access: [SELF_PRO, ASSESS],
    cost: 'free',
    schedule: ['school-day'],
    location: 'venue',
  },
  'college-transition': {
    names: [
      'College taster days for students with SEND',
      'Transition open evening',
      'Year 9 transition evening',
    ],
    categories: ['education', 'preparing-for-adulthood'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [14, 19],
      [13, 16],
    ],
    what: [
      'An open evening for young people with SEND and their families to look round, meet tutors and find out about courses and support.',
      'Taster sessions where young people with SEND try out courses and meet the learning support team.',
    ],
    who: ['For young people {ages} with SEND who are thinking about their next steps, and their families.'],
    expect: [
      'A quiet hour is set aside for young people who prefer fewer people.',
      'Bring any questions about transport, support and EHC plans.',
    ],
    access: [SELF],
    cost: 'free',
    schedule: ['events'],
    location: 'venue',
  },
  'job-coaching': {
    names: ['Job coaching and work experience', 'Supported employment service', 'Route into work programme'],
    categories: ['preparing-for-adulthood', 'pfa-employment'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [16, 25],
      [18, 25],
    ],
    what: [
      'One-to-one job coaching to help young people with SEND find and keep paid work, volunteering or an apprenticeship.',
      'Support to build a CV, prepare for interviews and settle into a new job, with a job coach alongside you at work.',
    ],
    who: ['For young people {ages} with learning disabilities, autism or other additional needs.'],
    expect: [
      'We also work with employers on reasonable adjustments.',
      'Support continues for up to a year after you start work.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'free',
    schedule: ['office', 'appointments'],
    location: 'mixed',
  },
  'independent-living': {
    names: [
      'Independent living skills course',
      'Cooking and money skills group',
      'Moving on: living skills for young adults',
    ],
    categories: ['preparing-for-adulthood', 'pfa-independent-living'],
    pool: [
      'moderate-learning-difficulty',
      'severe-learning-difficulty',
      'autism',
      'physical-disability',
      'adhd',
    ],
    extra: [1, 3],
    ages: [
      [16, 25],
      [14, 19],
      [18, 25],
    ],
    what: [
      'A practical course covering cooking, budgeting, shopping, keeping safe and looking after a home.',
      'Weekly sessions in a training flat where young people practise everyday living skills.',
    ],
    who: ['For young people {ages} with SEND who want to become more independent.'],
    expect: [
      'Each young person sets their own goals at the start.',
      'Sessions end with a meal the group has cooked together.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mixed',
    unit: 'course',
    schedule: ['course', 'daytime'],
    location: 'venue',
  },
  'housing-advice': {
    names: ['Housing options for young disabled adults', 'Moving out: housing advice for young people'],
    categories: ['preparing-for-adulthood', 'pfa-independent-living', 'information-advice-support'],
    pool: 'any',
    extra: [1, 3],
    ages: [
      [16, 25],
      [17, 25],
    ],
    what: [
      'Advice on supported living, shared lives, adapting the family home and applying for social housing.',
      'Help for young disabled adults and their families to plan where they will live in future.',
    ],
    who: ['For young people {ages} with SEND and their families.'],
    expect: ['You can talk to an adviser by phone, by video call or at a drop-in.'],
    access: [SELF, SELF_PRO],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  'travel-training': {
    names: ['Independent travel training', 'Travel buddy scheme', 'Learn to travel on your own'],
    categories: ['transport', 'preparing-for-adulthood', 'pfa-independent-living'],
    pool: [
      'moderate-learning-difficulty',
      'autism',
      'anxiety',
      'visual-impairment',
      'specific-learning-difficulty',
    ],
    extra: [1, 3],
    ages: [
      [11, 25],
      [14, 25],
      [11, 19],
    ],
    what: [
      'One-to-one travel training so young people can learn to travel safely on buses, trams and trains to school, college or work.',
      'A trained travel buddy practises a route with the young person until they can do it on their own.',
    ],
    who: ['For young people {ages} with SEND who could learn to travel independently.'],
    expect: [
      'Training usually takes between four and twelve weeks.',
      'We agree a plan with the young person and their family, and check in afterwards.',
    ],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'mixed',
  },
  'school-transport': {
    names: ['Home to school travel assistance', 'Post-16 travel support', 'Personal travel budgets'],
    categories: ['transport', 'education'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [4, 16],
      [16, 25],
      [5, 18],
    ],
    what: [
      'Travel assistance for eligible children and young people to get to school or college, such as a bus pass, a personal travel budget or a shared taxi.',
      'We assess applications for travel support and arrange the help that best suits each child.',
    ],
    who: [
      'For children and young people {ages} who live in Wolverhampton and cannot reasonably be expected to walk to school because of their SEND.',
    ],
    expect: [
      'Apply online by the end of May for a September start.',
      'You can ask for a review if you disagree with our decision.',
    ],
    eligibility: [
      'Eligibility depends on distance, special educational needs, disability or mobility problems, and family income. Read the travel assistance policy for details.',
    ],
    access: [ASSESS],
    accessDetails: ['Apply online or ask us to post you a paper form.'],
    cost: 'free',
    schedule: ['office'],
    location: 'remote',
  },
  minibus: {
    names: [
      'Accessible minibus hire',
      'Wheelchair-accessible door-to-door transport',
      'Community transport for young people',
    ],
    categories: ['transport'],
    pool: [
      'physical-disability',
      'profound-multiple-learning-difficulty',
      'visual-impairment',
      'sensory-and-physical',
    ],
    extra: [1, 3],
    ages: [
      [0, 25],
      [5, 25],
    ],
    what: [
      'Wheelchair-accessible minibuses with trained drivers for trips to clubs, appointments and days out.',
      'Door-to-door transport for disabled children and young people who cannot use public transport.',
    ],
    who: ['For disabled children and young people {ages}, their families and the groups that support them.'],
    expect: ['Please book at least a week ahead.', 'All vehicles have tail-lifts and wheelchair restraints.'],
    access: [SELF],
    cost: 'paid',
    unit: 'journey',
    schedule: ['office'],
    location: 'remote',
  },
  'short-breaks-info': {
    names: ['Short breaks and direct payments', 'Short breaks activity grants', 'Short breaks assessment'],
    categories: ['short-breaks', 'social-care'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [0, 18],
      [0, 17],
    ],
    what: [
      'Information about short breaks in Wolverhampton and how to apply, including direct payments and activity grants.',
      'We assess families for short breaks and help them choose activities, clubs and support that suit their child.',
    ],
    who: ['For families of disabled children and young people {ages} who live in Wolverhampton.'],
    expect: [
      'Many short breaks can be booked directly without an assessment.',
      'Read our short breaks services statement for the full eligibility criteria.',
    ],
    eligibility: [
      'Targeted short breaks are for children with a disability that has a substantial and long-term effect on everyday life.',
    ],
    access: [SELF, ASSESS],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  sendiass: {
    names: [
      'SEND information, advice and support',
      'EHC needs assessment advice line',
      'Independent support for annual reviews',
    ],
    categories: ['information-advice-support'],
    pool: 'any',
    extra: [2, 6],
    ages: [[0, 25]],
    what: [
      'Free, impartial and confidential advice about special educational needs and disability, including EHC needs assessments and plans.',
      'Advisers help families and young people understand the law, go to meetings, read reports and resolve disagreements.',
    ],
    who: ['For parents and carers of children {ages} with SEND, and for young people themselves.'],
    expect: [
      'Call the helpline, email us or come to a drop-in at a family hub.',
      'We are at arm’s length from the council and give impartial advice.',
    ],
    access: [SELF],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  'ehc-workshop': {
    names: [
      'EHC plans explained: workshop for parents',
      'Annual reviews workshop',
      'Preparing for adulthood information evening',
      'SEND information fair',
    ],
    categories: ['information-advice-support'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [0, 25],
      [0, 18],
      [14, 25],
    ],
    what: [
      'A free workshop explaining EHC needs assessments, EHC plans and annual reviews, and how families can take part.',
      'An information event with stalls from schools, colleges, health services, short breaks providers and support groups.',
    ],
    who: ['For parents, carers and young people {ages} with SEND, and the professionals who support them.'],
    expect: [
      'Drop in at any time: there is no need to stay for the whole event.',
      'Refreshments are provided and there is a quiet room.',
    ],
    access: [SELF],
    cost: 'free',
    schedule: ['events'],
    location: 'venue',
    sometimes: ['preparing-for-adulthood'],
  },
  'parent-carer-group': {
    names: [
      'Parent carer coffee morning',
      'Dads’ support group',
      'Parent carer peer support group',
      'Evening parents’ group',
    ],
    categories: ['information-advice-support'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [0, 25],
      [0, 18],
    ],
    what: [
      'A friendly get-together for parents and carers of children with SEND to share experiences, information and a cuppa.',
      'A peer support group where parent carers can talk openly, hear from guest speakers and find out what’s on locally.',
    ],
    who: [
      'For parents and carers of children and young people {ages} with SEND, with or without a diagnosis.',
    ],
    expect: [
      'You do not need to book: just come along.',
      'Guest speakers visit regularly, from benefits advisers to therapists.',
    ],
    access: [SELF],
    cost: 'mixed',
    schedule: ['monthly'],
    location: 'venue',
  },
  'young-carers': {
    names: ['Young carers group', 'Young carers club'],
    categories: ['social-care', 'leisure-and-activities'],
    pool: 'any',
    extra: [1, 3],
    ages: [
      [8, 17],
      [8, 18],
    ],
    what: [
      'Activities, trips and support for young people who help look after a brother, sister or parent with a disability.',
    ],
    who: ['For young carers {ages} in Wolverhampton.'],
    expect: [
      'A young carers worker can also talk to your school about support.',
      'Transport can be arranged for those who need it.',
    ],
    access: [SELF, SELF_PRO],
    cost: 'mostly-free',
    schedule: ['after-school', 'monthly'],
    location: 'venue',
  },
  'benefits-advice': {
    names: ['Disability benefits advice', 'Help with DLA and PIP claims', 'Money advice for families'],
    categories: ['information-advice-support'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [0, 25],
      [16, 25],
    ],
    what: [
      'Help to claim Disability Living Allowance, Personal Independence Payment, Carer’s Allowance and other benefits.',
      'Advisers check what your family is entitled to and help fill in forms and prepare for assessments.',
    ],
    who: ['For families of disabled children and for young disabled people {ages}.'],
    expect: ['Appointments are by phone, video call or face to face.'],
    access: [SELF],
    cost: 'free',
    schedule: ['office', 'appointments'],
    location: 'mixed',
  },
  'family-support': {
    names: [
      'Family support worker service',
      'Early help for families of disabled children',
      'Key working for families',
    ],
    categories: ['social-care', 'information-advice-support'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [0, 18],
      [0, 25],
    ],
    what: [
      'A family support worker helps with sleep, routines, behaviour and finding the right services.',
      'A key worker who coordinates support for families of disabled children and helps them through appointments and meetings.',
    ],
    who: ['For families of children and young people {ages} with additional needs.'],
    expect: ['Support is usually at home and lasts around twelve weeks.'],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'mixed',
  },
  'cwd-social-work': {
    names: ['Children with disabilities social work team', 'Disabled children’s social care assessment'],
    categories: ['social-care'],
    pool: [
      'severe-learning-difficulty',
      'profound-multiple-learning-difficulty',
      'physical-disability',
      'multi-sensory-impairment',
      'autism',
    ],
    extra: [2, 4],
    ages: [
      [0, 18],
      [0, 17],
    ],
    what: [
      'Social workers assess the needs of disabled children and their families and arrange support, including short breaks and help at home.',
    ],
    who: ['For children {ages} with a severe or profound disability, and their families.'],
    expect: [
      'We aim to complete assessments within 45 working days.',
      'Families can ask for a carer’s assessment at the same time.',
    ],
    eligibility: [
      'For children who live in Wolverhampton with a substantial and permanent disability. Read the eligibility criteria for the team.',
    ],
    access: [ASSESS, SELF_PRO],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  'adult-transition': {
    names: ['Transition to adult social care', 'Preparing for adulthood reviews'],
    categories: [
      'social-care',
      'preparing-for-adulthood',
      'pfa-independent-living',
      'pfa-community-inclusion',
    ],
    pool: 'any',
    extra: [2, 4],
    ages: [
      [14, 25],
      [16, 25],
    ],
    what: [
      'Planning with young people and families for life after 18: care and support, housing, work and being part of the community.',
    ],
    who: ['For young people {ages} who are likely to need care and support as adults.'],
    expect: ['We start working with young people from Year 9 so there are no surprises at 18.'],
    access: [ASSESS, PRO],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  'speech-therapy': {
    names: [
      'Speech and language therapy',
      'Children’s speech and language drop-in',
      'Stammering therapy group',
    ],
    categories: ['health'],
    needs: ['speech-language-communication'],
    pool: ['communication-and-interaction', 'autism', 'hearing-impairment'],
    extra: [0, 2],
    ages: [
      [0, 18],
      [0, 5],
      [5, 16],
    ],
    what: [
      'NHS speech and language therapy for children with difficulties in talking, understanding, eating, drinking or swallowing.',
      'A drop-in where parents can ask a speech and language therapist about their child’s talking and understanding.',
    ],
    who: ['For children and young people {ages} registered with a Wolverhampton GP.'],
    expect: [
      'After an assessment, therapists agree a plan with you and your child’s nursery or school.',
      'Appointments are at a clinic, at school or by video call.',
    ],
    eligibility: ['Children must be registered with a GP in Wolverhampton.'],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['appointments', 'daytime'],
    location: 'venue',
  },
  'occupational-therapy': {
    names: [
      'Children’s occupational therapy',
      'Sensory processing advice clinic',
      'Handwriting and motor skills group',
    ],
    categories: ['health'],
    pool: ['physical-disability', 'sensory-and-physical', 'autism', 'specific-learning-difficulty', 'adhd'],
    extra: [1, 3],
    ages: [
      [0, 18],
      [4, 11],
    ],
    what: [
      'Occupational therapists help children with everyday activities such as dressing, eating, writing and play.',
      'Advice and group sessions for children who find coordination, handwriting or sensory processing difficult.',
    ],
    who: ['For children and young people {ages} with physical, sensory or coordination difficulties.'],
    expect: ['We also advise on equipment and adaptations at home and school.'],
    access: [PRO],
    accessDetails: ['Referrals come from a GP, paediatrician, health visitor or school SENCO.'],
    cost: 'free',
    schedule: ['appointments'],
    location: 'venue',
  },
  physiotherapy: {
    names: ['Children’s physiotherapy', 'Hydrotherapy sessions'],
    categories: ['health'],
    needs: ['physical-disability'],
    pool: ['profound-multiple-learning-difficulty', 'sensory-and-physical'],
    extra: [0, 2],
    ages: [
      [0, 18],
      [0, 19],
    ],
    what: [
      'Physiotherapy for children with physical disabilities or delayed motor development, at clinic, home or school.',
      'Hydrotherapy in a warm pool to help with movement, strength and relaxation.',
    ],
    who: ['For children and young people {ages} with physical or movement difficulties.'],
    expect: ['Physiotherapists also train families and school staff in daily exercises and positioning.'],
    access: [PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'venue',
  },
  'mental-health': {
    names: [
      'Children and young people’s mental health support',
      'Wellbeing drop-in for young people',
      'Anxiety support group for teenagers',
    ],
    categories: ['health'],
    needs: ['social-emotional-mental-health'],
    pool: ['anxiety', 'adhd', 'autism'],
    extra: [1, 2],
    ages: [
      [5, 18],
      [11, 18],
      [11, 25],
      [13, 18],
    ],
    what: [
      'Support for children and young people struggling with anxiety, low mood, self-harm or other worries about their mental health.',
      'A drop-in where young people can talk to a trained wellbeing worker in confidence.',
    ],
    who: ['For children and young people {ages} in Wolverhampton, including those with SEND.'],
    expect: [
      'In a crisis, call NHS 111 and choose the mental health option.',
      'Sessions can be face to face, by phone or online.',
    ],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['office', 'after-school'],
    location: 'mixed',
  },
  'nd-assessment': {
    names: ['Neurodevelopmental assessment (autism and ADHD)', 'ADHD assessment and medication clinic'],
    categories: ['health'],
    pool: ['autism', 'adhd', 'communication-and-interaction', 'social-emotional-mental-health'],
    extra: [2, 3],
    ages: [
      [2, 18],
      [5, 18],
    ],
    what: [
      'Multi-disciplinary assessment for children and young people who may be autistic or have ADHD, with feedback and follow-up support.',
    ],
    who: ['For children and young people {ages} registered with a Wolverhampton GP.'],
    expect: [
      'Waiting times are published on our website and updated every month.',
      'While you wait, families can join our pre-assessment workshops.',
    ],
    eligibility: ['Children must be registered with a Wolverhampton GP.'],
    access: [PRO],
    accessDetails: ['Referrals come from schools, GPs and other health professionals.'],
    cost: 'free',
    schedule: ['appointments'],
    location: 'venue',
  },
  audiology: {
    names: ['Children’s hearing clinic', 'Children’s audiology'],
    categories: ['health'],
    needs: ['hearing-impairment'],
    pool: ['sensory-and-physical', 'multi-sensory-impairment'],
    extra: [0, 1],
    ages: [
      [0, 18],
      [0, 16],
    ],
    what: ['Hearing tests, hearing aid fitting and reviews for babies, children and young people.'],
    who: ['For children {ages} with a hearing concern or known hearing loss.'],
    expect: ['The clinic has a play area and tests are adapted for each child’s age and needs.'],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'venue',
    languages: ['bfi'],
  },
  wheelchair: {
    names: ['Wheelchair and posture service', 'Specialist seating and equipment'],
    categories: ['health'],
    needs: ['physical-disability'],
    pool: ['profound-multiple-learning-difficulty'],
    extra: [0, 1],
    ages: [
      [0, 18],
      [0, 25],
    ],
    what: ['Assessment for and supply of wheelchairs, special seating and posture equipment.'],
    who: ['For children and young people {ages} with a long-term mobility need.'],
    expect: ['Equipment is reviewed as your child grows.'],
    access: [PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'venue',
  },
  'sleep-continence': {
    names: ['Children’s continence service', 'Sleep support for families'],
    categories: ['health'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [2, 18],
      [0, 18],
    ],
    what: [
      'Nurses and practitioners give advice and support with toilet training, continence or sleep difficulties.',
    ],
    who: ['For children {ages}, including those with SEND, and their families.'],
    expect: ['Support is by phone, video call or home visit.'],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['appointments', 'office'],
    location: 'mixed',
  },
  'transition-health': {
    names: [
      'Moving to adult health services clinic',
      'Annual health checks for young people with a learning disability',
      'Transition nursing support',
    ],
    categories: ['health', 'preparing-for-adulthood', 'pfa-health'],
    pool: [
      'severe-learning-difficulty',
      'moderate-learning-difficulty',
      'profound-multiple-learning-difficulty',
      'physical-disability',
    ],
    extra: [1, 3],
    ages: [
      [14, 25],
      [16, 25],
    ],
    what: [
      'Nurses help young people and their families plan the move from children’s to adult health services.',
      'Yearly health checks with a GP or nurse for young people with a learning disability, from age 14.',
    ],
    who: ['For young people {ages} with long-term health conditions or learning disabilities.'],
    expect: ['Bring your health passport or a list of questions to your appointment.'],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'mixed',
  },
  'healthy-lifestyles': {
    names: ['Healthy lifestyles group for young adults', 'Fit for life fitness sessions'],
    categories: ['preparing-for-adulthood', 'pfa-health', 'leisure-and-activities'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [16, 25],
      [14, 25],
    ],
    what: [
      'Gym, walking, healthy cooking and wellbeing sessions for young people with SEND.',
      'Friendly fitness sessions adapted for young people with learning or physical disabilities.',
    ],
    who: ['For young people {ages} with SEND who want to get fitter and healthier.'],
    expect: ['Instructors are trained in inclusive fitness.'],
    access: [SELF],
    cost: 'mixed',
    unit: 'session',
    schedule: ['daytime', 'evening'],
    location: 'venue',
  },
  'school-nursing': {
    names: ['Special school nursing team', 'Community children’s nursing'],
    categories: ['health', 'education'],
    pool: ['profound-multiple-learning-difficulty', 'physical-disability', 'severe-learning-difficulty'],
    extra: [1, 3],
    ages: [[2, 19]],
    what: [
      'Nurses who support children with complex health needs in school and at home, and train staff in procedures such as tube feeding.',
    ],
    who: ['For children and young people {ages} with complex health needs.'],
    expect: ['Nurses write individual healthcare plans with families and schools.'],
    access: [PRO],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  football: {
    names: [
      'Inclusive football sessions',
      'Disability football club',
      'Pan-disability football',
      'Walking football for young people',
    ],
    categories: ['leisure-and-activities'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [5, 16],
      [8, 18],
      [11, 25],
      [16, 25],
    ],
    what: [
      'Fun, friendly football sessions for players of all abilities, with qualified coaches and matches against other clubs.',
      'Inclusive football training focused on skills, teamwork and enjoyment.',
    ],
    who: ['For children and young people {ages} with any disability or additional need.'],
    expect: [
      'Your first session is a free taster.',
      'Wear trainers and comfortable clothes and bring a drink.',
    ],
    access: [SELF],
    cost: 'paid',
    unit: 'session',
    schedule: ['saturday', 'after-school'],
    location: 'venue',
    sometimes: ['short-breaks', 'pfa-community-inclusion'],
  },
  swimming: {
    names: ['SEND swimming lessons', 'Quiet swim sessions', 'Disability swimming club'],
    categories: ['leisure-and-activities'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [4, 16],
      [3, 18],
      [5, 25],
    ],
    what: [
      'Small-group and one-to-one swimming lessons with instructors experienced in teaching disabled swimmers.',
      'Quiet swimming sessions with fewer people, calm music and a warm pool.',
    ],
    who: ['For children and young people {ages} with SEND.'],
    expect: [
      'There is a pool hoist, accessible changing rooms and a Changing Places toilet.',
      'A parent or carer can join the lesson in the water if that helps.',
    ],
    access: [SELF],
    cost: 'paid',
    unit: 'lesson',
    schedule: ['after-school', 'saturday'],
    location: 'venue',
    sometimes: ['short-breaks'],
  },
  'wheelchair-sports': {
    names: ['Wheelchair basketball', 'Boccia club', 'Wheelchair sports club'],
    categories: ['leisure-and-activities'],
    needs: ['physical-disability'],
    pool: ['sensory-and-physical', 'visual-impairment', 'profound-multiple-learning-difficulty'],
    extra: [0, 2],
    ages: [
      [8, 25],
      [10, 19],
    ],
    what: [
      'Wheelchair basketball and boccia sessions for beginners and experienced players, with sports wheelchairs to borrow.',
      'A friendly sports club for wheelchair users and young people with limited mobility.',
    ],
    who: ['For children and young people {ages} with a physical disability.'],
    expect: ['Players can go on to compete in regional leagues.'],
    access: [SELF],
    cost: 'paid',
    unit: 'session',
    schedule: ['evening', 'saturday'],
    location: 'venue',
  },
  'multi-sports': {
    ...ADAPTED_SPORT,
    names: ['Multi-sports club', 'Try-a-sport sessions', 'Inclusive sports club'],
  },
  trampolining: {
    ...ADAPTED_SPORT,
    names: ['Rebound trampolining', 'Trampoline club for young people with additional needs'],
    what: [
      'Rebound therapy and trampolining sessions with qualified coaches, great for balance, movement and fun.',
      'Trampolining for all abilities, with hoists and spotters so everyone can have a bounce.',
    ],
  },
  cycling: {
    ...ADAPTED_SPORT,
    names: ['Adapted cycling sessions', 'All-ability cycling club'],
    what: [
      'Adapted bikes, trikes, hand cycles and side-by-side bikes so that everyone can enjoy cycling on a traffic-free track.',
    ],
  },
  climbing: {
    ...ADAPTED_SPORT,
    names: ['Climbing club for young people with additional needs', 'Inclusive climbing sessions'],
    what: [
      'Climbing sessions on our indoor walls with instructors trained to adapt routes and equipment for every climber.',
    ],
  },
  riding: {
    names: ['Riding for disabled children', 'Pony care and riding'],
    categories: ['leisure-and-activities'],
    pool: [
      'physical-disability',
      'autism',
      'severe-learning-difficulty',
      'profound-multiple-learning-difficulty',
    ],
    extra: [1, 3],
    ages: [[4, 18]],
    what: [
      'Riding sessions and pony care with trained volunteers, helping with balance, confidence and communication.',
    ],
    who: ['For children and young people {ages} with disabilities.'],
    expect: ['A hoist and mounting ramp are available.'],
    access: [SELF],
    cost: 'paid',
    unit: 'session',
    schedule: ['daytime', 'saturday'],
    location: 'venue',
  },
  'arts-club': {
    names: [
      'Inclusive drama group',
      'Music making for young people with SEND',
      'Art club for young people with additional needs',
      'Inclusive dance class',
    ],
    categories: ['leisure-and-activities'],
    pool: 'any',
    extra: [1, 4],
    ages: [
      [7, 18],
      [11, 25],
      [5, 12],
    ],
    what: [
      'Creative sessions in drama, music, art or dance, with performances and exhibitions for family and friends.',
      'A welcoming group where young people with SEND can express themselves, build confidence and make friends.',
    ],
    who: ['For children and young people {ages} with additional needs.'],
    expect: ['No experience needed.', 'Sessions use Makaton and visual supports.'],
    access: [SELF],
    cost: 'paid',
    unit: 'session',
    schedule: ['after-school', 'saturday'],
    location: 'venue',
    sometimes: ['pfa-community-inclusion'],
  },
  'deaf-youth-club': {
    names: ['Deaf youth club', 'Deaf children’s Saturday club'],
    categories: ['leisure-and-activities'],
    needs: ['hearing-impairment'],
    pool: ['sensory-and-physical', 'multi-sensory-impairment'],
    extra: [0, 2],
    ages: [
      [5, 18],
      [8, 19],
    ],
    what: [
      'Games, trips and activities for deaf children and young people, led by deaf and hearing youth workers who sign.',
    ],
    who: ['For deaf children and young people {ages}, whatever their communication method.'],
    expect: ['Sessions use British Sign Language and spoken English.'],
    access: [SELF],
    cost: 'mostly-free',
    unit: 'session',
    schedule: ['saturday', 'monthly'],
    location: 'venue',
    languages: ['bfi'],
  },
  'bsl-course': {
    names: ['BSL family sign classes', 'British Sign Language for families'],
    categories: ['information-advice-support', 'education'],
    needs: ['hearing-impairment'],
    pool: ['multi-sensory-impairment'],
    extra: [0, 1],
    ages: [[0, 25]],
    what: ['A ten-week British Sign Language course for families of deaf children, taught by deaf tutors.'],
    who: ['For parents, carers, brothers and sisters of deaf children and young people {ages}.'],
    expect: ['Courses run in the evening so working parents can come.'],
    access: [SELF],
    cost: 'mixed',
    unit: 'course',
    schedule: ['course'],
    location: 'venue',
    languages: ['bfi'],
  },
  'vi-group': {
    names: [
      'Activities for children with a visual impairment',
      'Sight loss youth group',
      'Braille and technology club',
    ],
    categories: ['leisure-and-activities'],
    needs: ['visual-impairment'],
    pool: ['sensory-and-physical', 'multi-sensory-impairment'],
    extra: [0, 2],
    ages: [
      [5, 18],
      [8, 19],
    ],
    what: [
      'Monthly activities for blind and partially sighted children and young people, from climbing to cooking and accessible technology.',
    ],
    who: ['For children and young people {ages} with a visual impairment.'],
    expect: ['Large print and braille information is available.'],
    access: [SELF],
    cost: 'mixed',
    schedule: ['monthly'],
    location: 'venue',
  },
  'msi-support': {
    names: ['Deafblind family support', 'Multi-sensory impairment family service'],
    categories: ['social-care', 'information-advice-support'],
    needs: ['multi-sensory-impairment'],
    pool: ['hearing-impairment', 'visual-impairment'],
    extra: [0, 2],
    ages: [[0, 25]],
    what: ['Specialist advice and support for families of children with both sight and hearing loss.'],
    who: [
      'For families of children and young people {ages} who are deafblind or have a multi-sensory impairment.',
    ],
    expect: ['Our family support workers visit at home and can come to school meetings.'],
    access: [SELF, SELF_PRO],
    cost: 'free',
    schedule: ['appointments'],
    location: 'remote',
  },
  'sensory-support': {
    names: ['Hearing support team for pupils', 'Vision support team for pupils', 'Sensory inclusion service'],
    categories: ['education'],
    pool: ['hearing-impairment', 'visual-impairment', 'multi-sensory-impairment', 'sensory-and-physical'],
    extra: [1, 3],
    ages: [
      [0, 25],
      [0, 19],
    ],
    what: [
      'Qualified teachers of the deaf and of children with vision impairment support children at home, in nursery, at school and at college.',
    ],
    who: ['For children and young people {ages} with a diagnosed hearing or vision impairment.'],
    expect: ['We advise schools on equipment, access and exam arrangements.'],
    access: [SELF_PRO, PRO],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  'ed-psych': {
    names: [
      'Educational psychology service',
      'Early years SEND advisory team',
      'Autism outreach for schools',
    ],
    categories: ['education'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [0, 25],
      [0, 5],
      [4, 16],
    ],
    what: [
      'Psychologists and specialist teachers work with schools, settings and families to understand and meet children’s needs.',
    ],
    who: ['For children and young people {ages} in Wolverhampton nurseries, schools and colleges.'],
    expect: ['Schools request involvement through their termly planning meeting.'],
    access: [PRO],
    accessDetails: ['Ask your child’s school or nursery SENCO about a referral.'],
    cost: 'free',
    schedule: ['office'],
    location: 'mixed',
  },
  counselling: {
    names: ['Counselling for young people', 'Online counselling for young people'],
    categories: ['health'],
    needs: ['anxiety'],
    pool: ['social-emotional-mental-health', 'autism', 'adhd'],
    extra: [1, 2],
    ages: [
      [11, 25],
      [11, 18],
    ],
    what: ['Free, confidential counselling with a qualified counsellor, face to face or online.'],
    who: ['For young people {ages} who live or study in Wolverhampton.'],
    expect: ['You can have up to twelve sessions, and you choose what to talk about.'],
    access: [SELF, SELF_PRO],
    cost: 'mostly-free',
    unit: 'session',
    schedule: ['appointments', 'after-school'],
    location: 'mixed',
  },
  'adhd-course': {
    names: ['ADHD parenting course', 'Understanding ADHD workshop'],
    categories: ['information-advice-support'],
    needs: ['adhd'],
    pool: ['social-emotional-mental-health', 'anxiety'],
    extra: [1, 2],
    ages: [
      [4, 16],
      [5, 18],
    ],
    what: [
      'A course for parents on understanding ADHD, managing everyday challenges and working with school.',
    ],
    who: ['For parents and carers of children {ages} with ADHD or awaiting assessment.'],
    expect: ['No diagnosis is needed to attend.'],
    access: [SELF, SELF_PRO],
    cost: 'free',
    schedule: ['course', 'events'],
    location: 'mixed',
  },
  dyslexia: {
    names: [
      'Dyslexia support and assessment',
      'Reading and spelling support club',
      'Dyslexia-friendly tutoring',
    ],
    categories: ['education'],
    needs: ['specific-learning-difficulty'],
    pool: ['cognition-and-learning'],
    extra: [0, 1],
    ages: [
      [6, 16],
      [7, 18],
      [16, 25],
    ],
    what: [
      'Specialist teaching and assessment for children and young people with dyslexia and other specific learning difficulties.',
    ],
    who: ['For children and young people {ages} who struggle with reading, writing or spelling.'],
    expect: ['We use structured, multisensory methods and send progress reports home.'],
    access: [SELF],
    cost: 'paid',
    unit: 'hour',
    schedule: ['after-school'],
    location: 'venue',
  },
  'youth-voice': {
    names: [
      'Youth forum for young people with SEND',
      'Volunteering programme for young people with SEND',
      'Friendship club for young adults',
    ],
    categories: ['preparing-for-adulthood', 'pfa-community-inclusion'],
    pool: 'any',
    extra: [2, 4],
    ages: [
      [14, 25],
      [16, 25],
    ],
    what: [
      'A group where young people with SEND have their say on local services, plan events and get involved in volunteering.',
      'A social club for young adults with learning disabilities to make friends, try new activities and go on trips.',
    ],
    who: ['For young people {ages} with special educational needs or disabilities.'],
    expect: ['Members can gain certificates for volunteering.'],
    access: [SELF, SELF_PRO],
    cost: 'mixed',
    schedule: ['monthly', 'evening'],
    location: 'venue',
  },
  helpline: {
    names: ['Parent helpline', 'Information line for families', 'Text and call support line'],
    categories: ['information-advice-support'],
    pool: 'any',
    extra: [2, 5],
    ages: [
      [0, 25],
      [0, 18],
    ],
    what: [
      'A phone and email helpline for parents and carers with questions about their child’s needs, services and support.',
    ],
    who: ['For parents and carers of children and young people {ages} with SEND.'],
    expect: ['If we cannot answer your question we will find someone who can.'],
    access: [SELF],
    cost: 'free',
    schedule: ['office'],
    location: 'remote',
  },
  childminders: {
    names: ['Childminders with SEND experience', 'Inclusive childminding'],
    categories: ['education'],
    pool: 'any',
    extra: [1, 3],
    ages: [
      [0, 11],
      [0, 4],
    ],
    what: [
      'A network of registered childminders with training and experience in caring for children with SEND.',
    ],
    who: ['For children {ages} who need childcare, including children with additional needs.'],
    expect: ['We match families with a childminder near home or school.'],
    access: [SELF],
    cost: 'funded',
    fundedNotes: [
      'Free for eligible two-, three- and four-year-olds through the government’s funded childcare hours. Additional hours cost {price}.',
      'Funded early education hours can be used here, and the early years inclusion fund can pay for extra support. Other hours cost {price}.',
    ],
    unit: 'hour',
    schedule: ['office'],
    location: 'remote',
  },
} satisfies Record<string, ServiceTemplate>;

type TemplateId = keyof typeof TEMPLATES;
const templateOf = (id: TemplateId): ServiceTemplate => TEMPLATES[id];

// ---------------------------------------------------------------------------------------------------
// Organisation kinds
// ---------------------------------------------------------------------------------------------------

type NameOption = {
  pattern: string;
  templates?: TemplateId[];
  /** For fixed names: the email mailbox (council teams) or the whole domain (NHS-style services). */
  mailbox?: string;
  domain?: string;
};
type OrgKind = {
  id: string;
  weight: number;
  /** Relative number of services. */
  size: number;
  names: NameOption[];
  /** Names used once each (council teams, NHS services), before the patterns. */
  fixed?: NameOption[];
  descriptions: string[];
  templates: TemplateId[];
  /** Overrides the template's ages (schools). */
  ages?: [number, number][];
  venueNames: string[];
  venues: [number, number];
  contactTitles: string[];
  council?: boolean;
};

const KINDS: OrgKind[] = [
  {
    id: 'council',
    weight: 2.5,
    size: 1.8,
    council: true,
    names: [],
    fixed: [
      {
        pattern: 'Wolverhampton Short Breaks Team (demo)',
        mailbox: 'short.breaks',
        templates: ['short-breaks-info', 'community-support', 'holiday-scheme'],
      },
      {
        pattern: 'Wolverhampton SEND Information, Advice and Support Service (demo)',
        mailbox: 'sendiass',
        templates: ['sendiass', 'ehc-workshop', 'helpline'],
      },
      {
        pattern: 'Wolverhampton Travel Assistance Team (demo)',
        mailbox: 'travel.assistance',
        templates: ['school-transport', 'travel-training'],
      },
      {
        pattern: 'Wolverhampton Preparing for Adulthood Team (demo)',
        mailbox: 'preparing.for.adulthood',
        templates: ['adult-transition', 'housing-advice', 'youth-voice', 'ehc-workshop'],
      },
      {
        pattern: 'Wolverhampton Children with Disabilities Team (demo)',
        mailbox: 'disabled.children',
        templates: ['cwd-social-work', 'overnight-short-break'],
      },
      {
        pattern: 'Wolverhampton Family Hubs (demo)',
        mailbox: 'family.hubs',
        templates: ['stay-and-play', 'parent-carer-group', 'family-support', 'benefits-advice'],
      },
      {
        pattern: 'Wolverhampton Educational Psychology Service (demo)',
        mailbox: 'educational.psychology',
        templates: ['ed-psych'],
      },
      {
        pattern: 'Wolverhampton Sensory Inclusion Service (demo)',
        mailbox: 'sensory.inclusion',
        templates: ['sensory-support', 'bsl-course'],
      },
      {
        pattern: 'Wolverhampton Early Years SEND Team (demo)',
        mailbox: 'early.years.send',
        templates: ['home-learning', 'stay-and-play', 'ed-psych'],
      },
      {
        pattern: 'Wolverhampton Youth Employment Hub (demo)',
        mailbox: 'youth.employment',
        templates: ['job-coaching', 'supported-internship'],
      },
      {
        pattern: 'Wolverhampton Young Carers Service (demo)',
        mailbox: 'young.carers',
        templates: ['young-carers'],
      },
      {
        pattern: 'Wolverhampton Autism Outreach Team (demo)',
        mailbox: 'autism.outreach',
        templates: ['ed-psych', 'autism-parent-course'],
      },
    ],
    descriptions: [
      '{name} is part of the City of Wolverhampton Council. We work with families, schools, health services and voluntary groups to support children and young people with SEND aged 0 to 25.',
      '{name} is a City of Wolverhampton Council service for children, young people and families. Our teams work from family hubs across the city and by phone.',
    ],
    templates: ['sendiass'],
    venueNames: ['{stem} Family Hub', '{stem} Civic Centre', '{stem} House'],
    venues: [2, 3],
    contactTitles: ['Duty officer', 'Team manager', 'Business support officer', 'Referrals coordinator'],
  },
  {
    id: 'nhs',
    weight: 2,
    size: 1.8,
    names: [{ pattern: '{stem} Children’s Health Partnership (demo)' }],
    fixed: [
      {
        pattern: 'Demo Children’s Therapy Service',
        domain: 'childrens-therapy.nhs.example',
        templates: ['speech-therapy', 'occupational-therapy', 'physiotherapy'],
      },
      {
        pattern: 'Demo Community Paediatrics Service',
        domain: 'community-paediatrics.nhs.example',
        templates: ['nd-assessment', 'sleep-continence', 'transition-health'],
      },
      {
        pattern: 'Demo Children and Young People’s Mental Health Service',
        domain: 'cyp-mental-health.nhs.example',
        templates: ['mental-health', 'counselling'],
      },
      {
        pattern: 'Demo Children’s Audiology Service',
        domain: 'childrens-audiology.nhs.example',
        templates: ['audiology'],
      },
      {
        pattern: 'Demo Wheelchair and Posture Service',
        domain: 'wheelchair-posture.nhs.example',
        templates: ['wheelchair'],
      },
      {
        pattern: 'Demo Neurodevelopmental Pathway',
        domain: 'neurodevelopmental.nhs.example',
        templates: ['nd-assessment', 'adhd-course', 'autism-parent-course'],
      },
      {
        pattern: 'Demo Community Children’s Nursing Team',
        domain: 'childrens-nursing.nhs.example',
        templates: ['school-nursing', 'transition-health'],
      },
      {
        pattern: 'Demo Learning Disability Health Team',
        domain: 'ld-health.nhs.example',
        templates: ['transition-health', 'healthy-lifestyles'],
      },
      {
        pattern: 'Demo Children’s Continence and Sleep Service',
        domain: 'continence-sleep.nhs.example',
        templates: ['sleep-continence'],
      },
    ],
    descriptions: [
      '{name} is a fictional NHS-style service used in this demo. We provide community health care for children and young people in Wolverhampton, in clinics, schools and at home.',
      '{name} (demo) brings together nurses, therapists and doctors who care for children and young people with additional health needs across Wolverhampton.',
    ],
    templates: [
      'speech-therapy',
      'occupational-therapy',
      'mental-health',
      'transition-health',
      'sleep-continence',
    ],
    venueNames: ['{stem} Health Centre', '{stem} Child Development Centre', '{stem} Clinic'],
    venues: [1, 2],
    contactTitles: ['Single point of access', 'Clinical lead', 'Administrator', 'Appointments team'],
  },
  {
    id: 'autism-charity',
    weight: 5,
    size: 1.5,
    names: [
      { pattern: '{stem} Autism Support' },
      { pattern: '{stem} Autism Family Network' },
      { pattern: '{place} Autism Parents Group' },
      {
        pattern: '{stem} Autistic Youth Network',
        templates: ['autism-youth-club', 'autism-adults-social', 'sensory-event'],
      },
      { pattern: '{stem} Spectrum Support CIC' },
    ],
    descriptions: [
      '{name} is a parent-led charity supporting autistic children, young people and their families in {place} and across Wolverhampton since {year}. We run social groups, workshops and a friendly helpline, whether or not your child has a diagnosis.',
      '{name} was set up in {year} by parents of autistic children. We offer peer support, training for families and autism-friendly activities, and we work with schools and health services to make {town} more autism-friendly.',
    ],
    templates: [
      'autism-youth-club',
      'autism-parent-course',
      'sibling-group',
      'autism-adults-social',
      'sensory-event',
      'parent-carer-group',
      'friendship-group',
    ],
    venueNames: ['{stem} Centre', '{stem} House', '{stem} Community Centre'],
    venues: [1, 2],
    contactTitles: ['Family support coordinator', 'Volunteer coordinator', 'Youth worker', 'Helpline team'],
  },
  {
    id: 'youth',
    weight: 5,
    size: 1.3,
    names: [
      { pattern: '{place} Youth Club' },
      { pattern: '{stem} Youth Project' },
      { pattern: '{place} Young People’s Centre' },
      { pattern: '{stem} Youth Trust' },
    ],
    descriptions: [
      '{name} has been running youth work in {place} since {year}. We are open to every young person and make sure young people with SEND can take part in everything we do.',
      '{name} is a community youth charity in {town}. Our youth workers run clubs, trips and holiday activities, with extra support for young people with additional needs.',
    ],
    templates: [
      'inclusive-youth-club',
      'autism-youth-club',
      'holiday-scheme',
      'friendship-group',
      'youth-voice',
      'young-carers',
      'healthy-lifestyles',
      'sensory-event',
    ],
    venueNames: ['{stem} Youth Centre', '{stem} Community Centre', '{stem} Hall'],
    venues: [1, 2],
    contactTitles: ['Youth worker', 'Club leader', 'Senior youth worker', 'Project manager'],
  },
  {
    id: 'sensory-play',
    weight: 4,
    size: 1.2,
    names: [
      { pattern: '{place} Sensory Play CIC' },
      { pattern: '{stem} Sensory Studio' },
      { pattern: '{stem} Messy Play' },
      { pattern: '{stem} Little Explorers CIC' },
    ],
    descriptions: [
      '{name} is a community interest company in {place} offering sensory and messy play for babies, young children and children with complex needs.',
      '{name} opened in {year} to give children of all abilities a place to explore, play and make a mess, and to give their families a warm welcome.',
    ],
    templates: ['sensory-play', 'stay-and-play', 'sensory-event', 'holiday-scheme'],
    venueNames: ['{stem} Sensory Studio', '{stem} Play Centre'],
    venues: [1, 1],
    contactTitles: ['Play leader', 'Bookings', 'Director'],
  },
  {
    id: 'school-primary',
    weight: 4,
    size: 0.8,
    names: [
      { pattern: '{stem} Primary School' },
      { pattern: '{stem} Primary Academy' },
      { pattern: '{stem} Junior and Infant School' },
    ],
    descriptions: [
      '{name} is a fictional mainstream primary school in {place}. We are an inclusive school where every child is valued, with a nurture room and an experienced SENCO.',
      '{name} is a primary school (demo) serving families in {place}. Our SEN information report explains how we support children with SEND.',
    ],
    templates: ['sen-support', 'resourced-autism', 'resourced-hi', 'after-school-club'],
    ages: [
      [4, 11],
      [3, 11],
    ],
    venueNames: ['{org}'],
    venues: [1, 1],
    contactTitles: ['SENCO', 'School office', 'Inclusion lead'],
  },
  {
    id: 'school-secondary',
    weight: 3,
    size: 0.8,
    names: [
      { pattern: '{stem} High School' },
      { pattern: '{stem} Academy' },
      { pattern: '{stem} School and Sixth Form' },
    ],
    descriptions: [
      '{name} is a fictional secondary school in {place}. Our learning support department helps students with SEND thrive, with a calm base open every break and lunchtime.',
      '{name} is an 11 to 16 academy (demo) in {town} with an enhanced learning centre and experienced inclusion team.',
    ],
    templates: ['sen-support', 'resourced-autism', 'resourced-hi', 'college-transition', 'dyslexia'],
    ages: [
      [11, 16],
      [11, 18],
    ],
    venueNames: ['{org}'],
    venues: [1, 1],
    contactTitles: ['SENCO', 'Head of learning support', 'School office'],
  },
  {
    id: 'school-special',
    weight: 2,
    size: 1,
    names: [
      { pattern: '{stem} School' },
      { pattern: '{stem} Specialist School' },
      { pattern: '{stem} Special Academy' },
    ],
    descriptions: [
      '{name} is a fictional special school in {place} for pupils with severe, profound and complex learning needs. Therapists and nurses work on site alongside teachers.',
      '{name} is a special academy (demo) in {town}. We focus on communication, independence and joy in learning.',
    ],
    templates: ['special-school', 'holiday-scheme', 'sensory-event', 'parent-carer-group'],
    ages: [
      [2, 19],
      [4, 19],
      [11, 19],
      [4, 11],
    ],
    venueNames: ['{org}'],
    venues: [1, 1],
    contactTitles: ['School office', 'Family liaison officer', 'Deputy headteacher'],
  },
  {
    id: 'nursery',
    weight: 3,
    size: 0.8,
    names: [
      { pattern: '{stem} Day Nursery' },
      { pattern: '{stem} Pre-school' },
      { pattern: '{stem} Nursery and Forest School' },
      { pattern: '{stem} Childminding Network', templates: ['childminders'] },
    ],
    descriptions: [
      '{name} is a fictional early years setting in {place}, rated good by its inspectors in this demo. We welcome children with SEND and work closely with families and therapists.',
      '{name} (demo) has cared for young children in {town} since {year}, with a qualified SENCO and a sensory garden.',
    ],
    templates: ['nursery-inclusion', 'stay-and-play', 'sensory-play'],
    ages: [
      [0, 4],
      [2, 4],
      [0, 5],
    ],
    venueNames: ['{org}'],
    venues: [1, 1],
    contactTitles: ['Nursery manager', 'SENCO', 'Room leader'],
  },
  {
    id: 'college',
    weight: 2,
    size: 1.5,
    names: [
      { pattern: '{stem} College' },
      { pattern: '{stem} Sixth Form College' },
      { pattern: '{place} Skills Academy' },
      { pattern: '{stem} Specialist College' },
    ],
    descriptions: [
      '{name} is a fictional further education college in {town} with a large learning support team and courses from entry level upwards.',
      '{name} (demo) offers study programmes, supported internships and independent living courses for young people with SEND aged 16 to 25.',
    ],
    templates: [
      'foundation-learning',
      'supported-internship',
      'college-transition',
      'independent-living',
      'job-coaching',
    ],
    venueNames: ['{org}', '{stem} Campus'],
    venues: [1, 2],
    contactTitles: ['Learning support team', 'Admissions', 'Transition coordinator'],
  },
  {
    id: 'family-charity',
    weight: 4,
    size: 1.3,
    names: [
      { pattern: '{stem} Family Support' },
      { pattern: '{stem} Disability Trust' },
      { pattern: '{stem} Carers Centre' },
      { pattern: '{place} Parent Carer Network' },
      { pattern: '{stem} Families Together' },
    ],
    descriptions: [
      '{name} is a local charity founded in {year} supporting families of disabled children in {place} and across Wolverhampton, with groups, advice and practical help.',
      '{name} offers friendship, information and a listening ear to parent carers in {town}. Many of our staff and volunteers are parent carers themselves.',
    ],
    templates: [
      'parent-carer-group',
      'sibling-group',
      'young-carers',
      'family-support',
      'benefits-advice',
      'helpline',
      'ehc-workshop',
      'community-support',
      'sensory-event',
    ],
    venueNames: ['{stem} Centre', '{stem} House', '{stem} Community Centre'],
    venues: [1, 2],
    contactTitles: ['Family support worker', 'Parent carer coordinator', 'Helpline team', 'Office manager'],
  },
  {
    id: 'sports',
    weight: 7,
    size: 1.2,
    names: [
      {
        pattern: '{place} Inclusive Football Club',
        templates: ['football', 'multi-sports', 'healthy-lifestyles'],
      },
      { pattern: '{stem} Swimming Club', templates: ['swimming'] },
      {
        pattern: '{place} Panthers Disability Sports Club',
        templates: ['wheelchair-sports', 'multi-sports', 'football'],
      },
      { pattern: '{stem} Riding for Disabled Children', templates: ['riding'] },
      { pattern: '{stem} Trampoline Club', templates: ['trampolining'] },
      { pattern: '{stem} Wheels Cycling Club', templates: ['cycling', 'healthy-lifestyles'] },
      { pattern: '{stem} Climbing Centre', templates: ['climbing'] },
    ],
    descriptions: [
      '{name} is a volunteer-run club in {place}, founded in {year}, that makes sport fun and accessible for disabled children and young people.',
      '{name} welcomes players and families of every ability. Our coaches hold disability sport qualifications and sessions are adapted so everyone can join in.',
    ],
    templates: ['football', 'swimming', 'multi-sports', 'sensory-event'],
    venueNames: ['{stem} Leisure Centre', '{stem} Sports Hall', '{stem} Park Pavilion'],
    venues: [1, 2],
    contactTitles: ['Club secretary', 'Head coach', 'Welfare officer'],
  },
  {
    id: 'arts',
    weight: 4,
    size: 1,
    names: [
      { pattern: '{stem} Theatre Company' },
      { pattern: '{stem} Music Makers' },
      { pattern: '{place} Arts Collective CIC' },
      { pattern: '{stem} Dance Academy' },
    ],
    descriptions: [
      '{name} is an inclusive arts organisation in {place} creating music, drama, dance and visual art with disabled and non-disabled young people.',
      '{name} (demo) has run creative workshops in {town} since {year}, with relaxed performances for families.',
    ],
    templates: ['arts-club', 'sensory-event', 'holiday-scheme'],
    venueNames: ['{stem} Arts Centre', '{stem} Studio'],
    venues: [1, 1],
    contactTitles: ['Creative director', 'Participation officer', 'Bookings'],
  },
  {
    id: 'short-breaks',
    weight: 4,
    size: 1.5,
    names: [
      { pattern: '{stem} Short Breaks' },
      { pattern: '{stem} Care and Respite' },
      { pattern: '{stem} Holiday Club', templates: ['holiday-scheme', 'saturday-club'] },
      { pattern: '{stem} House Short Stays', templates: ['overnight-short-break', 'community-support'] },
    ],
    descriptions: [
      '{name} is a registered short breaks provider in {town}, offering clubs, holiday schemes and one-to-one support for disabled children and young people.',
      '{name} has provided short breaks for families in Wolverhampton since {year}, giving young people great experiences and parent carers a well-earned rest.',
    ],
    templates: ['overnight-short-break', 'holiday-scheme', 'saturday-club', 'community-support'],
    venueNames: ['{stem} House', '{stem} Centre'],
    venues: [1, 2],
    contactTitles: ['Registered manager', 'Bookings coordinator', 'Team leader'],
  },
  {
    id: 'pfa',
    weight: 3,
    size: 1.3,
    names: [
      {
        pattern: '{stem} Supported Employment CIC',
        templates: ['job-coaching', 'supported-internship', 'travel-training'],
      },
      { pattern: '{stem} Pathways' },
      {
        pattern: '{stem} Independent Living Trust',
        templates: ['independent-living', 'housing-advice', 'healthy-lifestyles'],
      },
      { pattern: '{stem} Next Steps CIC' },
    ],
    descriptions: [
      '{name} helps young people with SEND in Wolverhampton move into adult life: work, independent living, friendships and good health.',
      '{name} was founded in {year} to help young disabled adults in {town} find work, live more independently and be part of their community.',
    ],
    templates: [
      'job-coaching',
      'supported-internship',
      'independent-living',
      'housing-advice',
      'youth-voice',
      'healthy-lifestyles',
      'travel-training',
      'autism-adults-social',
    ],
    venueNames: ['{stem} Centre', '{stem} Training Flat', '{stem} House'],
    venues: [1, 2],
    contactTitles: ['Job coach', 'Transition worker', 'Project coordinator'],
  },
  {
    id: 'transport',
    weight: 1.5,
    size: 1,
    names: [
      { pattern: '{stem} Accessible Travel CIC' },
      { pattern: '{place} Community Transport' },
      { pattern: '{stem} Travel Buddies', templates: ['travel-training'] },
    ],
    descriptions: [
      '{name} is a not-for-profit transport provider in {town} with wheelchair-accessible vehicles and trained drivers and escorts.',
      '{name} helps disabled children and young people get out and about, with accessible transport and travel training.',
    ],
    templates: ['minibus', 'travel-training'],
    venueNames: ['{stem} Depot'],
    venues: [1, 1],
    contactTitles: ['Bookings', 'Transport coordinator'],
  },
  {
    id: 'sensory-charity',
    weight: 2,
    size: 1.2,
    names: [
      {
        pattern: '{stem} Deaf Children’s Society (demo)',
        templates: ['deaf-youth-club', 'bsl-course', 'parent-carer-group'],
      },
      { pattern: '{stem} Sight Loss Youth Network', templates: ['vi-group', 'multi-sports'] },
      {
        pattern: '{stem} Deafblind Family Support',
        templates: ['msi-support', 'vi-group', 'deaf-youth-club'],
      },
      { pattern: '{place} Signing Club', templates: ['bsl-course', 'deaf-youth-club'] },
    ],
    descriptions: [
      '{name} supports children and young people with sensory impairments and their families in {place} and across the West Midlands.',
      '{name} (demo) was set up by families in {year} so that deaf, blind and deafblind children in {town} could meet, learn and have fun together.',
    ],
    templates: ['deaf-youth-club', 'vi-group', 'bsl-course', 'msi-support'],
    venueNames: ['{stem} Centre', '{stem} Resource Centre'],
    venues: [1, 1],
    contactTitles: ['Family officer', 'Youth worker', 'Office'],
  },
  {
    id: 'wellbeing',
    weight: 2,
    size: 1.2,
    names: [
      { pattern: '{stem} Wellbeing Hub' },
      { pattern: '{stem} Counselling for Young People', templates: ['counselling', 'mental-health'] },
      { pattern: '{stem} ADHD Family Support', templates: ['adhd-course', 'parent-carer-group', 'helpline'] },
      { pattern: '{stem} Mind Matters CIC' },
    ],
    descriptions: [
      '{name} is a local charity supporting the emotional wellbeing of children and young people in {town}, including those with SEND.',
      '{name} (demo) offers counselling, groups and workshops for young people and their families, with no waiting list for most services.',
    ],
    templates: ['counselling', 'mental-health', 'adhd-course'],
    venueNames: ['{stem} Wellbeing Centre', '{stem} House'],
    venues: [1, 1],
    contactTitles: ['Wellbeing practitioner', 'Counselling coordinator', 'Office'],
  },
  {
    id: 'advice',
    weight: 1.5,
    size: 1,
    names: [{ pattern: '{stem} Advice Centre' }, { pattern: '{place} Disability Advice Project' }],
    descriptions: [
      '{name} gives free, independent advice on benefits, money, education and rights to disabled people and their families in {town}.',
    ],
    templates: ['benefits-advice', 'ehc-workshop', 'helpline', 'housing-advice'],
    venueNames: ['{stem} Advice Centre'],
    venues: [1, 1],
    contactTitles: ['Adviser', 'Advice line'],
  },
  {
    id: 'learning',
    weight: 1.5,
    size: 1,
    names: [{ pattern: '{stem} Dyslexia Centre' }, { pattern: '{stem} Learning Support CIC' }],
    descriptions: [
      '{name} offers specialist teaching, assessment and advice for children and young people with specific learning difficulties in {town}.',
    ],
    templates: ['dyslexia', 'friendship-group'],
    venueNames: ['{stem} Learning Centre'],
    venues: [1, 1],
    contactTitles: ['Specialist teacher', 'Centre manager'],
  },
];

const PROVIDER_KIND: OrgKind = {
  id: 'provider',
  weight: 0,
  size: 2,
  names: [],
  descriptions: [
    'Demo Play and Leisure Short Breaks is the organisation managed by the demo provider account. It runs play schemes, Saturday clubs, sensory-friendly events and swimming for disabled children and young people across Wolverhampton.',
  ],
  templates: [
    'holiday-scheme',
    'saturday-club',
    'sensory-event',
    'inclusive-youth-club',
    'swimming',
    'autism-youth-club',
  ],
  venueNames: ['{stem} Play Centre', '{stem} Community Centre'],
  venues: [2, 2],
  contactTitles: ['Bookings coordinator', 'Play leader', 'Duty manager'],
};

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const DOMAIN_STOP = new Set([
  'the',
  'and',
  'of',
  'for',
  'demo',
  'cic',
  'club',
  'support',
  'service',
  'team',
  'group',
  'network',
  'youth',
  'school',
  'primary',
  'academy',
  'college',
  'sixth',
  'form',
  'high',
  'junior',
  'infant',
  'specialist',
  'day',
]);

function unique(base: string, taken: Set<string>, max = 64): string {
  const trimmed = base.slice(0, max).replace(/-+$/, '');
  let candidate = trimmed;
  for (let n = 2; taken.has(candidate); n++)
    candidate = `${trimmed.slice(0, max - 4).replace(/-+$/, '')}-${n}`;
  taken.add(candidate);
  return candidate;
}

function dramaPhone(rng: Rng): string {
  const n = String(rng.int(0, 999)).padStart(3, '0');
  return rng.chance(0.5) ? `01632 960${n}` : `0121 496 0${n}`;
}

function agesPhrase(min: number, max: number): string {
  if (min === max) return `aged ${min}`;
  if (min === 0) return `from birth to ${max}`;
  return `aged ${min} to ${max}`;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

function jitter(
  rng: Rng,
  district: PostcodeDistrictSeed,
  maxKm = 1.5,
): { latitude: number; longitude: number } {
  const r = maxKm * Math.sqrt(rng.next());
  const theta = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / 111.32;
  const dLon = (r * Math.sin(theta)) / (111.32 * Math.cos((district.latitude * Math.PI) / 180));
  return { latitude: round(district.latitude + dLat, 5), longitude: round(district.longitude + dLon, 5) };
}

const WEEKDAY_CODES: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };
const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function session(rng: Rng, startOptions: string[], lengths: number[]): { opensAt: string; closesAt: string } {
  const start = rng.pick(startOptions);
  const [h, m] = start.split(':').map(Number);
  const from = (h ?? 0) * 60 + (m ?? 0);
  const to = Math.min(from + rng.pick(lengths), 23 * 60 + 30);
  return { opensAt: start, closesAt: hhmm(to) };
}

// ---------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------

type OrgState = {
  seed: OrganisationSeed;
  kind: OrgKind;
  templates: TemplateId[];
  stem: string;
  district: PostcodeDistrictSeed;
  place: string;
  domain: string;
  venues: Location[];
};

type Venue = Location & { district: string };

export function generateLocalOffer(options: {
  organisations: number;
  services: number;
  today: string /* YYYY-MM-DD */;
  seed?: number;
}): { organisations: OrganisationSeed[]; services: ListingSeed[] } {
  const rng = createRng(options.seed ?? 20_250_101);
  const today = toDayNumber(options.today);
  const orgCount = Math.max(0, Math.floor(options.organisations));
  const serviceCount = Math.max(0, Math.floor(options.services));

  const districts = WOLVERHAMPTON_POSTCODE_DISTRICTS;
  const pickDistrict = () => rng.weighted(districts, (d) => districtInfo(d.code).weight);
  const districtByCode = new Map(districts.map((d) => [d.code, d]));

  // --- venues -----------------------------------------------------------------------------------
  const usedPostcodes = new Set<string>();
  const usedVenueNames = new Set<string>();
  const makeVenue = (nameFor: () => string, district: PostcodeDistrictSeed): Venue => {
    const info = districtInfo(district.code);
    let name = nameFor();
    for (let attempt = 0; attempt < 20 && usedVenueNames.has(name); attempt++) name = nameFor();
    if (usedVenueNames.has(name)) name = `${name}, ${bare(rng.pick(info.places))}`;
    for (let n = 2; usedVenueNames.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    usedVenueNames.add(name);
    let postcode: string;
    do {
      postcode = `${district.code} ${rng.int(1, 9)}${rng.pick([...UNIT_LETTERS])}${rng.pick([...UNIT_LETTERS])}`;
    } while (usedPostcodes.has(postcode) && usedPostcodes.size < 5000);
    usedPostcodes.add(postcode);
    const street = `${rng.pick(STREET_WORDS)} ${rng.pick(STREET_TYPES)}`;
    const address1 = rng.chance(0.15)
      ? `Unit ${rng.int(1, 24)}, ${rng.pick(STEMS)} Business Park`
      : `${rng.int(1, 240)} ${street}`;
    const accessibility = VENUE_ACCESSIBILITY.filter((feature) => rng.chance(ACCESSIBILITY_ODDS[feature]));
    const venue: Venue = {
      name,
      address1,
      city: info.town,
      postcode,
      ...jitter(rng, district),
      accessibility,
      district: district.code,
    };
    if (rng.chance(0.35)) venue.accessibilityDetails = rng.pick(ACCESSIBILITY_DETAILS);
    return venue;
  };
  const toLocation = ({ district: _district, ...venue }: Venue): Location => ({
    ...venue,
    accessibility: [...venue.accessibility],
  });

  const sharedVenues: Venue[] = Array.from({ length: Math.max(6, Math.ceil(orgCount / 6)) }, () =>
    makeVenue(() => `${rng.pick(STEMS)} ${rng.pick(SHARED_VENUE_TYPES)}`, pickDistrict()),
  );

  // --- organisations ----------------------------------------------------------------------------
  const takenNames = new Set<string>();
  const takenKeys = new Set<string>();
  const takenDomains = new Set<string>();
  const fixedUsed = new Map<string, number>();
  const orgs: (OrgState & { venueList: Venue[] })[] = [];

  const fill = (pattern: string, tokens: Record<string, string>) =>
    pattern.replace(/\{(\w+)\}/g, (_, token: string) => tokens[token] ?? `{${token}}`);

  const makeOrg = (kind: OrgKind, forced?: { key: string; name: string }) => {
    const district = pickDistrict();
    const place = rng.pick(districtInfo(district.code).places);
    let stem = rng.pick(STEMS);
    let name = forced?.name ?? '';
    let templates: TemplateId[] = kind.templates;
    let fixedOption: NameOption | undefined;
    if (!forced) {
      const fixedIndex = fixedUsed.get(kind.id) ?? 0;
      const fixed = kind.fixed?.[fixedIndex];
      if (fixed) {
        fixedUsed.set(kind.id, fixedIndex + 1);
        name = fixed.pattern;
        templates = fixed.templates ?? kind.templates;
        fixedOption = fixed;
      } else {
        for (let attempt = 0; attempt < 40; attempt++) {
          const option = rng.pick(kind.names);
          stem = rng.pick(STEMS);
          name = fill(option.pattern, { stem, place: bare(place) });
          templates = option.templates ?? kind.templates;
          if (!takenNames.has(name)) break;
        }
        if (takenNames.has(name)) {
          const base = name;
          for (let n = 2; takenNames.has(name); n++)
            name = `${base} (${bare(place)}${n > 2 ? ` ${n - 1}` : ''})`;
        }
      }
    }
    takenNames.add(name);
    const key = forced?.key ?? unique(slugify(name), takenKeys);
    if (forced) takenKeys.add(key);

    let domain: string;
    if (kind.council) domain = 'wolverhampton-council.example';
    else if (fixedOption?.domain) domain = fixedOption.domain;
    else {
      const words = slugify(name)
        .split('-')
        .filter((w) => !DOMAIN_STOP.has(w));
      const short = (words.length > 0 ? words : slugify(name).split('-')).slice(0, 2).join('-');
      domain = `${unique(short, takenDomains, 40)}.example`;
    }
    const info = districtInfo(district.code);
    const tokens = {
      name,
      place: place,
      town: info.town,
      year: String(rng.int(1985, 2021)),
      stem,
      org: name,
    };
    // Names that already say "demo" do not need it twice.
    const pattern = rng.pick(kind.descriptions);
    const description = fill(
      /demo/i.test(name) ? pattern.replace('{name} (demo)', '{name}') : pattern,
      tokens,
    );

    const seed: OrganisationSeed = { key, name, description };
    const teamSlug = slugify(name.replace(/^Wolverhampton /, '').replace(/\s*\(demo\)$/, ''));
    seed.email = kind.council
      ? `${fixedOption?.mailbox ?? teamSlug.split('-').slice(0, 3).join('-')}@${domain}`
      : `${rng.pick(['hello', 'info', 'enquiries', 'contact', 'office'])}@${domain}`;
    if (kind.council) seed.website = `https://${domain}/${teamSlug}`;
    else if (rng.chance(0.9) || forced) seed.website = `https://${domain}`;
    if (rng.chance(0.95) || forced || fixedOption) seed.phone = dramaPhone(rng);
    if (forced) seed.accountOrganisationKey = 'provider';

    const venueCount = rng.int(kind.venues[0], kind.venues[1]);
    const venueList: Venue[] = [];
    for (let i = 0; i < venueCount; i++) {
      const venueDistrict = i === 0 ? district : pickDistrict();
      const patterns = i === 0 ? kind.venueNames : kind.venueNames.filter((p) => p !== '{org}');
      let tries = 0;
      // The main venue is named after the organisation's own stem where it can be.
      const nameFor = () => {
        const venueStem = i === 0 && tries++ === 0 ? stem : rng.pick(STEMS);
        if (kind.council && i > 0) return `${venueStem} Family Hub`;
        return fill(rng.pick(patterns.length > 0 ? patterns : kind.venueNames), {
          stem: venueStem,
          org: name,
        });
      };
      venueList.push(makeVenue(nameFor, venueDistrict));
    }
    const state = {
      seed,
      kind,
      templates,
      stem,
      district,
      place,
      domain,
      venues: venueList.map(toLocation),
      venueList,
    };
    orgs.push(state);
    return state;
  };

  if (orgCount > 0) {
    makeOrg(PROVIDER_KIND, { key: 'demo-play-and-leisure', name: 'Demo Play and Leisure Short Breaks' });
  }
  // A core of council and NHS services first, so that even a small directory has the essentials.
  const core: string[] = orgCount >= 10 ? ['council', 'council', 'nhs', 'nhs', 'council', 'council'] : [];
  for (let i = orgs.length; i < orgCount; i++) {
    const coreKind = core[i - 1];
    const available = KINDS.filter(
      (k) => k.names.length > 0 || (k.fixed?.length ?? 0) > (fixedUsed.get(k.id) ?? 0),
    );
    const kind =
      (coreKind ? KINDS.find((k) => k.id === coreKind) : undefined) ??
      rng.weighted(available, (k) =>
        k.fixed && (fixedUsed.get(k.id) ?? 0) >= k.fixed.length ? k.weight / 4 : k.weight,
      );
    makeOrg(kind);
  }

  // --- how many services each organisation has ---------------------------------------------------
  const owners: number[] = [];
  if (orgs.length > 0 && serviceCount > 0) {
    const first = Math.min(
      serviceCount,
      Math.max(4, Math.round((serviceCount / orgs.length) * 1.5)),
      PROVIDER_KIND.templates.length + 2,
    );
    for (let i = 0; i < first; i++) owners.push(0);
    for (let o = 1; o < orgs.length && owners.length < serviceCount; o++) owners.push(o);
    // The rest go by organisation size, capped so that a one-service team does not list the same thing ten times.
    const counts = orgs.map((_, i) => owners.filter((o) => o === i).length);
    const cap = (i: number) => Math.max(2, (orgs[i]?.templates.length ?? 1) * 2);
    const others = orgs.map((_, i) => i).slice(1);
    while (owners.length < serviceCount) {
      const open = others.filter((i) => (counts[i] ?? 0) < cap(i));
      const pool = open.length > 0 ? open : others;
      const o = pool.length > 0 ? rng.weighted(pool, (i) => orgs[i]?.kind.size ?? 1) : 0;
      counts[o] = (counts[o] ?? 0) + 1;
      owners.push(o);
    }
    owners.sort((a, b) => a - b);
  }

  // --- services ---------------------------------------------------------------------------------
  const services: ListingSeed[] = [];
  const templateCursor = new Map<number, TemplateId[]>();
  const nextTemplate = (orgIndex: number, org: OrgState): TemplateId => {
    let queue = templateCursor.get(orgIndex);
    if (!queue || queue.length === 0) {
      queue = orgIndex === 0 ? [...org.templates] : rng.shuffle(org.templates);
      templateCursor.set(orgIndex, queue);
    }
    return queue.shift() as TemplateId;
  };

  for (const orgIndex of owners) {
    const org = orgs[orgIndex];
    if (!org) continue;
    const templateId = nextTemplate(orgIndex, org);
    services.push(buildService(rng, org, templateId, today, sharedVenues, toLocation, districtByCode));
  }

  if (serviceCount >= 300) ensureCoverage(rng, services, today);

  return { organisations: orgs.map((o) => o.seed), services };
}

const ACCESSIBILITY_ODDS: Record<VenueAccessibility, number> = {
  step_free: 0.78,
  accessible_toilet: 0.68,
  changing_places: 0.14,
  hearing_loop: 0.35,
  accessible_parking: 0.55,
  quiet_space: 0.42,
  sensory_room: 0.16,
};

const ACCESSIBILITY_DETAILS = [
  'Level access from the car park. The accessible toilet is on the ground floor.',
  'Ramp at the side entrance and a lift to the first floor.',
  'Two blue badge spaces by the main door. Assistance dogs welcome.',
  'The main hall can be noisy; a quiet room is available on request.',
  'Changing Places toilet with a hoist and adult-sized changing bench.',
  'The building is on a bus route; the nearest stop is 100 metres away.',
];

const SHARED_VENUE_TYPES = [
  'Community Centre',
  'Leisure Centre',
  'Library',
  'Family Hub',
  'Sports Hall',
  'Methodist Church Hall',
  'Village Hall',
];

const PRICES: Record<PriceUnit, { amounts: number[]; option: string[]; description: string[] }> = {
  session: {
    amounts: [2, 3, 3.5, 4, 5, 6, 7.5, 8],
    option: ['Per child', 'Session', 'Drop-in session'],
    description: ['per session', 'per child per session'],
  },
  lesson: {
    amounts: [5, 6.5, 7, 8.5, 12],
    option: ['Lesson', 'Group lesson', 'One-to-one lesson'],
    description: ['per lesson', 'per 30-minute lesson'],
  },
  day: {
    amounts: [12, 15, 20, 25, 35],
    option: ['Full day', 'Day place'],
    description: ['per day', 'per day, including lunch'],
  },
  hour: {
    amounts: [12, 15, 18, 22.5],
    option: ['Support worker', 'One-to-one session', 'Hourly rate'],
    description: ['per hour'],
  },
  night: { amounts: [45, 60, 85], option: ['Overnight stay'], description: ['per night'] },
  course: {
    amounts: [10, 20, 35, 45],
    option: ['Full course', 'Course place'],
    description: ['for the whole course', 'per family for the course'],
  },
  month: { amounts: [8, 10, 12], option: ['Membership'], description: ['per month'] },
  journey: {
    amounts: [3.5, 5, 12, 25],
    option: ['Single journey', 'Minibus hire'],
    description: ['per journey', 'per hour, with driver'],
  },
};

const LANGUAGE_EXTRAS = ['bfi', 'pa', 'ur', 'pl', 'ro', 'ar'];

const SELF_DETAILS = [
  'Call or email us to book a place.',
  'Fill in the short registration form on our website and we will be in touch.',
  'Get in touch for an informal chat before booking.',
  'Just come along: there is no need to book.',
];
const PRO_DETAILS = [
  'Referrals can come from a GP, health visitor, school SENCO or social worker.',
  'Ask a professional who knows your child, such as a teacher or health visitor, to refer you.',
];
const ASSESS_DETAILS = [
  'An assessment is needed first: contact us to request one.',
  'Places are agreed after an assessment of your child’s needs.',
];

const GENERIC_ELIGIBILITY = [
  'Open to children and young people {ages} with special educational needs or disabilities who live in or go to school in Wolverhampton. No diagnosis is needed.',
  'For children and young people {ages} who live in Wolverhampton. Families living just outside the city are welcome if there is space.',
  'No diagnosis is needed. If you are not sure whether this is right for your child, please get in touch.',
];

const CLOSED_NOTES = [
  'This service is temporarily closed while the venue is refurbished and will reopen soon.',
  'This service is temporarily paused while we recruit new staff.',
];

function pickNeeds(rng: Rng, template: ServiceTemplate): string[] {
  const codes = new Set<string>(template.needs ?? []);
  if (template.pool === 'any' && rng.chance(0.22)) {
    // "All needs welcome": tag the four broad areas.
    for (const parent of NEED_PARENTS) codes.add(parent);
    return [...codes];
  }
  const pool = template.pool === 'any' ? NEED_CHILDREN : template.pool;
  for (const code of rng.sample(pool, rng.int(template.extra[0], template.extra[1]))) codes.add(code);
  if (codes.size === 0) codes.add(rng.pick(pool));
  for (const code of [...codes]) {
    const parent = PARENT_OF.get(code);
    if (parent) codes.add(parent);
  }
  return [...codes];
}

function buildSchedules(rng: Rng, kind: ScheduleKind, minAge: number, today: number): Schedule[] {
  const weekly = (
    byDay: Weekday[],
    times: { opensAt: string; closesAt: string },
    extra: Partial<Schedule> = {},
  ) => ({ freq: 'WEEKLY', byDay, ...times, termTimeOnly: false, ...extra }) as Schedule;
  switch (kind) {
    case 'after-school': {
      const days = rng.sample(WEEKDAY_CODES, rng.chance(0.3) ? 2 : 1);
      const starts = minAge >= 11 ? ['16:00', '17:00', '18:00', '18:30'] : ['15:30', '16:00', '16:30'];
      const s = weekly(WEEKDAYS_IN_ORDER(days), session(rng, starts, [90, 120]));
      if (rng.chance(0.55)) s.termTimeOnly = true;
      return [s];
    }
    case 'saturday': {
      const day: Weekday = rng.chance(0.8) ? 'SA' : 'SU';
      return [weekly([day], session(rng, ['09:30', '10:00', '10:30', '13:00', '13:30'], [90, 120, 180]))];
    }
    case 'daytime': {
      const days = WEEKDAYS_IN_ORDER(rng.sample(WEEKDAY_CODES, rng.int(1, 3)));
      const s = weekly(days, session(rng, ['09:30', '10:00', '10:30', '13:00'], [120, 180, 240]));
      if (rng.chance(0.3)) s.termTimeOnly = true;
      return [s];
    }
    case 'early-years': {
      const days = WEEKDAYS_IN_ORDER(rng.sample(WEEKDAY_CODES, rng.int(1, 2)));
      const s = weekly(days, session(rng, ['09:30', '10:00', '13:30'], [60, 90, 120]));
      if (rng.chance(0.65)) s.termTimeOnly = true;
      return [s];
    }
    case 'evening': {
      const day = rng.pick(WEEKDAY_CODES);
      return [
        weekly([day], session(rng, ['18:00', '18:30', '19:00'], [90, 120]), {
          termTimeOnly: rng.chance(0.4),
        }),
      ];
    }
    case 'monthly': {
      const day = rng.pick([...WEEKDAY_CODES, 'SA'] as Weekday[]);
      const weekOfMonth = rng.pick([1, 2, 3, 4, -1]);
      const times = session(
        rng,
        day === 'SA' ? ['10:00', '13:00'] : ['10:00', '10:30', '18:30', '19:00'],
        [90, 120],
      );
      return [
        {
          freq: 'MONTHLY',
          byDay: [day],
          weekOfMonth,
          ...times,
          termTimeOnly: false,
          description: `On the ${ORDINALS[weekOfMonth] ?? 'first'} ${DAY_NAMES[day]} of every month`,
        },
      ];
    }
    case 'office': {
      if (rng.chance(0.4)) {
        return [
          weekly(['MO', 'TU', 'WE', 'TH'], { opensAt: '09:00', closesAt: '17:00' }),
          weekly(['FR'], { opensAt: '09:00', closesAt: '16:30' }),
        ];
      }
      return [
        weekly(['MO', 'TU', 'WE', 'TH', 'FR'], rng.pick(OFFICE_HOURS), {
          description: rng.pick(['Phone lines open', 'Office hours', 'Helpline hours']),
        }),
      ];
    }
    case 'appointments':
      return [
        weekly(['MO', 'TU', 'WE', 'TH', 'FR'], rng.pick(OFFICE_HOURS), {
          description: 'By appointment only',
        }),
      ];
    case 'school-day':
      return [
        weekly(
          ['MO', 'TU', 'WE', 'TH', 'FR'],
          session(rng, ['08:40', '08:45', '08:50', '09:00'], [375, 390]),
          {
            termTimeOnly: true,
          },
        ),
      ];
    case 'nursery-day':
      return rng.chance(0.3)
        ? [
            weekly(['MO', 'TU', 'WE', 'TH', 'FR'], session(rng, ['09:00', '09:15'], [180, 360]), {
              termTimeOnly: true,
              description: 'Morning and all-day sessions in term time',
            }),
          ]
        : [
            weekly(['MO', 'TU', 'WE', 'TH', 'FR'], session(rng, ['07:30', '08:00'], [600, 630]), {
              description: 'Open all year except bank holidays',
            }),
          ];
    case 'course': {
      const start = today + rng.int(-20, 70);
      const weeks = rng.pick([4, 6, 8, 10]);
      const weekday = weekdayOf(start);
      const byDay: Weekday = JS_WEEKDAY[weekday] ?? 'MO';
      return [
        weekly([byDay], session(rng, ['10:00', '13:00', '18:00', '18:30'], [90, 120]), {
          validFrom: fromDayNumber(start),
          validTo: fromDayNumber(start + (weeks - 1) * 7),
          description: `A ${weeks}-week course`,
        }),
      ];
    }
    case 'holiday':
      return [
        weekly(['MO', 'TU', 'WE', 'TH', 'FR'], session(rng, ['09:00', '09:30', '10:00'], [240, 360, 390]), {
          description: 'School holidays only: Easter, summer and October half term',
        }),
      ];
    case 'overnight':
      return [
        weekly(
          ['FR', 'SA'],
          { opensAt: '16:00', closesAt: '22:00' },
          {
            description: 'Overnight stays from Friday after school to Sunday afternoon, booked in advance',
          },
        ),
      ];
    case 'events':
      return onceEvents(rng, today, rng.int(1, 4));
    case 'none':
      return [];
  }
}

const OFFICE_HOURS = [
  { opensAt: '09:00', closesAt: '17:00' },
  { opensAt: '08:30', closesAt: '16:30' },
  { opensAt: '09:30', closesAt: '16:00' },
];

/** 0 = Sunday … 6 = Saturday */
const JS_WEEKDAY: Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const WEEKDAYS_IN_ORDER = (days: Weekday[]): Weekday[] =>
  [...days].sort((a, b) => JS_WEEKDAY.indexOf(a) - JS_WEEKDAY.indexOf(b));

const EVENT_DESCRIPTIONS = [
  'Booking essential',
  'Drop in at any time',
  'Free tickets available on the day',
  'Places are limited: please book',
];

/** One-off dated events: most in the next 90 days, some in the last 30. */
function onceEvents(rng: Rng, today: number, count: number, futureOnly = false): Schedule[] {
  const events: Schedule[] = [];
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    let day = !futureOnly && rng.chance(0.1) ? today - rng.int(1, 30) : today + rng.int(1, 90);
    if (used.has(day)) day += 1;
    used.add(day);
    const times = session(rng, ['10:00', '10:30', '13:00', '14:00', '18:00'], [60, 120, 180]);
    events.push({
      freq: 'ONCE',
      byDay: [],
      dtstart: fromDayNumber(day),
      ...times,
      termTimeOnly: false,
      description: rng.pick(EVENT_DESCRIPTIONS),
    });
  }
  return events.sort((a, b) => (a.dtstart ?? '').localeCompare(b.dtstart ?? ''));
}

function buildCost(
  rng: Rng,
  template: ServiceTemplate,
): Pick<ListingSeed, 'isFree' | 'costOptions'> & { feesDescription?: string } {
  const mode: CostMode =
    template.cost === 'mostly-free'
      ? rng.chance(0.5)
        ? 'free'
        : 'funded'
      : template.cost === 'mixed'
        ? rng.weighted(
            [
              ['free', 0.15],
              ['paid', 0.6],
              ['funded', 0.25],
            ] as const,
            ([, w]) => w,
          )[0]
        : template.cost;
  const unit = PRICES[template.unit ?? 'session'];
  const amount = rng.pick(unit.amounts);
  const price = `£${amount % 1 === 0 ? amount : amount.toFixed(2)}`;
  if (mode === 'free') return { isFree: true, costOptions: [] };
  if (mode === 'paid') {
    const costOptions: CostOption[] = [
      { option: rng.pick(unit.option), amount, amountDescription: rng.pick(unit.description) },
    ];
    if (rng.chance(0.25)) {
      costOptions.push({
        option: 'Brothers and sisters',
        amount: Math.max(1, round(amount / 2, 2)),
        amountDescription: rng.pick(unit.description),
      });
    }
    const result: ReturnType<typeof buildCost> = { isFree: false, costOptions };
    if (rng.chance(0.4)) result.feesDescription = rng.pick(PAID_NOTES);
    return result;
  }
  const result: ReturnType<typeof buildCost> = {
    isFree: false,
    costOptions: [],
    feesDescription: rng
      .pick(template.fundedNotes ?? FUNDED_NOTES)
      .replace('{price}', `${price} ${rng.pick(unit.description)}`),
  };
  if (rng.chance(0.4)) {
    result.costOptions = [
      { option: 'Self-funded place', amount, amountDescription: rng.pick(unit.description) },
    ];
  }
  return result;
}

const PAID_NOTES = [
  'Carers and personal assistants come free.',
  'Ask us about help with costs: we never want money to stop a child taking part.',
  'Pay on the day by card or cash.',
  'Direct payments can be used to pay for sessions.',
];
const FUNDED_NOTES = [
  'Free for children and young people with an assessed short breaks need or whose EHC plan includes this support. Other families can pay {price}.',
  'Funded places are available for eligible families through short breaks or a direct payment. Self-funded places cost {price}.',
  'Can be paid for with a direct payment or personal budget. Otherwise the cost is {price}.',
];

function buildService(
  rng: Rng,
  org: OrgState & { venueList: Venue[] },
  templateId: TemplateId,
  today: number,
  sharedVenues: Venue[],
  toLocation: (v: Venue) => Location,
  districtByCode: Map<string, PostcodeDistrictSeed>,
): ListingSeed {
  const template = templateOf(templateId);
  const [minimumAge, maximumAge] = rng.pick(org.kind.ages ?? template.ages);

  // Where
  // Schools, nurseries and colleges run their services on their own sites.
  const ownSite = org.kind.venueNames.includes('{org}');
  const remote =
    template.location === 'remote' ||
    (template.location === 'mixed' && rng.chance(0.2)) ||
    (!ownSite && rng.chance(0.02));
  const locations: Location[] = [];
  if (!remote) {
    const useShared = !ownSite && rng.chance(0.15) && sharedVenues.length > 0;
    const first = useShared ? rng.pick(sharedVenues) : rng.pick(org.venueList);
    locations.push(toLocation(first));
    const others = (ownSite ? org.venueList : [...org.venueList, ...sharedVenues]).filter(
      (v) => v.name !== first.name,
    );
    if (others.length > 0 && rng.chance(0.2)) locations.push(toLocation(rng.pick(others)));
  }
  const primaryDistrict = districtByCode.get(
    org.venueList.find((v) => v.name === locations[0]?.name)?.district ??
      sharedVenues.find((v) => v.name === locations[0]?.name)?.district ??
      org.district.code,
  );
  const place = rng.pick(districtInfo(primaryDistrict?.code ?? org.district.code).places);

  // What
  const base = rng.pick(template.names);
  const nameStyle = rng.next();
  const name =
    nameStyle < 0.4 || org.kind.id === 'provider'
      ? base
      : nameStyle < 0.7 && locations.length > 0
        ? `${base} – ${bare(place)}`
        : nameStyle < 0.85 && locations[0]
          ? `${base} at ${locations[0].name}`
          : base.includes(':')
            ? base
            : `${org.seed.name}: ${base}`;

  const tokens: Record<string, string> = {
    org: org.seed.name,
    place,
    town: districtInfo(primaryDistrict?.code ?? 'WV1').town,
    ages: agesPhrase(minimumAge, maximumAge),
    venue: locations[0]?.name ?? org.seed.name,
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, t: string) => tokens[t] ?? '');

  const status: ListingSeed['status'] = rng.chance(0.02) ? 'temporarily closed' : 'active';
  const expectCount = Math.min(template.expect.length, rng.int(0, status === 'active' ? 2 : 1));
  const sentences = [
    fill(rng.pick(template.what)),
    fill(rng.pick(template.who)),
    ...rng.sample(template.expect, expectCount).map(fill),
  ];
  if (status !== 'active') sentences.push(rng.pick(CLOSED_NOTES));
  const description = sentences.join(' ');

  const categories = new Set(template.categories);
  for (const extra of template.sometimes ?? []) if (rng.chance(0.2)) categories.add(extra);
  for (const code of [...categories]) {
    const parent = PARENT_OF.get(code);
    if (parent) categories.add(parent);
  }
  const termCodes = [...categories, ...pickNeeds(rng, template)];

  // Access and cost
  const accessRoutes = [...rng.pick(template.access)];
  const accessDetails = template.accessDetails
    ? rng.pick(template.accessDetails)
    : accessRoutes
        .map((r) =>
          r === 'self_referral'
            ? rng.pick(SELF_DETAILS)
            : r === 'professional_referral'
              ? rng.pick(PRO_DETAILS)
              : rng.pick(ASSESS_DETAILS),
        )
        .join(' ');
  const cost = buildCost(rng, template);

  const languages = ['en', ...(template.languages ?? [])];
  if (rng.chance(0.22)) {
    for (const code of rng.sample(LANGUAGE_EXTRAS, rng.int(1, 2)))
      if (!languages.includes(code)) languages.push(code);
  }

  // When
  const scheduleKind = rng.pick(template.schedule);
  const schedules = buildSchedules(rng, scheduleKind, minimumAge, today);
  if (scheduleKind !== 'events' && locations.length > 0 && rng.chance(0.08)) {
    const [openDay] = onceEvents(rng, today, 1, true);
    if (openDay)
      schedules.push({ ...openDay, description: rng.pick(['Open day', 'Taster session', 'Open evening']) });
  }

  // Who to contact
  const mailbox =
    slugify(base)
      .split('-')
      .filter((w) => !MAILBOX_STOP.has(w))
      .slice(0, 2)
      .join('-') || 'enquiries';
  const contacts: Contact[] = [];
  const contactCount = rng.chance(0.3) ? 2 : 1;
  for (let i = 0; i < contactCount; i++) {
    const contact: Contact = {
      title: rng.pick(org.kind.contactTitles),
      email:
        i === 0
          ? `${mailbox}@${org.domain}`
          : `${rng.pick(['bookings', 'referrals', 'enquiries'])}@${org.domain}`,
      phone: dramaPhone(rng),
    };
    if (rng.chance(0.4)) contact.name = rng.pick(FIRST_NAMES);
    if (rng.chance(0.3)) contact.phoneDescription = rng.pick(PHONE_NOTES);
    contacts.push(contact);
  }

  // Review date
  const r = rng.next();
  const daysAgo = r < 0.03 ? rng.int(250, 330) : r < 0.11 ? rng.int(183, 212) : rng.int(0, 150);

  const listing: ListingSeed = {
    organisationKey: org.seed.key,
    name,
    description,
    status,
    visibility: rng.chance(0.03) ? 'internal' : 'public',
    minimumAge,
    maximumAge,
    accessRoutes,
    accessDetails,
    ...cost,
    languages,
    termCodes,
    serviceAreas:
      primaryDistrict?.code === 'WV8'
        ? ['City of Wolverhampton', 'South Staffordshire']
        : ['City of Wolverhampton'],
    contacts,
    locations,
    schedules,
    assuredDate: fromDayNumber(today - daysAgo),
  };
  if (org.seed.website && rng.chance(0.7)) listing.url = `${org.seed.website}/${slugify(base)}`;
  if (rng.chance(0.8)) listing.email = contacts[0]?.email ?? `${mailbox}@${org.domain}`;
  const eligibility = template.eligibility ?? (rng.chance(0.45) ? GENERIC_ELIGIBILITY : undefined);
  if (eligibility) listing.eligibilityDescription = fill(rng.pick(eligibility));
  return listing;
}

const MAILBOX_STOP = new Set([
  'a',
  'and',
  'at',
  'for',
  'in',
  'of',
  'on',
  'the',
  'to',
  'with',
  'children',
  'childrens',
  'young',
  'people',
  'peoples',
  'send',
]);

const PHONE_NOTES = [
  'Monday to Friday, 9am to 5pm',
  'Leave a message and we will call you back',
  'Call or text',
  'Answered during session times',
];

// ---------------------------------------------------------------------------------------------------
// Coverage: a directory of 300+ services shows every filter with results
// ---------------------------------------------------------------------------------------------------

const MIN_PER_CODE = 3;

function ensureCoverage(rng: Rng, services: ListingSeed[], today: number): void {
  const order = rng.shuffle(services.map((_, i) => i));
  for (const { code } of [...CATEGORY_TERMS, ...NEED_TERMS]) {
    let count = services.filter((s) => s.termCodes.includes(code)).length;
    for (const i of order) {
      if (count >= MIN_PER_CODE) break;
      const s = services[i];
      if (!s || s.termCodes.includes(code)) continue;
      s.termCodes.push(code);
      const parent = PARENT_OF.get(code);
      if (parent && !s.termCodes.includes(parent)) s.termCodes.push(parent);
      count++;
    }
  }
  for (const group of AGE_GROUPS) {
    const overlaps = (s: ListingSeed) => s.minimumAge <= group.max && s.maximumAge >= group.min;
    let count = services.filter(overlaps).length;
    for (const i of order) {
      if (count >= MIN_PER_CODE) break;
      const s = services[i];
      if (!s || overlaps(s)) continue;
      s.minimumAge = Math.min(s.minimumAge, group.min);
      s.maximumAge = Math.max(s.maximumAge, group.max);
      count++;
    }
  }
  // Several listings explicitly for autistic young people around 14, at a venue.
  const autistic14 = (s: ListingSeed) =>
    /autis/i.test(`${s.name} ${s.description}`) &&
    s.minimumAge <= 14 &&
    s.maximumAge >= 14 &&
    s.locations.length > 0;
  let autismCount = services.filter(autistic14).length;
  for (const i of order) {
    if (autismCount >= 5) break;
    const s = services[i];
    if (!s || autistic14(s) || s.locations.length === 0 || s.minimumAge > 14 || s.maximumAge < 14) continue;
    // Keep descriptions to four sentences at most.
    if (s.description.split(/(?<=\.)\s+/).length >= 4) continue;
    s.description += ' Autistic young people are very welcome and we can make adjustments for sensory needs.';
    for (const code of ['autism', 'communication-and-interaction'])
      if (!s.termCodes.includes(code)) s.termCodes.push(code);
    autismCount++;
  }
  // "What's on": enough dated events in the next 90 days.
  const upcoming = () =>
    services.reduce(
      (n, s) =>
        n +
        s.schedules.filter((e) => {
          if (e.freq !== 'ONCE' || !e.dtstart) return false;
          const d = toDayNumber(e.dtstart);
          return d > today && d <= today + 90;
        }).length,
      0,
    );
  let events = upcoming();
  for (const i of order) {
    if (events >= 30) break;
    const s = services[i];
    if (!s || s.locations.length === 0) continue;
    const [openDay] = onceEvents(rng, today, 1, true);
    if (openDay) s.schedules.push({ ...openDay, description: 'Open day' });
    events++;
  }
}
