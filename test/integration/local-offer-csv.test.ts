import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { addDays, londonToday } from '../../src/lib/dates.ts';
import { createRepositories, createTransactor } from '../../src/db/repositories.ts';
import { COLUMNS } from '../../src/modules/local-offer/csv/domain/columns.ts';
import { createLocalOfferCsvService } from '../../src/modules/local-offer/csv/service.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let editor: FormSession;

const EXPORT = '/staff/local-offer/services.csv';
const IMPORT = '/staff/local-offer/import';

beforeAll(async () => {
  t = await buildTestApp({ localOffer: true });
  editor = new FormSession(t.app);
  await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

const count = async (table: 'services' | 'service_revisions' | 'audit_events') =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]
      ?.n,
  );

const counts = async () => ({
  services: await count('services'),
  revisions: await count('service_revisions'),
});

async function download(session: FormSession = editor): Promise<LightMyRequestResponse> {
  return session.get(EXPORT);
}

/** The downloaded file as rows of named cells. */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])));
}

function toCsv(rows: Record<string, string>[], columns: readonly string[] = COLUMNS): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c] ?? '')).join(','))].join('\r\n') +
    '\r\n'
  );
}

/** Posts the upload form as a browser would: multipart, with the CSRF token as a field. */
async function upload(
  session: FormSession,
  content: string | Uint8Array<ArrayBuffer>,
  options: { checkOnly?: boolean; csrf?: string | null; filename?: string } = {},
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  const csrf = options.csrf === undefined ? session.csrfToken() : options.csrf;
  if (csrf !== null) form.append('_csrf', csrf);
  form.append('file', new Blob([content], { type: 'text/csv' }), options.filename ?? 'services.csv');
  if (options.checkOnly ?? true) form.append('checkOnly', 'yes');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const response = await t.app.inject({
    method: 'POST',
    url: IMPORT,
    headers: {
      cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': request.headers.get('content-type') as string,
      accept: 'text/html',
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  if (response.headers['content-type']?.toString().includes('text/html')) session.lastPage = response.body;
  return response;
}

async function importPage(session: FormSession = editor) {
  const page = await session.get(IMPORT);
  expect(page.statusCode).toBe(200);
  return page;
}

async function publicServiceId(): Promise<string> {
  const today = londonToday(t.clock.now());
  const cutOff = addDays(today, -(t.config.localOffer.reviewDays + t.config.localOffer.graceDays));
  const rows = await sql<{ id: string }>`
    select s.id from services s
     where s.live_revision_number > 0 and s.withdrawn_at is null and s.visibility = 'public'
       and s.status <> 'defunct' and s.assured_date >= ${cutOff}::date
     order by s.name limit 1`.execute(t.database.db);
  return rows.rows[0]?.id as string;
}

describe('the export', () => {
  it('is a CSV download of every service, withdrawn and internal ones too, one row each', async () => {
    const [withdrawn, internal] = (
      await sql<{ id: string }>`select id from services order by id limit 2`.execute(t.database.db)
    ).rows.map((r) => r.id);
    await sql`update services set withdrawn_at = now() where id = ${withdrawn}`.execute(t.database.db);
    await sql`update services set visibility = 'internal' where id = ${internal}`.execute(t.database.db);

    const auditBefore = await count('audit_events');
    const res = await download();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="local-offer-services-${londonToday(t.clock.now())}.csv"`,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header] = parseCsv(res.body);
    expect(header).toEqual([...COLUMNS]);
    const rows = rowsOf(res.body);
    expect(rows).toHaveLength(await count('services'));
    expect(rows).toHaveLength(320);
    expect(new Set(rows.map((r) => r.service_id)).size).toBe(320);
    expect(rows.find((r) => r.service_id === withdrawn)?.withdrawn).toBe('yes');
    expect(rows.filter((r) => r.withdrawn === 'yes')).toHaveLength(1);
    expect(rows.find((r) => r.service_id === internal)).toBeDefined();

    expect(await count('audit_events')).toBe(auditBefore + 1);
    const audit = await sql<{ action: string; details: { services: number } }>`
      select action, details from audit_events order by id desc limit 1`.execute(t.database.db);
    expect(audit.rows[0]?.action).toBe('local-offer.csv.exported');
    expect(audit.rows[0]?.details.services).toBe(320);

    await sql`update services set withdrawn_at = null where id = ${withdrawn}`.execute(t.database.db);
  });

  it('reads the services a page at a time, giving the same file', async () => {
    const service = createLocalOfferCsvService({
      repos: createRepositories(t.database.db),
      transaction: createTransactor(t.database.db),
      clock: t.clock,
      exportPageSize: 7,
    });
    const user = (
      await sql<{ id: string; organisation_id: string }>`
        select id, organisation_id from users where email = 'local.offer.editor@demo.example.org'`.execute(
        t.database.db,
      )
    ).rows[0] as { id: string; organisation_id: string };
    const ctx = {
      actor: { userId: user.id, role: 'local_offer_editor' as const, organisationId: user.organisation_id },
      requestId: 'test',
    };
    let file = '';
    let chunks = 0;
    for await (const chunk of (await service.exportServices(ctx)).lines) {
      file += chunk;
      chunks += 1;
    }
    expect(chunks).toBe(1 + Math.ceil(320 / 7));
    expect(file).toBe((await download()).body);
  });

  it('defuses spreadsheet formulas', async () => {
    const id = (
      await sql<{ id: string }>`select id from services order by id desc limit 1`.execute(t.database.db)
    ).rows[0]?.id as string;
    await sql`update service_revisions set document = jsonb_set(document::jsonb, '{name}', to_jsonb('=HYPERLINK("http://evil.example","Click")'::text))
               where service_id = ${id}`.execute(t.database.db);
    const res = await download();
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    // Read back, the value is what the listing says.
    expect(rowsOf(res.body).find((r) => r.service_id === id)?.name).toBe(
      `'=HYPERLINK("http://evil.example","Click")`,
    );
    await sql`update service_revisions set document = jsonb_set(document::jsonb, '{name}', to_jsonb(${'Restored name'}::text))
               where service_id = ${id}`.execute(t.database.db);
  });
});

describe('importing', () => {
  it('checks an unchanged download and finds nothing to do', async () => {
    const file = (await download()).body;
    await importPage();
    const before = await counts();
    const res = await upload(editor, file);
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('0 new services, 0 changes, 320 unchanged');
    expect(await counts()).toEqual(before);
  });

  it('applies a changed name and a new service: live at once, with an approved version each', async () => {
    const id = await publicServiceId();
    const rows = rowsOf((await download()).body);
    const target = rows.find((r) => r.service_id === id) as Record<string, string>;
    target.name = 'Imported swimming club';
    const added = {
      ...target,
      service_id: '',
      withdrawn: '',
      assured_date: '',
      name: 'Brand new drop-in from the CSV',
      schedule: 'WEEKLY SA 10:00-12:00 | ONCE 2030-01-05 10:00-15:00 (Open day)',
      cost_options: '',
      is_free: 'yes',
    };
    const file = toCsv([...rows, added]);

    // Checking first changes nothing, and says what would happen.
    await importPage();
    const before = await counts();
    const checked = await upload(editor, file);
    expect(checked.statusCode).toBe(200);
    expect(text(checked.body)).toContain('1 new service, 1 change, 319 unchanged');
    expect(text(checked.body)).toContain('Imported swimming club');
    expect(await counts()).toEqual(before);

    const auditBefore = await count('audit_events');
    const res = await upload(editor, file, { checkOnly: false });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(IMPORT);
    const after = await importPage();
    expect(text(after.body)).toContain('The services have been imported');
    expect(text(after.body)).toContain('1 new service, 1 change, 319 unchanged');

    expect(await counts()).toEqual({ services: before.services + 1, revisions: before.revisions + 2 });
    const page = await t.app.inject({ method: 'GET', url: `/local-offer/services/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Imported swimming club');

    const revisions = await sql<{ service_id: string; status: string; change_summary: string; name: string }>`
      select r.service_id, r.status, r.change_summary, s.name from service_revisions r join services s on s.id = r.service_id
       where r.change_summary = 'Imported from CSV' order by s.name`.execute(t.database.db);
    expect(revisions.rows.map((r) => [r.name, r.status])).toEqual([
      ['Brand new drop-in from the CSV', 'approved'],
      ['Imported swimming club', 'approved'],
    ]);
    const superseded = await sql<{ status: string }>`
      select status from service_revisions where service_id = ${id} order by number`.execute(t.database.db);
    expect(superseded.rows.map((r) => r.status)).toEqual(['superseded', 'approved']);
    const created = await sql<{ organisation: string; live: number; schedules: number }>`
      select o.name as organisation, s.live_revision_number as live,
             (select count(*)::int from schedules sc where sc.service_id = s.id) as schedules
        from services s join directory_organisations o on o.id = s.organisation_id
       where s.name = 'Brand new drop-in from the CSV'`.execute(t.database.db);
    expect(created.rows[0]).toEqual({ organisation: target.organisation_name, live: 1, schedules: 2 });

    expect(await count('audit_events')).toBe(auditBefore + 1);
    const audit = await sql<{ action: string; details: Record<string, number> }>`
      select action, details from audit_events order by id desc limit 1`.execute(t.database.db);
    expect(audit.rows[0]).toEqual({
      action: 'local-offer.csv.imported',
      details: { created: 1, changed: 1, unchanged: 319, rows: 321 },
    });

    // The new download has the new service, and importing it again changes nothing.
    const again = (await download()).body;
    expect(rowsOf(again)).toHaveLength(321);
    await importPage();
    expect(text((await upload(editor, again)).body)).toContain('0 new services, 0 changes, 321 unchanged');
  });

  it('applies nothing from a file with problems, and lists every problem with its row', async () => {
    const rows = rowsOf((await download()).body);
    rows[0] = { ...(rows[0] as Record<string, string>), name: 'A good change that must not be applied' };
    rows[4] = { ...(rows[4] as Record<string, string>), minimum_age: 'ten' };
    rows[9] = { ...(rows[9] as Record<string, string>), organisation_name: 'No Such Organisation' };
    rows[14] = {
      ...(rows[14] as Record<string, string>),
      service_id: '00000000-0000-4000-8000-000000000000',
    };
    const before = await counts();
    const auditBefore = await count('audit_events');
    await importPage();
    const res = await upload(editor, toCsv(rows), { checkOnly: false });
    expect(res.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await count('audit_events')).toBe(auditBefore);
    const body = text(res.body);
    expect(body).toContain('There are problems with the file');
    expect(body).toContain('Nothing has been changed');
    expect(body).toContain('3 problems in a file of 321 services');
    const cells = [...res.body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) => text(m[1] as string).trim())
      .filter((r) => /^\d+ /.test(r));
    expect(cells).toEqual([
      expect.stringMatching(/^6 minimum_age Enter the youngest age/),
      expect.stringMatching(
        /^11 organisation_name No organisation in the directory is called "No Such Organisation"/,
      ),
      expect.stringMatching(/^16 service_id No service has this ID/),
    ]);
    expect(
      (
        await sql<{
          n: string;
        }>`select count(*) as n from services where name = 'A good change that must not be applied'`.execute(
          t.database.db,
        )
      ).rows[0]?.n,
    ).toBe('0');
  });

  it('rolls everything back if writing fails part way, and says so', async () => {
    const rows = rowsOf((await download()).body);
    rows[0] = { ...(rows[0] as Record<string, string>), name: 'Changed before the failure' };
    const failing = {
      ...(rows[1] as Record<string, string>),
      service_id: '',
      withdrawn: '',
      name: 'Fail on insert',
    };
    await sql`create function test_refuse_service() returns trigger language plpgsql as $$
                begin if new.name = 'Fail on insert' then raise exception 'refused by the test'; end if; return new; end $$`.execute(
      t.database.db,
    );
    await sql`create trigger test_refuse_service before insert on services for each row execute function test_refuse_service()`.execute(
      t.database.db,
    );
    try {
      const before = await counts();
      await importPage();
      const res = await upload(editor, toCsv([...rows, failing]), { checkOnly: false });
      expect(res.statusCode).toBe(422);
      expect(text(res.body)).toContain('The services could not be imported');
      expect(text(res.body)).toContain('Nothing has been changed');
      expect(res.body).not.toContain('refused by the test');
      expect(await counts()).toEqual(before);
      const changed = await sql<{
        n: string;
      }>`select count(*) as n from services where name = 'Changed before the failure'`.execute(t.database.db);
      expect(changed.rows[0]?.n).toBe('0');
    } finally {
      await sql`drop trigger test_refuse_service on services`.execute(t.database.db);
      await sql`drop function test_refuse_service()`.execute(t.database.db);
    }
  });

  it('refuses a file with the wrong columns, with a GOV.UK error', async () => {
    await importPage();
    const res = await upload(editor, 'Service,Organisation,Colour\nSwimming,Leisure,blue\n');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(text(res.body)).toContain(
      'The first row of the file must name the columns. These columns are missing: service_id, organisation_name, name',
    );
    expect(text(res.body)).toContain(
      'The file has columns we do not recognise: service, organisation, colour',
    );
  });

  it('refuses a file that is not a CSV', async () => {
    await importPage();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const binary = await upload(editor, png, { filename: 'services.csv' });
    expect(binary.statusCode).toBe(400);
    expect(text(binary.body)).toContain('The selected file must be a CSV');
    await importPage();
    const spreadsheet = await upload(editor, 'name\n', { filename: 'services.xlsx' });
    expect(spreadsheet.statusCode).toBe(400);
    expect(text(spreadsheet.body)).toContain('The selected file must be a CSV');
    await importPage();
    const none = await upload(editor, '', { filename: '' });
    expect(none.statusCode).toBe(400);
    expect(text(none.body)).toContain('Select a CSV file');
  });

  it('refuses a file over 5 MB', async () => {
    await importPage();
    const big = `${COLUMNS.join(',')}\n${`,x,${'y'.repeat(1000)}\n`.repeat(5300)}`;
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const res = await upload(editor, big);
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('The selected file must be smaller than 5 MB');
  });

  it('refuses an upload without the CSRF token', async () => {
    const before = await counts();
    const rows = rowsOf((await download()).body);
    rows.push({ ...(rows[0] as Record<string, string>), service_id: '', withdrawn: '', name: 'Forged' });
    await importPage();
    const res = await upload(editor, toCsv(rows), { csrf: null, checkOnly: false });
    expect(res.statusCode).toBe(403);
    const wrong = await upload(editor, toCsv(rows), { csrf: 'not-the-token', checkOnly: false });
    expect(wrong.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('an upload cut off mid-way', () => {
  it("is the client's fault: a 400 page, not a 500, and nothing changes", async () => {
    await importPage();
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: IMPORT,
      headers: {
        cookie: [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'multipart/form-data; boundary=----never-closed',
        accept: 'text/html',
      },
      payload: `------never-closed\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${editor.csrfToken()}\r\n------never-closed\r\nContent-Disposition: form-data; name="file"; filename="services.csv"\r\n\r\nname,`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/\n\s+at \S+ \(/);
    expect(await counts()).toEqual(before);
  });
});

describe('who may use it', () => {
  it('sends people who are not signed in to sign in', async () => {
    for (const url of [EXPORT, IMPORT]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/sign-in\?returnTo=/);
    }
  });

  for (const [role, email] of [
    ['a provider', 'provider@demo.example.org'],
    ['a partner practitioner', 'health.practitioner@demo.example.org'],
  ] as const) {
    it(`refuses ${role}`, async () => {
      const session = new FormSession(t.app);
      await session.signIn(email, DEMO_PASSWORD);
      expect((await session.get(EXPORT)).statusCode).toBe(403);
      expect((await session.get(IMPORT)).statusCode).toBe(403);
      expect((await session.get(`${IMPORT}/guide`)).statusCode).toBe(403);
      // Their own CSRF token is good, but the upload is refused before it is read.
      await session.get('/staff');
      const before = await counts();
      const res = await upload(session, toCsv([]), { checkOnly: false });
      expect(res.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });
  }

  it('shows editors the import page with the column guide and the full guide', async () => {
    const page = await importPage();
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`href="${EXPORT}"`);
    for (const column of COLUMNS) expect(page.body).toContain(`<code>${column}</code>`);
    const guide = await editor.get(`${IMPORT}/guide`);
    expect(guide.statusCode).toBe(200);
    expect(text(guide.body)).toContain('What happens when you upload a file');
  });
});
