import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS } from '../../src/db/seed/demo.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { londonToday } from '../../src/lib/dates.ts';
import type { Role } from '../../src/modules/access/policy.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

/**
 * The performance dashboard (issue 6) on the demo area as `npm start` seeds it: generated casework and the
 * committed extract of the published statistics. Who may see each page and download; casework figures checked
 * against plain SQL over the seeded cases; published figures against England, the region and the statistical
 * neighbours with the release named; a suppressed figure shown as suppressed, never as 0; CSV and Excel that
 * parse; bad periods refused with 400 and what was typed kept.
 */

const AREA = '336';
const ENGLAND = 'E92000001';
const MEASURE = 'plans-within-20-weeks';

let t: TestApp;
let today: string;
let year: string;
const sessions = new Map<string, FormSession>();

async function as(role: Role | 'anonymous'): Promise<FormSession> {
  const held = sessions.get(role);
  if (held) return held;
  const session = new FormSession(t.app);
  if (role !== 'anonymous') {
    const who = DEMO_SIGN_INS.find((p) => p.role === role);
    if (!who) throw new Error(`no demo sign-in for ${role}`);
    const response = await session.signIn(who.email, DEMO_PASSWORD);
    expect(response.statusCode, `sign-in as ${role}`).toBe(303);
  }
  sessions.set(role, session);
  return session;
}

/** The text of an HTML fragment, tags removed and spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The section of the dashboard for one measure. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section class="app-measure" aria-labelledby="${id}-heading">`);
  expect(start, `a section for ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The cells of the table row whose first cell is `heading`, within `html`. */
function rowOf(html: string, heading: string): string[] {
  for (const row of html.match(/<tr class="govuk-table__row">[\s\S]*?<\/tr>/g) ?? []) {
    const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => text(m[1] ?? ''));
    if (cells[0] === heading) return cells;
  }
  throw new Error(`no row headed "${heading}"`);
}

/** The sheet's rows, each cell in the column its reference names (empty cells are not written). */
function xlsxRows(bytes: Buffer): string[][] {
  const files = unzipSync(new Uint8Array(bytes));
  expect(Object.keys(files)).toContain('xl/workbook.xml');
  const xml = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
  return [...xml.matchAll(/<row r="\d+">([\s\S]*?)<\/row>/g)].map((row) => {
    const cells: string[] = [];
    for (const c of (row[1] ?? '').matchAll(/<c r="([A-Z])\d+"[^>]*>([\s\S]*?)<\/c>/g)) {
      const value = /<v>(.*?)<\/v>/.exec(c[2] ?? '')?.[1] ?? /<t[^>]*>(.*?)<\/t>/.exec(c[2] ?? '')?.[1] ?? '';
      cells[(c[1] as string).charCodeAt(0) - 65] = value;
    }
    return Array.from(cells, (v) => v ?? '');
  });
}

beforeAll(async () => {
  t = await buildTestApp({ localOffer: true, ehcDemo: true });
  today = londonToday(t.clock.now());
  year = today.slice(0, 4);
}, 300_000);
afterAll(async () => t?.close());

const ROUTES = [
  '/performance',
  `/performance?period-type=year&year=${new Date().getFullYear() - 1}`,
  `/performance/measures/${MEASURE}`,
  `/performance/measures/${MEASURE}/definition`,
  `/performance/measures/${MEASURE}.csv`,
  `/performance/measures/${MEASURE}.xlsx?table=published`,
  '/performance/summary.csv',
  '/performance/summary.xlsx?table=casework',
];

describe('who may see the performance dashboard', () => {
  for (const role of ['board_member', 'send_manager', 'send_caseworker'] as const)
    it(`a ${role} sees every page and download`, async () => {
      const session = await as(role);
      for (const url of ROUTES) {
        const response = await session.get(url);
        expect(response.statusCode, `${role} GET ${url}`).toBe(200);
      }
    });

  for (const role of ['partner_practitioner', 'local_offer_editor', 'provider', 'administrator'] as const)
    it(`a ${role} is refused every page and download, and an unknown measure too`, async () => {
      const session = await as(role);
      for (const url of [
        ...ROUTES,
        '/performance/measures/no-such-measure',
        '/performance?period-type=year&year=x',
      ])
        expect((await session.get(url)).statusCode, `${role} GET ${url}`).toBe(403);
    });

  it('someone not signed in is sent to sign in, and comes back afterwards', async () => {
    const session = await as('anonymous');
    for (const url of ROUTES) {
      const response = await session.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);
    }
  });

  it('only a SEND manager is offered the SEN2 return', async () => {
    expect((await (await as('send_manager')).get('/performance')).body).toContain('href="/performance/sen2"');
    for (const role of ['board_member', 'send_caseworker'] as const)
      expect((await (await as(role)).get('/performance')).body).not.toContain('/performance/sen2');
  });

  it('the navigation leads to Performance for those who may see it', async () => {
    expect((await (await as('board_member')).get('/staff')).body).toContain('href="/performance"');
    expect((await (await as('partner_practitioner')).get('/partner')).body).not.toContain(
      'href="/performance"',
    );
  });
});

