import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AccessibilityTracker } from '../browser.ts';

/** Shared by every page object: keyboard-only moves, and an accessibility check on arrival. */
export class BasePage {
  readonly page: Page;
  readonly a11y: AccessibilityTracker;

  constructor(page: Page, a11y: AccessibilityTracker) {
    this.page = page;
    this.a11y = a11y;
  }

  /** Presses Tab until the element has focus, as a keyboard user would. */
  async tabTo(target: Locator, maxPresses = 80): Promise<void> {
    for (let i = 0; i < maxPresses; i += 1) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${target.toString()} with the Tab key`);
  }

  async typeInto(target: Locator, text: string): Promise<void> {
    await this.tabTo(target);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    if (text) await this.page.keyboard.type(text);
  }

  /** Activates a button or link from the keyboard and waits for the next page. */
  async activate(target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
    await this.tabTo(target);
    await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press(key)]);
    await this.a11y.check();
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
    await this.a11y.check();
  }

  async heading(): Promise<string> {
    return (await this.page.locator('h1').first().innerText()).trim();
  }

  async expectHeading(text: string | RegExp): Promise<void> {
    expect(await this.heading()).toMatch(text);
  }

  async errorSummary(): Promise<string[]> {
    return this.page.locator('.govuk-error-summary__list a').allInnerTexts();
  }

  async signOut(): Promise<void> {
    await this.activate(this.page.getByRole('button', { name: 'Sign out' }));
  }
}
