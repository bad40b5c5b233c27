import { createHash, randomUUID } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/context.ts';
import type { Actor, Role } from '../../src/modules/access/policy.ts';
import { checkAdviceFile, MAX_UPLOAD_BYTES } from '../../src/modules/ehc/domain/advice-file.ts';
import type { PlanContent } from '../../src/modules/ehc/domain/plan-content.ts';
import { partnerRisk } from '../../src/modules/ehc/view-models.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The partner portal as a health practitioner and a special school's SENCo use it, through the pages and
 * without JavaScript, on the engine under test: what is asked of their organisation and nothing else; advice
 * returned with a real PDF and a real Word document; uploads that are not what they claim, too large, or
 * dated wrongly refused with nothing saved; a missed-appointment exception; a consultation on a draft plan
 * answered by the school.
 */
let t: TestApp;

const HEALTH = 'health.practitioner@demo.example.org';
const SCHOOL = 'school.senco@demo.example.org';
const CASEWORKER = 'caseworker@demo.example.org';

/** Case A: health advice asked of the demo NHS trust (rwt) and of another trust (bchft). */
const A = { caseId: '', rwtAdviceId: '', bchftAdviceId: '', consultationId: '' };
/** Case B: health advice asked of rwt later, so it is on track when A's is due. */
const B = { caseId: '', rwtAdviceId: '' };
/** Case C: asked only of another trust; rwt's practitioner must never see it. */
const C = { caseId: '', bchftAdviceId: '' };

const at = (isoDate: string) => t.clock.set(new Date(`${isoDate}T10:00:00Z`));

