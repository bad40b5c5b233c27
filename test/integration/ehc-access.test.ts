import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS } from '../../src/db/seed/demo.ts';
import type { RequestContext } from '../../src/lib/context.ts';
import type { Actor, Role } from '../../src/modules/access/policy.ts';
import type { PlanContent } from '../../src/modules/ehc/domain/plan-content.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { listRoutes, type ListedRoute } from '../helpers/route-list.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * Who may reach every EHC route, read from the app's own route table so that a route added later cannot be
 * left out: every GET and POST under /ehc, /partner, /my-ehc and /request-an-ehc-needs-assessment, for every
 * staff role, someone not signed in and two families; with real ids, guessed ones and ones that are not ids
 * at all; what each read leaves in the audit trail; and bad input refused with nothing changed.
 */

const TODAY = '2026-03-18';
const RECEIVED = '2026-01-05';
const DECIDED = '2026-02-02';
// More than 15 days before TODAY, so that the family's time for views on the draft has passed.
const DRAFT_SERVED = '2026-03-02';
const GUESSED_UUID = '6b1d6f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
/** The shape of a real sign-in link's secret, naming nothing. */
const GUESSED_TOKEN = 'Qm9ndXMtdG9rZW4tdGhhdC1uYW1lcy1ub3RoaW5nLWF0LWFsbA';

/** The prefixes whose every route this file must know the answers for. */
const PREFIXES = ['/ehc', '/partner', '/my-ehc', '/request-an-ehc-needs-assessment'] as const;
const underPrefixes = (url: string) => PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));

// ------------------------------------------------------------------ people and fixtures

type FixtureState = 'awaiting-decision' | 'assessing' | 'young-person' | 'draft-issued' | 'final-issued';
type Fixture = {
  caseId: string;
  reference: string;
  adviceId: string;
  needId: string;
  documentId: string;
  consultationId: string;
  /** The main contact: the parent, or for 'young-person' the young person themself. */
  personId: string;
  email: string;
};

type Person = {
  key: string;
  role: Role | 'anonymous' | 'family';
  userId: string | null;
  organisationKey: string | null;
  /** A family's own case. */
  fixture: Fixture | null;
  session: FormSession;
  csrf: string;
};

let t: TestApp;
let people: Person[] = [];
const person = (key: string) => {
  const found = people.find((p) => p.key === key);
  if (!found) throw new Error(`no one called ${key}`);
  return found;
};
const caseworker = () => person('send_caseworker');
const manager = () => person('send_manager');
const orgIds = new Map<string, string>();
/** Cases no request in this file is allowed to change: refused requests are made against these. */
const shared = {} as Record<FixtureState, Fixture>;
let sharedToken = '';
let routes: ListedRoute[] = [];

