import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, e2eAvailable, launchBrowser, newJourney } from './browser.ts';
import { BasePage } from './pages/base-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { SetPasswordPage, UsersPage } from './pages/users-pages.ts';

let browser: Browser;
const journeys: Awaited<ReturnType<typeof newJourney>>[] = [];

async function journey(options?: { javaScript: boolean }) {
  const j = await newJourney(browser, options);
  journeys.push(j);
  return j;
}

describe.skipIf(!e2eAvailable())('end-to-end journeys, by keyboard, with axe on every page', () => {
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

  it('public pages: home, accessibility, privacy, cookies, contact and a 404', async () => {
    const { page, a11y } = await journey();
    const base = new BasePage(page, a11y);
    await base.goto('/');
    await base.expectHeading(/SEND and Inclusion Partnership/);
    for (const [link, heading] of [
      ['Accessibility statement', /Accessibility statement/],
      ['Privacy notice', /Privacy notice/],
      ['Cookies', /Cookies/],
      ['Contact', /Contact/],
    ] as const) {
      await base.activate(page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }));
      await base.expectHeading(heading);
    }
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    await a11y.check();
    await base.expectHeading('Page not found');
  });

  it('skip link is the first thing a keyboard reaches and moves focus to the main content', async () => {
    const { page, a11y } = await journey();
    const base = new BasePage(page, a11y);
    await base.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('signs in and out by keyboard', async () => {
    const { page, a11y } = await journey();
    const signIn = new SignInPage(page, a11y);
    await signIn.open();
    await signIn.signIn('send.manager@demo.example.org', DEMO_PASSWORD);
    await signIn.expectHeading('Staff area');
    expect(await page.getByText(/^Signed in as Morgan Manager/).count()).toBe(1);
    await signIn.signOut();
    await signIn.expectHeading('You have signed out');
    await signIn.goto('/staff');
    await signIn.expectHeading('Sign in');
  });

  it('shows a wrong password in an error summary linked to the field', async () => {
    const { page, a11y } = await journey();
    const signIn = new SignInPage(page, a11y);
    await signIn.open();
    await signIn.signIn('caseworker@demo.example.org', 'not-the-password');
    expect(await signIn.errorSummary()).toEqual(['Enter a correct email address and password']);
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await signIn.email().inputValue()).toBe('caseworker@demo.example.org');
    // The summary link takes keyboard users to the field.
    await signIn.tabTo(page.locator('.govuk-error-summary__list a'));
    await page.keyboard.press('Enter');
    expect(await signIn.email().evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('locks an account after repeated wrong passwords and says so clearly', async () => {
    const { page, a11y } = await journey();
    const signIn = new SignInPage(page, a11y);
    await signIn.open();
    for (let i = 0; i < 5; i += 1)
      await signIn.signIn('board.member@demo.example.org', `wrong-password-${i}`);
    const [message] = await signIn.errorSummary();
    expect(message).toMatch(/Your account is locked because the wrong password was entered too many times/);
    await signIn.signIn('board.member@demo.example.org', DEMO_PASSWORD);
    expect((await signIn.errorSummary())[0]).toMatch(/Your account is locked/);
  });

  it('an administrator invites a user, who sets a password and signs in — with JavaScript off', async () => {
    const admin = await journey({ javaScript: false });
    const signIn = new SignInPage(admin.page, admin.a11y);
    await signIn.open();
    await signIn.signIn('administrator@demo.example.org', DEMO_PASSWORD);
    const users = new UsersPage(admin.page, admin.a11y);
    await users.open();
    const invite = await users.startInvite();
    await invite.send();
    expect(await invite.errorSummary()).toContain('Enter their full name');
    await invite.fill({
      fullName: 'Jess Journey',
      email: 'jess.journey@example.org',
      roleLabel: 'Partner practitioner',
      organisation: 'The Royal Wolverhampton NHS Trust',
    });
    await invite.send();
    await invite.expectHeading('User invited');
    const link = new URL(await invite.invitationLink());
    await invite.signOut();

    const invitee = await journey({ javaScript: false });
    const setPassword = new SetPasswordPage(invitee.page, invitee.a11y);
    await setPassword.goto(link.pathname);
    await setPassword.expectHeading('Set your password');
    await setPassword.setPassword('journey-password-2026');
    const inviteeSignIn = new SignInPage(invitee.page, invitee.a11y);
    await inviteeSignIn.expectHeading('Sign in');
    await inviteeSignIn.signIn('jess.journey@example.org', 'journey-password-2026');
    await inviteeSignIn.expectHeading('Staff area');

    // The administrator sees it all in the audit trail.
    const back = await journey();
    const adminAgain = new SignInPage(back.page, back.a11y);
    await adminAgain.open();
    await adminAgain.signIn('administrator@demo.example.org', DEMO_PASSWORD);
    await adminAgain.activate(back.page.getByRole('link', { name: 'Audit trail' }).first());
    await adminAgain.expectHeading('Audit trail');
    const text = await back.page.locator('main').innerText();
    expect(text).toContain('user.invited');
    expect(text).toContain('user.invitation-accepted');
  });

  it('every other staff page, including its errors: account, change password, user details, edit, audit filters', async () => {
    const { page, a11y } = await journey();
    const signIn = new SignInPage(page, a11y);
    await signIn.open();
    await signIn.signIn('administrator@demo.example.org', DEMO_PASSWORD);
    await signIn.activate(page.getByRole('link', { name: 'Your account' }).first());
    await signIn.expectHeading('Your account');
    await signIn.activate(page.getByRole('link', { name: 'Change your password' }));
    await signIn.expectHeading('Change your password');
    await signIn.activate(page.getByRole('button', { name: 'Change password' }));
    expect(await signIn.errorSummary()).toContain('Enter your current password');

    const users = new UsersPage(page, a11y);
    await users.open();
    await users.typeInto(page.getByLabel('Name or email address'), 'Parker');
    await users.activate(page.getByRole('button', { name: 'Apply filters' }));
    await users.activate(page.getByRole('link', { name: 'Parker Practitioner' }));
    await users.expectHeading('Parker Practitioner');
    await users.activate(page.getByRole('link', { name: /Change Parker Practitioner/ }));
    await users.typeInto(page.getByLabel('Full name'), '');
    await users.activate(page.getByRole('button', { name: 'Save changes' }));
    expect(await users.errorSummary()).toEqual(['Enter their full name']);

    await users.goto('/admin/audit?from=not-a-date');
    expect(await users.errorSummary()).toEqual([
      'From date must be a real date in the format YYYY-MM-DD, like 2026-11-01',
    ]);
    await users.goto('/staff');
    await users.expectHeading('Staff area');
  });
});
