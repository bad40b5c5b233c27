import { inflateRawSync } from 'node:zlib';
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../browser.ts';
import { BasePage } from './base-page.ts';
import { SignInPage } from './sign-in-page.ts';

/** Case pages, plans and the partner's lists are long: more Tab presses than a short form needs. */
const LONG_PAGE = 600;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date as the service writes it: 5 January 2026. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One file out of a zip (a .docx), read through its central directory rather than trusting a library. */
export function unzipEntry(zip: Buffer, name: string): string | null {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip: no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  return null;
}

/** The words of a Word document's body, without its markup (a name may be split across runs). */
export function docxText(docx: Buffer): string {
  const xml = unzipEntry(docx, 'word/document.xml');
  if (xml === null) throw new Error('the .docx has no word/document.xml');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'");
}

/**
 * Keyboard-only moves for the EHC pages: every field is reached with Tab, radios are chosen with the arrow
 * keys, boxes ticked with Space, lists chosen by typing, links and buttons pressed with Enter.
 */
export class EhcPage extends BasePage {
  /**
   * Presses Tab until the element has focus, as BasePage does, but finds the element once: a role locator is
   * resolved again on every check otherwise, which on a long case page costs more than the key press.
   */
  override async tabTo(target: Locator, maxPresses = 80): Promise<void> {
    // The page has loaded by now: what is not there in a few seconds is not coming.
    const element = await target.elementHandle({ timeout: 5_000 }).catch(() => null);
    if (!element) throw new Error(`no ${target.toString()} on ${this.page.url()}`);
    try {
      for (let i = 0; i < maxPresses; i += 1) {
        if (await element.evaluate((el) => el === document.activeElement)) return;
        await this.page.keyboard.press('Tab');
      }
    } finally {
      await element.dispose();
    }
    throw new Error(`could not reach ${target.toString()} with the Tab key on ${this.page.url()}`);
  }

  async tabToFar(target: Locator): Promise<void> {
    await this.tabTo(target, LONG_PAGE);
  }

