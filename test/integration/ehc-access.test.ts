import { randomUUID } from 'node:crypto';
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
 * left out: every GET and POST under /ehc (and the partner portal, the family's view and the online request
 * as they appear) for every staff role, someone not signed in and a family; real ids, guessed ones and ones
 * that are not ids at all; what is audited; and bad input refused with nothing changed.
 */

const TODAY = '2026-03-18';
const RECEIVED = '2026-01-05';
const DECIDED = '2026-02-02';
const DRAFT_SERVED = '2026-03-16';
const GUESSED_UUID = '6b1d6f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

const CASEWORK: readonly Role[] = ['send_caseworker', 'send_manager'];
const MANAGERS: readonly Role[] = ['send_manager'];

/** The prefixes whose every route this file must know the answers for. */
const PREFIXES = ['/ehc', '/partner', '/my-ehc', '/request-an-ehc-needs-assessment'] as const;
const underPrefixes = (url: string) => PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));

// ------------------------------------------------------------------ fixtures

type FixtureState = 'awaiting-decision' | 'assessing' | 'draft-issued';
type Fixture = { caseId: string; adviceId: string; needId: string; documentId: string };

type Person = {
  key: string;
  role: Role | 'anonymous';
  email: string | null;
  userId: string | null;
  session: FormSession;
  csrf: string;
};

let t: TestApp;
let people: Person[] = [];
const byEmail = (email: string) => {
  const found = people.find((p) => p.email === email);
  if (!found) throw new Error(`no session for ${email}`);
  return found;
};
const caseworker = () => byEmail('caseworker@demo.example.org');
const manager = () => byEmail('send.manager@demo.example.org');
const orgIds = new Map<string, string>();
/** Cases no test may change: the refused requests are made against these. */
const shared = {} as Record<FixtureState, Fixture>;
let routes: ListedRoute[] = [];