describe('the dashboard', () => {
  it('shows casework measures computed from the seeded cases', async () => {
    const html = (await (await as('board_member')).get(`/performance?period-type=year&year=${year}`)).body;
    const requests = await sql<{ n: number }>`
      select count(*)::int as n from ehc_cases where received_on between ${`${year}-01-01`} and ${`${year}-12-31`}`.execute(
      t.database.db,
    );
    const received = requests.rows[0]?.n ?? 0;
    expect(received).toBeGreaterThan(100);
    const casework = html.slice(
      html.indexOf('Summary from our casework'),
      html.indexOf('Summary of the published'),
    );
    expect(rowOf(casework, 'Requests for an EHC needs assessment received')[1]).toBe(
      received.toLocaleString('en-GB'),
    );

    // Decisions whether to assess within 6 weeks: on time is on or before the stored due date (ADR 16).
    const decisions = await sql<{ total: number; on_time: number }>`
      select count(*)::int as total, (count(*) filter (where decision_notified_on <= decision_due_on))::int as on_time
      from ehc_cases where decision_notified_on between ${`${year}-01-01`} and ${`${year}-12-31`}`.execute(
      t.database.db,
    );
    const { total, on_time: onTime } = decisions.rows[0] as { total: number; on_time: number };
    expect(total).toBeGreaterThan(0);
    const section = text(sectionOf(html, 'decisions-within-6-weeks'));
    const rate = (Math.round((onTime / total) * 1000) / 10).toFixed(1);
    expect(section).toContain(
      `${rate}% ${onTime.toLocaleString('en-GB')} out of ${total.toLocaleString('en-GB')}`,
    );
    expect(section).toContain('From our casework (live)');
  });

  it('shows published figures against England, the region and the neighbours, with the release named', async () => {
    const html = (await (await as('board_member')).get('/performance')).body;
    const figures = await sql<{ area_code: string; numerator: string; denominator: string; release: string }>`
      select g.area_code, g.numerator, g.denominator, f.release
      from published_figures g join published_statistics_files f on f.id = g.file_id
      where g.measure = ${MEASURE} and g.period = '2024' and g.breakdown = 'Total'
        and g.area_code in (${AREA}, ${ENGLAND}) and f.source = 'ehc-plans-release'`.execute(t.database.db);
    const area = figures.rows.find((r) => r.area_code === AREA);
    const england = figures.rows.find((r) => r.area_code === ENGLAND);
    expect(
      area && england,
      'the demo extract carries the 2024 timeliness of the area and England',
    ).toBeTruthy();
    const pct = (r: { numerator: string; denominator: string }) =>
      `${(Math.round((1000 * Number(r.numerator)) / Number(r.denominator)) / 10).toFixed(1)}%`;
    const section = sectionOf(html, MEASURE);
    const words = text(section);
    expect(words).toContain(`Published: DfE, ${area?.release}`);
    expect(words).toContain('Latest published: 2024');
    const publishedTable = section.slice(section.indexOf('published: Wolverhampton&#39;s numerator'));
    expect(rowOf(publishedTable, '2024').slice(1, 5)).toEqual([
      Number(area?.numerator).toLocaleString('en-GB'),
      Number(area?.denominator).toLocaleString('en-GB'),
      pct(area as { numerator: string; denominator: string }),
      pct(england as { numerator: string; denominator: string }),
    ]);
    expect(words).toMatch(
      /Statistical neighbours \(mean\) \d+\.\d% Mean of \d+ of 10 neighbours with a figure/,
    );
    expect(words).toContain('West Midlands');
    // The series break is said, and the chart is an image with a title and a description.
    expect(words).toContain('Series break from 2023');
    expect(section).toMatch(
      /<svg [^>]*role="img" aria-labelledby="plans-within-20-weeks-published-chart-title/,
    );
    expect(section).toContain('<desc id="plans-within-20-weeks-published-chart-desc">');
  });

  it('shows the neighbours and where every published figure came from on the measure page', async () => {
    const html = (await (await as('send_manager')).get(`/performance/measures/${MEASURE}`)).body;
    const words = text(html);
    expect(words).toContain('Each statistical neighbour');
    const neighbours = await sql<{ neighbour_name: string }>`
      select n.neighbour_name from statistical_neighbours n join statistical_neighbour_lists l on l.id = n.list_id
      where n.la_number = ${AREA} order by l.in_force_from, n.rank limit 1`.execute(t.database.db);
    expect(words).toContain(neighbours.rows[0]?.neighbour_name);
    expect(words).toMatch(/timeliness_20_week\.csv/);
    expect(words).toContain('Numerator');
    expect(words).toContain(
      'Final EHC plans issued in the period within 20 weeks of the request (on or before the due date).',
    );
  });

  it('renders with no inline style or script, so the Content Security Policy holds', async () => {
    const html = (await (await as('board_member')).get('/performance')).body;
    expect(html).not.toMatch(/ style="/);
    // The layout's own two (GOV.UK Frontend's class switch, with the nonce, and the application module): none of ours.
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html.slice(html.indexOf('<main'), html.indexOf('</main>'))).not.toContain('<script');
    expect(html.match(/<svg /g)?.length).toBeGreaterThan(12);
  });

  it('has a definition page for every measure that can be linked to', async () => {
    const session = await as('send_caseworker');
    const html = (await session.get('/performance/measures/tribunal-appeal-rate/definition')).body;
    const words = text(html);
    expect(words).toContain('Appeals to the SEND Tribunal, as a share of appealable decisions');
    expect(words).toContain('Appealable decisions the local authority made.');
    expect(words).toContain('From 2024: The way appealable decisions are counted changed from 2024.');
    expect((await session.get('/performance/measures/no-such-measure')).statusCode).toBe(404);
    expect((await session.get('/performance/measures/no-such-measure/definition')).statusCode).toBe(404);
    expect((await session.get('/performance/measures/NOT..valid.csv')).statusCode).toBe(404);
  });
});

