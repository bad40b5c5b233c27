import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonToday } from '../src/lib/dates.ts';
import { defaultCensusDate } from '../src/modules/performance/sen2/domain/census.ts';
import { DEMO_PASSWORD, e2eAvailable, launchBrowser, newJourney } from './browser.ts';
import { Sen2Page } from './pages/sen2-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

/**
 * The SEN2 return, in the browser and by keyboard, with axe on every page: a SEND manager signs in, opens the
 * SEN2 page, generates the return for the census date, reads the checks and the problems, opens a case to
 * fix from a problem's link, downloads the zip (and it unzips to the modules), and is told what is wrong with
 * a census date that does not exist.
 */

const MANAGER = 'send.manager@demo.example.org';

let browser: Browser;

beforeAll(async () => {
  if (e2eAvailable()) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!e2eAvailable())('the SEN2 return', () => {
  it('a manager generates the return, reads its checks, opens a case to fix and downloads the zip', async () => {
    const { page, a11y, close } = await newJourney(browser);
    try {
      const signIn = new SignInPage(page, a11y);
      await signIn.open();
      await signIn.signIn(MANAGER, DEMO_PASSWORD);

      const sen2 = new Sen2Page(page, a11y);
      await sen2.open();
      const census = defaultCensusDate(londonToday(new Date()));
      await sen2.generate(census);
      await sen2.expectHeading('SEN2 return');
      expect(await page.locator('h2').first().innerText()).toMatch(/^Return for \d{1,2} January \d{4}$/);
      expect(await sen2.records('Header')).toBe(1);
      expect(await sen2.records('Person')).toBeGreaterThan(1000);
      expect(await sen2.records('Active plans')).toBeGreaterThan(1000);

      const results = await sen2.checkResults();
      expect([...results.keys()]).toContain('Placement detail has a URN, UKPRN or SEN setting');
      // The demo has no URN for any setting: every placement is reported, nothing invented.
      expect(results.get('Placement detail has a URN, UKPRN or SEN setting')).toMatch(/^[\d,]+ problems$/);
      expect(results.get('Every person has a request')).toBe('Passed');

      // One check's problems, then the case of the first of them.
      await sen2.followLink('Placement detail has a URN, UKPRN or SEN setting');
      expect(await sen2.main()).toContain('Showing the problems of one check');
      const first = sen2.problemCaseLinks().first();
      const reference = (await first.innerText()).trim();
      expect(reference).toMatch(/^EHC-\d{4}-\d+$/);
      const problemsUrl = page.url();
      await sen2.follow(first);
      expect(await sen2.main()).toContain(reference);
      await page.goto(problemsUrl);
      await a11y.check();

      const zip = await sen2.download(page.getByRole('button', { name: 'Download the return (ZIP file)' }));
      expect(zip.fileName).toBe(`SEN2-336-${census}.zip`);
      const files = unzipSync(new Uint8Array(zip.body));
      expect(Object.keys(files)).toContain('02-person.csv');
      expect(Object.keys(files)).toContain('README.txt');
      expect(strFromU8(files['README.txt'] as Uint8Array)).toContain(`(${census})`);
      expect(strFromU8(files['03-requests.csv'] as Uint8Array).split('\r\n')[0]).toBe(
        'PersonID,RequestID,ReceivedDate,RequestSource,RYA,RequestOutcomeDate,RequestOutcome,RequestMediation,RequestTribunal,Exported',
      );

      // A census date that does not exist: the error summary, and the answer kept in the boxes.
      await sen2.type(page.locator('#censusDate-day'), '30');
      await sen2.type(page.locator('#censusDate-month'), '2');
      await sen2.type(page.locator('#censusDate-year'), '2026');
      await sen2.press('Generate the return');
      expect(await sen2.errorSummary()).toEqual(['The census date must be a real date']);
      expect(await page.locator('#censusDate-day').inputValue()).toBe('30');
      a11y.assertAllChecked();
    } finally {
      await close();
    }
  });
});
