import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/lib/csv.ts';
import { e2eAvailable, launchBrowser, newJourney } from './browser.ts';
import { PerformancePages } from './pages/performance-pages.ts';

/**
 * Issue 6's dashboard, in the browser and by keyboard, with axe on every page: the SEND manager signs in, goes
 * to Performance from the navigation, changes the period, opens a measure and its definition, and downloads
 * the measure's figures as CSV; then a caseworker without JavaScript, with a period that is not one refused.
 * (The board member, who reads the same pages, is the account journeys.test.ts locks out, and the files run in
 * any order; their access to every performance route is tested in test/integration/performance-dashboard.)
 */

const MANAGER = 'send.manager@demo.example.org';
const CASEWORKER = 'caseworker@demo.example.org';
const MEASURE = 'New EHC plans issued within 20 weeks, including exceptions';
const THIS_YEAR = new Date().getFullYear();

let browser: Browser;
const journeys: Awaited<ReturnType<typeof newJourney>>[] = [];

async function journey(options: { javaScript: boolean } = { javaScript: true }) {
  const j = await newJourney(browser, options);
  journeys.push(j);
  return j;
}

describe.skipIf(!e2eAvailable())('the performance dashboard, by keyboard, with axe on every page', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const j of journeys.splice(0)) {
      j.a11y.assertAllChecked();
      await j.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the SEND manager reads the measures, changes the period, reads a definition and downloads the figures', async () => {
    const j = await journey();
    const performance = new PerformancePages(j.page, j.a11y);
    await performance.signIn(MANAGER);
    await performance.openFromNavigation();
    expect(await performance.intro()).toContain(`Figures for ${THIS_YEAR}`);

    const section = await performance.measureSection(MEASURE);
    expect(section).toContain('From our casework (live)');
    expect(section).toMatch(/Published: DfE, Education, health and care plans/);
    expect(section).toContain('England');
    expect(section).toContain('Statistical neighbours (mean)');
    expect((await performance.chartNames()).length).toBeGreaterThan(12);

    await performance.showMonth(3, THIS_YEAR);
    expect(await performance.intro()).toContain(`Figures for March ${THIS_YEAR}`);
    expect(new URL(j.page.url()).searchParams.get('period-type')).toBe('month');

    await performance.openMeasure(MEASURE);
    expect(await performance.main()).toContain(`Figures for March ${THIS_YEAR}`);
    expect(await performance.main()).toContain('Each statistical neighbour');

    await performance.openDefinition(MEASURE);
    const definition = await performance.definition();
    expect(definition.Numerator).toContain('within 20 weeks of the request');
    expect(definition['Counting convention']).toContain('140 days');

    await performance.followLink('See the figures for this measure');
    await performance.expectHeading(MEASURE);
    const csv = await performance.download(j.page.getByRole('link', { name: 'CSV', exact: true }).first());
    expect(csv.fileName).toMatch(/^plans-within-20-weeks-\d{4}\.csv$/);
    const rows = parseCsv(csv.body.toString('utf8'));
    expect(rows[0]?.slice(0, 7)).toEqual([
      'Source',
      'Area',
      'Period',
      'Breakdown',
      'Numerator',
      'Denominator',
      'Rate (%)',
    ]);
    expect(rows.some((r) => r[0] === 'From our casework (live)')).toBe(true);
    expect(rows.some((r) => r[1] === 'England')).toBe(true);
  }, 180_000);

  it('works without JavaScript, and a period that is not one is refused with what was typed kept', async () => {
    const j = await journey({ javaScript: false });
    const performance = new PerformancePages(j.page, j.a11y);
    await performance.signIn(CASEWORKER);
    await performance.openFromNavigation();
    await performance.showRange(`${THIS_YEAR}-03-31`, `${THIS_YEAR}-01-01`);
    expect(await performance.errors()).toEqual(['The end date must be the same as or after the start date']);
    expect(await j.page.locator('#from-day').inputValue()).toBe('31');
    await performance.showYear(THIS_YEAR - 1);
    expect(await performance.intro()).toContain(`Figures for ${THIS_YEAR - 1}:`);
  }, 180_000);
});