function dateFields(name: string, iso: string) {
  return {
    [`${name}-day`]: String(Number(iso.slice(8, 10))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
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
/** A case made through the service (the code under test, not a shortcut into the tables), in a given state. */
async function makeCase(state: FixtureState, email = 'caseworker@demo.example.org'): Promise<Fixture> {
  const ctx: RequestContext = { actor: await actorOf(email), requestId: 'ehc-access-fixture' };
  const ehc = t.container.services.ehc;
  childCounter += 1;
  const { caseId } = await ehc.recordRequest(ctx, {
    child: {
      legalGivenNames: 'Demo Access',
      legalFamilyName: `Fixture${childCounter}`,
      preferredName: null,
      dateOfBirth: '2016-04-12',
      sex: 'U',
      homePostcode: null,
      upn: null,
      upnUnknownReason: null,
      nhsNumber: null,
      nhsNumberUnknownReason: null,
      settingName: 'Demo Park Primary School',
      settingOrganisationId: null,
      nationalCurriculumYear: '4',
      communicationNeeds: null,
      preferredLanguage: null,
      needs: ['ASD'],
    },
    parent: {
      fullName: `Demo Parent Fixture${childCounter}`,
      relationship: 'parent',
      email: `demo.parent.fixture${childCounter}@demo.example.org`,
      phone: null,
      hasParentalResponsibility: true,
    },
    request: {
      source: 1,
      channel: 'letter',
      requesterName: null,
      requesterOrganisationId: null,
      receivedOn: RECEIVED,
      reasons: 'Not making progress despite SEN support.',
    },
  });
  const fixture: Fixture = { caseId, adviceId: '', needId: '', documentId: '' };
  if (state === 'awaiting-decision') return fixture;
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
  fixture.adviceId = advice.id;
  fixture.needId = randomUUID();
  const outcomeId = randomUUID();
  await ehc.savePlanSection(
    ctx,
    caseId,
    (): PlanContent => ({
      views: 'Likes trains and wants to make friends.',
      needs: [{ id: fixture.needId, section: 'B', text: 'Finds changes to routine very hard.' }],
      outcomes: [{ id: outcomeId, text: 'Manages a change of routine with one prompt.', byWhen: 'July 2027' }],
      provision: [
        {
          id: randomUUID(),
          section: 'F',
          what: 'Visual timetable',
          whoProvides: 'Class teacher',
          howOften: 'Every day',
          forHowLong: 'Until the annual review',
          meetsNeedIds: [fixture.needId],
          meetsOutcomeIds: [outcomeId],
        },
      ],
      placement: '',
      personalBudget: '',
      advice: [],
    }),
  );
  // A document of the case, as an upload through the partner portal would store it.
  fixture.documentId = await t.container.repos.ehc.insertDocument({
    caseId,
    kind: 'advice',
    fileName: 'advice.pdf',
    mediaType: 'application/pdf',
    content: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    sha256: '0'.repeat(64),
    uploadedBy: ctx.actor?.userId ?? null,
    now: t.clock.now(),
  });
  if (state === 'draft-issued') await ehc.issueDraft(ctx, caseId, DRAFT_SERVED);
  return fixture;
}

function orgId(key: string): string {
  const id = orgIds.get(key);
  if (!id) throw new Error(`no organisation ${key}`);
  return id;
}

/**
 * Everything the EHC tables and the outbox hold, as one value per table: a request that changed nothing leaves
 * it exactly as it was. The tables are read from the catalogue, so a table added later is covered too.
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
            `(select count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${name} x) as "${name}"`,
        )
        .join(', ')}`,
    );
  }
  const result = await fingerprintQuery.execute(t.database.db);
  return result.rows[0] as Record<string, string>;
}

async function lastAuditId(): Promise<string> {
  const row = await sql<{ id: string | null }>`select max(id)::text as id from audit_events`.execute(
    t.database.db,
  );
  return row.rows[0]?.id ?? '0';
}

async function auditSince(after: string) {
  return t.database.db
    .selectFrom('audit_events')
    .select(['action', 'actor_user_id', 'subject_type', 'subject_id', 'details'])
    .where(sql<boolean>`id > ${after}::bigint`)
    .orderBy('id')
    .execute();
}

// ------------------------------------------------------------------ what every route should answer

type Params = Record<string, string>;

type GetExpectation = {
  /** The staff roles that see the page; every other signed-in role is refused (403). */
  allowed: readonly Role[];
  /** The audit row a successful read writes, and which parameter is its subject; null: nothing of a child's. */
  audit: { action: string; subject: string } | null;
};

type PostExpectation = {
  allowed: readonly Role[];
  /** The state a case must be in for the allowed roles' submission to succeed; null: no case in the URL. */
  fixture: FixtureState | null;
  /** A submission that would succeed for an allowed role, so that a refusal is a refusal of access. */
  body: (f: Fixture) => Record<string, string | string[]>;
};

const viewed = { action: 'ehc.case.viewed', subject: 'id' };
const casePage: GetExpectation = { allowed: CASEWORK, audit: viewed };
const workspace: GetExpectation = { allowed: CASEWORK, audit: null };

const GETS: Record<string, GetExpectation> = {
  '/ehc': workspace,
  '/ehc/due': workspace,
  '/ehc/cases': workspace,
  '/ehc/manager': { allowed: MANAGERS, audit: null },
  '/ehc/requests/new': workspace,
  '/ehc/cases/:id': casePage,
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
  '/ehc/cases/:id/letters/:letter': casePage,
  '/ehc/cases/:id/documents/:documentId': {
    allowed: CASEWORK,
    audit: { action: 'ehc.document.downloaded', subject: 'documentId' },
  },
};

const today = (name: string) => dateFields(name, TODAY);
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

const POSTS: Record<string, PostExpectation> = {
  '/ehc/requests/new': { allowed: CASEWORK, fixture: null, body: () => newRequestBody() },
  '/ehc/cases/:id/decision': {
    allowed: CASEWORK,
    fixture: 'awaiting-decision',
    body: () => ({ outcome: 'assess', ...today('notifiedOn'), reasons: '' }),
  },
  '/ehc/cases/:id/advice': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ adviceType: 'educational', organisationId: orgId('rwt'), ...today('requestedOn') }),
  },
  '/ehc/cases/:id/advice/:adviceId/received': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ ...today('receivedOn'), summary: 'Community paediatric advice.' }),
  },
  '/ehc/cases/:id/exceptions': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: (f) => ({
      clockKey: `advice:${f.adviceId}`,
      type: '8(2)(c)',
      ...dateFields('fromOn', '2026-02-20'),
      ...dateFields('toOn', '2026-02-20'),
      adviceRequestedOn: '',
      evidence: 'Missed clinic appointment on 20 February 2026',
    }),
  },
  '/ehc/cases/:id/draft': { allowed: CASEWORK, fixture: 'assessing', body: () => today('servedOn') },
  '/ehc/cases/:id/consult': {
    allowed: CASEWORK,
    fixture: 'draft-issued',
    body: () => ({ organisationId: orgId('school-special'), ...today('sentOn') }),
  },
  '/ehc/cases/:id/representations': {
    allowed: CASEWORK,
    fixture: 'draft-issued',
    body: () => ({ ...today('receivedOn'), comments: 'We would like more speech therapy.', preferredSetting: '' }),
  },
  '/ehc/cases/:id/final': {
    allowed: CASEWORK,
    fixture: 'draft-issued',
    body: () => ({ namedSetting: 'Demo Brook Special School', ...today('issuedOn') }),
  },
  '/ehc/cases/:id/no-plan': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ ...today('notifiedOn'), reasons: 'Needs can be met from SEN support.' }),
  },
  '/ehc/cases/:id/close': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ reason: 'withdrawn', ...today('closedOn') }),
  },
  '/ehc/cases/:id/notes': { allowed: CASEWORK, fixture: 'assessing', body: () => ({ body: 'Phoned the family.' }) },
  // Reassigning someone else's case is the manager's; a caseworker may only take an unassigned one (below).
  '/ehc/cases/:id/assign': {
    allowed: MANAGERS,
    fixture: 'assessing',
    body: () => ({ caseworkerId: manager().userId as string }),
  },
  '/ehc/cases/:id/plan/views': { allowed: CASEWORK, fixture: 'assessing', body: () => ({ views: 'In their words.' }) },
  '/ehc/cases/:id/plan/needs': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ section: 'C', text: 'Sleeps badly.' }),
  },
  '/ehc/cases/:id/plan/outcomes': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ text: 'Sleeps through most nights.', byWhen: 'By July 2027' }),
  },
  '/ehc/cases/:id/plan/provision': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: (f) => ({
      section: 'F',
      what: 'Speech and language therapy',
      whoProvides: 'A speech and language therapist',
      howOften: 'Weekly, 30 minutes',
      forHowLong: 'Until the annual review',
      meetsNeedIds: f.needId,
    }),
  },
  '/ehc/cases/:id/plan/placement': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ placement: 'A special school' }),
  },
  '/ehc/cases/:id/plan/personal-budget': {
    allowed: CASEWORK,
    fixture: 'assessing',
    body: () => ({ personalBudget: 'None asked for.' }),
  },
  '/ehc/cases/:id/plan/remove': { allowed: CASEWORK, fixture: 'assessing', body: (f) => ({ itemId: f.needId }) },
};

