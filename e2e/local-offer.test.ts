import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, e2eAvailable, launchBrowser, newJourney, PHONE } from './browser.ts';
import { LocalOfferPage } from './pages/local-offer-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

let browser: Browser;
const journeys: Awaited<ReturnType<typeof newJourney>>[] = [];

async function journey(options: { javaScript: boolean } = { javaScript: true }) {
  const j = await newJourney(browser, { ...options, viewport: PHONE });
  journeys.push(j);
  return j;
}

describe.skipIf(!e2eAvailable())(
  'the SEND Local Offer, on a phone-sized screen, by keyboard, with axe on every page',
  () => {
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterEach(async () => {
      for (const j of journeys.splice(0)) {
        j.a11y.assertAllChecked();
        await j.close();
      }
    });
    afterAll(async () => browser?.close());

    for (const javaScript of [true, false]) {
      it(`a parent finds autism support for a 14-year-old near a postcode, shortlists it and prints the list (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
        const { page, a11y } = await journey({ javaScript });
        const lo = new LocalOfferPage(page, a11y);
        await lo.goto('/local-offer');
        await lo.expectHeading('SEND Local Offer');

        await lo.typeAndSubmit(
          page.getByRole('searchbox', { name: 'Search for services and activities' }),
          'autism',
        );
        await lo.expectHeading('Search the Local Offer');
        const everywhere = await lo.resultCount();
        expect(everywhere).toBeGreaterThan(0);

        await lo.typeInto(page.getByLabel('Age of the child or young person'), '14');
        await lo.typeAndSubmit(page.getByLabel('Postcode', { exact: true }), 'WV10 6QH');
        const nearby = await lo.resultCount();
        expect(nearby).toBeGreaterThan(0);
        expect(nearby).toBeLessThanOrEqual(everywhere);
        expect(await page.locator('.moj-filter__tag').allInnerTexts()).toEqual(
          expect.arrayContaining([
            expect.stringContaining('Age 14'),
            expect.stringContaining('Within 3 miles of WV10 6QH'),
          ]),
        );
        const distances = (await page.locator('.app-result__facts').allInnerTexts()).map((t) =>
          Number(/([\d.]+) miles? away/.exec(t)?.[1] ?? NaN),
        );
        expect(distances.every((d) => d <= 3)).toBe(true);

        const first = page.locator('.app-result h3 a').first();
        const name = (await first.innerText()).trim();
        await lo.activateFar(first);
        await lo.expectHeading(name);
        expect(await page.getByRole('heading', { name: 'Who it is for' }).count()).toBe(1);

        await lo.activateFar(page.getByRole('button', { name: /^Add to shortlist/ }));
        await lo.expectHeading(name);
        expect(await page.getByText('This service is on your shortlist').count()).toBe(1);

        await lo.activateFar(page.getByRole('link', { name: 'View your shortlist' }).first());
        await lo.expectHeading('Your shortlist');
        expect(await page.getByRole('link', { name }).count()).toBe(1);

        // Printed: the list, without the site's menus and buttons.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.govuk-header').isVisible()).toBe(false);
        expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
        expect(await page.getByRole('link', { name }).isVisible()).toBe(true);
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.byteLength).toBeGreaterThan(1000);
        await page.emulateMedia({ media: 'screen' });

        // Shared as a link, it opens for someone else.
        const share = await page.locator('#share-link').getAttribute('href');
        expect(share).toMatch(/\/local-offer\/shortlist\/shared\?ids=/);
      });
    }

    it('a provider changes its listing, an editor approves it, and the public page changes', async () => {
      const { page, a11y } = await journey();
      const lo = new LocalOfferPage(page, a11y);
      const signIn = new SignInPage(page, a11y);
      await signIn.open();
      await signIn.signIn('provider@demo.example.org', DEMO_PASSWORD);
      await lo.activateFar(page.getByRole('link', { name: 'Local Offer' }).first());
      await lo.activateFar(page.getByRole('button', { name: 'See all listings' }));
      const listing = page.locator('table a.govuk-link').first();
      const oldName = (await listing.innerText()).trim();
      await lo.activateFar(listing);
      await lo.activateFar(page.getByRole('button', { name: 'Change this listing' }));
      const newName = `${oldName.slice(0, 150)} (updated)`;
      await lo.typeInto(page.getByLabel('Name of the service'), newName);
      await lo.activateFar(page.getByRole('button', { name: 'Send for approval' }));
      expect(await page.locator('body').innerText()).toMatch(/sent for approval/i);
      const serviceUrl = page.url();
      const serviceId = /services\/([0-9a-f-]{36})/.exec(serviceUrl)?.[1];
      expect(serviceId).toBeDefined();

      // Until approved, the public sees the listing as it was.
      await lo.goto(`/local-offer/services/${serviceId}`);
      await lo.expectHeading(oldName);

      await lo.goto('/staff');
      await lo.signOutOnPhone();
      await signIn.open();
      await signIn.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
      await lo.goto('/staff/local-offer/moderation');
      await lo.activateFar(page.getByRole('link', { name: newName }));
      expect(await page.locator('body').innerText()).toContain(newName);
      await lo.activateFar(page.getByRole('button', { name: 'Approve and publish' }));
      await lo.goto('/staff');
      await lo.signOutOnPhone();

      await lo.goto(`/local-offer/services/${serviceId}`);
      await lo.expectHeading(newName);
    });

    it('a report of a problem reaches the editors, and their answer appears on You said, we did', async () => {
      const { page, a11y } = await journey();
      const lo = new LocalOfferPage(page, a11y);
      await lo.goto('/local-offer/whats-on');
      await lo.activateFar(page.getByRole('link', { name: 'Report a problem with this page' }));
      await lo.chooseRadio(page.getByLabel('Information is wrong or out of date'));
      const message = `The swimming session times are wrong ${Date.now()}`;
      await lo.typeInto(page.getByLabel('Details'), message);
      await lo.activateFar(page.getByRole('button', { name: 'Send report' }));
      await lo.expectHeading(/Thank you/);

      const signIn = new SignInPage(page, a11y);
      await signIn.open();
      await signIn.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
      await lo.goto('/staff/local-offer/feedback');
      const report = page.getByRole('row', { name: new RegExp(message.slice(-13)) });
      await lo.activateFar(report.getByRole('link', { name: 'Information is wrong or out of date' }));
      expect(await page.locator('main').innerText()).toContain(message);
      await lo.chooseRadio(page.getByLabel('Resolved'));
      const youSaid = `Swimming times on What's on were out of date (${message.slice(-6)})`;
      await lo.typeInto(page.getByLabel('You said'), youSaid);
      await lo.typeInto(
        page.getByLabel('We did'),
        'We asked the provider to correct them, and they did the same week.',
      );
      await lo.chooseRadio(page.getByRole('radio', { name: 'Yes' }));
      await lo.activateFar(page.getByRole('button', { name: 'Save' }));
      await lo.goto('/staff');
      await lo.signOutOnPhone();

      await lo.goto('/local-offer/you-said-we-did');
      const text = await page.locator('main').innerText();
      expect(text).toContain(youSaid);
      expect(text).not.toContain(message);
    });

    it('a partner finds the open data from the footer: its licence, contact, downloads and API', async () => {
      const { page, a11y } = await journey({ javaScript: false });
      const lo = new LocalOfferPage(page, a11y);
      await lo.goto('/local-offer');
      await lo.activateFar(page.getByRole('link', { name: 'Open data' }));
      await lo.expectHeading('Open data: the Local Offer as Open Referral UK');
      expect(await page.getByRole('link', { name: 'Open Government Licence v3.0' }).count()).toBeGreaterThan(
        0,
      );
      expect(await page.getByRole('table', { name: 'Endpoints' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Contact' }).count()).toBe(1);

      // The documented addresses answer as documented.
      const origin = new URL(page.url()).origin;
      const csvHref = await page.getByRole('link', { name: 'All services as CSV' }).getAttribute('href');
      const csv = await page.request.get(`${origin}${csvHref}`);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const api = await page.request.get(`${origin}/api/oruk/services?per_page=1`);
      expect(api.status()).toBe(200);
      expect(api.headers()['access-control-allow-origin']).toBe('*');
      expect(((await api.json()) as { contents: unknown[] }).contents).toHaveLength(1);
    });
  },
);