function dateFields(name: string, iso: string) {
  return {
    [`${name}-day`]: String(Number(iso.slice(8, 10))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
}
const today = (name: string) => dateFields(name, TODAY);

function orgId(key: string): string {
  const id = orgIds.get(key);
  if (!id) throw new Error(`no organisation ${key}`);
  return id;
}

async function actorOf(email: string): Promise<Actor> {
  const row = await t.database.db
    .selectFrom('users')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return { userId: row.id, role: row.role as Role, organisationId: row.organisation_id };
}

let childCounter = 0;
/** A case made through the service (the code under test, not a shortcut into its tables), in a given state. */
async function makeCase(state: FixtureState): Promise<Fixture> {
  const ctx: RequestContext = {
    actor: await actorOf('caseworker@demo.example.org'),
    requestId: 'ehc-access-fixture',
  };
  const ehc = t.container.services.ehc;
  childCounter += 1;
  const youngPerson = state === 'young-person';
  const email = `demo.family.fixture${childCounter}@demo.example.org`;
  const { caseId, reference } = await ehc.recordRequest(ctx, {
    child: {
      legalGivenNames: 'Demo Access',
      legalFamilyName: `Fixture${childCounter}`,
      preferredName: null,
      dateOfBirth: youngPerson ? '2007-05-01' : '2016-04-12',
      sex: 'U',
      homePostcode: null,
      upn: null,
      upnUnknownReason: null,
      nhsNumber: null,
      nhsNumberUnknownReason: null,
      settingName: youngPerson ? 'Demo College' : 'Demo Park Primary School',
      settingOrganisationId: null,
      nationalCurriculumYear: youngPerson ? '13' : '4',
      communicationNeeds: null,
      preferredLanguage: null,
      needs: ['ASD'],
    },
    parent: {
      fullName: `Demo Family Fixture${childCounter}`,
      relationship: youngPerson ? 'young_person' : 'parent',
      email,
      phone: null,
      hasParentalResponsibility: !youngPerson,
    },
    request: {
      source: youngPerson ? 2 : 1,
      channel: 'letter',
      requesterName: null,
      requesterOrganisationId: null,
      receivedOn: RECEIVED,
      reasons: 'Not making progress despite SEN support.',
    },
  });
  const contact = await t.database.db
    .selectFrom('ehc_related_people')
    .innerJoin('ehc_cases', 'ehc_cases.child_id', 'ehc_related_people.child_id')
    .select('ehc_related_people.id')
    .where('ehc_cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const f: Fixture = {
    caseId,
    reference,
    adviceId: '',
    needId: '',
    documentId: '',
    consultationId: '',
    personId: contact.id,
    email,
  };
  if (state === 'awaiting-decision') return f;
  await ehc.decide(ctx, caseId, { outcome: 'assess', notifiedOn: DECIDED, reasons: null });
  await ehc.requestAdvice(ctx, caseId, {
    adviceType: 'health',
    organisationId: orgId('rwt'),
    requestedOn: DECIDED,
  });
  const advice = await t.database.db
    .selectFrom('ehc_advice_requests')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  f.adviceId = advice.id;
  f.needId = randomUUID();
  const outcomeId = randomUUID();
  await ehc.savePlanSection(ctx, caseId, (): PlanContent => ({
    views: 'Likes trains and wants to make friends.',
    needs: [{ id: f.needId, section: 'B', text: 'Finds changes to routine very hard.' }],
    outcomes: [{ id: outcomeId, text: 'Manages a change of routine with one prompt.', byWhen: 'July 2027' }],
    provision: [
      {
        id: randomUUID(),
        section: 'F',
        what: 'Visual timetable',
        whoProvides: 'Class teacher',
        howOften: 'Every day',
        forHowLong: 'Until the annual review',
        meetsNeedIds: [f.needId],
        meetsOutcomeIds: [outcomeId],
      },
    ],
    placement: '',
    personalBudget: '',
    advice: [],
  }));
  // A document of the case, as an upload through the partner portal stores it.
  f.documentId = await t.container.repos.ehc.insertDocument({
    caseId,
    kind: 'advice',
    fileName: 'advice.pdf',
    mediaType: 'application/pdf',
    content: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    sha256: '0'.repeat(64),
    uploadedBy: ctx.actor?.userId ?? null,
    now: t.clock.now(),
  });
  if (state === 'assessing' || state === 'young-person') return f;
  await ehc.issueDraft(ctx, caseId, DRAFT_SERVED);
  await ehc.consultSetting(ctx, caseId, { organisationId: orgId('school-special'), sentOn: DRAFT_SERVED });
  const consultation = await t.database.db
    .selectFrom('ehc_setting_consultations')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  f.consultationId = consultation.id;
  if (state === 'final-issued')
    await ehc.issueFinal(ctx, caseId, { issuedOn: TODAY, namedSetting: 'Demo Brook Special School' });
  return f;
}

/** A one-time sign-in link for a family, as the outbox would send it. */
async function linkToken(email: string): Promise<string> {
  const sent = () =>
    t.database.db
      .selectFrom('notification_outbox')
      .select(['id', 'personalisation'])
      .where('recipient', '=', email)
      .where('template', '=', 'ehc-family-sign-in')
      .execute();
  const before = new Set((await sent()).map((r) => r.id));
  await t.container.services.ehc.requestFamilyLink({ actor: null, requestId: 'ehc-access-fixture' }, email);
  const added = (await sent()).find((r) => !before.has(r.id));
  const link = (added?.personalisation as { link?: string } | undefined)?.link ?? '';
  const token = /\/my-ehc\/sign-in\/([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`no sign-in link was sent to ${email}`);
  return token;
}

let addresses = 0;
/**
 * A browser at an address of its own: the app limits some requests by address (sending a request, asking for a
 * link, not-found pages), and this file makes far more of them than one person would.
 */
function browser(): FormSession {
  addresses += 1;
  const remoteAddress = `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
  const app = {
    inject: (options: InjectOptions) => t.app.inject({ ...options, remoteAddress }),
  } as unknown as FastifyInstance;
  return new FormSession(app);
}

/** A family signed in by their link, the way a browser does it (the GET never spends the link; the POST does). */
async function familySignIn(f: Fixture): Promise<{ session: FormSession; csrf: string }> {
  const token = await linkToken(f.email);
  const session = browser();
  expect((await session.get(`/my-ehc/sign-in/${token}`)).statusCode).toBe(200);
  expect((await session.post(`/my-ehc/sign-in/${token}`, {})).statusCode).toBe(303);
  expect(session.cookies.has('family_sid')).toBe(true);
  await session.get('/my-ehc');
  return { session, csrf: session.csrfToken() };
}

/** A copy of someone's browser, so that what a request sets (a family cookie, say) stays with the copy. */
function copyOf(session: FormSession): FormSession {
  const copy = browser();
  for (const [k, v] of session.cookies) copy.cookies.set(k, v);
  return copy;
}

/**
 * What the EHC tables and the outbox hold, one value per table: its rows, and the newest transaction that
 * wrote one (every insert or update writes a row version with a new xmin; a delete lowers the count). A
 * request that changed nothing leaves it exactly as it was. The tables are read from the catalogue, so a table
 * added later is covered too.
 */
let fingerprintQuery: ReturnType<typeof sql.raw> | null = null;
async function fingerprint(): Promise<Record<string, string>> {
  if (!fingerprintQuery) {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
        and (table_name like 'ehc\\_%' or table_name = 'notification_outbox')
      order by table_name`.execute(t.database.db);
    expect(tables.rows.map((r) => r.name)).toContain('ehc_cases');
    fingerprintQuery = sql.raw(
      `select ${tables.rows
        .map(
          ({ name }) =>
            `(select count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text from ${name}) as "${name}"`,
        )
        .join(', ')}`,
    );
  }
  const result = await fingerprintQuery.execute(t.database.db);
  return result.rows[0] as Record<string, string>;
}
function changedTables(a: Record<string, string>, b: Record<string, string>) {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
}

async function lastAuditId(): Promise<string> {
  const row = await sql<{ id: string | null }>`select max(id)::text as id from audit_events`.execute(
    t.database.db,
  );
  return row.rows[0]?.id ?? '0';
}

type AuditRow = { action: string; actor_user_id: string | null; subject_id: string | null; details: unknown };
async function auditSince(after: string): Promise<AuditRow[]> {
  return t.database.db
    .selectFrom('audit_events')
    .select(['action', 'actor_user_id', 'subject_id', 'details'])
    .where(sql<boolean>`id > ${after}::bigint`)
    .orderBy('id')
    .execute();
}

/** Whether a row was written for this person: a staff user by their id, a family by their related person. */
function byPerson(row: AuditRow, who: Person): boolean {
  if (who.role === 'family')
    return (
      (row.details as { related_person_id?: string } | null)?.related_person_id === who.fixture?.personId
    );
  return who.userId !== null && row.actor_user_id === who.userId;
}
const isRead = (row: AuditRow) =>
  /\.(viewed|downloaded|case-viewed|document-viewed|document-downloaded)$/.test(row.action);

// ------------------------------------------------------------------ what every route should answer

/**
 * ok: the page (200), or for a change its redirect (303); refused: 403; sign-in: 303 to the staff sign-in;
 * family-start: 303 to /my-ehc (no family session); not-found: 404; invalid: 400 with nothing changed.
 */
type Answer = 'ok' | 'refused' | 'sign-in' | 'family-start' | 'not-found' | 'invalid';
type Params = Record<string, string>;
type Guess = { value: string; audit: string | null };
type AuditExpectation = { action: string; subject: string | null };

type Expectation = {
  answer: (who: Person) => Answer;
  /** The case whose ids fill the URL; for a change that is allowed, a new case in this state. */
  fixture?: FixtureState;
  /** The URL's parameters, when they are not the case's own (id: the case, adviceId, documentId …). */
  params?: (f: Fixture) => Params | Promise<Params>;
  /** Guesses for each parameter, when they are not the defaults for its name. */
  guesses?: Record<string, Guess[]>;
  /** The audit row an 'ok' read writes (f: the route's case, or a family's own). */
  audit?: (f: Fixture, who: Person) => AuditExpectation | null;
  /** The audit row a 'not-found' answer writes. */
  notFoundAudit?: string;
  okStatus?: number;
  /** A change that would succeed for someone it is allowed to, so that a refusal is a refusal of access. */
  body?: (f: Fixture) => Record<string, string | string[]>;
  /** Whether an allowed change changes something stored (default yes). */
  changes?: (who: Person) => boolean;
};

const staffOnly =
  (roles: readonly Role[]) =>
  (who: Person): Answer =>
    who.role === 'anonymous' || who.role === 'family'
      ? 'sign-in'
      : roles.includes(who.role)
        ? 'ok'
        : 'refused';
const casework = staffOnly(['send_caseworker', 'send_manager']);
const managers = staffOnly(['send_manager']);
/** A partner practitioner of the organisation asked; one of another organisation finds nothing there. */
const addressedTo =
  (organisationKey: string | null) =>
  (who: Person): Answer => {
    if (who.role === 'anonymous' || who.role === 'family') return 'sign-in';
    if (who.role !== 'partner_practitioner') return 'refused';
    return organisationKey === null || who.organisationKey === organisationKey ? 'ok' : 'not-found';
  };
const everyone = (): Answer => 'ok';
const familyOnly =
  (fixtures: Partial<Record<FixtureState, Answer>>) =>
  (who: Person): Answer => {
    if (who.role !== 'family') return 'family-start';
    const state = (Object.keys(shared) as FixtureState[]).find((s) => shared[s] === who.fixture);
    return (state && fixtures[state]) ?? 'not-found';
  };

const caseViewed = (f: Fixture): AuditExpectation => ({ action: 'ehc.case.viewed', subject: f.caseId });
const casePage: Expectation = { answer: casework, audit: caseViewed };
const caseChange = (
  fixture: FixtureState,
  body: (f: Fixture) => Record<string, string | string[]>,
): Expectation => ({ answer: casework, fixture, body });

const ADVICE_GUESSES: Guess[] = [
  { value: GUESSED_UUID, audit: 'ehc.advice.not-found' },
  { value: 'not-advice', audit: 'ehc.advice.not-found' },
];
const CONSULTATION_GUESSES: Guess[] = [
  { value: GUESSED_UUID, audit: 'ehc.consultation.not-found' },
  { value: 'not-a-consultation', audit: 'ehc.consultation.not-found' },
];
/** Guesses by parameter name, for routes that do not give their own. */
const GUESSES: Record<string, Guess[]> = {
  id: [
    { value: GUESSED_UUID, audit: 'ehc.case.not-found' },
    { value: 'not-a-case', audit: 'ehc.case.not-found' },
  ],
  adviceId: ADVICE_GUESSES,
  documentId: [
    { value: GUESSED_UUID, audit: 'ehc.document.not-found' },
    { value: 'not-a-document', audit: 'ehc.document.not-found' },
  ],
  // Not an id: a letter this case has no reason to have.
  letter: [{ value: 'no-plan.docx', audit: null }],
  token: [
    { value: GUESSED_TOKEN, audit: null },
    { value: 'not-a-token', audit: null },
  ],
};

const partnerAdvice = (extra: Partial<Expectation> = {}): Expectation => ({
  answer: addressedTo('rwt'),
  fixture: 'assessing',
  params: (f) => ({ id: f.adviceId }),
  guesses: { id: ADVICE_GUESSES },
  audit: (f) => ({ action: 'ehc.advice.viewed', subject: f.adviceId }),
  notFoundAudit: 'ehc.advice.not-found',
  ...extra,
});
const partnerConsultation = (extra: Partial<Expectation> = {}): Expectation => ({
  answer: addressedTo('school-special'),
  fixture: 'draft-issued',
  params: (f) => ({ id: f.consultationId }),
  guesses: { id: CONSULTATION_GUESSES },
  audit: (f) => ({ action: 'ehc.consultation.viewed', subject: f.consultationId }),
  notFoundAudit: 'ehc.consultation.not-found',
  ...extra,
});
const familyDocument = (
  action: 'viewed' | 'downloaded',
  fixtures: Partial<Record<FixtureState, Answer>>,
) => ({
  answer: familyOnly(fixtures),
  audit: (_f: Fixture, who: Person) => ({
    action: `ehc.family.document-${action}`,
    subject: who.fixture?.caseId ?? null,
  }),
  notFoundAudit: 'ehc.family.document-not-found',
});

let requestCounter = 0;
function newRequestBody(familyName?: string) {
  requestCounter += 1;
  return {
    legalGivenNames: 'Demo Posted',
    legalFamilyName: familyName ?? `Request${requestCounter}`,
    preferredName: '',
    ...dateFields('dateOfBirth', '2015-09-01'),
    sex: 'M',
    nhsNumber: '',
    homePostcode: '',
    settingName: '',
    settingOrganisationId: '',
    nationalCurriculumYear: '5',
    primaryNeed: 'SLCN',
    secondaryNeed: '',
    communicationNeeds: '',
    preferredLanguage: '',
    parentName: '',
    parentRelationship: '',
    parentEmail: '',
    parentPhone: '',
    source: '1',
    channel: 'email',
    requesterName: '',
    ...dateFields('receivedOn', '2026-03-02'),
    reasons: 'Speech and language needs not met by SEN support.',
  };
}

const GETS: Record<string, Expectation> = {
  // The caseworkers' and managers' workspaces: lists, not one child's record.
  '/ehc': { answer: casework },
  '/ehc/due': { answer: casework },
  '/ehc/cases': { answer: casework },
  '/ehc/manager': { answer: managers },
  '/ehc/requests/new': { answer: casework },
  // One case: every read audited.
  '/ehc/cases/:id': casePage,
  '/ehc/cases/:id/child': casePage,
  '/ehc/cases/:id/people': casePage,
  '/ehc/cases/:id/capacity': casePage,
  '/ehc/cases/:id/decision': casePage,
  '/ehc/cases/:id/advice': casePage,
  '/ehc/cases/:id/advice/:adviceId/received': casePage,
  '/ehc/cases/:id/exceptions': casePage,
  '/ehc/cases/:id/draft': casePage,
  '/ehc/cases/:id/consult': casePage,
  '/ehc/cases/:id/representations': casePage,
  '/ehc/cases/:id/final': casePage,
  '/ehc/cases/:id/no-plan': casePage,
  '/ehc/cases/:id/close': casePage,
  '/ehc/cases/:id/plan': casePage,
  '/ehc/cases/:id/plan/view': casePage,
  '/ehc/cases/:id/plan.docx': casePage,
  '/ehc/cases/:id/plan/views': casePage,
  '/ehc/cases/:id/plan/needs': casePage,
  '/ehc/cases/:id/plan/outcomes': casePage,
  '/ehc/cases/:id/plan/provision': casePage,
  '/ehc/cases/:id/plan/placement': casePage,
  '/ehc/cases/:id/plan/personal-budget': casePage,
  '/ehc/cases/:id/letters/:letter': {
    ...casePage,
    params: (f) => ({ id: f.caseId, letter: 'decision.docx' }),
  },
  '/ehc/cases/:id/documents/:documentId': {
    answer: casework,
    audit: (f) => ({ action: 'ehc.document.downloaded', subject: f.documentId }),
  },

  // The partner portal: what was asked of one's own organisation, and nothing else.
  '/partner': { answer: addressedTo(null) },
  '/partner/advice/:id': partnerAdvice(),
  '/partner/advice/:id/exception': partnerAdvice(),
  '/partner/consultations/:id': partnerConsultation(),
  '/partner/consultations/:id/draft-plan.docx': partnerConsultation(),

  // The family's view: the start page and the sign-in link are for anyone; the rest for a family, about its own case.
  '/my-ehc': {
    answer: everyone,
    audit: (_f, who) =>
      who.role === 'family'
        ? { action: 'ehc.family.case-viewed', subject: who.fixture?.caseId ?? null }
        : null,
  },
  '/my-ehc/sign-in/:token': { answer: everyone, params: () => ({ token: sharedToken }) },
  '/my-ehc/signed-out': { answer: everyone },
  '/my-ehc/draft-plan': familyDocument('viewed', { 'draft-issued': 'ok', 'final-issued': 'ok' }),
  '/my-ehc/draft-plan.docx': familyDocument('downloaded', { 'draft-issued': 'ok', 'final-issued': 'ok' }),
  '/my-ehc/draft-plan/sent': { answer: familyOnly({ 'draft-issued': 'ok', 'final-issued': 'ok' }) },
  '/my-ehc/plan': familyDocument('viewed', { 'final-issued': 'ok' }),
  '/my-ehc/plan.docx': familyDocument('downloaded', { 'final-issued': 'ok' }),
  '/my-ehc/letters/:letter': {
    ...familyDocument('downloaded', { 'draft-issued': 'ok', 'final-issued': 'ok' }),
    params: () => ({ letter: 'decision.docx' }),
    guesses: {
      letter: [
        { value: 'no-plan.docx', audit: 'ehc.family.document-not-found' },
        { value: 'not-a-letter.docx', audit: null },
      ],
    },
  },
};

const POSTS: Record<string, Expectation> = {
  '/ehc/requests/new': { answer: casework, body: () => newRequestBody() },
  '/ehc/cases/:id/decision': caseChange('awaiting-decision', () => ({
    outcome: 'assess',
    ...today('notifiedOn'),
    reasons: '',
  })),
  '/ehc/cases/:id/child': caseChange('assessing', (f) => ({
    legalGivenNames: 'Demo Access',
    legalFamilyName: `Changed${f.reference.replace(/\W/g, '')}`,
    preferredName: '',
    ...dateFields('dateOfBirth', '2016-04-12'),
    sex: 'U',
    ethnicity: '',
    nhsNumber: '',
    nhsNumberUnknownReason: 'not-yet-known',
    upn: '',
    upnUnknownReason: 'not-yet-allocated',
    uln: '',
    ulnUnknownReason: 'not-yet-14',
    homePostcode: '',
    settingName: '',
    nationalCurriculumYear: '4',
    primaryNeed: 'ASD',
    secondaryNeed: '',
    communicationNeeds: '',
    preferredLanguage: '',
  })),
  '/ehc/cases/:id/people': caseChange('assessing', () => ({
    fullName: 'Demo Grandparent',
    relationship: 'carer',
    parentalResponsibility: 'no',
    email: '',
    phone: '',
    mainContact: 'no',
  })),
  '/ehc/cases/:id/capacity': caseChange('young-person', (f) => ({
    relatedPersonId: f.personId,
    decision: 'To agree the named college',
    hasCapacity: 'yes',
    ...today('assessedOn'),
    note: 'Understood the options and weighed them.',
  })),
  '/ehc/cases/:id/advice': caseChange('assessing', () => ({
    adviceType: 'educational',
    organisationId: orgId('rwt'),
    ...today('requestedOn'),
  })),
  '/ehc/cases/:id/advice/:adviceId/received': caseChange('assessing', () => ({
    ...today('receivedOn'),
    summary: 'Community paediatric advice.',
  })),
  '/ehc/cases/:id/exceptions': caseChange('assessing', (f) => ({
    clockKey: `advice:${f.adviceId}`,
    type: '8(2)(c)',
    ...dateFields('fromOn', '2026-02-20'),
    ...dateFields('toOn', '2026-02-20'),
    adviceRequestedOn: '',
    evidence: 'Missed clinic appointment on 20 February 2026',
  })),
  '/ehc/cases/:id/draft': caseChange('assessing', () => today('servedOn')),
  '/ehc/cases/:id/consult': caseChange('draft-issued', () => ({
    organisationId: orgId('school-special'),
    ...today('sentOn'),
  })),
  '/ehc/cases/:id/representations': caseChange('draft-issued', () => ({
    ...today('receivedOn'),
    comments: 'We would like more speech therapy.',
    preferredSetting: '',
  })),
  '/ehc/cases/:id/final': caseChange('draft-issued', () => ({
    namedSetting: 'Demo Brook Special School',
    ...today('issuedOn'),
  })),
  '/ehc/cases/:id/no-plan': caseChange('assessing', () => ({
    ...today('notifiedOn'),
    reasons: 'Needs can be met from SEN support.',
  })),
  '/ehc/cases/:id/close': caseChange('assessing', () => ({ reason: 'withdrawn', ...today('closedOn') })),
  '/ehc/cases/:id/notes': caseChange('assessing', () => ({ body: 'Phoned the family.' })),
  // Giving someone's case to another is the manager's; a caseworker may only take an unassigned one (below).
  '/ehc/cases/:id/assign': {
    answer: managers,
    fixture: 'assessing',
    body: () => ({ caseworkerId: manager().userId as string }),
  },
  '/ehc/cases/:id/plan/views': caseChange('assessing', () => ({ views: 'In their own words.' })),
  '/ehc/cases/:id/plan/needs': caseChange('assessing', () => ({ section: 'C', text: 'Sleeps badly.' })),
  '/ehc/cases/:id/plan/outcomes': caseChange('assessing', () => ({
    text: 'Sleeps through most nights.',
    byWhen: 'By July 2027',
  })),
  '/ehc/cases/:id/plan/provision': caseChange('assessing', (f) => ({
    section: 'F',
    what: 'Speech and language therapy',
    whoProvides: 'A speech and language therapist',
    howOften: 'Weekly, 30 minutes',
    forHowLong: 'Until the annual review',
    meetsNeedIds: f.needId,
  })),
  '/ehc/cases/:id/plan/placement': caseChange('assessing', () => ({ placement: 'A special school' })),
  '/ehc/cases/:id/plan/personal-budget': caseChange('assessing', () => ({
    personalBudget: 'None asked for.',
  })),
  '/ehc/cases/:id/plan/remove': caseChange('assessing', (f) => ({ itemId: f.needId })),

  '/partner/advice/:id': partnerAdvice({
    body: () => ({ ...today('receivedOn'), summary: 'Seen in clinic; advice attached.' }),
  }),
  '/partner/advice/:id/exception': partnerAdvice({
    body: () => ({
      type: '8(2)(c)',
      ...dateFields('fromOn', '2026-02-20'),
      'toOn-day': '',
      'toOn-month': '',
      'toOn-year': '',
      evidence: 'Did not attend the clinic appointment.',
    }),
  }),
  '/partner/consultations/:id': partnerConsultation({
    body: () => ({ ...today('repliedOn'), canMeetNeeds: 'yes', response: 'We can meet the needs.' }),
  }),

  // Asking for a link says the same whoever asks and whatever the address; nothing is sent to an unknown one.
  '/my-ehc': {
    answer: everyone,
    okStatus: 200,
    body: () => ({ email: 'nobody@demo.example.org' }),
    changes: () => false,
  },
  '/my-ehc/sign-in/:token': {
    answer: everyone,
    params: async (f) => ({ token: await linkToken(f.email) }),
    body: () => ({}),
  },
  '/my-ehc/sign-out': { answer: everyone, body: () => ({}), changes: (who) => who.role === 'family' },
  '/my-ehc/draft-plan': {
    answer: familyOnly({ 'draft-issued': 'ok', 'final-issued': 'invalid' }),
    fixture: 'draft-issued',
    body: () => ({ comments: 'We agree with the draft.', preferredSetting: '' }),
  },
};

// The online request: the family's journey is open to anyone; a setting's is for the staff of a school,
// college or early years setting (a partner practitioner there), about children at that setting.
const FAMILY_QUESTIONS = [
  'who-is-asking',
  'name',
  'date-of-birth',
  'sex',
  'postcode',
  'school-or-setting',
  'school-year',
  'main-need',
  'other-need',
  'communication',
  'support-tried',
  'reasons',
  'your-details',
  'sharing',
];
/** Questions with nothing that must be answered: sent empty, they are saved. */
const OPTIONAL_QUESTIONS = ['communication'];
const SETTING_QUESTIONS = [
  'name',
  'date-of-birth',
  'sex',
  'postcode',
  'school-year',
  'main-need',
  'other-need',
  'communication',
  'support-tried',
  'reasons',
  'family-contact',
  'sharing',
];
const fromASetting = (who: Person): Answer => {
  if (who.role === 'anonymous' || who.role === 'family') return 'sign-in';
  return who.role === 'partner_practitioner' && who.organisationKey === 'school-special' ? 'ok' : 'refused';
};

/** A journey's pages for someone with nothing saved: its questions, and the pages that send them back to them. */
function journey(base: string, answer: (who: Person) => Answer, questions: readonly string[]) {
  const gets: Record<string, Expectation> = {
    [base]: { answer },
    [`${base}/check-answers`]: { answer, okStatus: 303 },
    [`${base}/confirmation`]: { answer, okStatus: 303 },
    [`${base}/save-and-return`]: { answer },
    [`${base}/save-and-return/sent`]: { answer, okStatus: 303 },
  };
  const posts: Record<string, Expectation> = {
    [`${base}/start-again`]: { answer, body: () => ({}), changes: () => false },
    [`${base}/check-answers`]: { answer, body: () => ({}), changes: () => false },
    [`${base}/save-and-return`]: {
      answer,
      body: () => ({ email: 'someone@demo.example.org' }),
      changes: () => false,
    },
  };
  for (const question of questions) {
    gets[`${base}/${question}`] = { answer };
    // Unanswered, a question is refused with its errors, whoever may ask it.
    posts[`${base}/${question}`] = OPTIONAL_QUESTIONS.includes(question)
      ? { answer, body: () => ({}) }
      : { answer: (who) => (answer(who) === 'ok' ? 'invalid' : answer(who)), body: () => ({}) };
  }
  return { gets, posts };
}
const familyJourney = journey('/request-an-ehc-needs-assessment', everyone, FAMILY_QUESTIONS);
const settingJourney = journey(
  '/request-an-ehc-needs-assessment/from-a-setting',
  fromASetting,
  SETTING_QUESTIONS,
);
Object.assign(GETS, familyJourney.gets, settingJourney.gets, {
  '/ehc/request': { answer: everyone, okStatus: 301 },
  '/request-an-ehc-needs-assessment/who-can-ask': { answer: everyone },
  // The emailed link without its token: the expired-link page.
  '/request-an-ehc-needs-assessment/resume': { answer: everyone, okStatus: 404 },
  '/request-an-ehc-needs-assessment/from-a-setting/resume': {
    answer: (who: Person): Answer =>
      who.role === 'anonymous' || who.role === 'family' ? 'sign-in' : 'not-found',
  },
} satisfies Record<string, Expectation>);
Object.assign(POSTS, familyJourney.posts, settingJourney.posts);

const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
const fill = (url: string, params: Params) =>
  url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(value);
  });