/** Real values for each route parameter, and guesses with what each must leave in the audit trail. */
const realParam = (name: string, f: Fixture): string => {
  const values: Record<string, string> = {
    id: f.caseId,
    adviceId: f.adviceId,
    documentId: f.documentId,
    letter: 'decision.docx',
  };
  const value = values[name];
  if (!value) throw new Error(`no value for the route parameter :${name}: give it one in realParam`);
  return value;
};
const GUESSES: Record<string, { value: string; audit: string | null }[]> = {
  id: [
    { value: GUESSED_UUID, audit: 'ehc.case.not-found' },
    { value: 'not-a-case', audit: 'ehc.case.not-found' },
  ],
  adviceId: [
    { value: GUESSED_UUID, audit: 'ehc.advice.not-found' },
    { value: 'not-advice', audit: 'ehc.advice.not-found' },
  ],
  documentId: [
    { value: GUESSED_UUID, audit: 'ehc.document.not-found' },
    { value: 'not-a-document', audit: 'ehc.document.not-found' },
  ],
  // Not an id: a letter the case has no reason to have.
  letter: [{ value: 'no-plan.docx', audit: null }],
};

const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
const fill = (url: string, params: Params) =>
  url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? `:${name}`));
const realParams = (url: string, f: Fixture): Params =>
  Object.fromEntries(paramNames(url).map((n) => [n, realParam(n, f)]));
/** Each parameter guessed in turn, the others real. */
function guessedVariants(url: string, f: Fixture) {
  return paramNames(url).flatMap((name) =>
    (GUESSES[name] ?? []).map((guess) => ({
      url: fill(url, { ...realParams(url, f), [name]: guess.value }),
      audit: guess.audit,
    })),
  );
}

function ehcRoutes(method: 'GET' | 'POST') {
  return routes.filter((r) => r.method === method && (r.url === '/ehc' || r.url.startsWith('/ehc/')));
}

