/**
 * EHC demo data (issue 5, part 10): a year of generated requests for an EHC needs assessment, in every state
 * the casework knows, and some thousands of active plans made in earlier years, so that every list and clock
 * has something true to show.
 *
 * Each request is simulated as the process runs (decision, advice from each statutory source with its own
 * return time, draft, consultation, representations, final plan, or the no-plan decision, withdrawal or a move
 * out of the area) and then cut at `today`: what had not happened by yesterday has not happened, so a request
 * received last month awaits its decision, one from the spring has its plan, and the late ones are late for a
 * reason (late advice makes a late draft makes a late plan). Every stored due date is the clock engine's
 * (deadlineFor); every exception recorded is checked with the engine's excusalProblems; every plan with the
 * engine's planProblems. Nothing here computes a statutory date by hand.
 *
 * Every person is generated and obviously fictional: names from short lists, email addresses
 * `demo.…@demo.example.org`, phone numbers from Ofcom's drama range (07700 900xxx), NHS numbers from the
 * 999 range the NHS keeps for testing (valid check digit), UPNs with the LA number 999, which no local authority
 * has (valid check letter), ULNs left unknown with a reason. Children and cases are marked is_demo.
 *
 * Deterministic: the same options (today, volumes, seed) always give the same rows, ids included.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { formatDate } from '../../lib/dates.ts';
import { englandAndWalesBankHolidays, isWorkingDay } from '../../modules/ehc/domain/bank-holidays.ts';
import { deadlineFor } from '../../modules/ehc/domain/deadlines.ts';
import { excusalProblems } from '../../modules/ehc/domain/excusals.ts';
import { nhsNumberCheckDigit, upnCheckLetter } from '../../modules/ehc/domain/identifiers.ts';
import {
  planProblems,
  type PfaDomain,
  type PlanContent,
  type PlanNeed,
  type PlanOutcome,
  type PlanProvision,
  type ProvisionSection,
} from '../../modules/ehc/domain/plan-content.ts';
import { EXCEPTIONS, type ExceptionType, type RuleId } from '../../modules/ehc/domain/rules.ts';
import type { SenType } from '../../modules/ehc/domain/sen2-codes.ts';
import { ADVICE_TYPES, type AdviceType } from '../../modules/ehc/service.ts';
import type {
  Database,
  EhcAdviceRequestsTable,
  EhcCaseEventsTable,
  EhcCaseNotesTable,
  EhcCasesTable,
  EhcChildNeedsTable,
  EhcChildrenTable,
  EhcExcusalsTable,
  EhcPlansTable,
  EhcRelatedPeopleTable,
  EhcRepresentationsTable,
  EhcSettingConsultationsTable,
  UsersTable,
} from '../types.ts';

/** How much the demo holds: `npm start` seeds the full volume; tests that do not need it turn it down. */
export type EhcDemoVolume = { requests: number; plans: number };
export const EHC_DEMO_VOLUME: EhcDemoVolume = { requests: 900, plans: 3000 };

/** The named demo family the README points to: their child's draft plan waits for their comments. */
export const DEMO_FAMILY = {
  parentEmail: 'parent@demo.example.org',
  parentName: 'Jordan Demo',
  childGivenNames: 'Jamie',
  childFamilyName: 'Demo',
} as const;

/** Further caseworkers, so the manager's caseload by caseworker has several rows. They sign in like the others. */
export const GENERATED_CASEWORKERS = [
  { email: 'dana.demo.caseworker@demo.example.org', fullName: 'Dana Demo' },
  { email: 'eden.example.caseworker@demo.example.org', fullName: 'Eden Example' },
  { email: 'frankie.fictional.caseworker@demo.example.org', fullName: 'Frankie Fictional' },
  { email: 'gray.generated.caseworker@demo.example.org', fullName: 'Gray Generated' },
  { email: 'harley.hypothetical.caseworker@demo.example.org', fullName: 'Harley Hypothetical' },
  { email: 'indy.illustrative.caseworker@demo.example.org', fullName: 'Indy Illustrative' },
] as const;

const DEMO_CASEWORKER_EMAIL = 'caseworker@demo.example.org';
const DEMO_MANAGER_EMAIL = 'send.manager@demo.example.org';

/** The demo organisations of the area configuration that the casework addresses. */
// prettier-ignore
export const EHC_DEMO_AREA_ORGANISATIONS = [
  'rwt', 'bchft', 'social-care', 'ep', 'school-primary', 'school-special', 'college', 'early-years',
] as const;

type SettingKind = 'school' | 'college' | 'early_years_setting';
type Phase = 'early-years' | 'primary' | 'secondary' | 'post-16' | 'post-19';

/**
 * More schools, colleges and nurseries, so that children are spread over settings as in a real area. They are
 * organisations like the configured ones (marked as demo data) with nobody signed up: advice and consultations
 * addressed to them are chased by the caseworker, as for any setting not yet using the platform.
 */
// prettier-ignore
export const EHC_DEMO_SETTINGS: readonly { key: string; name: string; kind: SettingKind; phase: Phase }[] = [
  { key: 'demo-rainbow-nursery', name: 'Demo Rainbow Day Nursery', kind: 'early_years_setting', phase: 'early-years' },
  { key: 'demo-acorns-pre-school', name: 'Demo Acorns Pre-School', kind: 'early_years_setting', phase: 'early-years' },
  { key: 'demo-oak-primary', name: 'Demo Oak Primary School', kind: 'school', phase: 'primary' },
  { key: 'demo-meadow-primary', name: 'Demo Meadow Primary Academy', kind: 'school', phase: 'primary' },
  { key: 'demo-st-marys-primary', name: "Demo St Mary's Catholic Primary School", kind: 'school', phase: 'primary' },
  { key: 'demo-castle-junior', name: 'Demo Castle Junior School', kind: 'school', phase: 'primary' },
  { key: 'demo-willow-infant', name: 'Demo Willow Infant School', kind: 'school', phase: 'primary' },
  { key: 'demo-heath-academy', name: 'Demo Heath Academy', kind: 'school', phase: 'secondary' },
  { key: 'demo-park-high', name: 'Demo Park High School', kind: 'school', phase: 'secondary' },
  { key: 'demo-kings-secondary', name: 'Demo Kings Secondary School', kind: 'school', phase: 'secondary' },
  { key: 'demo-valley-academy', name: 'Demo Valley Academy', kind: 'school', phase: 'secondary' },
  { key: 'demo-sixth-form-college', name: 'Demo Sixth Form College', kind: 'college', phase: 'post-16' },
  { key: 'demo-ridge-specialist-college', name: 'Demo Ridge Specialist College', kind: 'college', phase: 'post-19' },
];

/** An organisation's key: one of the area's (EHC_DEMO_AREA_ORGANISATIONS) or of EHC_DEMO_SETTINGS. */
type OrgKey = string;

const SETTING_KINDS: ReadonlyMap<OrgKey, SettingKind> = new Map<OrgKey, SettingKind>([
  ['school-primary', 'school'],
  ['school-special', 'school'],
  ['college', 'college'],
  ['early-years', 'early_years_setting'],
  ...EHC_DEMO_SETTINGS.map((setting) => [setting.key, setting.kind] as const),
]);

const GENERATED_SETTINGS: Readonly<Record<Phase, readonly OrgKey[]>> = {
  'early-years': EHC_DEMO_SETTINGS.filter((x) => x.phase === 'early-years').map((x) => x.key),
  primary: EHC_DEMO_SETTINGS.filter((x) => x.phase === 'primary').map((x) => x.key),
  secondary: EHC_DEMO_SETTINGS.filter((x) => x.phase === 'secondary').map((x) => x.key),
  'post-16': ['demo-sixth-form-college', 'demo-ridge-specialist-college'],
  'post-19': ['demo-ridge-specialist-college'],
};

export type EhcDemoOrganisation = { id: string; name: string };
export type EhcDemoCaseworker = { id: string; name: string };
export type EhcDemoRefs = {
  /** By key: the area's demo organisations and EHC_DEMO_SETTINGS. */
  organisations: Readonly<Record<OrgKey, EhcDemoOrganisation>>;
  /** Every caseworker cases are shared between; the demo caseworker and manager are among them. */
  caseworkers: readonly EhcDemoCaseworker[];
  demoCaseworker: EhcDemoCaseworker;
  manager: EhcDemoCaseworker;
};

export type EhcDemoRows = {
  children: Insertable<EhcChildrenTable>[];
  needs: Insertable<EhcChildNeedsTable>[];
  people: Insertable<EhcRelatedPeopleTable>[];
  cases: Insertable<EhcCasesTable>[];
  advice: Insertable<EhcAdviceRequestsTable>[];
  consultations: Insertable<EhcSettingConsultationsTable>[];
  excusals: Insertable<EhcExcusalsTable>[];
  plans: Insertable<EhcPlansTable>[];
  representations: Insertable<EhcRepresentationsTable>[];
  notes: Insertable<EhcCaseNotesTable>[];
  events: Insertable<EhcCaseEventsTable>[];
};

export type EhcDemoOptions = {
  today: string;
  requests?: number;
  plans?: number;
  seed?: number;
};

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness, ids and dates
// ---------------------------------------------------------------------------------------------------------

type Rng = {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
};

/** mulberry32: small, fast and well distributed; the same seed gives the same demo. */
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
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('Cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return (items.at(-1) as readonly [T, number])[0];
    },
  };
}