async function paramsFor(url: string, e: Expectation, f: Fixture): Promise<Params> {
  if (e.params) return e.params(f);
  const byName: Params = { id: f.caseId, adviceId: f.adviceId, documentId: f.documentId };
  return Object.fromEntries(paramNames(url).map((n) => [n, byName[n] ?? '']));
}
/** Each parameter guessed in turn, the others real. */
function guessed(url: string, e: Expectation, params: Params) {
  return paramNames(url).flatMap((name) =>
    (e.guesses?.[name] ?? GUESSES[name] ?? []).map((guess) => ({
      url: fill(url, { ...params, [name]: guess.value }),
      audit: guess.audit,
      /** The record itself guessed, not a part of a real one (whose read may be audited: the reader may see it). */
      whole: name === paramNames(url)[0],
    })),
  );
}

function statusOf(answer: Answer, method: 'GET' | 'POST', e: Expectation): number {
  switch (answer) {
    case 'ok':
      return e.okStatus ?? (method === 'GET' ? 200 : 303);
    case 'refused':
      return 403;
    case 'not-found':
      return 404;
    case 'invalid':
      return 400;
    case 'sign-in':
    case 'family-start':
      return 303;
  }
}
function wrongLocation(answer: Answer, location: unknown): boolean {
  if (answer === 'sign-in') return !String(location).startsWith('/sign-in');
  if (answer === 'family-start') return String(location) !== '/my-ehc';
  return false;
}