// ------------------------------------------------------------------ setup

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
  t.clock.set(new Date(`${TODAY}T10:00:00Z`));
  routes = listRoutes(t.app).filter((r) => (r.method === 'GET' || r.method === 'POST') && underPrefixes(r.url));
  for (const row of await t.database.db.selectFrom('organisations').select(['id', 'key']).execute())
    if (row.key) orgIds.set(row.key, row.id);

  // Every demo sign-in once, each with the CSRF token of its own session; and someone not signed in.
  people = [];
  for (const p of DEMO_SIGN_INS) {
    const session = new FormSession(t.app);
    const response = await session.signIn(p.email, DEMO_PASSWORD);
    expect(response.statusCode).toBe(303);
    await session.get('/account');
    people.push({
      key: `${p.role} (${p.email})`,
      role: p.role,
      email: p.email,
      userId: (await actorOf(p.email)).userId,
      session,
      csrf: session.csrfToken(),
    });
  }
  const anonymous = new FormSession(t.app);
  await anonymous.get('/sign-in');
  people.push({ key: 'anonymous', role: 'anonymous', email: null, userId: null, session: anonymous, csrf: anonymous.csrfToken() });

  shared['awaiting-decision'] = await makeCase('awaiting-decision');
  shared.assessing = await makeCase('assessing');
  shared['draft-issued'] = await makeCase('draft-issued');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const post = (who: Person, url: string, fields: Record<string, string | string[]>) =>
  who.session.post(url, fields, { csrf: who.csrf });

// ------------------------------------------------------------------ the tests

describe('the route table', () => {
  it('has the expected answers for every GET and POST route under the EHC prefixes', () => {
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
  });
});

