import { expect } from 'vitest';
import { EhcPage } from './ehc-pages.ts';

/** The SEN2 return page: the census date form, the records of each module and the checks' problems. */
export class Sen2Page extends EhcPage {
  static readonly PATH = '/performance/sen2';

  async open(): Promise<void> {
    await this.goto(Sen2Page.PATH);
    await this.expectHeading('SEN2 return');
  }

  /** Types the census date into its three boxes and presses the button, by keyboard. */
  async generate(isoDate: string): Promise<void> {
    await this.typeDate('censusDate', isoDate);
    await this.press('Generate the return');
  }

  /** The number in the "Records" column of a module's row. */
  async records(module: string): Promise<number> {
    const table = this.page.getByRole('table', { name: 'Records in each module' });
    const row = table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: module, exact: true }) });
    expect(await row.count(), `a row for ${module}`).toBe(1);
    return Number((await row.getByRole('cell').last().innerText()).replace(/,/g, ''));
  }

  /** The result of each check, as the table shows it: "Passed" or "12 problems". */
  async checkResults(): Promise<Map<string, string>> {
    const table = this.page.getByRole('table', { name: 'Checks and the problems each found' });
    const rows = table.locator('tbody tr');
    const results = new Map<string, string>();
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      results.set((await row.locator('th').innerText()).trim(), (await row.locator('td').innerText()).trim());
    }
    return results;
  }

  /** The case links in the problems table. */
  problemCaseLinks() {
    return this.page.locator('table').filter({ hasText: 'What is wrong' }).getByRole('link');
  }
}