  /** Follows a link or presses a button far down a page, and checks the page it leads to. */
  async follow(target: Locator): Promise<void> {
    await this.tabToFar(target);
    await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press('Enter')]);
    await this.a11y.check();
  }

  async press(buttonName: string): Promise<void> {
    await this.follow(this.page.getByRole('button', { name: buttonName, exact: true }));
  }

  async followLink(name: string | RegExp): Promise<void> {
    await this.follow(this.page.getByRole('link', { name, exact: typeof name === 'string' }).first());
  }

  async type(target: Locator, text: string): Promise<void> {
    await this.tabToFar(target);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    if (text) await this.page.keyboard.type(text);
    expect(await target.inputValue()).toBe(text);
  }

  async typeLabelled(label: string, text: string): Promise<void> {
    await this.type(this.page.getByLabel(label, { exact: true }), text);
  }

  /** A GOV.UK date input: day, month and year boxes, by the field's name. */
  async typeDate(name: string, isoDate: string): Promise<void> {
    const [year, month, day] = isoDate.split('-') as [string, string, string];
    await this.type(this.page.locator(`#${name}-day`), String(Number(day)));
    await this.type(this.page.locator(`#${name}-month`), String(Number(month)));
    await this.type(this.page.locator(`#${name}-year`), year);
  }

  /** Tab reaches a radio group at its chosen (or first) radio; the arrow keys move within it. */
  async chooseRadio(target: Locator): Promise<void> {
    const name = await target.getAttribute('name');
    const group = this.page.locator(`input[type=radio][name="${name}"]`);
    const entry =
      (await group.locator(':scope:checked').count()) > 0 ? group.locator(':scope:checked') : group.first();
    await this.tabToFar(entry);
    const count = await group.count();
    for (let i = 0; i < count && !(await target.isChecked()); i += 1)
      await this.page.keyboard.press('ArrowDown');
    expect(await target.isChecked(), `radio ${target.toString()} chosen`).toBe(true);
  }

  async chooseRadioLabelled(label: string): Promise<void> {
    await this.chooseRadio(this.page.getByRole('radio', { name: label, exact: true }));
  }

  async tick(target: Locator): Promise<void> {
    await this.tabToFar(target);
    if (!(await target.isChecked())) await this.page.keyboard.press('Space');
    expect(await target.isChecked(), `box ${target.toString()} ticked`).toBe(true);
  }

  /** Chooses from a drop-down list by typing the start of the option, as a keyboard user does. */
  async chooseOption(select: Locator, text: string): Promise<void> {
    const chosen = () =>
      select.evaluate((el) => ((el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '').trim());
    await this.tabToFar(select);
    if ((await chosen()) === text) return;
    await this.page.keyboard.type(text);
    // Type-ahead stops at the first option that starts with the words: step on with the arrow keys if needed.
    const options = await select.locator('option').count();
    for (let i = 0; i < options && (await chosen()) !== text; i += 1)
      await this.page.keyboard.press('ArrowDown');
    expect(await chosen(), `option chosen in ${select.toString()}`).toBe(text);
  }

  async chooseOptionLabelled(label: string, text: string): Promise<void> {
    await this.chooseOption(this.page.getByLabel(label, { exact: true }), text);
  }

  /** A file chooser cannot be driven by keys: the input is reached by Tab, then given its file. */
  async attach(label: string, file: string): Promise<void> {
    const input = this.page.getByLabel(label, { exact: true });
    await this.tabToFar(input);
    await input.setInputFiles(file);
  }

  /** Presses Enter on a link that downloads a file, and returns the file. */
  async download(target: Locator): Promise<{ fileName: string; body: Buffer }> {
    await this.tabToFar(target);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.keyboard.press('Enter'),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), body: Buffer.concat(chunks) };
  }

  async main(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  async expectBanner(heading: string): Promise<void> {
    const banner = this.page.locator('.govuk-notification-banner__heading');
    expect(await banner.count(), `a success banner on ${this.page.url()}`).toBeGreaterThan(0);
    expect((await banner.first().innerText()).trim()).toBe(heading);
  }

  async expectNoErrors(): Promise<void> {
    expect(await this.errorSummary(), `no error summary on ${this.page.url()}`).toEqual([]);
  }

  /** A table row that mentions the text (a case reference, a recipient). */
  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  /** On a paged list: the link in the first of the rows, pressing "Next" until such a row is on the page. */
  async followRowLink(
    rows: () => Locator,
    link: (row: Locator) => Locator,
    what: string,
    maxPages = 10,
  ): Promise<void> {
    for (let i = 0; i < maxPages; i += 1) {
      if ((await rows().count()) > 0) {
        await this.follow(link(rows().first()));
        return;
      }
      const next = this.page.locator('.govuk-pagination__next a');
      if ((await next.count()) === 0) break;
      await this.follow(next);
    }
    throw new Error(`no row for ${what} on ${this.page.url()} or the pages before it`);
  }

  /**
   * Opens a staff page, signs in on the sign-in page it leads to, and is brought back to it (as from a
   * bookmark or a link in an email).
   */
  async signInAs(email: string, start: string): Promise<void> {
    await this.goto(start);
    await this.expectHeading('Sign in');
    await new SignInPage(this.page, this.a11y).signIn(email, DEMO_PASSWORD);
    expect(new URL(this.page.url()).pathname, `back at ${start} after signing in`).toBe(start);
  }

  /** Follows a link in a navigation, unless it is to the page already open. */
  async navigate(link: Locator): Promise<void> {
    if ((await link.getAttribute('aria-current')) === 'page') return;
    await this.follow(link);
  }

  /** The service navigation at the top of every staff page. */
  async openSection(name: string): Promise<void> {
    await this.navigate(this.page.getByRole('navigation').getByRole('link', { name, exact: true }).first());
  }

  /** The EHC casework pages' own navigation: My cases, Due and overdue, All cases, Manager. */
  async openCaseworkTab(name: string): Promise<void> {
    await this.openSection('EHC casework');
    await this.navigate(
      this.page.getByRole('navigation', { name: 'EHC casework' }).getByRole('link', { name, exact: true }),
    );
  }
}

// ------------------------------------------------------------------ the parent's online request

export type RequestDetails = {
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'Female' | 'Male' | 'Prefer not to say';
  postcode: string;
  setting: string;
  year: string;
  mainNeed: string;
  language: string;
  parentName: string;
  email: string;
  phone: string;
  reasons: string;
  supportTried: string;
};