describe('every EHC page, for every role', () => {
  it.each(DEMO_SIGN_INS.map((p) => [`${p.role} (${p.email})`] as const).concat([['anonymous']]))(
    'as %s',
    async (key) => {
      const who = people.find((p) => p.key === key) as Person;
      const f = shared.assessing;
      const wrong: unknown[] = [];
      for (const route of ehcRoutes('GET')) {
        const expectation = GETS[route.url] as GetExpectation;
        const allowed = who.role !== 'anonymous' && expectation.allowed.includes(who.role);
        const before = await lastAuditId();
        const url = fill(route.url, realParams(route.url, f));
        const response = await who.session.get(url);
        const expected = who.role === 'anonymous' ? 303 : allowed ? 200 : 403;
        if (response.statusCode !== expected) wrong.push({ url, status: response.statusCode, expected });
        if (who.role === 'anonymous' && !String(response.headers.location).startsWith('/sign-in'))
          wrong.push({ url, location: response.headers.location });
        const audit = await auditSince(before);
        if (allowed && expectation.audit) {
          const subject = realParam(expectation.audit.subject, f);
          const row = audit.find(
            (a) =>
              a.action === expectation.audit?.action &&
              a.subject_id === subject &&
              a.actor_user_id === who.userId,
          );
          if (!row) wrong.push({ url, missingAudit: expectation.audit.action, audit });
        }
        if (!allowed && audit.some((a) => /\.(viewed|downloaded)$/.test(a.action)))
          wrong.push({ url, auditedARefusedRead: audit });

        for (const guess of guessedVariants(route.url, f)) {
          const beforeGuess = await lastAuditId();
          const guessed = await who.session.get(guess.url);
          const expectedGuess = who.role === 'anonymous' ? 303 : allowed ? 404 : 403;
          if (guessed.statusCode !== expectedGuess)
            wrong.push({ url: guess.url, status: guessed.statusCode, expected: expectedGuess });
          if (allowed && guess.audit) {
            const rows = await auditSince(beforeGuess);
            if (!rows.some((a) => a.action === guess.audit && a.actor_user_id === who.userId))
              wrong.push({ url: guess.url, missingAudit: guess.audit, audit: rows });
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('every EHC change, for every role', () => {
  const refused = (role: Role | 'anonymous', e: PostExpectation) => role === 'anonymous' || !e.allowed.includes(role);

  it.each(DEMO_SIGN_INS.map((p) => [`${p.role} (${p.email})`] as const).concat([['anonymous']]))(
    'refuses the wrong roles, with nothing changed: as %s',
    async (key) => {
      const who = people.find((p) => p.key === key) as Person;
      const wrong: unknown[] = [];
      for (const route of ehcRoutes('POST')) {
        const e = POSTS[route.url] as PostExpectation;
        if (who.role !== 'anonymous' && !refused(who.role, e)) continue;
        const f = shared[e.fixture ?? 'assessing'];
        const url = fill(route.url, realParams(route.url, f));
        const before = await fingerprint();
        for (const fields of [e.body(f), {}]) {
          const response = await post(who, url, fields);
          const expected = who.role === 'anonymous' ? 303 : 403;
          if (response.statusCode !== expected)
            wrong.push({ url, fields: Object.keys(fields).length, status: response.statusCode, expected });
          if (who.role === 'anonymous' && !String(response.headers.location).startsWith('/sign-in'))
            wrong.push({ url, location: response.headers.location });
        }
        const after = await fingerprint();
        if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push({ url, changed: diff(before, after) });
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each([['send_caseworker'], ['send_manager']] as const)(
    'lets %s make every change it may, and answers a guessed id with an audited 404 and nothing changed',
    async (role) => {
      const who = role === 'send_manager' ? manager() : caseworker();
      const wrong: unknown[] = [];
      for (const route of ehcRoutes('POST')) {
        const e = POSTS[route.url] as PostExpectation;
        if (!e.allowed.includes(role)) continue;
        // A case of its own, so that one change cannot get in the way of the next.
        const f = e.fixture ? await makeCase(e.fixture) : shared.assessing;
        const url = fill(route.url, realParams(route.url, f));
        const before = await fingerprint();
        const response = await post(who, url, e.body(f));
        if (response.statusCode !== 303)
          wrong.push({ url: route.url, status: response.statusCode, page: errorText(response.body) });
        if (JSON.stringify(await fingerprint()) === JSON.stringify(before))
          wrong.push({ url: route.url, nothingChanged: true });

        for (const guess of guessedVariants(route.url, shared[e.fixture ?? 'assessing'])) {
          const beforeGuess = await fingerprint();
          const beforeAudit = await lastAuditId();
          const guessed = await post(who, guess.url, e.body(shared[e.fixture ?? 'assessing']));
          if (guessed.statusCode !== 404) wrong.push({ url: guess.url, status: guessed.statusCode, expected: 404 });
          const rows = await auditSince(beforeAudit);
          if (guess.audit && !rows.some((a) => a.action === guess.audit && a.actor_user_id === who.userId))
            wrong.push({ url: guess.url, missingAudit: guess.audit, audit: rows });
          const afterGuess = await fingerprint();
          if (JSON.stringify(afterGuess) !== JSON.stringify(beforeGuess))
            wrong.push({ url: guess.url, changed: diff(beforeGuess, afterGuess) });
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it('lets a caseworker take an unassigned case, but not give away one that is assigned', async () => {
    const f = await makeCase('assessing');
    await t.database.db.updateTable('ehc_cases').set({ caseworker_id: null }).where('id', '=', f.caseId).execute();
    const cw = caseworker();
    const giveAway = await post(cw, `/ehc/cases/${f.caseId}/assign`, { caseworkerId: manager().userId as string });
    expect(giveAway.statusCode).toBe(403);
    const take = await post(cw, `/ehc/cases/${f.caseId}/assign`, { caseworkerId: cw.userId as string });
    expect(take.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('ehc_cases')
      .select('caseworker_id')
      .where('id', '=', f.caseId)
      .executeTakeFirstOrThrow();
    expect(row.caseworker_id).toBe(cw.userId);
    const again = await post(cw, `/ehc/cases/${f.caseId}/assign`, { caseworkerId: manager().userId as string });
    expect(again.statusCode).toBe(403);
  });
});

// ------------------------------------------------------------------ bad input

function errorSummary(body: string): string {
  const match = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(body);
  return match?.[0] ?? '';
}
function errorText(body: string): string {
  const summary = errorSummary(body);
  return summary ? summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : body.slice(0, 200);
}
function inputValue(body: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(body)?.[0];
  return tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
}
function textareaValue(body: string, name: string): string | undefined {
  return new RegExp(`<textarea[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(body)?.[1]?.trim();
}
function diff(a: Record<string, string>, b: Record<string, string>) {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
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
      fields: () => ({ outcome: 'not-assess', ...dateFields('notifiedOn', '2026-01-04'), reasons: 'Too early' }),
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
    const response = await post(caseworker(), c.url(f), c.fields(f));
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
    expect(diff(before, await fingerprint())).toEqual([]);
  });
});
