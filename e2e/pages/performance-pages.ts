import { expect } from 'vitest';
import { EhcPage } from './ehc-pages.ts';
import { SignInPage } from './sign-in-page.ts';
import { DEMO_PASSWORD } from '../browser.ts';

/**
 * The performance dashboard by keyboard: the period filter's list chosen by typing and its boxes typed into, measures and definitions followed with Enter, tables downloaded from their links.
 */
export class PerformancePages extends EhcPage {
  /** Signs in from the sign-in page, as someone arriving at the service does. */
  async signIn(email: string): Promise<void> {
    await this.goto('/sign-in');
    await this.expectHeading('Sign in');
    await new SignInPage(this.page, this.a11y).signIn(email, DEMO_PASSWORD);
  }

  /** Performance, from the service navigation. */
  async openFromNavigation(): Promise<void> {
    await this.follow(this.page.getByRole('link', { name: 'Performance', exact: true }));
    await this.expectHeading('SEND performance');
  }

  /** The filter: a month, typed as month and year. */
  async showMonth(month: number, year: number): Promise<void> {
    await this.type(this.page.locator('#month-month'), String(month));
    await this.type(this.page.locator('#month-year'), String(year));
    await this.press('Show the month');
  }

  /** The filter: a calendar year, chosen from the list. */
  async showYear(year: number): Promise<void> {
    await this.chooseOptionLabelled('A calendar year', String(year));
    await this.press('Show the year');
  }

  /** The filter: a range of dates. */
  async showRange(from: string, to: string): Promise<void> {
    await this.typeDate('from', from);
    await this.typeDate('to', to);
    await this.press('Show the dates');
  }

  async intro(): Promise<string> {
    return (await this.page.locator('main .govuk-body-l').first().innerText()).trim();
  }

  /** The words of one measure's section of the dashboard. */
  async measureSection(title: string): Promise<string> {
    return this.page
      .locator('section.app-measure', { has: this.page.getByRole('heading', { name: title }) })
      .innerText();
  }

  async openMeasure(title: string): Promise<void> {
    await this.follow(this.page.getByRole('link', { name: title, exact: true }).first());
    await this.expectHeading(title);
  }

  async openDefinition(title: string): Promise<void> {
    await this.followLink('How this measure is defined');
    await this.expectHeading(title);
  }

  /** The rows of the definition, as "key: value". */
  async definition(): Promise<Record<string, string>> {
    const rows = this.page.locator('.govuk-summary-list__row');
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i += 1) {
      const key = (await rows.nth(i).locator('.govuk-summary-list__key').innerText()).trim();
      out[key] = (await rows.nth(i).locator('.govuk-summary-list__value').innerText()).trim();
    }
    return out;
  }

  /** The image of a chart: named and described. */
  async chartNames(): Promise<string[]> {
    const charts = this.page.locator('svg[role="img"]');
    const names: string[] = [];
    for (let i = 0; i < (await charts.count()); i += 1) {
      const label = await charts.nth(i).getAttribute('aria-labelledby');
      expect(label).toMatch(/-title .+-desc$/);
      names.push((await this.page.locator(`[id="${label?.split(' ')[0]}"]`).textContent()) ?? '');
    }
    return names;
  }

  async errors(): Promise<string[]> {
    return this.errorSummary();
  }
}