function dateFields(name: string, iso: string) {
  return {
    [`${name}-day`]: String(Number(iso.slice(8, 10))),
    [`${name}-month`]: String(Number(iso.slice(5, 7))),
    [`${name}-year`]: iso.slice(0, 4),
  };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function orgId(key: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function actorOf(email: string): Promise<Actor> {
  const row = await t.database.db
    .selectFrom('users')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return { userId: row.id, role: row.role as Role, organisationId: row.organisation_id };
}

async function signedIn(email: string) {
  const session = new FormSession(t.app);
  const response = await session.signIn(email, DEMO_PASSWORD);
  expect(response.statusCode).toBe(303);
  return session;
}

// ------------------------------------------------------------------ real files, built here

/** A minimal but complete PDF (catalogue, page tree, one page, cross-reference table), padded to `size` bytes. */
function minimalPdf(padding = 0): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = `%PDF-1.4\n%${'x'.repeat(padding)}\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/** A real Word document, as Word would open it: a zip holding [Content_Types].xml and word/document.xml. */
async function minimalDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: [new Paragraph('Educational advice for the needs assessment.')] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

type Upload = { name: string; bytes: Uint8Array; type?: string };

/** Posts a form as a browser does with enctype multipart/form-data: the CSRF token as a field, one file part. */
async function postMultipart(
  session: FormSession,
  url: string,
  fields: Record<string, string>,
  file: Upload | null,
  options: { csrf?: string | null } = {},
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  const csrf = options.csrf === undefined ? session.csrfToken() : options.csrf;
  if (csrf !== null) form.append('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // With no file chosen a browser still sends the part, empty and with an empty file name.
  if (file)
    form.append(
      'file',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  else form.append('file', new Blob([], { type: 'application/octet-stream' }), '');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': request.headers.get('content-type') as string,
      accept: 'text/html',
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  for (const c of response.cookies) session.cookies.set(c.name, c.value);
  if (response.headers['content-type']?.toString().includes('text/html')) session.lastPage = response.body;
  return response;
}

/**
 * A POST whose body is not multipart at all: answered by the access check (which runs before the body is
 * read) if it is made, and a parse failure (400) if the body were read first.
 */
async function postUnreadable(session: FormSession, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'multipart/form-data; boundary=----never-closed',
      accept: 'text/html',
    },
    payload:
      '------never-closed\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-',
  });
}

/** Everything the EHC tables hold, one value per table: a refused request leaves it exactly as it was. */
async function ehcFingerprint(): Promise<Record<string, string>> {
  const tables = [
    'ehc_advice_requests',
    'ehc_documents',
    'ehc_excusals',
    'ehc_setting_consultations',
    'ehc_case_events',
    'ehc_cases',
  ];
  const out: Record<string, string> = {};
  for (const name of tables) {
    const row = await sql<{
      v: string;
    }>`select count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as v from ${sql.table(name)} x`.execute(
      t.database.db,
    );
    out[name] = row.rows[0]?.v ?? '';
  }
  return out;
}

async function auditCount(action: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function adviceRow(id: string) {
  return t.database.db
    .selectFrom('ehc_advice_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

// ------------------------------------------------------------------ the cases, made through the service

async function makeCase(
  ctx: RequestContext,
  child: { given: string; family: string; nhsNumber: string | null; year: string; needs: string[] },
  reasons: string,
): Promise<string> {
  const { caseId } = await t.container.services.ehc.recordRequest(ctx, {
    child: {
      legalGivenNames: child.given,
      legalFamilyName: child.family,
      preferredName: null,
      dateOfBirth: '2016-04-12',
      sex: 'M',
      homePostcode: 'WV1 1AA',
      upn: null,
      upnUnknownReason: null,
      nhsNumber: child.nhsNumber,
      nhsNumberUnknownReason: null,
      settingName: 'Demo Park Primary School',
      settingOrganisationId: null,
      nationalCurriculumYear: child.year,
      communicationNeeds: 'Uses a few signs alongside speech',
      preferredLanguage: 'English',
      needs: child.needs,
    },
    parent: {
      fullName: `Demo Parent ${child.family}`,
      relationship: 'parent',
      email: `demo.parent.${child.family.toLowerCase()}@demo.example.org`,
      phone: '01902 000000',
      hasParentalResponsibility: true,
    },
    request: {
      source: 1,
      channel: 'letter',
      requesterName: null,
      requesterOrganisationId: null,
      receivedOn: '2026-01-05',
      reasons,
    },
  });
  await t.container.services.ehc.decide(ctx, caseId, {
    outcome: 'assess',
    notifiedOn: '2026-02-02',
    reasons: null,
  });
  return caseId;
}

async function adviceIdOf(caseId: string, organisationKey: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('ehc_advice_requests')
    .select('id')
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', await orgId(organisationKey))
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await buildTestApp({ seed: true });
  const ctx: RequestContext = { actor: await actorOf(CASEWORKER), requestId: 'partner-portal-fixture' };
  const ehc = t.container.services.ehc;
  at('2026-02-02');
  A.caseId = await makeCase(
    ctx,
    {
      given: 'Demo Robin',
      family: 'Partnertest',
      nhsNumber: '9434765919',
      year: '4',
      needs: ['SLCN', 'ASD'],
    },
    'Robin is not making progress with speech and language despite two years of SEN support.',
  );
  B.caseId = await makeCase(
    ctx,
    { given: 'Demo Sam', family: 'Ontrack', nhsNumber: null, year: '7', needs: ['SEMH'] },
    'Sam has been out of school for most of the autumn term.',
  );
  C.caseId = await makeCase(
    ctx,
    { given: 'Demo Otherorg', family: 'Elsewhere', nhsNumber: null, year: '2', needs: ['PD'] },
    'Needs a physiotherapy assessment.',
  );
  for (const [caseId, key] of [
    [A.caseId, 'rwt'],
    [A.caseId, 'bchft'],
    [C.caseId, 'bchft'],
  ] as const)
    await ehc.requestAdvice(ctx, caseId, {
      adviceType: 'health',
      organisationId: await orgId(key),
      requestedOn: '2026-02-02',
    });
  at('2026-02-20');
  await ehc.requestAdvice(ctx, B.caseId, {
    adviceType: 'health',
    organisationId: await orgId('rwt'),
    requestedOn: '2026-02-20',
  });
  A.rwtAdviceId = await adviceIdOf(A.caseId, 'rwt');
  A.bchftAdviceId = await adviceIdOf(A.caseId, 'bchft');
  B.rwtAdviceId = await adviceIdOf(B.caseId, 'rwt');
  C.bchftAdviceId = await adviceIdOf(C.caseId, 'bchft');
}, 120_000);
afterAll(async () => t?.close());

describe('the risk of an outstanding request', () => {
  it('is overdue after the due date, due in a week from 7 days before it, otherwise on track', () => {
    expect(partnerRisk('2026-03-16', '2026-03-17')).toBe('overdue');
    expect(partnerRisk('2026-03-16', '2026-03-16')).toBe('due-this-week');
    expect(partnerRisk('2026-03-16', '2026-03-09')).toBe('due-this-week');
    expect(partnerRisk('2026-03-16', '2026-03-08')).toBe('on-track');
  });
});

describe('a health practitioner', () => {
  it('sees the advice asked of their trust, most urgent first, with due dates and risk, and nothing else', async () => {
    at('2026-03-10');
    const health = await signedIn(HEALTH);
    const page = await health.get('/partner');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Advice and consultations');
    expect(body).toContain('The Royal Wolverhampton NHS Trust');
    expect(body).toContain('Advice to give (2)');
    // A is due on 16 March (6 days: due in a week); B on 3 April (on track). A comes first.
    expect(body).toMatch(/Due in a week 16 March 2026 Demo Robin Partnertest/);
    expect(body).toMatch(/On track 3 April 2026 Demo Sam Ontrack/);
    expect(body.indexOf('Demo Robin Partnertest')).toBeLessThan(body.indexOf('Demo Sam Ontrack'));
    expect(page.body).toContain(`href="/partner/advice/${A.rwtAdviceId}"`);
    // What another trust was asked, for this child or another, is not there at all.
    expect(page.body).not.toContain(A.bchftAdviceId);
    expect(page.body).not.toContain(C.bchftAdviceId);
    expect(body).not.toContain('Otherorg');
    expect(body).toContain('You have no consultations to answer.');
  });

  it('is offered a request for an assessment only when their organisation is a school, college or setting', async () => {
    const link = 'Request an EHC needs assessment for a child or young person at your setting';
    const health = await signedIn(HEALTH);
    expect((await health.get('/partner')).body).not.toContain(link);
    const school = await signedIn(SCHOOL);
    const page = await school.get('/partner');
    expect(page.body).toContain(link);
    expect(page.body).toContain('href="/request-an-ehc-needs-assessment/from-a-setting"');
  });

  it('reads what they need to give advice, and the read is audited', async () => {
    at('2026-03-18');
    const before = await auditCount('ehc.advice.viewed');
    const health = await signedIn(HEALTH);
    const page = await health.get(`/partner/advice/${A.rwtAdviceId}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Request for advice: Demo Robin Partnertest');
    for (const expected of [
      '12 April 2016',
      '943 476 5919',
      'Demo Park Primary School',
      'Year 4',
      'Primary: Speech, language and communication needs; Secondary: Autistic spectrum disorder',
      'Robin is not making progress with speech and language',
      'Due by (6 weeks, regulation 8(1)) 16 March 2026',
      'Overdue 16 March 2026 (2 days overdue)',
      'Exceptions to the 6-week time limit None recorded.',
    ])
      expect(body).toContain(expected);
    // Not the family's contact details: the caseworker holds those.
    expect(body).not.toContain('01902 000000');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain('type="file"');
    expect(page.body).toContain('Back to advice and consultations');
    expect(await auditCount('ehc.advice.viewed')).toBe(before + 1);
  });

  it('is refused a date in the future or before the request, keeping what they typed and saving nothing', async () => {
    const health = await signedIn(HEALTH);
    await health.get(`/partner/advice/${A.rwtAdviceId}`);
    const before = await ehcFingerprint();
    const future = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-19'), summary: 'Speech therapy twice a week.' },
      { name: 'advice.pdf', bytes: minimalPdf(), type: 'application/pdf' },
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('govuk-error-summary');
    expect(text(future.body)).toContain('The date the advice was sent must be today or in the past');
    expect(future.body).toContain('href="#receivedOn-day"');
    expect(future.body).toContain('value="19"');
    expect(future.body).toContain('Speech therapy twice a week.');
    expect(future.body).toContain('Select your file again');
    const early = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-01-30'), summary: 'Speech therapy twice a week.' },
      null,
    );
    expect(early.statusCode).toBe(400);
    expect(text(early.body)).toContain(
      'The date the advice was sent must be the same as or after the date it was asked for (2 February 2026)',
    );
    expect(await ehcFingerprint()).toEqual(before);
  });

  it('is refused a text file named .pdf, and a file over 20MB, as GOV.UK errors with nothing saved', async () => {
    const health = await signedIn(HEALTH);
    await health.get(`/partner/advice/${A.rwtAdviceId}`);
    const before = await ehcFingerprint();
    const fake = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-18'), summary: 'Speech therapy twice a week.' },
      {
        name: 'advice.pdf',
        bytes: new TextEncoder().encode('This is not a PDF.\n'),
        type: 'application/pdf',
      },
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('govuk-error-summary');
    expect(fake.body).toContain('href="#file"');
    expect(text(fake.body)).toContain('The selected file must be a PDF or a Word document');
    expect(fake.body).toContain('Speech therapy twice a week.');
    expect(fake.body).toContain('value="18"');

    const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    huge.set(minimalPdf());
    expect(checkAdviceFile(huge).ok).toBe(false);
    const oversized = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-18'), summary: 'Speech therapy twice a week.' },
      { name: 'advice.pdf', bytes: huge, type: 'application/pdf' },
    );
    expect(oversized.statusCode).toBe(400);
    expect(oversized.headers['content-type']).toContain('text/html');
    expect(text(oversized.body)).toContain('The selected file must be smaller than 20MB');
    expect(oversized.body).toContain('Speech therapy twice a week.');
    expect(await ehcFingerprint()).toEqual(before);
    expect((await adviceRow(A.rwtAdviceId)).received_on).toBeNull();
  });

  it('is refused without the form’s CSRF token', async () => {
    const health = await signedIn(HEALTH);
    await health.get(`/partner/advice/${A.rwtAdviceId}`);
    const before = await ehcFingerprint();
    const response = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-18'), summary: 'No token.' },
      { name: 'advice.pdf', bytes: minimalPdf(), type: 'application/pdf' },
      { csrf: null },
    );
    expect(response.statusCode).toBe(403);
    expect(await ehcFingerprint()).toEqual(before);
  });

  it('returns advice late with a real PDF (larger than an ordinary form may be), which the caseworker can download', async () => {
    const health = await signedIn(HEALTH);
    await health.get(`/partner/advice/${A.rwtAdviceId}`);
    const pdf = minimalPdf(1_500_000);
    expect(checkAdviceFile(pdf)).toMatchObject({ ok: true, file: { extension: 'pdf' } });
    const response = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-18'), summary: 'Speech and language therapy twice a week.' },
      { name: '../Robin advice <final>.pdf', bytes: pdf, type: 'application/pdf' },
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/partner/advice/${A.rwtAdviceId}`);
    const confirmation = await health.get(String(response.headers.location));
    expect(text(confirmation.body)).toContain('Your advice has been sent');
    expect(text(confirmation.body)).toContain('Sent on 18 March 2026 (late)');
    expect(text(confirmation.body)).toContain('Speech and language therapy twice a week.');
    expect(confirmation.body).not.toContain('enctype="multipart/form-data"');

    const advice = await adviceRow(A.rwtAdviceId);
    expect(advice).toMatchObject({
      received_on: '2026-03-18',
      summary: 'Speech and language therapy twice a week.',
    });
    expect(advice.received_by).toBe((await actorOf(HEALTH)).userId);
    const doc = await t.database.db
      .selectFrom('ehc_documents')
      .selectAll()
      .where('id', '=', advice.document_id as string)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      case_id: A.caseId,
      kind: 'advice',
      media_type: 'application/pdf',
      file_name: 'Robin advice final.pdf',
      size_bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });

    const caseworker = await signedIn(CASEWORKER);
    const casePage = await caseworker.get(`/ehc/cases/${A.caseId}`);
    const href = `/ehc/cases/${A.caseId}/documents/${doc.id}`;
    expect(casePage.body).toContain(`href="${href}"`);
    const download = await caseworker.get(href);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('Robin advice final.pdf');
    expect(Buffer.compare(download.rawPayload, Buffer.from(pdf))).toBe(0);
    // The partner cannot use the caseworker's route to it.
    expect((await health.get(href)).statusCode).toBe(403);
  });

  it('cannot return the same advice twice', async () => {
    const health = await signedIn(HEALTH);
    await health.get(`/partner/advice/${A.rwtAdviceId}`);
    const before = await ehcFingerprint();
    const again = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-18'), summary: 'Changed my mind.' },
      null,
    );
    expect(again.statusCode).toBe(400);
    expect(text(again.body)).toContain('This advice has already been returned');
    expect(await ehcFingerprint()).toEqual(before);
  });

  it('returns advice with a real Word document', async () => {
    const health = await signedIn(HEALTH);
    await health.get(`/partner/advice/${B.rwtAdviceId}`);
    const docx = await minimalDocx();
    expect(checkAdviceFile(docx)).toMatchObject({ ok: true, file: { extension: 'docx' } });
    const response = await postMultipart(
      health,
      `/partner/advice/${B.rwtAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-17'), summary: 'Referred to CAMHS; advice attached.' },
      { name: 'Sam advice.docx', bytes: docx },
    );
    expect(response.statusCode).toBe(303);
    const advice = await adviceRow(B.rwtAdviceId);
    expect(advice.received_on).toBe('2026-03-17');
    const doc = await t.database.db
      .selectFrom('ehc_documents')
      .select(['media_type', 'file_name', 'size_bytes'])
      .where('id', '=', advice.document_id as string)
      .executeTakeFirstOrThrow();
    expect(doc).toEqual({
      media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      file_name: 'Sam advice.docx',
      size_bytes: docx.length,
    });
    // Returned ones are listed after the open ones, with whether they were on time.
    const list = text((await health.get('/partner')).body);
    expect(list).toContain('Advice to give (0)');
    expect(list).toContain('Advice returned, most recent first');
    // The most recently returned first: 18 March before 17 March.
    expect(list).toMatch(/18 March 2026 \(late\)[\s\S]*17 March 2026 \(on time\)/);
  });

  it('records a missed-appointment exception (reg 8(2)(c)) with evidence, refusing one that does not apply', async () => {
    const health = await signedIn(HEALTH);
    const form = await health.get(`/partner/advice/${A.rwtAdviceId}/exception`);
    expect(form.statusCode).toBe(200);
    expect(text(form.body)).toContain('Record an exception to the 6-week time limit');
    expect(form.body).toContain('value="8(2)(a)"');
    expect(form.body).toContain('value="8(2)(c)"');
    expect(form.body).not.toContain('value="5(4)(a)"');
    const before = await ehcFingerprint();
    // Before the request reached the trust: not an appointment within its 6 weeks.
    const outside = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}/exception`,
      { type: '8(2)(c)', ...dateFields('fromOn', '2026-01-10'), evidence: 'Did not attend' },
      null,
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('govuk-error-summary');
    expect(outside.body).toContain('Did not attend');
    // An absence from the area must last at least 4 weeks.
    const short = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}/exception`,
      {
        type: '8(2)(b)',
        ...dateFields('fromOn', '2026-02-09'),
        ...dateFields('toOn', '2026-02-20'),
        evidence: 'Family away',
      },
      null,
    );
    expect(short.statusCode).toBe(400);
    expect(text(short.body)).toContain('at least 4 weeks');
    // A text file as evidence is refused like any other upload.
    const fake = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}/exception`,
      { type: '8(2)(c)', ...dateFields('fromOn', '2026-02-20'), evidence: 'Missed clinic' },
      { name: 'letter.docx', bytes: new TextEncoder().encode('not a word file') },
    );
    expect(fake.statusCode).toBe(400);
    expect(text(fake.body)).toContain('The selected file must be a PDF or a Word document');
    expect(await ehcFingerprint()).toEqual(before);

    const ok = await postMultipart(
      health,
      `/partner/advice/${A.rwtAdviceId}/exception`,
      {
        type: '8(2)(c)',
        ...dateFields('fromOn', '2026-02-20'),
        evidence: 'Robin did not attend the clinic appointment on 20 February 2026; a new one was made.',
      },
      { name: 'DNA letter.pdf', bytes: minimalPdf() },
    );
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/partner/advice/${A.rwtAdviceId}`);
    const page = text((await health.get(`/partner/advice/${A.rwtAdviceId}`)).body);
    expect(page).toContain('The exception has been recorded');
    expect(page).toContain(
      'SEND Regulations 2014 reg 8(2)(c): The child or young person missed an appointment',
    );
    expect(page).toContain('20 February 2026');
    const excusal = await t.database.db
      .selectFrom('ehc_excusals')
      .selectAll()
      .where('subject_id', '=', A.rwtAdviceId)
      .executeTakeFirstOrThrow();
    expect(excusal).toMatchObject({
      case_id: A.caseId,
      rule_id: 'advice',
      exception_type: '8(2)(c)',
      from_on: '2026-02-20',
      to_on: '2026-02-20',
    });
    const evidence = await t.database.db
      .selectFrom('ehc_documents')
      .select(['kind', 'media_type'])
      .where('id', '=', excusal.document_id as string)
      .executeTakeFirstOrThrow();
    expect(evidence).toEqual({ kind: 'evidence', media_type: 'application/pdf' });
    // The caseworker sees the exception against the advice clock, and can download the evidence.
    const caseworker = await signedIn(CASEWORKER);
    const casePage = await caseworker.get(`/ehc/cases/${A.caseId}`);
    expect(casePage.body).toContain('Exception: 8(2)(c)');
    expect(casePage.body).toContain(`href="/ehc/cases/${A.caseId}/documents/${excusal.document_id}"`);
    // The due date did not move: exceptions never stop a clock.
    expect((await adviceRow(A.rwtAdviceId)).due_on).toBe('2026-03-16');
  });

  it('gets the not-found page, audited, for another trust’s request or a guessed id, and nothing is saved', async () => {
    const health = await signedIn(HEALTH);
    await health.get('/partner');
    const before = await auditCount('ehc.advice.not-found');
    const fingerprint = await ehcFingerprint();
    for (const id of [A.bchftAdviceId, C.bchftAdviceId, randomUUID(), 'not-an-id']) {
      expect((await health.get(`/partner/advice/${id}`)).statusCode).toBe(404);
      expect((await health.get(`/partner/advice/${id}/exception`)).statusCode).toBe(404);
    }
    const post = await postMultipart(
      health,
      `/partner/advice/${C.bchftAdviceId}`,
      { ...dateFields('receivedOn', '2026-03-18'), summary: 'Not ours.' },
      { name: 'advice.pdf', bytes: minimalPdf() },
    );
    expect(post.statusCode).toBe(404);
    expect(post.body).toContain('Page not found');
    expect(post.body).not.toContain('Elsewhere');
    // Refused before the upload is read.
    expect((await postUnreadable(health, `/partner/advice/${C.bchftAdviceId}`)).statusCode).toBe(404);
    expect((await postUnreadable(health, `/partner/advice/${A.rwtAdviceId}`)).statusCode).toBe(400);
    expect(await auditCount('ehc.advice.not-found')).toBe(before + 10);
    expect(await ehcFingerprint()).toEqual(fingerprint);
  });
});

