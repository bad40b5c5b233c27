import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const DEMO_PASSWORD = 'Demo-password-2026';

export const e2eAvailable = () => inject('baseUrl') !== '';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs axe on every page a journey visits: each navigation is recorded, every check marks its page,
 * and `assertAllChecked` fails a journey that moved on without checking a page.
 */
export class AccessibilityTracker {
  readonly visited: string[] = [];
  readonly checked = new Set<string>();
  readonly page: Page;
  /** With JavaScript off, axe cannot run in the page itself: the same HTML is audited in a mirror page. */
  readonly mirror: Page | null;

  /** Script errors and Content Security Policy refusals: the page's own JavaScript must run cleanly. */
  readonly browserErrors: string[] = [];

  constructor(page: Page, mirror: Page | null = null) {
    this.page = page;
    this.mirror = mirror;
    page.on('pageerror', (error) => this.browserErrors.push(`${page.url()}: ${error.message}`));
    // Pages answer 400 to a form with errors and 404 to a missing page (by design), and Chromium logs
    // each as "Failed to load resource"; a failing stylesheet, script or image is caught here instead.
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.status() >= 400) {
        this.browserErrors.push(`${page.url()}: ${response.status()} for ${response.url()}`);
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.browserErrors.push(`${page.url()}: ${message.text()}`);
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.visited.push(frame.url());
    });
  }

  async check(): Promise<void> {
    await this.page.waitForLoadState('load');
    let target = this.page;
    if (this.mirror) {
      const url = this.page.url();
      const html = await this.page.content();
      await this.mirror.route(url, (route) =>
        route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
      );
      await this.mirror.goto(url);
      await this.mirror.unroute(url);
      target = this.mirror;
    }
    // Legacy mode runs axe.run in the page itself, rather than axe.runPartial and then axe.finishRun in a new
    // blank page for every check: the same rules and results for pages without cross-origin frames (none
    // here), in about half the time.
    const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).setLegacyMode().analyze();
    const violations = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    expect(violations, `axe violations on ${this.page.url()}`).toEqual([]);
    this.checked.add(this.page.url());
  }

  assertAllChecked(): void {
    const unchecked = [...new Set(this.visited)].filter(
      (url) => url !== 'about:blank' && !this.checked.has(url),
    );
    expect(unchecked, 'pages visited without an accessibility check').toEqual([]);
    expect(this.browserErrors, 'script errors, CSP violations or missing assets in the browser').toEqual([]);
  }
}

/** A phone-sized screen (CSS pixels of a common phone), for journeys families take on their phones. */
export const PHONE = { width: 390, height: 844 };

export async function newJourney(
  browser: Browser,
  options: { javaScript: boolean; viewport?: { width: number; height: number } } = { javaScript: true },
) {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    javaScriptEnabled: options.javaScript,
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const page = await context.newPage();
  let mirrorContext = null;
  let mirror = null;
  if (!options.javaScript) {
    mirrorContext = await browser.newContext({
      baseURL: inject('baseUrl'),
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
    mirror = await mirrorContext.newPage();
  }
  const a11y = new AccessibilityTracker(page, mirror);
  return {
    context,
    page,
    a11y,
    close: async () => {
      await context.close();
      await mirrorContext?.close();
    },
  };
}