export class OnlineRequestPages extends EhcPage {
  async continue(): Promise<void> {
    await this.press('Continue');
    await this.expectNoErrors();
  }

  /** Every question of the request, from the start page to the confirmation; returns the reference. */
  async makeRequest(d: RequestDetails): Promise<string> {
    await this.goto('/request-an-ehc-needs-assessment');
    await this.expectHeading('Ask for an education, health and care (EHC) needs assessment');
    await this.follow(this.page.getByRole('button', { name: 'Start now' }));

    await this.expectHeading('Who is asking for the assessment?');
    await this.chooseRadioLabelled('A parent of the child or young person');
    await this.continue();

    await this.expectHeading("What is the child's or young person's name?");
    await this.typeLabelled('First names', d.givenNames);
    await this.typeLabelled('Last name', d.familyName);
    await this.continue();

    await this.expectHeading('What is their date of birth?');
    await this.typeDate('dateOfBirth', d.dateOfBirth);
    await this.continue();

    await this.expectHeading('What is their sex?');
    await this.chooseRadioLabelled(d.sex);
    await this.continue();

    await this.expectHeading('What is their home postcode?');
    await this.type(this.page.locator('#homePostcode'), d.postcode);
    await this.continue();

    await this.expectHeading('Which school, college or early years setting do they go to?');
    await this.chooseOptionLabelled('School, college or setting', d.setting);
    await this.continue();

    await this.expectHeading('Which school year are they in?');
    await this.chooseOption(this.page.locator('#year'), d.year);
    await this.continue();

    await this.expectHeading('What is their main special educational need?');
    await this.chooseRadioLabelled(d.mainNeed);
    await this.continue();

    await this.expectHeading('Do they have another special educational need?');
    await this.chooseRadioLabelled('No, or not that I know of');
    await this.continue();

    await this.expectHeading('Their communication and language');
    await this.typeLabelled('Which language do they prefer to use? (optional)', d.language);
    await this.continue();

    await this.expectHeading('Your contact details');
    await this.typeLabelled('Your full name', d.parentName);
    await this.typeLabelled('Email address', d.email);
    await this.typeLabelled('Phone number (optional)', d.phone);
    await this.continue();

    await this.expectHeading('Why are you asking for an EHC needs assessment?');
    await this.type(this.page.locator('#reasons'), d.reasons);
    await this.continue();

    await this.expectHeading('What help has already been tried?');
    await this.type(this.page.locator('#supportTried'), d.supportTried);
    await this.continue();

    await this.expectHeading('Sharing your request');
    await this.tick(this.page.getByRole('checkbox', { name: 'I understand how my request will be shared' }));
    await this.continue();

    await this.expectHeading('Check your answers before sending your request');
    const answers = await this.main();
    for (const expected of [
      `${d.givenNames} ${d.familyName}`,
      longDate(d.dateOfBirth),
      d.postcode,
      d.setting,
      d.year,
      d.mainNeed,
      d.email,
    ])
      expect(answers, 'check your answers').toContain(expected);
    await this.press('Accept and send');

    await this.expectHeading('Request sent');
    const panel = await this.page.locator('.govuk-panel').innerText();
    const reference = /EHC-\d{4}-\d{6}/.exec(panel)?.[0];
    expect(reference, `a reference in the confirmation panel: ${panel}`).toBeDefined();
    return reference as string;
  }
}

// ------------------------------------------------------------------ the family's view at /my-ehc

export class FamilyPages extends EhcPage {
  /** Asks for a sign-in link from /my-ehc (or from the link on the request's confirmation page). */
  async askForLink(email: string, fromConfirmation = false): Promise<void> {
    if (fromConfirmation) await this.followLink('follow the request online');
    else await this.goto('/my-ehc');
    await this.expectHeading('Follow your request for an EHC needs assessment');
    await this.typeLabelled('Email address', email);
    await this.press('Send me a sign-in link');
    await this.expectHeading('Check your email');
  }

  /** Opens the emailed link, as from an email, and presses Continue. */
  async useLink(link: string): Promise<void> {
    await this.goto(new URL(link).pathname);
    await this.expectHeading('Sign in to follow your request');
    await this.press('Continue');
  }

  async status(): Promise<string> {
    return (await this.page.locator('main .govuk-tag').first().innerText()).trim();
  }
}