describe('periods', () => {
  it('shows a month, and a range of dates against the same dates a year before', async () => {
    const session = await as('board_member');
    const month = await session.get(`/performance?period-type=month&month-month=3&month-year=${year}`);
    expect(month.statusCode).toBe(200);
    expect(text(month.body)).toContain(`Figures for March ${year}`);
    const range = await session.get(
      `/performance?period-type=range&from-day=1&from-month=1&from-year=${year}&to-day=31&to-month=3&to-year=${year}`,
    );
    expect(range.statusCode).toBe(200);
    expect(text(range.body)).toContain(
      `Same period last year (1 January ${Number(year) - 1} to 31 March ${Number(year) - 1})`,
    );
  });

  it('refuses a bad period with 400, a GOV.UK error summary and what was typed', async () => {
    const session = await as('board_member');
    const cases: [string, string, string][] = [
      ['period-type=year&year=abcd', 'Year must be a year, like 2025', '#year'],
      ['period-type=year&year=1999', 'Year must be between 2010 and', '#year'],
      [
        `period-type=month&month-month=13&month-year=${year}`,
        'The month must be a real month',
        '#month-month',
      ],
      [
        `period-type=month&month-month=1&month-year=${Number(year) + 1}`,
        'The month must be this month or in the past',
        '#month-month',
      ],
      [
        `period-type=range&from-day=31&from-month=3&from-year=${year}&to-day=1&to-month=1&to-year=${year}`,
        'The end date must be the same as or after the start date',
        '#to-day',
      ],
      [
        'period-type=range&from-day=30&from-month=2&from-year=2024&to-day=1&to-month=3&to-year=2024',
        'The start date must be a real date',
        '#from-day',
      ],
      ['period-type=week', 'Choose a calendar year, a month or a range of dates', '#year'],
    ];
    for (const [query, message, href] of cases) {
      const response = await session.get(`/performance?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body).toContain('govuk-error-summary');
      expect(response.body).toContain(`<a href="${href}">${message}`);
      expect(response.body).toContain('<title>Error:');
    }
    const kept = await session.get(
      `/performance?period-type=range&from-day=31&from-month=3&from-year=${year}&to-day=1&to-month=1&to-year=${year}`,
    );
    expect(kept.body).toMatch(/name="from-day" type="text" value="31"/);
    expect(kept.body).toMatch(/name="to-month" type="text" value="1"/);
    // Downloads and the measure page refuse it too.
    expect((await session.get('/performance/summary.csv?period-type=year&year=abcd')).statusCode).toBe(400);
    expect(
      (await session.get(`/performance/measures/${MEASURE}?period-type=year&year=abcd`)).statusCode,
    ).toBe(400);
    expect((await session.get(`/performance/measures/${MEASURE}.xlsx?table=nothing`)).statusCode).toBe(404);
  });
});

describe('downloads', () => {
  it('gives the summary as CSV that parses, named for the area and period', async () => {
    const response = await (
      await as('board_member')
    ).get(`/performance/summary.csv?period-type=year&year=${year}`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="send-performance-wolverhampton-${year}.csv"`,
    );
    const rows = parseCsv(response.body);
    expect(rows[0]?.[0]).toBe('Measure');
    expect(rows[0]).toContain('England');
    expect(rows.map((r) => r[0])).toContain('Requests for an EHC needs assessment received');
    expect(rows).toHaveLength(1 + 14);
  });

  it('gives a measure as an Excel workbook whose sheet holds the figures as numbers', async () => {
    const response = await (await as('board_member')).get(`/performance/measures/${MEASURE}.xlsx`);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="plans-within-20-weeks-\d{4}\.xlsx"$/,
    );
    const rows = xlsxRows(response.rawPayload);
    expect(rows[0]).toEqual([
      'Source',
      'Area',
      'Period',
      'Breakdown',
      'Numerator',
      'Denominator',
      'Rate (%)',
      'Marker',
      'Release',
      'File',
      'Part',
      'Row',
    ]);
    expect(rows.some((r) => r[0] === 'From our casework (live)')).toBe(true);
    const englandRow = rows.find((r) => r[0] === 'Published: DfE' && r[1] === 'England' && r[2] === '2024');
    expect(englandRow?.[9]).toBe('education-health-and-care-plans_2025.zip');
    expect(Number(englandRow?.[4])).toBeGreaterThan(0);
  });

  it('gives each table under a chart as CSV', async () => {
    const session = await as('send_manager');
    const casework = parseCsv(
      (await session.get(`/performance/measures/requests-received.csv?table=casework`)).body,
    );
    expect(casework[0]).toEqual(['Period', 'Number']);
    expect(casework).toHaveLength(1 + 5);
    const published = parseCsv(
      (await session.get(`/performance/measures/${MEASURE}.csv?table=published`)).body,
    );
    expect(published[0]?.slice(0, 3)).toEqual(['Period', 'Numerator', 'Denominator']);
    expect(published.at(-1)?.[0]).toBe('2024');
  });
});