const routesOf = (method: 'GET' | 'POST') => routes.filter((r) => r.method === method);
const expectationOf = (method: 'GET' | 'POST', url: string) => (method === 'GET' ? GETS : POSTS)[url];

// ------------------------------------------------------------------ setup

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
  t.clock.set(new Date(`${TODAY}T10:00:00Z`));
  routes = listRoutes(t.app).filter(
    (r) => (r.method === 'GET' || r.method === 'POST') && underPrefixes(r.url),
  );
  for (const row of await t.database.db.selectFrom('organisations').select(['id', 'key']).execute())
    if (row.key) orgIds.set(row.key, row.id);

  for (const state of [
    'awaiting-decision',
    'assessing',
    'young-person',
    'draft-issued',
    'final-issued',
  ] as const)
    shared[state] = await makeCase(state);
  sharedToken = await linkToken(shared['assessing'].email);

  // Every demo sign-in once, each with the CSRF token of its own session; someone not signed in; two families.
  people = [];
  for (const p of DEMO_SIGN_INS) {
    const session = browser();
    expect((await session.signIn(p.email, DEMO_PASSWORD)).statusCode).toBe(303);
    await session.get('/account');
    const role = p.role;
    people.push({
      key: people.some((q) => q.role === role) ? `${role} (${p.organisationKey})` : role,
      role,
      userId: (await actorOf(p.email)).userId,
      organisationKey: p.organisationKey,
      fixture: null,
      session,
      csrf: session.csrfToken(),
    });
  }
  const anonymous = browser();
  await anonymous.get('/sign-in');
  people.push({
    key: 'anonymous',
    role: 'anonymous',
    userId: null,
    organisationKey: null,
    fixture: null,
    session: anonymous,
    csrf: anonymous.csrfToken(),
  });
  for (const state of ['draft-issued', 'final-issued'] as const) {
    const family = await familySignIn(shared[state]);
    people.push({
      key: `family (${state})`,
      role: 'family',
      userId: null,
      organisationKey: null,
      fixture: shared[state],
      ...family,
    });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const everybody = () => people.map((p) => p.key);
const KEYS = [
  ...DEMO_SIGN_INS.map((p, i) =>
    DEMO_SIGN_INS.findIndex((q) => q.role === p.role) === i ? p.role : `${p.role} (${p.organisationKey})`,
  ),
  'anonymous',
  'family (draft-issued)',
  'family (final-issued)',
];

// ------------------------------------------------------------------ the tests

describe('the route table', () => {
  it('has the expected answers for every GET and POST route under the EHC prefixes', () => {
    expect(everybody()).toEqual(KEYS);
    const listed = routes.map((r) => `${r.method} ${r.url}`);
    // The listing itself works: routes known to exist are in it.
    expect(listed).toContain('GET /ehc/cases/:id');
    expect(listed).toContain('POST /ehc/cases/:id/notes');
    const known = new Set([
      ...Object.keys(GETS).map((u) => `GET ${u}`),
      ...Object.keys(POSTS).map((u) => `POST ${u}`),
    ]);
    const missing = listed.filter((r) => !known.has(r));
    expect(missing, 'routes with no expected answers: add them to GETS or POSTS').toEqual([]);
    const stale = [...known].filter((r) => !listed.includes(r));
    expect(stale, 'expectations for routes that no longer exist').toEqual([]);
    const bodiless = Object.entries(POSTS).filter(([, e]) => !e.body);
    expect(
      bodiless.map(([url]) => url),
      'changes with nothing to send',
    ).toEqual([]);
  });
});

describe('every page, for everyone', () => {
  it.each(KEYS)('as %s', async (key) => {
    const who = person(key);
    const wrong: unknown[] = [];
    for (const route of routesOf('GET')) {
      const e = expectationOf('GET', route.url);
      if (!e) continue; // reported by the route table test
      const f = shared[e.fixture ?? 'assessing'];
      const answer = e.answer(who);
      const params = await paramsFor(route.url, e, f);
      const url = fill(route.url, params);
      const before = await lastAuditId();
      const response = await who.session.get(url);
      const expected = statusOf(answer, 'GET', e);
      if (response.statusCode !== expected)
        wrong.push({ url: route.url, status: response.statusCode, expected, answer });
      if (wrongLocation(answer, response.headers.location))
        wrong.push({ url: route.url, answer, location: response.headers.location });
      const audit = await auditSince(before);
      const wanted =
        answer === 'ok'
          ? (e.audit?.(f, who) ?? null)
          : answer === 'not-found' && e.notFoundAudit
            ? { action: e.notFoundAudit, subject: null }
            : null;
      if (
        wanted &&
        !audit.some(
          (a) =>
            a.action === wanted.action &&
            (wanted.subject === null || a.subject_id === wanted.subject) &&
            byPerson(a, who),
        )
      )
        wrong.push({ url: route.url, missingAudit: wanted, audit });
      if (answer !== 'ok' && audit.some(isRead)) wrong.push({ url: route.url, answer, auditedARead: audit });

      for (const guess of guessed(route.url, e, params)) {
        const beforeGuess = await lastAuditId();
        const response = await who.session.get(guess.url);
        const answerToGuess = answer === 'ok' ? 'not-found' : answer;
        const expected = statusOf(answerToGuess, 'GET', e);
        if (response.statusCode !== expected)
          wrong.push({ url: guess.url, status: response.statusCode, expected });
        const rows = await auditSince(beforeGuess);
        if (answer === 'ok' && guess.audit && !rows.some((a) => a.action === guess.audit && byPerson(a, who)))
          wrong.push({ url: guess.url, missingAudit: guess.audit, audit: rows });
        if (guess.whole && rows.some(isRead)) wrong.push({ url: guess.url, auditedARead: rows });
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('every change, for everyone', () => {
  it.each(KEYS)('as %s: refused where it should be, with nothing changed', async (key) => {
    const who = person(key);
    const wrong: unknown[] = [];
    let after: Record<string, string> | null = null;
    for (const route of routesOf('POST')) {
      const e = expectationOf('POST', route.url);
      if (!e?.body) continue;
      const answer = e.answer(who);
      if (answer === 'ok') continue;
      const f = shared[e.fixture ?? 'assessing'];
      const url = fill(route.url, await paramsFor(route.url, e, f));
      const before = after ?? (await fingerprint());
      const body = e.body(f);
      // The change as it would succeed for someone allowed, and empty (refused before the form is even read).
      for (const fields of Object.keys(body).length > 0 ? [body, {}] : [body]) {
        const response = await copyOf(who.session).post(url, fields, { csrf: who.csrf });
        const expected = statusOf(answer, 'POST', e);
        if (response.statusCode !== expected)
          wrong.push({
            url: route.url,
            fields: Object.keys(fields).length,
            status: response.statusCode,
            expected,
          });
        if (wrongLocation(answer, response.headers.location))
          wrong.push({ url: route.url, answer, location: response.headers.location });
      }
      after = await fingerprint();
      const changed = changedTables(before, after);
      if (changed.length > 0) wrong.push({ url: route.url, answer, changed });
    }
    expect(wrong).toEqual([]);
  });

  it.each(KEYS)(
    'as %s: allowed where it should be, and a guessed id is a 404, audited, with nothing changed',
    async (key) => {
      const who = person(key);
      const wrong: unknown[] = [];
      for (const route of routesOf('POST')) {
        const e = expectationOf('POST', route.url);
        if (!e?.body || e.answer(who) !== 'ok') continue;
        // A case of its own (and for a family, a session of its own), so that one change cannot get in the way
        // of the next; a change that concerns no case (a new request, the online request) needs none.
        const needsCase =
          e.fixture !== undefined || paramNames(route.url).length > 0 || who.role === 'family';
        const f = needsCase ? await makeCase(e.fixture ?? 'assessing') : shared.assessing;
        const { session, csrf } = who.role === 'family' ? await familySignIn(f) : who;
        const params = await paramsFor(route.url, e, f);
        const before = await fingerprint();
        const response = await copyOf(session).post(fill(route.url, params), e.body(f), { csrf });
        const expected = statusOf('ok', 'POST', e);
        if (response.statusCode !== expected)
          wrong.push({
            url: route.url,
            status: response.statusCode,
            expected,
            page: errorText(response.body),
          });
        const changed = changedTables(before, await fingerprint());
        if ((e.changes?.(who) ?? true) !== changed.length > 0) wrong.push({ url: route.url, changed });

        for (const guess of guessed(route.url, e, params)) {
          const beforeGuess = await fingerprint();
          const beforeAudit = await lastAuditId();
          const response = await copyOf(session).post(guess.url, e.body(f), { csrf });
          if (response.statusCode !== 404)
            wrong.push({ url: guess.url, status: response.statusCode, expected: 404 });
          const rows = await auditSince(beforeAudit);
          if (guess.audit && !rows.some((a) => a.action === guess.audit && byPerson(a, who)))
            wrong.push({ url: guess.url, missingAudit: guess.audit, audit: rows });
          const changedByGuess = changedTables(beforeGuess, await fingerprint());
          if (changedByGuess.length > 0) wrong.push({ url: guess.url, changed: changedByGuess });
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it('lets a caseworker take an unassigned case, but not give away one that is assigned', async () => {
    const f = await makeCase('assessing');
    await t.database.db
      .updateTable('ehc_cases')
      .set({ caseworker_id: null })
      .where('id', '=', f.caseId)
      .execute();
    const cw = caseworker();
    const to = (userId: string | null) => ({ caseworkerId: userId as string });
    const before = await fingerprint();
    expect(
      (await cw.session.post(`/ehc/cases/${f.caseId}/assign`, to(manager().userId), { csrf: cw.csrf }))
        .statusCode,
    ).toBe(403);
    expect(changedTables(before, await fingerprint())).toEqual([]);
    expect(
      (await cw.session.post(`/ehc/cases/${f.caseId}/assign`, to(cw.userId), { csrf: cw.csrf })).statusCode,
    ).toBe(303);
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .select('caseworker_id')
      .where('id', '=', f.caseId)
      .executeTakeFirstOrThrow();
    expect(row.caseworker_id).toBe(cw.userId);
    expect(
      (await cw.session.post(`/ehc/cases/${f.caseId}/assign`, to(manager().userId), { csrf: cw.csrf }))
        .statusCode,
    ).toBe(403);
  });
});

describe('a family sees only its own case', () => {
  it('shows each family its own request and nothing of the other', async () => {
    const draft = person('family (draft-issued)');
    const final = person('family (final-issued)');
    const draftPage = await draft.session.get('/my-ehc');
    expect(draftPage.statusCode).toBe(200);
    expect(draftPage.body).toContain(shared['draft-issued'].reference);
    expect(draftPage.body).not.toContain(shared['final-issued'].reference);
    const finalPage = await final.session.get('/my-ehc');
    expect(finalPage.body).toContain(shared['final-issued'].reference);
    expect(finalPage.body).not.toContain(shared['draft-issued'].reference);
    // The other family's final plan exists; this family has none, so there is none to see.
    expect((await draft.session.get('/my-ehc/plan')).statusCode).toBe(404);
    expect((await final.session.get('/my-ehc/plan')).statusCode).toBe(200);
  });

  it('gives a family cookie nothing on staff pages, and a staff session nothing on family pages', async () => {
    const family = person('family (draft-issued)');
    const staff = await family.session.get(`/ehc/cases/${shared['draft-issued'].caseId}`);
    expect(staff.statusCode).toBe(303);
    expect(String(staff.headers.location)).toContain('/sign-in');
    const cw = caseworker();
    const mine = await cw.session.get('/my-ehc/draft-plan');
    expect(mine.statusCode).toBe(303);
    expect(mine.headers.location).toBe('/my-ehc');
  });
});

// ------------------------------------------------------------------ bad input

function errorSummary(body: string): string {
  const match = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(body);
  return match?.[0] ?? '';
}
function errorText(body: string): string {
  const summary = errorSummary(body);
  return summary
    ? summary
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : body.slice(0, 200);
}
function inputValue(body: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(body)?.[0];
  return tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
}
function textareaValue(body: string, name: string): string | undefined {
  return new RegExp(`<textarea[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(body)?.[1]?.trim();
}

describe('bad input: a clear error, what was typed kept, and nothing changed', () => {
  type Case = {
    name: string;
    fixture: FixtureState | null;
    url: (f: Fixture) => string;
    fields: (f: Fixture) => Record<string, string>;
    message: string;
    href: string;
    kept: Record<string, string>;
  };
  const cases: Case[] = [
    {
      name: 'a request received in the future',
      fixture: null,
      url: () => '/ehc/requests/new',
      fields: () => ({ ...newRequestBody('Futuredate'), ...dateFields('receivedOn', '2026-03-19') }),
      message: 'The date the request was received must be today or in the past',
      href: '#receivedOn',
      kept: { legalFamilyName: 'Futuredate', 'receivedOn-day': '19', 'receivedOn-year': '2026' },
    },
    {
      name: 'a decision the family was told of before the request was received',
      fixture: 'awaiting-decision',
      url: (f) => `/ehc/cases/${f.caseId}/decision`,
      fields: () => ({
        outcome: 'not-assess',
        ...dateFields('notifiedOn', '2026-01-04'),
        reasons: 'Too early',
      }),
      message: 'The date the family was told must be the same as or after the date the request was received',
      href: '#notifiedOn-day',
      kept: { 'notifiedOn-day': '4', 'notifiedOn-month': '1', reasons: 'Too early' },
    },
    {
      name: 'a decision told of in the future',
      fixture: 'awaiting-decision',
      url: (f) => `/ehc/cases/${f.caseId}/decision`,
      fields: () => ({ outcome: 'assess', ...dateFields('notifiedOn', '2026-04-01'), reasons: '' }),
      message: 'The date the family was told must be today or in the past',
      href: '#notifiedOn-day',
      kept: { 'notifiedOn-day': '1', 'notifiedOn-month': '4' },
    },
    {
      name: 'a second decision on a decided request',
      fixture: 'assessing',
      url: (f) => `/ehc/cases/${f.caseId}/decision`,
      fields: () => ({ outcome: 'not-assess', ...today('notifiedOn'), reasons: 'Second thoughts' }),
      message: 'A decision has already been made on this request',
      href: '#outcome',
      kept: { reasons: 'Second thoughts', 'notifiedOn-day': '18' },
    },
    {
      name: 'an exception whose last day is before its first',
      fixture: 'assessing',
      url: (f) => `/ehc/cases/${f.caseId}/exceptions`,
      fields: (f) => ({
        clockKey: `advice:${f.adviceId}`,
        type: '8(2)(c)',
        ...dateFields('fromOn', '2026-02-20'),
        ...dateFields('toOn', '2026-02-19'),
        adviceRequestedOn: '',
        evidence: 'Missed appointment',
      }),
      message: 'The last day must be the same as or after the first day',
      href: '#toOn-day',
      kept: { 'toOn-day': '19', 'fromOn-day': '20', evidence: 'Missed appointment' },
    },
    {
      name: 'advice received before it was asked for',
      fixture: 'assessing',
      url: (f) => `/ehc/cases/${f.caseId}/advice/${f.adviceId}/received`,
      fields: () => ({ ...dateFields('receivedOn', '2026-02-01'), summary: 'Early advice' }),
      message: 'must be the same as or after the date it was asked for (2 February 2026)',
      href: '#receivedOn',
      kept: { 'receivedOn-day': '1', 'receivedOn-month': '2', summary: 'Early advice' },
    },
    {
      name: 'advice received in the future',
      fixture: 'assessing',
      url: (f) => `/ehc/cases/${f.caseId}/advice/${f.adviceId}/received`,
      fields: () => ({ ...dateFields('receivedOn', '2026-03-25'), summary: 'Future advice' }),
      message: 'must be today or in the past',
      href: '#receivedOn',
      kept: { 'receivedOn-day': '25', summary: 'Future advice' },
    },
    {
      name: 'a draft sent in the future',
      fixture: 'assessing',
      url: (f) => `/ehc/cases/${f.caseId}/draft`,
      fields: () => dateFields('servedOn', '2026-03-20'),
      message: 'The date the draft was sent must be today or in the past',
      href: '#servedOn-day',
      kept: { 'servedOn-day': '20' },
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const f = c.fixture ? shared[c.fixture] : shared.assessing;
    const before = await fingerprint();
    const cw = caseworker();
    const response = await cw.session.post(c.url(f), c.fields(f), { csrf: cw.csrf });
    expect(response.statusCode).toBe(400);
    const summary = errorSummary(response.body);
    expect(summary, 'a GOV.UK error summary').toContain('There is a problem');
    expect(summary).toContain(c.message.replace(/'/g, '&#39;'));
    expect(summary).toContain(`href="${c.href}`);
    expect(response.body).toContain('govuk-error-message');
    for (const [name, value] of Object.entries(c.kept)) {
      const kept = inputValue(response.body, name) ?? textareaValue(response.body, name);
      expect([name, kept]).toEqual([name, value]);
    }
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });
});

describe('safeguards found in review', () => {
  const caseworkerCtx = async (): Promise<RequestContext> => ({
    actor: await actorOf('caseworker@demo.example.org'),
    requestId: 'ehc-safeguards',
  });

  it('issues a final plan only after the family’s 15 days for views on the draft, or once they have given them', async () => {
    const f = await makeCase('assessing');
    const ehc = t.container.services.ehc;
    const ctx = await caseworkerCtx();
    await ehc.issueDraft(ctx, f.caseId, '2026-03-10');
    // Served 10 March: the 15 days beginning that day end on 24 March (reg 13(1)).
    await expect(
      ehc.issueFinal(ctx, f.caseId, { issuedOn: TODAY, namedSetting: 'Demo Brook Special School' }),
    ).rejects.toThrow('The family has until 24 March 2026 to give their views on the draft');
    await ehc.recordRepresentation(ctx, f.caseId, {
      receivedOn: TODAY,
      comments: 'We agree with the draft.',
      preferredSetting: 'Demo Brook Special School',
    });
    await ehc.issueFinal(ctx, f.caseId, { issuedOn: TODAY, namedSetting: 'Demo Brook Special School' });
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .select('status')
      .where('id', '=', f.caseId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('final-issued');
  });

  it('sends a family sign-in link only to a parent with parental responsibility or the young person', async () => {
    const f = await makeCase('awaiting-decision');
    const child = await t.database.db
      .selectFrom('ehc_cases')
      .select('child_id')
      .where('id', '=', f.caseId)
      .executeTakeFirstOrThrow();
    const carerEmail = `demo.carer.${randomUUID().slice(0, 8)}@demo.example.org`;
    await t.container.repos.ehc.insertRelatedPerson({
      childId: child.child_id,
      fullName: 'Demo Carer Without Responsibility',
      relationship: 'carer',
      hasParentalResponsibility: false,
      email: carerEmail,
      phone: null,
      isMainContact: false,
      capacityNote: null,
    });
    const links = (email: string) =>
      t.database.db
        .selectFrom('notification_outbox')
        .select('id')
        .where('template', '=', 'ehc-family-sign-in')
        .where('recipient', '=', email)
        .execute();
    const ehc = t.container.services.ehc;
    await ehc.requestFamilyLink({ actor: null, requestId: 'safeguards' }, carerEmail);
    expect(await links(carerEmail)).toEqual([]);
    await ehc.requestFamilyLink({ actor: null, requestId: 'safeguards' }, f.email);
    expect(await links(f.email)).toHaveLength(1);
  });

  it('refuses a request dated before EHC needs assessments began, an unknown existing child and an over-long name, as 400s', async () => {
    const caseworker = new FormSession(t.app);
    await caseworker.signIn('caseworker@demo.example.org', DEMO_PASSWORD);
    await caseworker.get('/ehc/requests/new');
    const base = {
      legalGivenNames: 'Demo Early',
      legalFamilyName: 'Requestcase',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '5',
      'dateOfBirth-year': '2010',
      sex: 'U',
      primaryNeed: 'ASD',
      source: '1',
      channel: 'letter',
      'receivedOn-day': '5',
      'receivedOn-month': '1',
      'receivedOn-year': '2026',
      reasons: 'Not making progress.',
      confirmNew: 'yes',
    };
    const before = await fingerprint();
    const early = await caseworker.post('/ehc/requests/new', {
      ...base,
      'receivedOn-day': '1',
      'receivedOn-month': '8',
      'receivedOn-year': '2014',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('must be on or after 1 September 2014');
    const unknownChild = await caseworker.post('/ehc/requests/new', {
      ...base,
      existingChildId: 'not-a-uuid',
    });
    expect(unknownChild.statusCode).toBe(400);
    expect(unknownChild.body).toContain('govuk-error-summary');
    const long = await caseworker.post('/ehc/requests/new', { ...base, legalFamilyName: 'x'.repeat(150) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('100 characters or fewer');
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });

  it('names in the audit trail every child shown as a possible duplicate', async () => {
    const f = await makeCase('awaiting-decision');
    const child = await t.database.db
      .selectFrom('ehc_children as ch')
      .innerJoin('ehc_cases as c', 'c.child_id', 'ch.id')
      .select(['ch.id', 'ch.legal_family_name', 'ch.date_of_birth'])
      .where('c.id', '=', f.caseId)
      .executeTakeFirstOrThrow();
    const ctx = await caseworkerCtx();
    const found = await t.container.services.ehc.findPossibleDuplicates(ctx, {
      dateOfBirth: child.date_of_birth,
      familyName: child.legal_family_name,
      nhsNumber: null,
      upn: null,
    });
    expect(found.map((c) => c.id)).toContain(child.id);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(sql<string>`details::text`.as('details'))
      .where('action', '=', 'ehc.child.possible-duplicates-shown')
      .execute();
    expect(audit.some((a) => a.details.includes(child.id))).toBe(true);
  });
});