/** Random-looking version 4 UUIDs from their own stream, so that ids never shift the data drawn. */
function createIds(seed: number): () => string {
  const rng = createRng(seed ^ 0x5bd1e995);
  const hex = (n: number) =>
    Math.floor(rng.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0')
      .slice(0, n);
  return () => {
    const a = hex(8);
    const b = hex(8);
    const c = hex(8);
    const d = hex(8);
    const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  };
}

const DAY_MS = 86_400_000;
/** Dates as day numbers (days since 1970-01-01) inside the generator; ISO dates in and out. */
function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
const isoCache = new Map<number, string>();
function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/**
 * The day itself if the council is at work, otherwise a working day soon after (bank holidays where known).
 * Saturday's work goes to Monday and Sunday's to Tuesday, so that Mondays are not three days' worth.
 */
const workdayCache = new Map<number, number>();
function workday(day: number): number {
  const known = workdayCache.get(day);
  if (known !== undefined) return known;
  const weekday = new Date(day * DAY_MS).getUTCDay();
  let d = weekday === 0 || weekday === 6 ? day + 2 : day;
  for (; ; d += 1) {
    const weekday = new Date(d * DAY_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    try {
      if (isWorkingDay(isoOf(d), englandAndWalesBankHolidays)) break;
    } catch {
      break; // a year the bank holiday table does not cover: weekdays only
    }
  }
  workdayCache.set(day, d);
  return d;
}

/** The engine's due date for a rule and a start date; asked once for each pair (they never change). */
const dueCache = new Map<string, string>();
function dueDate(ruleId: RuleId, startDate: string): string {
  const key = `${ruleId}:${startDate}`;
  let due = dueCache.get(key);
  if (due === undefined) {
    due = deadlineFor(ruleId, startDate).dueDate;
    dueCache.set(key, due);
  }
  return due;
}

/** A moment on a day, in UTC: the working day, with events of a case in the order they happened. */
function momentOn(day: number, slot: number): Date {
  return new Date(day * DAY_MS + (8 * 60 + 30 + slot * 7) * 60_000);
}

function ageOn(dateOfBirth: number, on: number): number {
  const dob = isoOf(dateOfBirth);
  const at = isoOf(on);
  let age = Number(at.slice(0, 4)) - Number(dob.slice(0, 4));
  if (at.slice(5) < dob.slice(5)) age -= 1;
  return age;
}

/** Age on 31 August at the start of the school year that `on` falls in. */
function schoolAge(dateOfBirth: number, on: number): number {
  const at = isoOf(on);
  const year = Number(at.slice(0, 4));
  const start = Number(at.slice(5, 7)) >= 9 ? year : year - 1;
  return ageOn(dateOfBirth, dayOf(`${start}-08-31`));
}

/** The national curriculum year (N1, N2, R, 1 to 14), or null before nursery and after year 14. */
function curriculumYear(dateOfBirth: number, on: number): string | null {
  const age = schoolAge(dateOfBirth, on);
  if (age < 2) return null;
  if (age === 2) return 'N1';
  if (age === 3) return 'N2';
  if (age === 4) return 'R';
  return age - 4 <= 14 ? String(age - 4) : null;
}

function phaseOf(dateOfBirth: number, on: number): Phase {
  const age = schoolAge(dateOfBirth, on);
  if (age < 4) return 'early-years';
  if (age < 11) return 'primary';
  if (age < 16) return 'secondary';
  if (age < 19) return 'post-16';
  return 'post-19';
}

/** From year 9 (Code of Practice 8.9), and for every young person past year 14. */
function preparingForAdulthood(dateOfBirth: number, on: number): boolean {
  return schoolAge(dateOfBirth, on) >= 13;
}

/** The 31 July by which a child now in `year` finishes its key stage, as the plan's outcomes say it. */
function byWhen(dateOfBirth: number, on: number): string {
  const age = schoolAge(dateOfBirth, on);
  const at = isoOf(on);
  const schoolYearEnds = Number(at.slice(5, 7)) >= 9 ? Number(at.slice(0, 4)) + 1 : Number(at.slice(0, 4));
  const stage = (name: string, lastAge: number) =>
    `By the end of ${name} (July ${schoolYearEnds + Math.max(0, lastAge - age)})`;
  if (age <= 4) return stage('the Reception year', 4);
  if (age <= 6) return stage('key stage 1', 6);
  if (age <= 10) return stage('key stage 2', 10);
  if (age <= 13) return stage('key stage 3', 13);
  if (age <= 15) return stage('key stage 4', 15);
  if (age <= 18) return `By the end of the study programme (July ${schoolYearEnds + (age <= 16 ? 1 : 0)})`;
  return `Within 12 months (by ${formatDate(isoOf(on + 365))})`;
}

// ---------------------------------------------------------------------------------------------------------
// Short lists of invented people, places and words
// ---------------------------------------------------------------------------------------------------------

// prettier-ignore
const GIVEN_NAMES_F = [
  'Amara', 'Aisha', 'Ava', 'Chloe', 'Ella', 'Freya', 'Grace', 'Harleen', 'Isla', 'Jasmin', 'Lily', 'Maya',
  'Mia', 'Nadia', 'Olivia', 'Priya', 'Ruby', 'Sofia', 'Zara', 'Zofia',
] as const;
// prettier-ignore
const GIVEN_NAMES_M = [
  'Aarav', 'Adam', 'Alfie', 'Amir', 'Arjun', 'Ben', 'Callum', 'Daniel', 'Ethan', 'Harvey', 'Isaac', 'Jack',
  'Jayden', 'Kacper', 'Leo', 'Mason', 'Noah', 'Oscar', 'Reuben', 'Ryan', 'Theo', 'Tyler', 'Yusuf', 'Zain',
] as const;
const GIVEN_NAMES_ANY = ['Alex', 'Charlie', 'Jamie', 'Jordan', 'Riley', 'Robin', 'Sam', 'Taylor'] as const;
const SHORT_NAMES: Readonly<Record<string, string>> = {
  Alexander: 'Alex',
  Olivia: 'Liv',
  Daniel: 'Dan',
  Isaac: 'Zac',
  Callum: 'Cal',
  Jasmin: 'Jas',
  Harleen: 'Harli',
  Theo: 'Teddy',
  Reuben: 'Reu',
  Sofia: 'Sofi',
};
// prettier-ignore
const FAMILY_NAMES = [
  'Ahmed', 'Allen', 'Bains', 'Begum', 'Bennett', 'Campbell', 'Clarke', 'Dhillon', 'Edwards', 'Evans',
  'Francis', 'Gill', 'Grant', 'Hughes', 'Hussain', 'Johal', 'Kaur', 'Khan', 'Kowalski', 'Lewis', 'Mensah',
  'Morris', 'Nowak', 'Okafor', 'Patel', 'Popescu', 'Roberts', 'Sandhu', 'Singh', 'Walker', 'Ward', 'Wood',
] as const;
// prettier-ignore
const PARENT_NAMES = [
  'Aaliyah', 'Amandeep', 'Angela', 'Chris', 'Claire', 'Dean', 'Emma', 'Farah', 'Gemma', 'Jas', 'Joanne',
  'Karen', 'Kerry', 'Lee', 'Marek', 'Michelle', 'Nav', 'Paul', 'Rachel', 'Sarah', 'Simran', 'Stacey', 'Tom',
  'Wayne',
] as const;
// prettier-ignore
const POSTCODE_DISTRICTS = [
  'WV1', 'WV2', 'WV3', 'WV4', 'WV6', 'WV8', 'WV9', 'WV10', 'WV11', 'WV12', 'WV13', 'WV14',
] as const;
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** SEN2 ethnicity codes, roughly as the city's pupils are. */
// prettier-ignore
const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['WBRI', 50], ['WIRI', 1], ['WOTH', 5], ['WROM', 1], ['MWBC', 5], ['MWBA', 1], ['MWAS', 2], ['MOTH', 2],
  ['AIND', 12], ['APKN', 3], ['ABAN', 1], ['AOTH', 2], ['BCRB', 3], ['BAFR', 5], ['BOTH', 1], ['CHNE', 1],
  ['OOTH', 2], ['REFU', 1], ['NOBT', 2],
];

/** Primary needs as the national statistics have them: autism, SLCN and SEMH the most common. */
// prettier-ignore
const PRIMARY_NEEDS: readonly (readonly [SenType, number])[] = [
  ['ASD', 31], ['SLCN', 19], ['SEMH', 15], ['MLD', 10], ['SLD', 6], ['PD', 4], ['SPLD', 3], ['PMLD', 2],
  ['HI', 2], ['DS', 2], ['VI', 1], ['MSI', 1], ['OTH', 4],
];
// prettier-ignore
const SECONDARY_NEEDS: readonly (readonly [SenType, number])[] = [
  ['SLCN', 26], ['SEMH', 20], ['MLD', 16], ['ASD', 12], ['SPLD', 8], ['PD', 5], ['SLD', 4], ['HI', 3],
  ['VI', 2], ['OTH', 4],
];

const COMMUNICATION_NEEDS: Partial<Record<SenType, readonly string[]>> = {
  SLCN: [
    'Needs time to process what is said: short sentences, one instruction at a time, and pictures to help.',
    'Uses Makaton signs and symbols alongside speech.',
  ],
  ASD: ['Prefers written or visual information; a visual timetable helps in meetings.'],
  HI: ['Uses British Sign Language: book a BSL interpreter for meetings.'],
  SLD: ['Uses Makaton and objects of reference; family members interpret in meetings.'],
  PMLD: ['Communicates through facial expression, vocal sounds and an eye-gaze device.'],
  MSI: ['Uses on-body signing and objects of reference.'],
};

// ---------------------------------------------------------------------------------------------------------
// Plan content: a template for each kind of need, in the words a good plan uses
// ---------------------------------------------------------------------------------------------------------

type ProvisionTemplate = {
  section: ProvisionSection;
  what: string;
  who: string;
  howOften: string;
  forHowLong: string;
  /** Indexes of the template's needs and outcomes this item meets. */
  needs: number[];
  outcomes: number[];
};
type NeedTemplate = {
  needs: { section: 'B' | 'C' | 'D'; text: string }[];
  outcomes: { text: string; pfa: PfaDomain }[];
  provision: ProvisionTemplate[];
};

const REVIEWED = 'Reviewed at each annual review';

const TEMPLATES: Readonly<Record<SenType, NeedTemplate>> = {
  ASD: {
    needs: [
      {
        section: 'B',
        text: '{name} has a diagnosis of autism. {name} finds changes of routine, busy rooms and unstructured times hard, and can become overwhelmed and withdraw.',
      },
      {
        section: 'B',
        text: '{name} understands more than they can say, and needs time and visual support to follow instructions given to the whole class.',
      },
      {
        section: 'C',
        text: '{name} is sensitive to noise and to some food textures, which affects eating at lunchtime.',
      },
    ],
    outcomes: [
      {
        text: '{name} will manage changes to the day, with warning and a visual timetable, without becoming distressed, on four days out of five.',
        pfa: 'independent-living',
      },
      {
        text: '{name} will take part in a small-group activity with two or three other children or young people for 15 minutes.',
        pfa: 'community-inclusion',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A visual timetable and now-and-next board, with changes explained in advance',
        who: 'Class teacher and teaching assistant',
        howOften: 'Every day',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'F',
        what: 'Small-group social communication sessions (for example Lego-based therapy)',
        who: 'Teaching assistant trained by the Autism Outreach Team',
        howOften: '3 sessions of 30 minutes a week',
        forHowLong: 'For the school year, then reviewed',
        needs: [1],
        outcomes: [1],
      },
      {
        section: 'F',
        what: 'A quiet space to go to with an agreed signal, and a sensory plan',
        who: 'SENCo, with advice from occupational therapy',
        howOften: 'Available every day; sensory plan reviewed termly',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'G',
        what: 'Occupational therapy advice on sensory needs and eating, with a programme for home and school',
        who: 'Children’s occupational therapy, The Royal Wolverhampton NHS Trust',
        howOften: 'One assessment, then a review visit each term',
        forHowLong: 'For 12 months',
        needs: [2],
        outcomes: [0],
      },
    ],
  },
  SLCN: {
    needs: [
      {
        section: 'B',
        text: '{name} has a language disorder. {name} finds it hard to understand longer sentences and to put words in order to explain what happened.',
      },
      {
        section: 'B',
        text: 'Some speech sounds are not yet clear, so people who do not know {name} find them hard to understand.',
      },
    ],
    outcomes: [
      {
        text: '{name} will follow a two-part instruction given to the class, with a visual prompt, four times out of five.',
        pfa: 'employment',
      },
      {
        text: '{name} will retell a short event in the right order using a story frame.',
        pfa: 'community-inclusion',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A targeted language programme set by the speech and language therapist',
        who: 'Teaching assistant, trained and supervised by the speech and language therapist',
        howOften: '3 sessions of 20 minutes a week',
        forHowLong: 'For the school year, then reviewed',
        needs: [0],
        outcomes: [0, 1],
      },
      {
        section: 'F',
        what: 'Key vocabulary taught before each new topic, with visual supports in lessons',
        who: 'Class teacher',
        howOften: 'Every lesson',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'G',
        what: 'Speech and language therapy: assessment, a programme for school and home, and direct therapy',
        who: 'Speech and language therapist, The Royal Wolverhampton NHS Trust',
        howOften: 'A block of 6 weekly sessions each term',
        forHowLong: 'For 12 months',
        needs: [0, 1],
        outcomes: [1],
      },
    ],
  },
  SEMH: {
    needs: [
      {
        section: 'B',
        text: '{name} finds it hard to manage strong feelings. When anxious, {name} may leave the classroom or refuse to work, and has missed a lot of school.',
      },
      {
        section: 'B',
        text: '{name} finds it hard to trust new adults and to repair friendships after a falling out.',
      },
      {
        section: 'C',
        text: '{name} has anxiety and low mood and is known to the children and young people’s mental health service.',
      },
    ],
    outcomes: [
      {
        text: '{name} will attend school for at least 90% of sessions.',
        pfa: 'employment',
      },
      {
        text: '{name} will name how they are feeling and use an agreed strategy to calm, with the help of a trusted adult.',
        pfa: 'health',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A key adult to check in with at the start and end of each day, and a plan for unsettled times',
        who: 'Named learning mentor',
        howOften: 'Twice a day',
        forHowLong: REVIEWED,
        needs: [0, 1],
        outcomes: [0],
      },
      {
        section: 'F',
        what: 'Emotional literacy support sessions (ELSA)',
        who: 'Trained emotional literacy support assistant',
        howOften: '1 session of 45 minutes a week',
        forHowLong: 'For 2 terms, then reviewed',
        needs: [0],
        outcomes: [1],
      },
      {
        section: 'G',
        what: 'Therapeutic support for anxiety',
        who: 'Children and young people’s mental health service, Black Country Healthcare NHS Foundation Trust',
        howOften: 'As set out in the care plan (currently fortnightly sessions)',
        forHowLong: 'Until discharged by the service',
        needs: [2],
        outcomes: [1],
      },
    ],
  },
  MLD: {
    needs: [
      {
        section: 'B',
        text: '{name} learns more slowly than others of the same age and is working well below age-related expectations in reading, writing and mathematics.',
      },
      {
        section: 'B',
        text: '{name} needs new learning broken into small steps and repeated often to remember it.',
      },
    ],
    outcomes: [
      {
        text: '{name} will read and understand a short text at their level, answering simple questions about it.',
        pfa: 'employment',
      },
      {
        text: '{name} will use money to pay for an item and check the change, with support.',
        pfa: 'independent-living',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'Teaching in a small group for English and mathematics, with work set at the right level',
        who: 'Teacher, with a teaching assistant',
        howOften: 'Daily English and mathematics lessons',
        forHowLong: REVIEWED,
        needs: [0, 1],
        outcomes: [0],
      },
      {
        section: 'F',
        what: 'Precision teaching of reading and number facts',
        who: 'Teaching assistant',
        howOften: '10 minutes a day, 5 days a week',
        forHowLong: 'For the school year, then reviewed',
        needs: [1],
        outcomes: [0, 1],
      },
    ],
  },
  SPLD: {
    needs: [
      {
        section: 'B',
        text: '{name} has dyslexia: reading is slow and spelling is not yet secure, although {name} understands and talks about ideas well.',
      },
    ],
    outcomes: [
      {
        text: '{name} will read a text at their level at a rate that lets them follow it, and record ideas using assistive technology.',
        pfa: 'employment',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A structured, multisensory literacy programme',
        who: 'Specialist teacher (SpLD)',
        howOften: '2 sessions of 30 minutes a week',
        forHowLong: 'For the school year, then reviewed',
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'F',
        what: 'Text-to-speech and speech-to-text software, with training to use it',
        who: 'SENCo',
        howOften: 'In every lesson that needs reading or writing',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
    ],
  },
  SLD: {
    needs: [
      {
        section: 'B',
        text: '{name} has severe learning difficulties and needs adult support for learning, communication and personal care throughout the day.',
      },
      { section: 'C', text: '{name} has epilepsy, managed with medication, and a care plan for seizures.' },
      {
        section: 'D',
        text: 'The family care for {name} around the clock and need regular breaks to keep going.',
      },
    ],
    outcomes: [
      {
        text: '{name} will make choices using symbols or Makaton, several times a day.',
        pfa: 'community-inclusion',
      },
      {
        text: '{name} will take part in dressing and washing hands, with prompts reduced over the year.',
        pfa: 'independent-living',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'Teaching in a class of no more than 10, with a high ratio of adults and a sensory curriculum',
        who: 'Special school teacher and teaching assistants',
        howOften: 'Every day',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0, 1],
      },
      {
        section: 'G',
        what: 'Epilepsy care plan, with staff trained to give emergency medication',
        who: 'Epilepsy nurse specialist, The Royal Wolverhampton NHS Trust',
        howOften: 'Training once a year; care plan reviewed every 6 months',
        forHowLong: REVIEWED,
        needs: [1],
        outcomes: [],
      },
      {
        section: 'H1',
        what: 'Short breaks at an overnight short-break unit',
        who: 'Children with Disabilities Team, Children’s Social Care',
        howOften: '2 nights a month',
        forHowLong: 'Until the next review of the child’s needs',
        needs: [2],
        outcomes: [],
      },
    ],
  },
  PMLD: {
    needs: [
      {
        section: 'B',
        text: '{name} has profound and multiple learning difficulties and learns through the senses and through routines with familiar adults.',
      },
      {
        section: 'C',
        text: '{name} is fed by gastrostomy, needs positioning support and has a complex health care plan.',
      },
      { section: 'D', text: '{name} needs two carers for moving and handling at home.' },
    ],
    outcomes: [
      {
        text: '{name} will show anticipation of a familiar activity, such as looking towards the object of reference.',
        pfa: 'community-inclusion',
      },
      { text: '{name} will stay comfortable and well positioned through the school day.', pfa: 'health' },
    ],
    provision: [
      {
        section: 'F',
        what: 'A sensory curriculum with intensive interaction and objects of reference',
        who: 'Special school teacher and teaching assistants',
        howOften: 'Every day',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'G',
        what: 'Physiotherapy: a positioning and stretching programme, with equipment',
        who: 'Children’s physiotherapy, The Royal Wolverhampton NHS Trust',
        howOften: 'Programme delivered daily by staff; therapist visits every half term',
        forHowLong: REVIEWED,
        needs: [1],
        outcomes: [1],
      },
      {
        section: 'H1',
        what: 'Help at home with moving and handling',
        who: 'Children with Disabilities Team, Children’s Social Care',
        howOften: '10 hours a week',
        forHowLong: 'Until the next review of the child’s needs',
        needs: [2],
        outcomes: [1],
      },
    ],
  },
  PD: {
    needs: [
      {
        section: 'B',
        text: '{name} has cerebral palsy affecting movement and fine motor skills, so writing, moving around school and PE need adapting.',
      },
      {
        section: 'C',
        text: '{name} has a physiotherapy programme and uses a walking frame and a wheelchair for longer distances.',
      },
    ],
    outcomes: [
      {
        text: '{name} will move around school safely and independently using their walking frame.',
        pfa: 'independent-living',
      },
      {
        text: '{name} will record their work using a laptop at the same pace as the class.',
        pfa: 'employment',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A laptop with accessibility settings, and adapted PE',
        who: 'SENCo and PE teacher, with advice from the Physical Disability Support Service',
        howOften: 'Every day; PE adapted each lesson',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [1],
      },
      {
        section: 'G',
        what: 'Physiotherapy and occupational therapy programmes, and equipment',
        who: 'Children’s therapy services, The Royal Wolverhampton NHS Trust',
        howOften: 'Programme delivered by school staff daily; therapist reviews each term',
        forHowLong: REVIEWED,
        needs: [1],
        outcomes: [0],
      },
    ],
  },
  HI: {
    needs: [
      {
        section: 'B',
        text: '{name} has a permanent moderate to severe hearing loss and wears hearing aids; background noise makes listening in class very hard.',
      },
    ],
    outcomes: [
      {
        text: '{name} will follow class teaching using a radio aid and check their understanding with the teacher.',
        pfa: 'employment',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A radio aid, seating near the teacher and subtitled videos',
        who: 'Class teacher, with the Sensory Inclusion Service',
        howOften: 'Every lesson',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'F',
        what: 'Visits from a qualified teacher of the deaf to advise staff and check equipment',
        who: 'Qualified teacher of the deaf, Sensory Inclusion Service',
        howOften: 'Once every half term',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
    ],
  },
  VI: {
    needs: [
      {
        section: 'B',
        text: '{name} has a severe visual impairment and needs print enlarged and materials adapted, and mobility training around school.',
      },
    ],
    outcomes: [
      {
        text: '{name} will use a tablet with magnification to read classroom materials independently.',
        pfa: 'employment',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'Materials enlarged or adapted in advance, and a tablet with magnification',
        who: 'Teaching assistant, with the Sensory Inclusion Service',
        howOften: 'Every lesson',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'F',
        what: 'Habilitation (mobility and independence) training',
        who: 'Qualified habilitation specialist',
        howOften: '1 session a week for a term, then monthly',
        forHowLong: 'For 12 months',
        needs: [0],
        outcomes: [0],
      },
    ],
  },
  MSI: {
    needs: [
      {
        section: 'B',
        text: '{name} has a combined hearing and vision impairment and needs an intervenor to access learning and communicate.',
      },
    ],
    outcomes: [
      {
        text: '{name} will take part in a group activity using on-body signing with their intervenor.',
        pfa: 'community-inclusion',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A trained intervenor throughout the school day',
        who: 'Intervenor, supervised by a teacher of multisensory impairment',
        howOften: 'Every day',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
    ],
  },
  DS: {
    needs: [
      {
        section: 'B',
        text: '{name} has Down syndrome. {name} learns well from seeing and doing, and needs support with language, number and working memory.',
      },
      { section: 'C', text: '{name} has a hearing loss that varies and is monitored by audiology.' },
    ],
    outcomes: [
      { text: '{name} will read simple sentences using a whole-word approach.', pfa: 'employment' },
      {
        text: '{name} will travel a familiar route with a trusted adult, crossing roads safely.',
        pfa: 'independent-living',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A whole-word reading programme and visual number resources',
        who: 'Teaching assistant, with advice from the specialist teacher',
        howOften: '15 minutes a day',
        forHowLong: 'For the school year, then reviewed',
        needs: [0],
        outcomes: [0],
      },
      {
        section: 'G',
        what: 'Hearing checks and advice to school on listening',
        who: 'Paediatric audiology, The Royal Wolverhampton NHS Trust',
        howOften: 'Every 6 months',
        forHowLong: REVIEWED,
        needs: [1],
        outcomes: [],
      },
    ],
  },
  OTH: {
    needs: [
      {
        section: 'B',
        text: '{name} has a rare genetic condition that affects energy, attention and memory, so learning needs to be paced through the day.',
      },
    ],
    outcomes: [
      {
        text: '{name} will complete a short task independently, with rest breaks built into the timetable.',
        pfa: 'health',
      },
    ],
    provision: [
      {
        section: 'F',
        what: 'A personalised timetable with planned rest breaks, and work broken into short tasks',
        who: 'Class teacher and teaching assistant',
        howOften: 'Every day',
        forHowLong: REVIEWED,
        needs: [0],
        outcomes: [0],
      },
    ],
  },
};

const PFA_OUTCOMES: readonly {
  text: string;
  pfa: PfaDomain;
  provision: Omit<ProvisionTemplate, 'needs' | 'outcomes'>;
}[] = [
  {
    text: '{name} will travel to college and back independently by bus.',
    pfa: 'independent-living',
    provision: {
      section: 'F',
      what: 'Independent travel training',
      who: 'Independent travel training team',
      howOften: '2 sessions a week for a term',
      forHowLong: 'Until {name} travels the route alone safely',
    },
  },
  {
    text: '{name} will complete a work experience placement in an area of interest.',
    pfa: 'employment',
    provision: {
      section: 'F',
      what: 'Careers guidance and a supported work experience placement',
      who: 'Careers adviser and job coach',
      howOften: 'Guidance each term; placement of one day a week for 6 weeks',
      forHowLong: 'For the next school or college year',
    },
  },
];

const VIEWS = [
  '{name} likes {interest} and says the best part of the day is {best}. {name} wants to {hope}. {parentName} wants {name} to be happy, to have friends and to be understood by the adults around them.',
  '“I like {interest}. I don’t like it when it’s noisy.” {name} would like to {hope}. The family say {name} is funny and loving, and that what works best is {best}.',
  '{name} told us that they are good at {interest} and want to {hope}. {parentName} says {name} does best with {best}, and worries about what happens when plans change.',
];
// prettier-ignore
const INTERESTS = [
  'drawing', 'dinosaurs', 'football', 'music', 'swimming', 'trains', 'computer games', 'animals', 'cooking',
  'dancing',
];
// prettier-ignore
const BESTS = [
  'break time with a friend', 'knowing what is happening next', 'a calm, quiet room', 'practical lessons',
  'one adult they trust',
];
// prettier-ignore
const HOPES = [
  'have more friends', 'read by themself', 'go to college', 'work with animals', 'be a chef',
  'travel on the bus alone', 'play in a team',
];

const REQUEST_REASONS: Readonly<Record<SenType, string>> = {
  ASD: '{name} has a diagnosis of autism and is finding school increasingly hard despite SEN support over two years: more time out of class and reduced attendance.',
  SLCN: '{name} has a severe language disorder; progress is limited despite a speech and language programme at SEN support.',
  SEMH: '{name} is at risk of exclusion and attendance has fallen below 60%; SEN support and an early help plan have not been enough.',
  MLD: '{name} is working well below age-related expectations and the gap is widening despite targeted support.',
  SPLD: '{name} has significant literacy difficulties that continue despite specialist teaching at SEN support.',
  SLD: '{name} has severe learning difficulties and needs a level of support the setting cannot provide from its own resources.',
  PMLD: '{name} has profound and multiple learning difficulties and complex health needs; the family want a specialist setting.',
  PD: '{name} has cerebral palsy and needs adapted equipment, therapy and adult support to access learning safely.',
  HI: '{name} has a permanent hearing loss and needs specialist teaching and equipment to access the curriculum.',
  VI: '{name} has a severe visual impairment and needs materials adapted and mobility training.',
  MSI: '{name} has a multisensory impairment and needs an intervenor to access learning.',
  DS: '{name} has Down syndrome and needs more support than the setting can provide from its own resources.',
  OTH: '{name} has a rare condition affecting learning and energy; the school cannot meet their needs from its own resources.',
};

const NOT_ASSESS_REASONS = [
  'The evidence shows that {name}’s needs can be met at SEN support, from the resources normally available to the setting. We recommend a costed provision map and advice from the Inclusion Support Team, reviewed in a term.',
  'The request did not show a graduated approach over time: the setting has not yet tried the assess, plan, do, review cycle with specialist advice. We will fund outreach advice and ask the setting to review in 12 weeks.',
  '{name} is making expected progress with the support now in place. The evidence does not show that special educational provision may be needed through an EHC plan (Children and Families Act 2014 s.36(8)).',
];
const NO_PLAN_REASONS = [
  'The assessment shows that {name}’s needs can be met from the resources normally available to the setting. The advice received sets out the support the setting will put in place.',
  'The advice agrees that {name} needs targeted support that the school can provide at SEN support, with the educational psychologist’s recommendations.',
];
const ASSESS_REASONS =
  'The evidence shows that {name} has or may have special educational needs and may need special educational provision to be made through an EHC plan (Children and Families Act 2014 s.36(8)).';

const ADVICE_SUMMARIES: Readonly<Record<AdviceType, readonly string[]>> = {
  educational: [
    'Head teacher’s advice: {name} is working well below age-related expectations and needs adult support for much of the day. The provision map and reviews of SEN support are attached.',
    'Advice from the school: what {name} can do, what they find hard, and the support that has helped so far.',
  ],
  health: [
    'Community paediatric advice: diagnosis confirmed; recommends speech and language therapy and an occupational therapy assessment.',
    'Health advice through the Designated Clinical Officer: summary of health needs and the therapy input recommended.',
  ],
  psychological: [
    'Educational psychology advice after observation and consultation: recommendations for a structured, visual learning environment and small-group teaching.',
    'Psychological advice: strengths in verbal reasoning; working memory and processing speed are significantly below average.',
  ],
  social_care: [
    'Social care advice: not known to children’s social care; no social care needs identified at present. The family were told about short breaks.',
    'Social care advice: known to the Children with Disabilities Team; short breaks recommended.',
  ],
  setting: [
    'Advice from the setting on {name}’s development, what has helped, and the support they need to move on to school.',
  ],
  preparing_for_adulthood: [
    'Preparing for adulthood advice: {name} wants to go to college; travel training and supported work experience recommended.',
  ],
  other: ['Advice received.'],
};

const NOTES = [
  'Spoke to {parentName} on the phone: happy with the timescales and asked for letters by email.',
  'Chased the health advice with the Designated Clinical Officer.',
  'The school sent further evidence: the provision map and the last two SEN support reviews.',
  'The family asked for a meeting to talk through the draft; booked for next week.',
  'The educational psychologist has booked an observation in school.',
  '{parentName} asked for copies of the advice before the draft is written: sent.',
  'Interpreter needed for meetings: booked through the council’s interpreting service.',
];
const REPRESENTATIONS = [
  'We agree with most of the draft. We would like section F to say how often the speech and language programme will happen and who will do it.',
  'We would like {name} to go to a special school. Mainstream has not worked, even with support.',
  'The draft is a good picture of {name}. Please add their love of {interest} to section A.',
  'We want the outcomes to include {name} travelling to school more independently.',
];
const CONSULTATION_REPLIES = [
  'We can meet {name}’s needs with the provision in sections F and G.',
  'We can meet the needs as set out; we will need the teaching assistant support in section F in place from the start of term.',
];
const EXCEPTION_EVIDENCE: Readonly<Record<string, readonly string[]>> = {
  '8(2)(a)': ['{name} was in hospital for three weeks, so the assessment could not be completed in time.'],
  '8(2)(c)': [
    'The appointment at the child development centre was not attended; a new one was offered.',
    'The family cancelled the clinic appointment on the day; the next available one was offered.',
  ],
  '10(4)(c)': [
    'A bereavement in the family: the parent asked for the draft meeting to be moved by three weeks.',
    '{name} was in hospital, and the family asked for the assessment to pause while they were there.',
  ],
  '10(4)(d)': ['The family were abroad visiting relatives for five weeks (letter from the parent on file).'],
};

function fill(text: string, words: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => words[key] ?? whole);
}

// ---------------------------------------------------------------------------------------------------------
// The simulation
// ---------------------------------------------------------------------------------------------------------

/** Where a child is: an organisation, or nowhere (at home, before nursery). */
type Setting = { orgKey: OrgKey | null };

type ChildSim = {
  id: string;
  givenNames: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: number;
  sex: 'F' | 'M' | 'U';
  needs: SenType[];
  setting: Setting;
  row: Insertable<EhcChildrenTable>;
};

type PersonSim = { id: string; fullName: string; row: Insertable<EhcRelatedPeopleTable> };

type ExceptionSim = { type: ExceptionType; from: number; to: number; evidence: string; recordedOn: number };

type AdviceSim = {
  id: string;
  type: AdviceType;
  orgKey: OrgKey;
  requestedOn: number;
  receivedOn: number | null;
  summary: string;
  exception: ExceptionSim | null;
};

type CaseSim = {
  id: string;
  child: ChildSim;
  parent: PersonSim;
  peopleRows: Insertable<EhcRelatedPeopleTable>[];
  /** Where the child was when the request was made (today's setting unless they have changed phase since). */
  settingThen: Setting;
  receivedOn: number;
  source: 1 | 2 | 3 | 4 | 5;
  channel: 'online' | 'setting' | 'letter' | 'email' | 'phone';
  requesterName: string | null;
  requesterOrgKey: OrgKey | null;
  reasons: string;
  caseworker: EhcDemoCaseworker | null;
  assignedOn: number | null;
  decision: { outcome: 'assess' | 'not-assess'; on: number; reasons: string | null } | null;
  advice: AdviceSim[];
  noPlan: { on: number; reasons: string } | null;
  draftOn: number | null;
  /** A draft being written but not yet issued. */
  draftInProgress: number | null;
  consultation: {
    id: string;
    orgKey: OrgKey;
    sentOn: number;
    repliedOn: number | null;
    canMeet: boolean;
    response: string;
  } | null;
  representation: {
    on: number;
    comments: string;
    preferredSetting: string | null;
    fromFamily: boolean;
  } | null;
  finalOn: number | null;
  namedSetting: Setting | null;
  finalException: ExceptionSim | null;
  closed: { reason: 'withdrawn' | 'moved-out'; on: number } | null;
  notes: { on: number; body: string }[];
  /** How well the service ran when this request was made: 1 now, less in earlier years. */
  quality: number;
  /** A plan made before this year: only its final plan is kept, as plans brought across from before are. */
  earlier: boolean;
};

const ADVICE_LABELS = new Map<string, string>(ADVICE_TYPES.map((t) => [t.code, t.label]));

/** Each statutory source's chance of returning advice within 6 weeks, at the service's worst and best. */
const ON_TIME: Readonly<Record<AdviceType, readonly [number, number]>> = {
  educational: [0.7, 0.9],
  health: [0.4, 0.7],
  psychological: [0.45, 0.75],
  social_care: [0.55, 0.8],
  setting: [0.75, 0.92],
  preparing_for_adulthood: [0.6, 0.8],
  other: [0.6, 0.8],
};

class Generator {
  readonly rng: Rng;
  readonly id: () => string;
  readonly refs: EhcDemoRefs;
  readonly today: number;
  readonly usedNhs = new Set<string>();
  readonly usedUpns = new Set<string>();
  personCount = 0;

  constructor(refs: EhcDemoRefs, today: string, seed: number) {
    this.rng = createRng(seed);
    this.id = createIds(seed);
    this.refs = refs;
    this.today = dayOf(today);
  }

  // ---------------------------------------------------------------- people

  nhsNumber(): string {
    for (;;) {
      const nine = `999${String(this.rng.int(0, 999_999)).padStart(6, '0')}`;
      const check = nhsNumberCheckDigit(nine);
      if (check === undefined || this.usedNhs.has(nine)) continue;
      this.usedNhs.add(nine);
      return `${nine}${check}`;
    }
  }

  upn(allocatedYear: number): string {
    for (;;) {
      const body = `999${this.rng.int(2000, 7999)}${String(allocatedYear % 100).padStart(2, '0')}${String(this.rng.int(0, 999)).padStart(3, '0')}`;
      if (this.usedUpns.has(body)) continue;
      this.usedUpns.add(body);
      return `${upnCheckLetter(body)}${body}`;
    }
  }

  setting(phase: Phase, need: SenType): Setting {
    const r = this.rng;
    const specialist = ['SLD', 'PMLD', 'MSI'].includes(need) ? 0.7 : need === 'ASD' ? 0.25 : 0.1;
    const generated = (): Setting => ({ orgKey: r.pick(GENERATED_SETTINGS[phase]) });
    const org = (key: OrgKey): Setting => ({ orgKey: key });
    switch (phase) {
      case 'early-years':
        return r.chance(0.55) ? org('early-years') : r.chance(0.7) ? generated() : { orgKey: null };
      case 'primary':
        if (r.chance(specialist)) return org('school-special');
        return r.chance(0.35) ? org('school-primary') : generated();
      case 'secondary':
        return r.chance(specialist + 0.1) ? org('school-special') : generated();
      case 'post-16':
        if (r.chance(specialist)) return org('school-special');
        return r.chance(0.6) ? org('college') : generated();
      case 'post-19':
        return r.chance(0.6) ? org('college') : generated();
    }
  }

  org(key: OrgKey): EhcDemoOrganisation {
    const found = this.refs.organisations[key];
    if (!found) throw new Error(`The EHC demo needs the organisation "${key}"`);
    return found;
  }

  settingName(setting: Setting): string | null {
    return setting.orgKey ? this.org(setting.orgKey).name : null;
  }

  child(
    ageNow: number,
    overrides: Partial<Pick<ChildSim, 'givenNames' | 'familyName' | 'sex' | 'needs'>> & {
      dateOfBirth?: number;
    } = {},
  ): ChildSim {
    const r = this.rng;
    const id = this.id();
    const sex =
      overrides.sex ??
      r.weighted<'F' | 'M' | 'U'>([
        ['M', 70],
        ['F', 29],
        ['U', 1],
      ]);
    const givenNames =
      overrides.givenNames ??
      (sex === 'F' ? r.pick(GIVEN_NAMES_F) : sex === 'M' ? r.pick(GIVEN_NAMES_M) : r.pick(GIVEN_NAMES_ANY));
    const familyName = overrides.familyName ?? r.pick(FAMILY_NAMES);
    const dateOfBirth = overrides.dateOfBirth ?? this.today - Math.round(ageNow * 365.25) - r.int(0, 364);
    let needs = overrides.needs;
    if (!needs) {
      const primary = r.weighted(PRIMARY_NEEDS);
      needs = [primary];
      if (r.chance(0.55)) {
        const secondary = r.weighted(SECONDARY_NEEDS);
        if (secondary !== primary) needs.push(secondary);
      }
    }
    const primary = needs[0] as SenType;
    const phase = phaseOf(dateOfBirth, this.today);
    const setting = this.setting(phase, primary);
    const age = schoolAge(dateOfBirth, this.today);
    const inSchool = setting.orgKey !== null && SETTING_KINDS.get(setting.orgKey) === 'school';
    const upnKnown = inSchool
      ? r.chance(0.97)
      : phase === 'post-16' || phase === 'post-19'
        ? r.chance(0.7)
        : false;
    const nhsKnown = r.chance(0.92);
    const communication = COMMUNICATION_NEEDS[primary];
    const preferredLanguage =
      primary === 'HI' && r.chance(0.4)
        ? 'British Sign Language'
        : r.weighted([
            ['English', 88],
            ['Punjabi', 4],
            ['Polish', 2],
            ['Urdu', 2],
            ['Romanian', 1],
            ['Arabic', 1],
          ]);
    const preferredName = r.chance(0.12) ? (SHORT_NAMES[givenNames] ?? null) : null;
    return {
      id,
      givenNames,
      familyName,
      preferredName,
      dateOfBirth,
      sex,
      needs,
      setting,
      row: {
        id,
        legal_given_names: givenNames,
        legal_family_name: familyName,
        preferred_name: preferredName,
        date_of_birth: isoOf(dateOfBirth),
        sex,
        ethnicity: r.weighted(ETHNICITIES),
        home_postcode: `${r.pick(POSTCODE_DISTRICTS)} ${r.int(1, 9)}${r.pick([...UNIT_LETTERS])}${r.pick([...UNIT_LETTERS])}`,
        upn: upnKnown ? this.upn(Number(isoOf(dateOfBirth + 5 * 365).slice(0, 4))) : null,
        upn_unknown_reason: upnKnown
          ? null
          : inSchool || phase === 'early-years'
            ? 'not-yet-allocated'
            : 'not-in-state-funded-school',
        uln: null,
        uln_unknown_reason: age >= 14 ? 'not-yet-allocated' : 'not-yet-14',
        nhs_number: nhsKnown ? this.nhsNumber() : null,
        nhs_number_unknown_reason: nhsKnown
          ? null
          : r.weighted([
              ['not-yet-known', 5],
              ['not-registered-with-gp-in-england', 2],
              ['declined-to-give', 1],
            ]),
        setting_name: this.settingName(setting),
        setting_organisation_id: setting.orgKey ? this.org(setting.orgKey).id : null,
        national_curriculum_year: curriculumYear(dateOfBirth, this.today),
        communication_needs: communication && r.chance(0.6) ? r.pick(communication) : null,
        preferred_language: preferredLanguage,
        is_demo: true,
      },
    };
  }

  people(
    child: ChildSim,
    fixedParent?: { fullName: string; email: string },
  ): { parent: PersonSim; rows: Insertable<EhcRelatedPeopleTable>[] } {
    const r = this.rng;
    this.personCount += 1;
    const n = this.personCount;
    const phone = () => `07700 900${String(r.int(0, 999)).padStart(3, '0')}`;
    const parentId = this.id();
    const relationship = fixedParent ? 'parent' : r.chance(0.04) ? 'carer' : 'parent';
    const fullName =
      fixedParent?.fullName ??
      `${r.pick(PARENT_NAMES)} ${r.chance(0.85) ? child.familyName : r.pick(FAMILY_NAMES)}`;
    const parentRow: Insertable<EhcRelatedPeopleTable> = {
      id: parentId,
      child_id: child.id,
      full_name: fullName,
      relationship,
      // A foster carer does not hold parental responsibility; the local authority shares it.
      has_parental_responsibility: relationship === 'parent',
      email: fixedParent?.email ?? (r.chance(0.85) ? `demo.parent.${n}@demo.example.org` : null),
      phone: r.chance(0.9) ? phone() : null,
      is_main_contact: true,
      capacity_note: null,
    };
    const rows = [parentRow];
    if (!fixedParent && relationship === 'parent' && r.chance(0.35))
      rows.push({
        id: this.id(),
        child_id: child.id,
        full_name: `${r.pick(PARENT_NAMES)} ${child.familyName}`,
        relationship: 'parent',
        has_parental_responsibility: true,
        email: r.chance(0.5) ? `demo.parent.${n}.second@demo.example.org` : null,
        phone: r.chance(0.6) ? phone() : null,
        is_main_contact: false,
        capacity_note: null,
      });
    // From the end of compulsory school age the young person makes the decisions themself.
    if (schoolAge(child.dateOfBirth, this.today) >= 16) {
      const complex = ['SLD', 'PMLD'].includes(child.needs[0] as string);
      rows.push({
        id: this.id(),
        child_id: child.id,
        full_name: `${child.givenNames} ${child.familyName}`,
        relationship: 'young_person',
        has_parental_responsibility: false,
        email: !complex && r.chance(0.4) ? `demo.young.person.${n}@demo.example.org` : null,
        phone: null,
        is_main_contact: false,
        capacity_note: complex
          ? `Capacity assessed for decisions about the EHC plan: ${child.givenNames} needs support to make them; ${fullName} acts as their representative (Mental Capacity Act 2005).`
          : null,
      });
    }
    return { parent: { id: parentId, fullName, row: parentRow }, rows };
  }

  // ---------------------------------------------------------------- one request, as it runs

  caseworker(): EhcDemoCaseworker {
    const { caseworkers, demoCaseworker, manager } = this.refs;
    const r = this.rng.next();
    if (r < 0.2) return demoCaseworker;
    if (r < 0.24) return manager;
    const others = caseworkers.filter((c) => c.id !== demoCaseworker.id && c.id !== manager.id);
    return others.length > 0 ? this.rng.pick(others) : demoCaseworker;
  }

  adviceFor(c: CaseSim, type: AdviceType, orgKey: OrgKey, requestedOn: number): AdviceSim {
    const r = this.rng;
    const [worst, best] = ON_TIME[type];
    const onTime = worst + (best - worst) * c.quality;
    const id = this.id();
    const words = { name: c.child.preferredName ?? c.child.givenNames };
    const advice: AdviceSim = {
      id,
      type,
      orgKey,
      requestedOn,
      receivedOn: null,
      summary: fill(r.pick(ADVICE_SUMMARIES[type]), words),
      exception: null,
    };
    const draw = r.next();
    if (draw < onTime) {
      advice.receivedOn = requestedOn + r.int(14, 42);
    } else if (type === 'health' && draw < onTime + 0.08) {
      // Late, with a reg 8(2) exception: mostly a missed appointment within the 6 weeks.
      const due = requestedOn + 42;
      if (r.chance(0.85)) {
        const appointment = workday(requestedOn + r.int(10, 34));
        advice.exception = {
          type: '8(2)(c)',
          from: appointment,
          to: appointment,
          evidence: fill(r.pick(EXCEPTION_EVIDENCE['8(2)(c)'] ?? []), words),
          recordedOn: workday(appointment + r.int(1, 5)),
        };
      } else {
        const from = requestedOn + r.int(5, 25);
        advice.exception = {
          type: '8(2)(a)',
          from,
          to: Math.min(from + r.int(14, 24), due),
          evidence: fill(r.pick(EXCEPTION_EVIDENCE['8(2)(a)'] ?? []), words),
          recordedOn: workday(due - r.int(0, 5)),
        };
      }
      advice.receivedOn = due + r.int(7, 35);
    } else {
      advice.receivedOn = requestedOn + 42 + Math.round(r.int(1, 14) + r.next() * r.next() * 50);
    }
    advice.receivedOn = workday(advice.receivedOn);
    return advice;
  }

  /** The whole story of a request, as if nothing stopped it at today; `forcePlan` for the plans of earlier years. */
  story(c: CaseSim, forcePlan: boolean): void {
    const r = this.rng;
    const R = c.receivedOn;
    const q = c.quality;
    const name = c.child.preferredName ?? c.child.givenNames;
    const words = { name, parentName: c.parent.fullName.split(' ')[0] as string };

    const closure = forcePlan
      ? null
      : r.weighted<'withdrawn' | 'moved-out' | null>([
          [null, 95.5],
          ['withdrawn', 2.5],
          ['moved-out', 2],
        ]);
    const closeOn =
      closure === 'withdrawn'
        ? workday(R + r.int(7, 75))
        : closure === 'moved-out'
          ? workday(R + r.int(10, 130))
          : null;

    const decisionOn = workday(R + (r.chance(0.75 + 0.2 * q) ? r.int(24, 41) : r.int(43, 62)));
    const notAssess = !forcePlan && r.chance(0.215);
    c.decision = {
      outcome: notAssess ? 'not-assess' : 'assess',
      on: decisionOn,
      reasons: fill(notAssess ? r.pick(NOT_ASSESS_REASONS) : ASSESS_REASONS, words),
    };

    if (!notAssess) {
      const requestedOn = workday(decisionOn + r.int(0, 3));
      // Educational advice from the head teacher of the school (reg 6(1)(b)); otherwise the setting's.
      const settingOrg = c.settingThen.orgKey ?? this.namedSetting(c).orgKey ?? 'early-years';
      if (SETTING_KINDS.get(settingOrg) === 'school')
        c.advice.push(this.adviceFor(c, 'educational', settingOrg, requestedOn));
      else c.advice.push(this.adviceFor(c, 'setting', settingOrg, requestedOn));
      c.advice.push(this.adviceFor(c, 'health', c.child.needs[0] === 'SEMH' ? 'bchft' : 'rwt', requestedOn));
      c.advice.push(this.adviceFor(c, 'psychological', 'ep', requestedOn));
      c.advice.push(this.adviceFor(c, 'social_care', 'social-care', requestedOn));
      const year = Number.parseInt(curriculumYear(c.child.dateOfBirth, R) ?? '', 10);
      if (year >= 9) c.advice.push(this.adviceFor(c, 'preparing_for_adulthood', 'social-care', requestedOn));
      const lastAdvice = Math.max(...c.advice.map((a) => a.receivedOn ?? 0));

      if (!forcePlan && r.chance(0.075)) {
        const on = workday(
          Math.max(lastAdvice + r.int(5, 14), R + (r.chance(0.8) ? r.int(84, 110) : r.int(113, 130))),
        );
        c.noPlan = { on, reasons: fill(r.pick(NO_PLAN_REASONS), words) };
      } else {
        const slow = r.chance(0.3 - 0.2 * q) ? r.int(10, 35) : 0;
        const draftOn = workday(Math.max(lastAdvice + r.int(4, 12), R + r.int(70, 92)) + slow);
        c.draftOn = draftOn;
        c.draftInProgress = workday(Math.min(draftOn - 1, lastAdvice + 2));
        const named = this.namedSetting(c);
        c.namedSetting = named;
        let repliedOn: number | null = null;
        if (named.orgKey !== null) {
          const sentOn = workday(draftOn + r.int(0, 2));
          repliedOn = workday(sentOn + (r.chance(0.8) ? r.int(4, 15) : r.int(16, 30)));
          c.consultation = {
            id: this.id(),
            orgKey: named.orgKey,
            sentOn,
            repliedOn,
            canMeet: true,
            response: fill(r.pick(CONSULTATION_REPLIES), words),
          };
        }
        if (r.chance(0.65)) {
          const special = named.orgKey === 'school-special';
          c.representation = {
            on: workday(draftOn + r.int(3, 13)),
            comments: fill(r.pick(REPRESENTATIONS), { ...words, interest: r.pick(INTERESTS) }),
            preferredSetting: special || r.chance(0.5) ? this.settingName(named) : null,
            fromFamily: r.chance(0.4),
          };
        }
        const finalOn = workday(Math.max(draftOn + 15 + r.int(0, 9), (repliedOn ?? draftOn) + r.int(1, 6)));
        c.finalOn = finalOn;
        const due = dayOf(dueDate('final-plan', isoOf(R)));
        if (finalOn > due && r.chance(0.2)) {
          const type: ExceptionType = r.chance(0.7) ? '10(4)(c)' : '10(4)(d)';
          const from = workday(R + r.int(60, 120));
          const to = type === '10(4)(d)' ? from + r.int(30, 40) : from + r.int(10, 25);
          c.finalException = {
            type,
            from,
            to,
            evidence: fill(r.pick(EXCEPTION_EVIDENCE[type] ?? []), words),
            recordedOn: workday(Math.min(to + r.int(1, 7), finalOn)),
          };
        }
      }
    }

    if (closure && closeOn !== null) {
      const end = c.finalOn ?? c.noPlan?.on ?? (notAssess ? decisionOn : null);
      if (end === null || closeOn < end) c.closed = { reason: closure, on: closeOn };
    }
    if (!forcePlan && r.chance(0.3)) {
      const end = c.finalOn ?? c.noPlan?.on ?? decisionOn + 30;
      for (let i = r.int(1, 3); i > 0; i -= 1)
        c.notes.push({ on: R + r.int(1, Math.max(2, end - R)), body: fill(r.pick(NOTES), words) });
    }
  }

  /** The setting the final plan names: mostly where the child is; some move to a special school with it. */
  namedSetting(c: CaseSim): Setting {
    const current = c.settingThen;
    const phase = phaseOf(c.child.dateOfBirth, c.receivedOn);
    if (current.orgKey) {
      if (current.orgKey !== 'school-special' && phase !== 'post-19' && this.rng.chance(0.12))
        return { orgKey: 'school-special' };
      return current;
    }
    return { orgKey: phase === 'early-years' ? 'early-years' : 'school-primary' };
  }

  /** Drops what had not happened by yesterday: the demo shows the state of each case today. */
  cut(c: CaseSim): void {
    const happened = (day: number | null | undefined): day is number =>
      day !== null && day !== undefined && day < this.today;
    const stop = c.closed && happened(c.closed.on) ? c.closed.on : this.today;
    const by = (day: number | null | undefined): day is number => happened(day) && day <= stop;
    if (c.closed && !happened(c.closed.on)) c.closed = null;
    if (c.decision && !by(c.decision.on)) c.decision = null;
    if (c.assignedOn !== null && !by(c.assignedOn)) {
      c.caseworker = null;
      c.assignedOn = null;
    }
    c.advice = c.advice.filter((a) => c.decision?.outcome === 'assess' && by(a.requestedOn));
    for (const a of c.advice) {
      if (!by(a.receivedOn)) a.receivedOn = null;
      if (a.exception && !by(a.exception.recordedOn)) a.exception = null;
    }
    if (!c.decision || c.decision.outcome !== 'assess') {
      c.noPlan = null;
      c.draftOn = null;
      c.draftInProgress = null;
    }
    if (c.noPlan && !by(c.noPlan.on)) c.noPlan = null;
    if (!by(c.draftOn)) {
      c.draftOn = null;
      c.consultation = null;
      c.representation = null;
      c.finalOn = null;
    }
    if (!by(c.draftInProgress) || c.noPlan || c.closed) c.draftInProgress = null;
    if (c.consultation && !by(c.consultation.sentOn)) c.consultation = null;
    if (c.consultation && !by(c.consultation.repliedOn)) c.consultation.repliedOn = null;
    if (c.representation && !by(c.representation.on)) c.representation = null;
    if (!by(c.finalOn)) c.finalOn = null;
    if (c.finalException && (!c.finalOn || !by(c.finalException.recordedOn))) c.finalException = null;
    if (!c.finalOn) c.namedSetting = c.draftOn ? c.namedSetting : null;
    c.notes = c.notes.filter((n) => by(n.on));
  }

  newCase(
    child: ChildSim,
    people: { parent: PersonSim; rows: Insertable<EhcRelatedPeopleTable>[] },
    receivedOn: number,
    quality: number,
  ): CaseSim {
    const r = this.rng;
    const parent = people.parent;
    const phaseThen = phaseOf(child.dateOfBirth, receivedOn);
    const settingThen =
      phaseThen === phaseOf(child.dateOfBirth, this.today)
        ? child.setting
        : this.setting(phaseThen, child.needs[0] as SenType);
    const drawn = r.weighted<1 | 2 | 3 | 4 | 5>([
      [1, 36],
      [2, 54],
      [3, 5],
      [4, 3],
      [5, 2],
    ]);
    // A child with no setting has nobody at a setting to make the request.
    const source = drawn === 2 && settingThen.orgKey === null ? 1 : drawn;
    const settingOrg = settingThen.orgKey;
    const settingName = this.settingName(settingThen);
    const channel =
      source === 1
        ? r.weighted<'online' | 'email' | 'letter' | 'phone'>([
            ['online', 55],
            ['email', 28],
            ['letter', 14],
            ['phone', 3],
          ])
        : source === 2
          ? 'setting'
          : r.chance(0.7)
            ? 'email'
            : 'letter';
    const requester: Record<number, [string | null, OrgKey | null]> = {
      1: [parent.fullName, null],
      2: [settingName ? `SENCo, ${settingName}` : 'SENCo', settingOrg],
      3: ['Community paediatrician, The Royal Wolverhampton NHS Trust', 'rwt'],
      4: ['Social worker, Children’s Social Care', 'social-care'],
      5: ['Virtual School Head', null],
    };
    const [requesterName, requesterOrgKey] = requester[source] as [string | null, OrgKey | null];
    const online = channel === 'online';
    const caseworker = this.caseworker();
    return {
      id: this.id(),
      child,
      parent,
      peopleRows: people.rows,
      settingThen,
      receivedOn,
      source,
      channel,
      requesterName,
      requesterOrgKey,
      reasons: fill(REQUEST_REASONS[child.needs[0] as SenType], {
        name: child.preferredName ?? child.givenNames,
      }),
      caseworker,
      // An online request waits, unassigned, until a caseworker takes it.
      assignedOn: online ? workday(receivedOn + r.int(1, 8)) : null,
      decision: null,
      advice: [],
      noPlan: null,
      draftOn: null,
      draftInProgress: null,
      consultation: null,
      representation: null,
      finalOn: null,
      namedSetting: null,
      finalException: null,
      closed: null,
      notes: [],
      quality,
      earlier: false,
    };
  }

  /** A request received in the last 12 months: fewer in August, as schools are closed. */
  recentRequest(): CaseSim {
    const r = this.rng;
    let receivedOn: number;
    do receivedOn = this.today - r.int(1, 365);
    while (isoOf(receivedOn).slice(5, 7) === '08' && r.chance(0.6));
    receivedOn = workday(receivedOn);
    if (receivedOn >= this.today) receivedOn = workday(this.today - 7);
    const ageAtRequest = r.weighted<[number, number]>([
      [[0, 0], 2],
      [[1, 3], 16],
      [[4, 10], 38],
      [[11, 15], 34],
      [[16, 18], 8],
      [[19, 24], 2],
    ]);
    const age = r.int(ageAtRequest[0], ageAtRequest[1]) + (this.today - receivedOn) / 365;
    const child = this.child(age);
    const c = this.newCase(child, this.people(child), receivedOn, 1);
    this.story(c, false);
    this.cut(c);
    return c;
  }

  /** An active plan made in an earlier year: issued 1 to 8 years ago, to a child or young person now 2 to 25. */
  earlierPlan(): CaseSim {
    const r = this.rng;
    const yearsAgo = r.weighted<number>([
      [1, 18],
      [2, 16],
      [3, 15],
      [4, 13],
      [5, 11],
      [6, 10],
      [7, 9],
      [8, 8],
    ]);
    const ageNow = r.weighted<[number, number]>([
      [[2, 4], 6],
      [[5, 10], 30],
      [[11, 15], 36],
      [[16, 19], 20],
      [[20, 25], 8],
    ]);
    const age = Math.max(r.int(ageNow[0], ageNow[1]), yearsAgo + 1);
    const child = this.child(age);
    const people = this.people(child);
    // Received about five months before the plan: the plan lands 1 to 8 years before today.
    const latest = this.today - 365 - 200;
    const receivedOn = workday(Math.min(latest, this.today - yearsAgo * 365 - r.int(140, 300)));
    const start = Math.max(receivedOn, child.dateOfBirth + 200);
    const c = this.newCase(child, people, workday(start), Math.max(0.25, 0.85 - (yearsAgo - 1) * 0.08));
    c.assignedOn = null;
    c.earlier = true;
    this.story(c, true);
    this.cut(c);
    return c;
  }

  /** The README's family: a draft plan issued a few days ago, waiting for their comments. */
  demoFamily(): CaseSim {
    const age = 9.5;
    const child = this.child(age, {
      givenNames: DEMO_FAMILY.childGivenNames,
      familyName: DEMO_FAMILY.childFamilyName,
      sex: 'M',
      needs: ['ASD', 'SLCN'],
    });
    child.setting = { orgKey: 'school-primary' };
    child.row.setting_name = this.org('school-primary').name;
    child.row.setting_organisation_id = this.org('school-primary').id;
    const people = this.people(child, { fullName: DEMO_FAMILY.parentName, email: DEMO_FAMILY.parentEmail });
    const receivedOn = workday(this.today - 100);
    const c = this.newCase(child, people, receivedOn, 1);
    c.settingThen = child.setting;
    c.source = 1;
    c.channel = 'online';
    c.requesterName = people.parent.fullName;
    c.requesterOrgKey = null;
    c.caseworker = this.refs.demoCaseworker;
    c.assignedOn = workday(receivedOn + 2);
    const decisionOn = workday(receivedOn + 35);
    c.decision = { outcome: 'assess', on: decisionOn, reasons: fill(ASSESS_REASONS, { name: 'Jamie' }) };
    const requestedOn = workday(decisionOn + 1);
    const types: [AdviceType, OrgKey, number][] = [
      ['educational', 'school-primary', 30],
      ['health', 'rwt', 40],
      ['psychological', 'ep', 38],
      ['social_care', 'social-care', 21],
    ];
    for (const [type, orgKey, days] of types)
      c.advice.push({
        id: this.id(),
        type,
        orgKey,
        requestedOn,
        receivedOn: workday(requestedOn + days),
        summary: fill(ADVICE_SUMMARIES[type][0] as string, { name: 'Jamie' }),
        exception: null,
      });
    c.draftOn = workday(this.today - 6);
    if (c.draftOn >= this.today) c.draftOn = this.today - 1;
    c.namedSetting = { orgKey: 'school-special' };
    const sentOn = c.draftOn;
    c.consultation = {
      id: this.id(),
      orgKey: 'school-special',
      sentOn,
      repliedOn: null,
      canMeet: true,
      response: '',
    };
    c.notes.push({
      on: decisionOn,
      body: `Spoke to Jordan on the phone: they would like Jamie to go to ${this.org('school-special').name}, so we will consult the school when the draft is issued.`,
    });
    return c;
  }

  // ---------------------------------------------------------------- rows

  /** Section K: the advice received by a day, named as adviceForPlan names it. */
  adviceList(advice: readonly AdviceSim[], on: number): PlanContent['advice'] {
    return advice
      .filter((a) => a.receivedOn !== null && a.receivedOn <= on)
      .map((a) => ({
        source: `${ADVICE_LABELS.get(a.type) ?? a.type}: ${this.org(a.orgKey).name}`,
        receivedOn: isoOf(a.receivedOn as number),
      }));
  }

  /** The plan as the caseworker writes it: a template for each need, in the child's own words in section A. */
  plan(c: CaseSim, on: number, kind: 'draft', advice: readonly AdviceSim[]): PlanContent {
    const r = this.rng;
    const name = c.child.preferredName ?? c.child.givenNames;
    const words = {
      name,
      parentName: c.parent.fullName.split(' ')[0] as string,
      interest: r.pick(INTERESTS),
      best: r.pick(BESTS),
      hope: r.pick(HOPES),
    };
    const pfa = preparingForAdulthood(c.child.dateOfBirth, on);
    const when = byWhen(c.child.dateOfBirth, on);
    const needs: PlanNeed[] = [];
    const outcomes: PlanOutcome[] = [];
    const provision: PlanProvision[] = [];
    const add = (template: NeedTemplate, whole: boolean) => {
      const needIds = template.needs.map(() => this.id());
      const outcomeIds = template.outcomes.map(() => this.id());
      template.needs.forEach((n, i) => {
        if (whole || i === 0)
          needs.push({ id: needIds[i] as string, section: n.section, text: fill(n.text, words) });
      });
      template.outcomes.forEach((o, i) => {
        if (whole || i === 0)
          outcomes.push({
            id: outcomeIds[i] as string,
            text: fill(o.text, words),
            byWhen: when,
            ...(pfa ? { pfaDomain: o.pfa } : {}),
          });
      });
      const items = whole
        ? template.provision
        : template.provision.filter((p) => p.section === 'F').slice(0, 1);
      for (const p of items) {
        const meetsNeedIds = p.needs.filter((i) => whole || i === 0).map((i) => needIds[i] as string);
        const meetsOutcomeIds = p.outcomes
          .filter((i) => whole || i === 0)
          .map((i) => outcomeIds[i] as string);
        if (meetsNeedIds.length + meetsOutcomeIds.length === 0) continue;
        provision.push({
          id: this.id(),
          section: p.section,
          what: fill(p.what, words),
          whoProvides: fill(p.who, words),
          howOften: p.howOften,
          forHowLong: fill(p.forHowLong, words),
          meetsNeedIds,
          meetsOutcomeIds,
        });
      }
    };
    add(TEMPLATES[c.child.needs[0] as SenType], true);
    if (c.child.needs[1]) add(TEMPLATES[c.child.needs[1]], false);
    if (pfa) {
      const extra = r.pick(PFA_OUTCOMES);
      const outcomeId = this.id();
      outcomes.push({ id: outcomeId, text: fill(extra.text, words), byWhen: when, pfaDomain: extra.pfa });
      provision.push({
        id: this.id(),
        section: extra.provision.section,
        what: extra.provision.what,
        whoProvides: extra.provision.who,
        howOften: extra.provision.howOften,
        forHowLong: fill(extra.provision.forHowLong, words),
        meetsNeedIds: [],
        meetsOutcomeIds: [outcomeId],
      });
    }
    const content: PlanContent = {
      views: fill(r.pick(VIEWS), words),
      needs,
      outcomes,
      provision,
      placement: '',
      personalBudget: r.chance(0.12)
        ? `A personal budget of £${r.int(8, 40) * 100} a year, paid as a direct payment, for the short breaks in section H.`
        : 'No personal budget has been requested.',
      advice: this.adviceList(advice, on),
    };
    const problems = planProblems(content, kind);
    if (problems.length > 0)
      throw new Error(`A generated ${kind} plan would not issue: ${problems[0]?.message}`);
    return content;
  }

  rows(c: CaseSim, reference: string, out: EhcDemoRows): void {
    const orgs = { get: (key: OrgKey) => this.org(key) };
    const R = isoOf(c.receivedOn);
    const cw = c.caseworker;
    let slot = 0;
    let lastMoment = momentOn(c.receivedOn, 0);
    const event = (
      day: number,
      kind: string,
      summary: string,
      options: { actor?: string | null; label?: string | null; family?: boolean } = {},
    ) => {
      const occurredAt = momentOn(day, slot++);
      if (occurredAt > lastMoment) lastMoment = occurredAt;
      out.events.push({
        case_id: c.id,
        occurred_at: occurredAt,
        actor_user_id: options.actor === undefined ? (cw?.id ?? null) : options.actor,
        actor_label: options.label ?? null,
        kind,
        summary,
        visible_to_family: options.family ?? true,
      });
    };

    out.children.push(c.child.row);
    c.child.needs.forEach((sen_type, i) => out.needs.push({ child_id: c.child.id, rank: i + 1, sen_type }));
    out.people.push(...c.peopleRows);

    event(c.receivedOn, 'request-received', `Request for an EHC needs assessment received (${reference})`, {
      actor: c.channel === 'online' ? null : (cw?.id ?? null),
    });
    if (c.assignedOn !== null && cw)
      event(c.assignedOn, 'reassigned', `Case assigned to ${cw.name}`, { family: false });

    const decision = c.decision;
    if (decision)
      event(
        decision.on,
        'decision',
        decision.outcome === 'assess'
          ? 'Decided to carry out an EHC needs assessment'
          : 'Decided not to carry out an EHC needs assessment',
      );

    const closedOn =
      c.closed?.on ?? c.finalOn ?? c.noPlan?.on ?? (decision?.outcome === 'not-assess' ? decision.on : null);
    // What the case still awaited when it closed is no longer awaited from that day, as the service does it.
    const noLongerAwaitedOn = closedOn === null ? null : isoOf(closedOn);
    const dated: { day: number; write: () => void }[] = [];
    for (const a of c.advice) {
      const org = orgs.get(a.orgKey);
      const due = dueDate('advice', isoOf(a.requestedOn));
      const label = ADVICE_LABELS.get(a.type) ?? 'Advice';
      out.advice.push({
        id: a.id,
        case_id: c.id,
        advice_type: a.type,
        organisation_id: org.id,
        requested_on: isoOf(a.requestedOn),
        due_on: due,
        received_on: a.receivedOn === null ? null : isoOf(a.receivedOn),
        summary: a.receivedOn === null ? null : a.summary,
        document_id: null,
        received_by: a.receivedOn === null ? null : (cw?.id ?? null),
        no_longer_awaited_on: a.receivedOn === null ? noLongerAwaitedOn : null,
        is_demo: true,
        created_at: momentOn(a.requestedOn, 0),
      });
      // The plans of earlier years keep the advice itself, and the timeline of its key steps only.
      if (!c.earlier)
        dated.push({
          day: a.requestedOn,
          write: () =>
            event(a.requestedOn, 'advice-requested', `${label} asked of ${org.name}, due ${formatDate(due)}`),
        });
      if (a.receivedOn !== null && !c.earlier) {
        const on = a.receivedOn;
        dated.push({
          day: on,
          write: () => event(on, 'advice-received', `Advice received from ${org.name}`, { label: org.name }),
        });
      }
      if (a.exception) {
        const e = a.exception;
        this.excusal(
          out,
          c,
          'advice',
          a.id,
          e,
          isoOf(a.requestedOn),
          a.receivedOn === null ? undefined : isoOf(a.receivedOn),
        );
        dated.push({
          day: e.recordedOn,
          write: () =>
            event(
              e.recordedOn,
              'exception',
              `Exception recorded against "Advice: ${label}, ${org.name}": ${EXCEPTIONS[e.type].citation}`,
            ),
        });
      }
    }
    if (c.noPlan) {
      const on = c.noPlan.on;
      dated.push({ day: on, write: () => event(on, 'no-plan', 'Decided not to issue an EHC plan') });
    }
    if (c.draftOn !== null) {
      const on = c.draftOn;
      const window = dueDate('draft-plan-representations', isoOf(on));
      dated.push({
        day: on,
        write: () =>
          event(
            on,
            'draft-issued',
            `Draft plan sent to the family: comments and a preferred school or college by ${formatDate(window)}`,
          ),
      });
    }
    if (c.consultation) {
      const s = c.consultation;
      const org = orgs.get(s.orgKey);
      const due = dueDate('setting-consultation', isoOf(s.sentOn));
      out.consultations.push({
        id: s.id,
        case_id: c.id,
        organisation_id: org.id,
        sent_on: isoOf(s.sentOn),
        due_on: due,
        replied_on: s.repliedOn === null ? null : isoOf(s.repliedOn),
        can_meet_needs: s.repliedOn === null ? null : s.canMeet,
        response: s.repliedOn === null ? null : s.response,
        document_id: null,
        no_longer_awaited_on: s.repliedOn === null ? noLongerAwaitedOn : null,
        is_demo: true,
        created_at: momentOn(s.sentOn, 0),
      });
      dated.push({
        day: s.sentOn,
        write: () =>
          event(
            s.sentOn,
            'consultation-sent',
            `${org.name} consulted on being named, reply due ${formatDate(due)}`,
          ),
      });
      if (s.repliedOn !== null) {
        const on = s.repliedOn;
        dated.push({
          day: on,
          write: () =>
            event(on, 'consultation-answered', `${org.name} replied to the consultation`, {
              label: org.name,
            }),
        });
      }
    }
    if (c.representation) {
      const p = c.representation;
      out.representations.push({
        case_id: c.id,
        received_on: isoOf(p.on),
        comments: p.comments,
        preferred_setting: p.preferredSetting,
        from_related_person_id: p.fromFamily ? c.parent.id : null,
        recorded_by: p.fromFamily ? null : (cw?.id ?? null),
        created_at: momentOn(p.on, 20),
      });
      dated.push({
        day: p.on,
        write: () =>
          p.fromFamily
            ? event(p.on, 'representation', `${c.parent.fullName} sent comments on the draft plan`, {
                actor: null,
                label: c.parent.fullName,
              })
            : event(p.on, 'representation', "The family's views on the draft plan were recorded"),
      });
    }
    if (c.finalException && c.finalOn !== null) {
      const e = c.finalException;
      this.excusal(out, c, 'final-plan', null, e, R, isoOf(c.finalOn));
      dated.push({
        day: e.recordedOn,
        write: () =>
          event(
            e.recordedOn,
            'exception',
            `Exception recorded against "Final plan issued (20 weeks)": ${EXCEPTIONS[e.type].citation}`,
          ),
      });
    }
    if (c.finalOn !== null && c.namedSetting) {
      const on = c.finalOn;
      const named = this.settingName(c.namedSetting) ?? '';
      dated.push({
        day: on,
        write: () => event(on, 'final-issued', `Final EHC plan issued, naming ${named}`),
      });
    }
    if (c.closed) {
      const { on, reason } = c.closed;
      dated.push({
        day: on,
        write: () =>
          event(
            on,
            'closed',
            reason === 'withdrawn'
              ? 'The request was withdrawn'
              : 'The child or young person moved out of the area',
          ),
      });
    }
    dated.sort((a, b) => a.day - b.day);
    for (const d of dated) d.write();

    // The plan: the draft as issued (or as being written), then the final plan naming the setting.
    const editor = cw?.id ?? null;
    if (c.draftOn !== null) {
      const draft = this.plan(c, c.draftOn, 'draft', c.advice);
      if (!c.earlier)
        out.plans.push({
          id: this.id(),
          case_id: c.id,
          version: 1,
          kind: 'draft',
          content: JSON.stringify(draft),
          issued_on: isoOf(c.draftOn),
          named_setting: null,
          edited_by: editor,
          updated_at: momentOn(c.draftOn, 0),
        });
      if (c.finalOn !== null && c.namedSetting) {
        // As issueFinal makes it: the draft, naming the setting, with the advice received by then.
        const content: PlanContent = {
          ...draft,
          placement: this.settingName(c.namedSetting) ?? '',
          advice: this.adviceList(c.advice, c.finalOn),
        };
        const problems = planProblems(content, 'final');
        if (problems.length > 0)
          throw new Error(`A generated final plan would not issue: ${problems[0]?.message}`);
        out.plans.push({
          id: this.id(),
          case_id: c.id,
          version: c.earlier ? 1 : 2,
          kind: 'final',
          content: JSON.stringify(content),
          issued_on: isoOf(c.finalOn),
          named_setting: content.placement,
          edited_by: editor,
          updated_at: momentOn(c.finalOn, 0),
        });
      }
    } else if (c.draftInProgress !== null) {
      const content = this.plan(c, c.draftInProgress, 'draft', []);
      out.plans.push({
        id: this.id(),
        case_id: c.id,
        version: 1,
        kind: 'draft',
        content: JSON.stringify({ ...content, advice: [] }),
        issued_on: null,
        named_setting: null,
        edited_by: editor,
        updated_at: momentOn(c.draftInProgress, 30),
      });
    }

    for (const n of c.notes)
      out.notes.push({
        case_id: c.id,
        author_id: (cw ?? this.refs.demoCaseworker).id,
        body: n.body,
        created_at: momentOn(n.on, 40),
      });

    const status = c.closed
      ? c.closed.reason
      : c.finalOn !== null
        ? 'final-issued'
        : c.noPlan
          ? 'no-plan'
          : decision?.outcome === 'not-assess'
            ? 'not-assessing'
            : c.draftOn !== null
              ? 'draft-issued'
              : decision
                ? 'assessing'
                : 'awaiting-decision';
    out.cases.push({
      id: c.id,
      reference,
      child_id: c.child.id,
      request_source: c.source,
      request_channel: c.channel,
      requester_name: c.requesterName,
      requester_organisation_id: c.requesterOrgKey ? orgs.get(c.requesterOrgKey).id : null,
      received_on: R,
      decision_due_on: dueDate('decision-to-assess', R),
      no_plan_due_on: dueDate('no-plan-decision', R),
      final_plan_due_on: dueDate('final-plan', R),
      reasons: c.reasons,
      caseworker_id: cw?.id ?? null,
      status,
      decision_outcome: decision?.outcome ?? null,
      decision_notified_on: decision ? isoOf(decision.on) : null,
      decision_reasons: decision?.reasons ?? null,
      no_plan_notified_on: c.noPlan ? isoOf(c.noPlan.on) : null,
      no_plan_reasons: c.noPlan?.reasons ?? null,
      draft_served_on: c.draftOn === null ? null : isoOf(c.draftOn),
      final_issued_on: c.finalOn === null ? null : isoOf(c.finalOn),
      final_setting_name: c.finalOn !== null && c.namedSetting ? this.settingName(c.namedSetting) : null,
      closed_on: closedOn === null ? null : isoOf(closedOn),
      closure_reason: c.closed?.reason ?? null,
      is_demo: true,
      created_at: momentOn(c.receivedOn, 0),
      updated_at: lastMoment,
    });
  }

  /** An exception recorded against one deadline, checked by the engine exactly as the casework checks it. */
  excusal(
    out: EhcDemoRows,
    c: CaseSim,
    ruleId: RuleId,
    subjectId: string | null,
    e: ExceptionSim,
    startDate: string,
    eventDate: string | undefined,
  ): void {
    const deadline = deadlineFor(ruleId, startDate, {
      ruleInForceOn: isoOf(c.receivedOn),
      ...(subjectId ? { subjectId } : {}),
    });
    const excusal = {
      type: e.type,
      deadline: { ruleId, ...(subjectId ? { subjectId } : {}) },
      from: isoOf(e.from),
      to: isoOf(e.to),
      evidence: e.evidence,
    };
    const problems = excusalProblems(excusal, deadline, eventDate);
    if (problems.length > 0)
      throw new Error(`A generated ${e.type} exception is not made out: ${problems[0]?.message}`);
    out.excusals.push({
      id: this.id(),
      case_id: c.id,
      rule_id: ruleId,
      subject_id: subjectId,
      exception_type: e.type,
      from_on: excusal.from,
      to_on: excusal.to,
      advice_requested_on: null,
      evidence: e.evidence,
      document_id: null,
      recorded_by: c.caseworker?.id ?? null,
      recorded_at: momentOn(e.recordedOn, 35),
    });
  }
}

/**
 * The demo's EHC rows, pure: the same refs and options always give the same rows. `references` are the case
 * numbers to use (from the database's sequence), at least one for each request, plan and the demo family.
 */
export function generateEhcDemo(
  refs: EhcDemoRefs,
  options: EhcDemoOptions & { references: readonly number[] },
): EhcDemoRows {
  const requests = options.requests ?? EHC_DEMO_VOLUME.requests;
  const plans = options.plans ?? EHC_DEMO_VOLUME.plans;
  const seed = options.seed ?? 20_141;
  const generator = new Generator(refs, options.today, seed);
  const cases: CaseSim[] = [];
  for (let i = 0; i < requests; i += 1) cases.push(generator.recentRequest());
  for (let i = 0; i < plans; i += 1) cases.push(generator.earlierPlan());
  cases.push(generator.demoFamily());
  if (options.references.length < cases.length)
    throw new Error(
      `generateEhcDemo needs ${cases.length} case references, not ${options.references.length}`,
    );

  // References in the order requests arrived, as the casework would have numbered them.
  cases.sort((a, b) => a.receivedOn - b.receivedOn || (a.id < b.id ? -1 : 1));
  const numbers = [...options.references].sort((a, b) => a - b);
  const out: EhcDemoRows = {
    children: [],
    needs: [],
    people: [],
    cases: [],
    advice: [],
    consultations: [],
    excusals: [],
    plans: [],
    representations: [],
    notes: [],
    events: [],
  };
  cases.forEach((c, i) => {
    const reference = `EHC-${isoOf(c.receivedOn).slice(0, 4)}-${String(numbers[i]).padStart(6, '0')}`;
    generator.rows(c, reference, out);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------------------

export type EhcDemoSeedResult = {
  seeded: boolean;
  cases: number;
  plans: number;
  adviceRequests: number;
  events: number;
  milliseconds: number;
};

/** Multi-row inserts, each under PostgreSQL's 65,535 bind parameters (and small enough to compile quickly). */
async function insertAll<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(20_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot type a table chosen at run time; the rows were typed where they were made.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/**
 * Seeds the EHC demo once, in one transaction: a database that already has demo cases is left alone. Needs the
 * demo organisations and the demo caseworker and manager (seedDemoData); without them it seeds nothing.
 */
export async function seedEhcDemo(db: Kysely<Database>, options: EhcDemoOptions): Promise<EhcDemoSeedResult> {
  const started = performance.now();
  const none = { seeded: false, cases: 0, plans: 0, adviceRequests: 0, events: 0, milliseconds: 0 };
  const existing = await db
    .selectFrom('ehc_cases')
    .select('id')
    .where('is_demo', '=', true)
    .limit(1)
    .executeTakeFirst();
  if (existing) return none;

  const areaOrganisations = await db
    .selectFrom('organisations')
    .select('key')
    .where('key', 'in', [...EHC_DEMO_AREA_ORGANISATIONS])
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'full_name', 'organisation_id', 'password_hash'])
    .where('email', 'in', [DEMO_CASEWORKER_EMAIL, DEMO_MANAGER_EMAIL])
    .execute();
  const caseworkerUser = users.find((u) => u.email === DEMO_CASEWORKER_EMAIL);
  const managerUser = users.find((u) => u.email === DEMO_MANAGER_EMAIL);
  if (areaOrganisations.length < EHC_DEMO_AREA_ORGANISATIONS.length || !caseworkerUser || !managerUser)
    return none;

  const result = await db.transaction().execute(async (trx) => {
    const now = new Date();
    const generated: Insertable<UsersTable>[] = GENERATED_CASEWORKERS.map((c) => ({
      email: c.email,
      full_name: c.fullName,
      role: 'send_caseworker',
      organisation_id: caseworkerUser.organisation_id,
      status: 'active',
      password_hash: caseworkerUser.password_hash,
      password_changed_at: now,
      is_demo: true,
      updated_at: now,
    }));
    await trx
      .insertInto('organisations')
      .values(EHC_DEMO_SETTINGS.map((o) => ({ key: o.key, name: o.name, kind: o.kind, is_demo: true })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const organisations = await trx
      .selectFrom('organisations')
      .select(['id', 'key', 'name'])
      .where('key', 'in', [...EHC_DEMO_AREA_ORGANISATIONS, ...EHC_DEMO_SETTINGS.map((o) => o.key)])
      .execute();
    await trx
      .insertInto('users')
      .values(generated)
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const more = await trx
      .selectFrom('users')
      .select(['id', 'full_name'])
      .where(
        'email',
        'in',
        GENERATED_CASEWORKERS.map((c) => c.email),
      )
      .where('status', '=', 'active')
      .orderBy('email')
      .execute();
    const demoCaseworker = { id: caseworkerUser.id, name: caseworkerUser.full_name };
    const manager = { id: managerUser.id, name: managerUser.full_name };
    const refs: EhcDemoRefs = {
      organisations: Object.fromEntries(organisations.map((o) => [o.key, { id: o.id, name: o.name }])),
      caseworkers: [demoCaseworker, manager, ...more.map((u) => ({ id: u.id, name: u.full_name }))],
      demoCaseworker,
      manager,
    };

    const total =
      (options.requests ?? EHC_DEMO_VOLUME.requests) + (options.plans ?? EHC_DEMO_VOLUME.plans) + 1;
    const { rows: numbers } = await sql<{ n: string }>`
      select nextval('ehc_case_reference_seq') as n from generate_series(1, ${total})`.execute(trx);
    const rows = generateEhcDemo(refs, { ...options, references: numbers.map((r) => Number(r.n)) });

    await insertAll(trx, 'ehc_children', rows.children);
    await insertAll(trx, 'ehc_child_needs', rows.needs);
    await insertAll(trx, 'ehc_related_people', rows.people);
    await insertAll(trx, 'ehc_cases', rows.cases);
    await insertAll(trx, 'ehc_advice_requests', rows.advice);
    await insertAll(trx, 'ehc_setting_consultations', rows.consultations);
    await insertAll(trx, 'ehc_excusals', rows.excusals);
    await insertAll(trx, 'ehc_plans', rows.plans);
    await insertAll(trx, 'ehc_representations', rows.representations);
    await insertAll(trx, 'ehc_case_notes', rows.notes);
    await insertAll(trx, 'ehc_case_events', rows.events);
    await trx
      .insertInto('audit_events')
      .values({
        occurred_at: now,
        action: 'demo.ehc.seeded',
        subject_type: 'ehc',
        subject_id: null,
        details: JSON.stringify({ cases: rows.cases.length, plans: rows.plans.length }),
      })
      .execute();
    return {
      seeded: true,
      cases: rows.cases.length,
      plans: rows.plans.length,
      adviceRequests: rows.advice.length,
      events: rows.events.length,
    };
  });
  // Fresh statistics, so that the due list and caseload queries are planned for the data now there.
  await sql`analyze ehc_children, ehc_cases, ehc_advice_requests, ehc_setting_consultations, ehc_plans, ehc_case_events`.execute(
    db,
  );
  return { ...result, milliseconds: Math.round(performance.now() - started) };
}