// ------------------------------------------------------------------ the administrators' outbox

export class OutboxPages extends EhcPage {
  /**
   * The newest message of a template to a recipient, opened from the outbox (newest first), and the link it
   * carries: without a Notify key nothing is emailed, and the outbox shows the message as it would be sent.
   */
  async linkSentTo(recipient: string, template: string, templateTitle: string): Promise<string> {
    await this.openSection('Outbox');
    await this.expectHeading('Outbox');
    await this.followRowLink(
      () => this.row(recipient).filter({ hasText: template }),
      (row) => row.getByRole('link', { name: templateTitle }),
      `a ${template} message to ${recipient}`,
    );
    await this.expectHeading(`Message: ${templateTitle}`);
    const text = await this.main();
    expect(text).toContain(recipient);
    const link = /https?:\/\/\S+\/my-ehc\/sign-in\/[A-Za-z0-9_-]+/.exec(text)?.[0];
    expect(link, `a sign-in link in the message:\n${text}`).toBeDefined();
    return link as string;
  }
}

// ------------------------------------------------------------------ caseworkers and managers

export class CaseworkPages extends EhcPage {
  /** From "EHC casework", a list by its sub-navigation, then the case by its reference (paging on). */
  async openCase(reference: string, list: { tab: string; filter?: string }): Promise<void> {
    await this.openCaseworkTab(list.tab);
    if (list.filter) await this.followLink(list.filter);
    await this.followRowLink(
      () => this.row(reference),
      (row) => row.getByRole('link', { name: reference }),
      `case ${reference}`,
    );
    expect(await this.page.locator('.govuk-caption-l').first().innerText()).toBe(reference);
  }

  task(name: string): Locator {
    return this.page.locator('.govuk-task-list').getByRole('link', { name });
  }

  async taskStatus(name: string): Promise<string> {
    const item = this.page.locator('.govuk-task-list__item').filter({ hasText: name });
    return (await item.locator('.govuk-task-list__status').innerText()).trim();
  }

  private async tableRow(table: string, text: string | RegExp): Promise<string> {
    const row = this.page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
    expect(await row.count(), `one row for ${String(text)} in "${table}"`).toBe(1);
    return row.innerText();
  }

  /** The case's "Advice asked for" table: the row for one organisation. */
  async advice(organisation: string): Promise<string> {
    return this.tableRow('Advice asked for', organisation);
  }

  /** The case's "Schools and colleges consulted" table: the row for one setting. */
  async consultation(setting: string): Promise<string> {
    return this.tableRow('Schools and colleges consulted', setting);
  }

  /** The caseworker's "Time limits" table: the row for one limit. */
  async timeLimit(label: string | RegExp): Promise<string> {
    return this.tableRow('Every statutory time limit of this case', label);
  }
}

export class ManagerPage extends EhcPage {
  async open(): Promise<void> {
    await this.openCaseworkTab('Manager');
    await this.expectHeading('Caseload and 20-week clocks');
  }

  /** The value of a row of the "Final plans issued in <year>" summary list. */
  async summary(key: string): Promise<string> {
    const row = this.page.locator('.govuk-summary-list__row').filter({
      has: this.page.locator('.govuk-summary-list__key', { hasText: key }),
    });
    expect(await row.count(), `a summary row "${key}"`).toBe(1);
    return (await row.locator('.govuk-summary-list__value').innerText()).trim();
  }

  /** "12 of 15 (80%)" as [12, 15]. */
  static share(text: string): [number, number] {
    const match = /^(\d+) of (\d+)/.exec(text);
    return match ? [Number(match[1]), Number(match[2])] : [0, 0];
  }
}

// ------------------------------------------------------------------ the partner portal

export class PartnerPages extends EhcPage {
  async open(): Promise<void> {
    await this.openSection('Advice and consultations');
    await this.expectHeading('Advice and consultations');
  }

  /** The child's link in the row of a case reference, in the table with the caption given. */
  async openRequest(caption: string, reference: string, childName: string): Promise<void> {
    const table = this.page.getByRole('table', { name: caption });
    const row = table.getByRole('row').filter({ hasText: reference });
    expect(await row.count(), `a row for ${reference} in "${caption}"`).toBe(1);
    await this.follow(row.getByRole('link', { name: childName }));
  }
}