describe('a school consulted on a draft plan', () => {
  beforeAll(async () => {
    at('2026-03-18');
    const ctx: RequestContext = { actor: await actorOf(CASEWORKER), requestId: 'partner-portal-fixture' };
    const ehc = t.container.services.ehc;
    const needId = randomUUID();
    const outcomeId = randomUUID();
    await ehc.savePlanSection(ctx, A.caseId, (): PlanContent => ({
      views: 'Robin loves trains and wants to make friends.',
      needs: [
        {
          id: needId,
          section: 'B',
          text: 'Robin finds it hard to be understood by adults he does not know.',
        },
      ],
      outcomes: [{ id: outcomeId, text: 'Robin will ask for help in class.', byWhen: 'By July 2027' }],
      provision: [
        {
          id: randomUUID(),
          section: 'F',
          what: 'Speech and language therapy',
          whoProvides: 'NHS speech and language therapist',
          howOften: 'Twice a week, 30 minutes',
          forHowLong: 'Until the annual review',
          meetsNeedIds: [needId],
          meetsOutcomeIds: [outcomeId],
        },
      ],
      placement: '',
      personalBudget: '',
      advice: [],
    }));
    await ehc.issueDraft(ctx, A.caseId, '2026-03-18');
    await ehc.consultSetting(ctx, A.caseId, {
      organisationId: await orgId('school-special'),
      sentOn: '2026-03-18',
    });
    const row = await t.database.db
      .selectFrom('ehc_setting_consultations')
      .select('id')
      .where('case_id', '=', A.caseId)
      .executeTakeFirstOrThrow();
    A.consultationId = row.id;
  });

  it('sees the consultation with its 15-day reply date, and none of the trust’s advice requests', async () => {
    at('2026-03-20');
    const school = await signedIn(SCHOOL);
    const page = await school.get('/partner');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Consultations to answer (1)');
    expect(body).toMatch(/On track 2 April 2026 Demo Robin Partnertest/);
    expect(body).toContain('You have no advice requests to answer.');
    expect(body).not.toContain('Demo Sam Ontrack');
    for (const id of [A.rwtAdviceId, A.bchftAdviceId, B.rwtAdviceId]) expect(page.body).not.toContain(id);
  });

  it('reads the issued draft plan, as a page and as Word', async () => {
    const before = await auditCount('ehc.consultation.viewed');
    const school = await signedIn(SCHOOL);
    const page = await school.get(`/partner/consultations/${A.consultationId}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Consultation: Demo Robin Partnertest');
    expect(body).toContain('Reply by (15 days) 2 April 2026');
    expect(body).toContain('Draft Education, Health and Care plan');
    expect(body).toContain('Robin loves trains and wants to make friends.');
    expect(body).toContain('Speech and language therapy');
    expect(body.indexOf('Section A')).toBeLessThan(body.indexOf('Section K'));
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(await auditCount('ehc.consultation.viewed')).toBe(before + 1);
    const docx = await school.get(`/partner/consultations/${A.consultationId}/draft-plan.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('is refused a reply dated in the future, with nothing saved', async () => {
    const school = await signedIn(SCHOOL);
    await school.get(`/partner/consultations/${A.consultationId}`);
    const before = await ehcFingerprint();
    const future = await postMultipart(
      school,
      `/partner/consultations/${A.consultationId}`,
      {
        ...dateFields('repliedOn', '2026-03-21'),
        canMeetNeeds: 'yes',
        response: 'We can meet Robin’s needs.',
      },
      null,
    );
    expect(future.statusCode).toBe(400);
    expect(text(future.body)).toContain('The date of the reply must be today or in the past');
    expect(future.body).toContain('We can meet Robin’s needs.');
    const missing = await postMultipart(
      school,
      `/partner/consultations/${A.consultationId}`,
      { ...dateFields('repliedOn', '2026-03-20'), response: '' },
      null,
    );
    expect(missing.statusCode).toBe(400);
    expect(text(missing.body)).toContain('Select whether your setting can meet the needs');
    expect(text(missing.body)).toContain('Enter your response');
    expect(await ehcFingerprint()).toEqual(before);
  });

  it('answers the consultation with a Word document, which the caseworker can download', async () => {
    const school = await signedIn(SCHOOL);
    await school.get(`/partner/consultations/${A.consultationId}`);
    const docx = await minimalDocx();
    const response = await postMultipart(
      school,
      `/partner/consultations/${A.consultationId}`,
      {
        ...dateFields('repliedOn', '2026-03-20'),
        canMeetNeeds: 'yes',
        response: 'We can meet Robin’s needs with our speech and language provision.',
      },
      { name: 'Consultation response.docx', bytes: docx },
    );
    expect(response.statusCode).toBe(303);
    const confirmation = text((await school.get(`/partner/consultations/${A.consultationId}`)).body);
    expect(confirmation).toContain('Your reply has been sent');
    expect(confirmation).toContain('Answered on 20 March 2026 (on time)');
    const row = await t.database.db
      .selectFrom('ehc_setting_consultations')
      .selectAll()
      .where('id', '=', A.consultationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ replied_on: '2026-03-20', can_meet_needs: true });
    const doc = await t.database.db
      .selectFrom('ehc_documents')
      .select(['kind', 'media_type'])
      .where('id', '=', row.document_id as string)
      .executeTakeFirstOrThrow();
    expect(doc.kind).toBe('consultation-response');
    const caseworker = await signedIn(CASEWORKER);
    const casePage = await caseworker.get(`/ehc/cases/${A.caseId}`);
    expect(text(casePage.body)).toContain('20 March 2026: can meet the needs');
    expect(casePage.body).toContain(`href="/ehc/cases/${A.caseId}/documents/${row.document_id}"`);
    // A second answer changes nothing.
    await school.get(`/partner/consultations/${A.consultationId}`);
    const before = await ehcFingerprint();
    const again = await postMultipart(
      school,
      `/partner/consultations/${A.consultationId}`,
      { ...dateFields('repliedOn', '2026-03-20'), canMeetNeeds: 'no', response: 'Changed.' },
      null,
    );
    expect(again.statusCode).toBe(400);
    expect(text(again.body)).toContain('already been answered');
    expect(await ehcFingerprint()).toEqual(before);
  });

  it('is not found by the health practitioner, nor the school’s by guessing', async () => {
    const health = await signedIn(HEALTH);
    expect((await health.get(`/partner/consultations/${A.consultationId}`)).statusCode).toBe(404);
    expect((await health.get(`/partner/consultations/${A.consultationId}/draft-plan.docx`)).statusCode).toBe(
      404,
    );
    const school = await signedIn(SCHOOL);
    expect((await school.get(`/partner/consultations/${randomUUID()}`)).statusCode).toBe(404);
    expect((await school.get(`/partner/advice/${A.rwtAdviceId}`)).statusCode).toBe(404);
  });
});

describe('everyone else', () => {
  const pages = () => [
    '/partner',
    `/partner/advice/${A.rwtAdviceId}`,
    `/partner/advice/${A.rwtAdviceId}/exception`,
    `/partner/consultations/${A.consultationId}`,
    `/partner/consultations/${A.consultationId}/draft-plan.docx`,
  ];

  it.each([
    ['a caseworker', CASEWORKER],
    ['a manager', 'send.manager@demo.example.org'],
    ['a provider', 'provider@demo.example.org'],
    ['an administrator', 'administrator@demo.example.org'],
  ])('%s is refused every page and every form', async (_who, email) => {
    const session = await signedIn(email);
    for (const url of pages()) expect([url, (await session.get(url)).statusCode]).toEqual([url, 403]);
    await session.get('/staff');
    const before = await ehcFingerprint();
    for (const url of [pages()[1], pages()[2], pages()[3]] as string[]) {
      const response = await postMultipart(
        session,
        url,
        { ...dateFields('receivedOn', '2026-03-20'), summary: 'x' },
        { name: 'a.pdf', bytes: minimalPdf() },
      );
      expect([url, response.statusCode]).toEqual([url, 403]);
      // Refused before the upload is read.
      expect([url, (await postUnreadable(session, url)).statusCode]).toEqual([url, 403]);
    }
    expect(await ehcFingerprint()).toEqual(before);
  });

  it('someone not signed in is sent to sign in', async () => {
    const anonymous = new FormSession(t.app);
    for (const url of pages()) {
      const response = await anonymous.get(url);
      expect([url, response.statusCode]).toEqual([url, 303]);
      expect(String(response.headers.location)).toContain('/sign-in');
    }
    const post = await postMultipart(anonymous, pages()[1] as string, { summary: 'x' }, null, { csrf: 'x' });
    expect(post.statusCode).toBe(303);
    expect(String(post.headers.location)).toContain('/sign-in');
  });
});
