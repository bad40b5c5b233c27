import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage } from './base-page.ts';

/** Long pages (the search filters have about 60 options) need more Tab presses than a form. */
const LONG_PAGE = 400;

export class LocalOfferPage extends BasePage {
  async tabToFar(target: Locator): Promise<void> {
    await this.tabTo(target, LONG_PAGE);
  }

  async activateFar(target: Locator): Promise<void> {
    await this.tabToFar(target);
    await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press('Enter')]);
    await this.a11y.check();
  }

  /** Types into a field and presses Enter: the form is sent with its first button, as browsers do. */
  async typeAndSubmit(target: Locator, text: string): Promise<void> {
    await this.typeInto(target, text);
    await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press('Enter')]);
    await this.a11y.check();
  }

  /** Ticks a checkbox by keyboard (Space), as its label names it. */
  async choose(target: Locator): Promise<void> {
    await this.tabToFar(target);
    if (!(await target.isChecked())) await this.page.keyboard.press('Space');
    expect(await target.isChecked()).toBe(true);
  }

  /** Picks a radio by keyboard: Tab reaches the group (its chosen or first radio), arrows move within it. */
  async chooseRadio(target: Locator): Promise<void> {
    const name = await target.getAttribute('name');
    const group = this.page.locator(`input[type=radio][name="${name}"]`);
    const entry =
      (await group.locator(':scope:checked').count()) > 0 ? group.locator(':scope:checked') : group.first();
    await this.tabToFar(entry);
    for (let i = 0; i < 10 && !(await target.isChecked()); i += 1)
      await this.page.keyboard.press('ArrowDown');
    expect(await target.isChecked()).toBe(true);
  }

  /** On a phone the navigation folds behind a Menu button when JavaScript runs. */
  async signOutOnPhone(): Promise<void> {
    const menu = this.page.getByRole('button', { name: 'Menu' });
    if ((await menu.count()) > 0 && (await menu.isVisible())) {
      await this.tabToFar(menu);
      await this.page.keyboard.press('Enter');
    }
    await this.activateFar(this.page.getByRole('button', { name: 'Sign out' }));
  }

  resultCount = async () => {
    const text = await this.page.locator('#results').innerText();
    const match = /([\d,]+) services? found/.exec(text);
    return match ? Number((match[1] as string).replace(/,/g, '')) : 0;
  };
}