describe('a figure the publisher did not print', () => {
  it('is shown as suppressed, never as 0', async () => {
    // A real row of a real file, as the importer stores one: the area's figure for a later census, suppressed.
    const file = await t.database.db
      .insertInto('published_statistics_files')
      .values({
        source: 'lait',
        release: 'Test release with a suppressed figure',
        file_name: 'test.parquet',
        part: 'test',
        sha256: '0'.repeat(64),
        size_bytes: 1,
        rows_read: 1,
        figures_stored: 1,
        imported_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('published_figures')
      .values({
        file_id: file.id,
        source_row: 2,
        measure: 'pupils-with-ehc-plan',
        period: `${year}-01`,
        time_period: `${Number(year) - 1}${year.slice(2)}`,
        time_identifier: 'Academic year',
        geographic_level: 'local-authority',
        area_code: AREA,
        gss_code: 'E08000031',
        area_name: 'Wolverhampton',
        breakdown: 'Total',
        numerator: null,
        denominator: null,
        value: null,
        marker: 'c',
      })
      .execute();
    const html = (await (await as('board_member')).get('/performance')).body;
    const published = html.slice(
      html.indexOf('Summary of the published'),
      html.indexOf('</table>', html.indexOf('Summary of the published')),
    );
    const row = rowOf(published, 'Pupils with an EHC plan');
    expect(row[1]).toBe(`January ${year}`);
    expect(row[2]).toBe('Suppressed (c)');
    const words = text(sectionOf(html, 'pupils-with-ehc-plan'));
    expect(words).toContain('Suppressed (c)');
    expect(words).not.toMatch(new RegExp(`January ${year} 0\\.0%`));
    const csv = parseCsv(
      (await (await as('board_member')).get('/performance/measures/pupils-with-ehc-plan.csv')).body,
    );
    const suppressed = csv.find((r) => r[1] === 'Wolverhampton' && r[2] === `January ${year}`);
    expect(suppressed?.[6]).toBe('');
    expect(suppressed?.[7]).toBe('Suppressed (c)');
  });
});
