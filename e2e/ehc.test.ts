import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { e2eAvailable, launchBrowser, newJourney } from './browser.ts';
import {
  addDays,
  CaseworkPages,
  docxText,
  FamilyPages,
  longDate,
  ManagerPage,
  OnlineRequestPages,
  OutboxPages,
  PartnerPages,
  type RequestDetails,
} from './pages/ehc-pages.ts';

/**
 * Issue 5's journey, end to end in the browser and by keyboard, with axe on every page: a parent asks for an
 * EHC needs assessment and follows it; a caseworker decides to assess and asks for health advice; the NHS
 * trust returns it late, with a missed-appointment exception; the caseworker writes and issues the draft and
 * consults a school; the school replies and the family comments; the final plan is issued in week 19, the
 * family downloads it as Word, and the manager sees it counted within 20 weeks.
 *
 * The server's date is moved through the weeks (GET /test-support/clock, TEST_CLOCK_CONTROL). The story is
 * set in the recent past, ending at least five weeks before today, so that nothing it records (audit events,
 * outbox messages, cases) sorts above what the other end-to-end files record at the real date.
 */

const CASEWORKER = 'caseworker@demo.example.org';
const MANAGER = 'send.manager@demo.example.org';
const ADMINISTRATOR = 'administrator@demo.example.org';
const HEALTH = 'health.practitioner@demo.example.org';
const SENCO = 'school.senco@demo.example.org';
const NHS_TRUST = 'The Royal Wolverhampton NHS Trust';
const SPECIAL_SCHOOL = 'Demo Brook Special School';

/** The Monday at least 23 weeks before today: the request; every later date is counted from it. */
function requestDay(): string {
  const d = new Date(`${addDays(new Date().toISOString().slice(0, 10), -23 * 7)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const R = requestDay();
const DATES = {
  request: R, // week 1
  decisionDue: addDays(R, 42),
  decision: addDays(R, 35), // week 6: the decision to assess, and health advice asked for that day
  adviceDue: addDays(R, 35 + 42),
  appointment: addDays(R, 35 + 21), // the appointment the child missed, within the trust's 6 weeks
  adviceReturned: addDays(R, 35 + 49), // 7 weeks after it was asked for: a week late
  draft: addDays(R, 98), // week 15: the draft issued, and the special school consulted
  replies: addDays(R, 105), // week 16: the school replies and the family comments, within their 15 days
  final: addDays(R, 126), // week 19: the final plan
  finalDue: addDays(R, 140),
};

/** Letters only, so that the child's name is a name: and unique, so that no demo child is a duplicate. */
const RUN = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
  '',
);
const surname = (first: string) => `${first}-${RUN.charAt(0).toUpperCase()}${RUN.slice(1)}`;

function details(familyName: string, parentFirstName: string, email: string): RequestDetails {
  return {
    givenNames: 'Robin Alex',
    familyName,
    dateOfBirth: `${Number(R.slice(0, 4)) - 8}-03-14`,
    sex: 'Male',
    postcode: 'WV10 6QH',
    setting: 'Demo Park Primary School',
    year: 'Year 4',
    mainNeed: 'Speech, language and communication needs',
    language: 'English',
    parentName: `${parentFirstName} ${familyName}`,
    email,
    phone: '07700 900982',
    reasons:
      'Robin finds it very hard to be understood and is falling further behind. He is anxious about school.',
    supportTried: 'SEN support at school for two years and a block of speech and language therapy.',
  };
}

const CHILD = details(surname('Marsh'), 'Jordan', `jordan.marsh.${RUN}@example.org`);
const CHILD_NAME = `${CHILD.givenNames} ${CHILD.familyName}`;
const NEED = 'Robin has severe difficulty with expressive language and with following spoken instructions.';
const OUTCOME = 'Robin will ask for help in class using a short sentence, most days.';
const COMMENTS = 'The draft is right about Robin. We would like him to go to Demo Brook Special School.';

/** What each step finds out and the next one needs. */
const story = { reference: '', failed: false };

let browser: Browser;
let files: string;
const journeys: Awaited<ReturnType<typeof newJourney>>[] = [];

async function journey(options: { javaScript: boolean } = { javaScript: true }) {
  const j = await newJourney(browser, options);
  journeys.push(j);
  return j;
}

async function clock(query: string): Promise<void> {
  const response = await fetch(`${inject('baseUrl')}/test-support/clock?${query}`);
  expect(response.status, `GET /test-support/clock?${query} (TEST_CLOCK_CONTROL)`).toBe(200);
}
const setToday = (isoDate: string) => clock(`today=${isoDate}`);

/** A small but real PDF (one page of text), for the advice and the evidence of the missed appointment. */
function writePdf(name: string, text: string): string {
  const stream = `BT /F1 12 Tf 72 770 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const file = path.join(files, name);
  writeFileSync(file, pdf, 'latin1');
  return file;
}

/** The sign-in link the family was sent, as an administrator reads it in the outbox (no Notify key here). */
async function familyLink(email: string): Promise<string> {
  const admin = await journey();
  const outbox = new OutboxPages(admin.page, admin.a11y);
  await outbox.signInAs(ADMINISTRATOR, '/admin/outbox');
  return outbox.linkSentTo(email, 'ehc-family-sign-in', 'Family sign-in link');
}

/** The family, signed in at /my-ehc by the link they asked for. */
async function familySignedIn(email: string, options?: { javaScript: boolean }) {
  const j = await journey(options);
  const family = new FamilyPages(j.page, j.a11y);
  await family.askForLink(email);
  await family.useLink(await familyLink(email));
  return family;
}

/** A step of the story: skipped once an earlier one has failed, since it builds on what that one did. */
function step(name: string, run: () => Promise<void>, timeout = 120_000) {
  it(
    name,
    async (context) => {
      if (story.failed) context.skip('an earlier step of the story failed');
      try {
        await run();
      } catch (error) {
        story.failed = true;
        throw error;
      }
    },
    timeout,
  );
}

describe.skipIf(!e2eAvailable())(
  'EHC needs assessment from request to final plan, by keyboard, with axe on every page',
  () => {
    beforeAll(async () => {
      browser = await launchBrowser();
      files = mkdtempSync(path.join(tmpdir(), 'send-e2e-ehc-'));
    });
    afterEach(async () => {
      for (const j of journeys.splice(0)) {
        j.a11y.assertAllChecked();
        await j.close();
      }
    });
    afterAll(async () => {
      // Other end-to-end files run against the same server: real time again, to the millisecond.
      if (e2eAvailable()) await clock('reset=1');
      await browser?.close();
      if (files) rmSync(files, { recursive: true, force: true });
    });

    step(`week 1 (${DATES.request}): a parent asks for an assessment online and follows it`, async () => {
      await setToday(DATES.request);
      const parent = await journey();
      const request = new OnlineRequestPages(parent.page, parent.a11y);
      story.reference = await request.makeRequest(CHILD);
      const confirmation = await request.main();
      expect(confirmation).toContain(`We received the request on ${longDate(DATES.request)}`);
      expect(confirmation).toContain(`and tell you, by ${longDate(DATES.decisionDue)}`);
      expect(confirmation).toContain(`by ${longDate(DATES.finalDue)} (within 20 weeks`);

      const family = new FamilyPages(parent.page, parent.a11y);
      await family.askForLink(CHILD.email, true);
      await family.useLink(await familyLink(CHILD.email));
      await family.expectHeading(new RegExp(CHILD.familyName));
      expect(await family.status()).toBe('We are deciding whether to carry out an EHC needs assessment');
      const text = await family.main();
      expect(text).toContain(story.reference);
      expect(text).toContain(`Our decision whether to assess, by: ${longDate(DATES.decisionDue)}`);
      expect(text).toContain('We have not asked anyone for advice yet.');
    });

    step(
      `week 6 (${DATES.decision}): the caseworker decides to assess and asks the NHS trust for advice`,
      async () => {
        await setToday(DATES.decision);
        const j = await journey();
        const casework = new CaseworkPages(j.page, j.a11y);
        await casework.signInAs(CASEWORKER, '/ehc');
        await casework.openCase(story.reference, { tab: 'All cases', filter: 'Awaiting decision' });
        await casework.expectHeading(new RegExp(CHILD.familyName));
        expect(await casework.taskStatus('Decide whether to assess')).toBe('Not started');

        await casework.follow(casework.task('Decide whether to assess'));
        await casework.expectHeading('Decide whether to carry out an EHC needs assessment');
        await casework.chooseRadioLabelled('Carry out an EHC needs assessment');
        await casework.typeDate('notifiedOn', DATES.decision);
        await casework.press('Record the decision');
        await casework.expectBanner('The decision has been recorded');
        expect(await casework.taskStatus('Decide whether to assess')).toBe('Completed');

        await casework.follow(casework.task('Ask for advice'));
        await casework.expectHeading('Ask for advice');
        await casework.chooseRadioLabelled(
          'Health advice (through the Designated Medical or Clinical Officer)',
        );
        await casework.chooseOptionLabelled('Organisation asked', NHS_TRUST);
        await casework.typeDate('requestedOn', DATES.decision);
        await casework.press('Send the request for advice');
        await casework.expectBanner('The request for advice has been sent');
        const advice = await casework.advice(NHS_TRUST);
        expect(advice).toContain('Record it');
        expect(advice).toContain(longDate(DATES.adviceDue));
        expect(await casework.taskStatus('Ask for advice')).toMatch(/In progress/);
      },
    );

    step(
      `week 13 (${DATES.adviceReturned}): the health practitioner returns the advice a week late, recording the missed appointment`,
      async () => {
        await setToday(DATES.adviceReturned);
        const j = await journey();
        const partner = new PartnerPages(j.page, j.a11y);
        await partner.signInAs(HEALTH, '/partner');
        await partner.open();
        await partner.openRequest(
          'Advice requests still to answer, most urgent first',
          story.reference,
          CHILD_NAME,
        );
        await partner.expectHeading(`Request for advice: ${CHILD_NAME}`);
        expect(await partner.main()).toContain(longDate(DATES.adviceDue));

        await partner.follow(j.page.getByRole('link', { name: /^Record an exception/ }));
        await partner.expectHeading('Record an exception to the 6-week time limit');
        await partner.chooseRadioLabelled('The child or young person missed an appointment the body made');
        await partner.typeDate('fromOn', DATES.appointment);
        await partner.type(
          j.page.locator('#evidence'),
          `Robin was booked for a speech and language assessment on ${longDate(DATES.appointment)} and did not attend. The letter is attached.`,
        );
        await partner.attach(
          'Evidence as a document (optional)',
          writePdf('appointment-letter.pdf', `Appointment letter for ${CHILD_NAME}`),
        );
        await partner.press('Record the exception');
        await partner.expectBanner('The exception has been recorded');
        const exceptions = await j.page
          .getByRole('table', { name: 'Exceptions recorded against this request for advice' })
          .innerText();
        expect(exceptions).toContain(longDate(DATES.appointment));

        await partner.typeDate('receivedOn', DATES.adviceReturned);
        await partner.type(
          j.page.locator('#summary'),
          'Robin has a severe expressive language disorder. He needs direct therapy and a language-rich classroom.',
        );
        await partner.attach(
          'Your advice as a document (optional)',
          writePdf('health-advice.pdf', `Health advice for ${CHILD_NAME}`),
        );
        await partner.press('Send your advice');
        await partner.expectBanner('Your advice has been sent');
        expect(await j.page.getByRole('button', { name: 'Send your advice' }).count()).toBe(0);

        expect(await partner.main()).toContain(`Sent on ${longDate(DATES.adviceReturned)} (late)`);
      },
    );

    step(
      `week 15 (${DATES.draft}): the caseworker writes the plan, issues the draft and consults a special school`,
      async () => {
        await setToday(DATES.draft);
        const j = await journey();
        const casework = new CaseworkPages(j.page, j.a11y);
        await casework.signInAs(CASEWORKER, '/ehc');
        await casework.openCase(story.reference, { tab: 'My cases' });
        expect(await casework.taskStatus('Ask for advice')).toBe('Completed');
        const adviceLimit = await casework.timeLimit(NHS_TRUST);
        expect(adviceLimit).toContain(longDate(DATES.adviceReturned));
        expect(adviceLimit).toContain('Exception: 8(2)(c)');

        // The advice and the evidence, as the trust sent them.
        const advice = await casework.download(
          j.page.getByRole('link', { name: `Download the advice from ${NHS_TRUST}` }),
        );
        expect(advice.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(advice.body.toString('latin1')).toContain(`Health advice for ${CHILD_NAME}`);
        const evidence = await casework.download(
          j.page.getByRole('link', { name: /^Evidence for the reg 8\(2\)\(c\) exception/ }),
        );
        expect(evidence.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(evidence.body.toString('latin1')).toContain(`Appointment letter for ${CHILD_NAME}`);

        await casework.follow(casework.task('Write the draft plan'));
        await casework.expectHeading('The EHC plan');
        expect(await casework.main()).toContain('Before the draft can be issued:');

        await casework.followLink('Change section A');
        await casework.type(
          j.page.locator('#views'),
          'Robin loves trains and drawing. He wants to make friends and to be understood. His parents want him to be happy at school.',
        );
        await casework.press('Save');
        await casework.expectBanner('The plan has been saved');

        await casework.followLink('Add a need to section B');
        await casework.expectHeading('Add a need');
        expect(await j.page.getByRole('radio', { name: 'B: special educational needs' }).isChecked()).toBe(
          true,
        );
        await casework.type(j.page.locator('#text'), NEED);
        await casework.press('Save');

        await casework.followLink('Add an outcome');
        await casework.type(j.page.locator('#text'), OUTCOME);
        await casework.typeLabelled('By when', 'By the end of year 5 (July 2028)');
        await casework.press('Save');

        await casework.followLink('Add provision to section F');
        await casework.expectHeading('Add provision');
        await casework.type(j.page.locator('#what'), 'Direct speech and language therapy');
        await casework.typeLabelled('Who provides it', 'A speech and language therapist');
        await casework.typeLabelled('How often', '2 sessions of 30 minutes a week');
        await casework.typeLabelled('For how long', 'Until the first annual review');
        await casework.tick(j.page.getByRole('checkbox', { name: `B: ${NEED}`, exact: true }));
        await casework.tick(j.page.getByRole('checkbox', { name: OUTCOME, exact: true }));
        await casework.press('Save');
        await casework.expectBanner('The plan has been saved');
        const plan = await casework.main();
        expect(plan).not.toContain('Before the draft can be issued:');
        expect(plan).toContain(NEED);
        expect(plan).toContain('2 sessions of 30 minutes a week');

        await casework.followLink('Back to the case');
        await casework.follow(casework.task('Issue the draft plan'));
        await casework.expectHeading('Issue the draft plan');
        await casework.typeDate('servedOn', DATES.draft);
        await casework.press('Issue the draft plan');
        await casework.expectBanner('The draft plan has been issued');

        await casework.follow(casework.task('Consult schools or colleges'));
        await casework.expectHeading('Consult a school, college or setting');
        await casework.chooseOptionLabelled('School, college or setting', SPECIAL_SCHOOL);
        await casework.typeDate('sentOn', DATES.draft);
        await casework.press('Send the consultation');
        await casework.expectBanner('The consultation has been sent');
        expect(await casework.consultation(SPECIAL_SCHOOL)).toContain('No reply yet');
      },
    );

    step(
      `week 16 (${DATES.replies}): the school says it can meet the needs, and the family comments on the draft`,
      async () => {
        await setToday(DATES.replies);
        const school = await journey();
        const partner = new PartnerPages(school.page, school.a11y);
        await partner.signInAs(SENCO, '/partner');
        await partner.open();
        await partner.openRequest(
          'Consultations on draft plans still to answer, most urgent first',
          story.reference,
          CHILD_NAME,
        );
        await partner.expectHeading(`Consultation: ${CHILD_NAME}`);
        expect(await partner.main()).toContain(NEED);
        await partner.typeDate('repliedOn', DATES.replies);
        await partner.chooseRadioLabelled('Yes');
        await partner.type(
          school.page.locator('#response'),
          'We can meet Robin’s needs. Our speech and language therapist is in school three days a week.',
        );
        await partner.press('Send your reply');
        await partner.expectBanner('Your reply has been sent');

        const family = await familySignedIn(CHILD.email);
        expect(await family.status()).toBe('We have sent you a draft EHC plan');
        await family.follow(
          family.page.getByRole('button', { name: 'Read the draft plan and send your comments' }),
        );
        await family.expectHeading('Draft Education, Health and Care plan');
        expect(await family.main()).toContain(NEED);
        await family.type(family.page.locator('#comments'), COMMENTS);
        await family.type(family.page.locator('#preferredSetting'), SPECIAL_SCHOOL);
        await family.press('Send your comments');
        await family.expectHeading('Your comments have been sent');
      },
    );

    step(
      `week 19 (${DATES.final}): the final plan names the school, the family downloads it as Word, and the manager counts it within 20 weeks`,
      async () => {
        await setToday(DATES.final);
        const year = DATES.final.slice(0, 4);
        const m = await journey();
        const manager = new ManagerPage(m.page, m.a11y);
        await manager.signInAs(MANAGER, '/ehc/manager');
        await manager.open();
        const issuedBefore = Number(await manager.summary(`Final plans issued in ${year}`));
        const [withinBefore] = ManagerPage.share(
          await manager.summary('Issued within 20 weeks, including exceptions'),
        );

        const j = await journey();
        const casework = new CaseworkPages(j.page, j.a11y);
        await casework.signInAs(CASEWORKER, '/ehc');
        await casework.openCase(story.reference, { tab: 'My cases' });
        expect(await casework.consultation(SPECIAL_SCHOOL)).toContain('can meet the needs');
        expect(await casework.main()).toContain(COMMENTS);
        await casework.follow(casework.task('Issue the final plan'));
        await casework.expectHeading('Issue the final plan');
        expect(await casework.main()).toContain(`must be issued by ${longDate(DATES.finalDue)}`);
        // The school the family asked for is offered.
        expect(
          await j.page
            .getByLabel('School, college or other setting named in section I', { exact: true })
            .inputValue(),
        ).toBe(SPECIAL_SCHOOL);
        await casework.typeLabelled('School, college or other setting named in section I', SPECIAL_SCHOOL);
        await casework.typeDate('issuedOn', DATES.final);
        await casework.press('Issue the final plan');
        await casework.expectBanner('The final plan has been issued');
        expect(await casework.taskStatus('Issue the final plan')).toBe('Completed');

        const family = await familySignedIn(CHILD.email);
        expect(await family.status()).toBe('The final EHC plan has been issued');
        const issued = `Final EHC plan, issued ${longDate(DATES.final)}`;
        expect(await family.page.getByRole('link', { name: `${issued} (Word document)` }).count()).toBe(1);
        await family.follow(family.page.getByRole('link', { name: `${issued} (web page)` }));
        await family.expectHeading('Education, Health and Care plan');
        const page = await family.main();
        expect(page).toContain(CHILD_NAME);
        expect(page).toContain(SPECIAL_SCHOOL);
        const plan = await family.download(
          family.page.getByRole('link', { name: 'Download the plan as a Word document' }),
        );
        expect(plan.fileName).toBe(`${story.reference}-final-plan.docx`);
        expect(plan.body.subarray(0, 2).toString('latin1'), 'a .docx is a zip').toBe('PK');
        const words = docxText(plan.body);
        expect(words).toContain(CHILD_NAME);
        expect(words).toContain(SPECIAL_SCHOOL);
        expect(words).toContain(NEED);

        // The manager looks again.
        await manager.follow(
          m.page.getByRole('navigation', { name: 'EHC casework' }).getByRole('link', { name: 'Manager' }),
        );
        expect(Number(await manager.summary(`Final plans issued in ${year}`))).toBe(issuedBefore + 1);
        const [withinAfter] = ManagerPage.share(
          await manager.summary('Issued within 20 weeks, including exceptions'),
        );
        expect(withinAfter).toBe(withinBefore + 1);
        const row = await m.page
          .getByRole('table', { name: `The 20 most recent final plans issued in ${year}` })
          .getByRole('row')
          .filter({ hasText: story.reference })
          .innerText();
        expect(row).toContain(CHILD_NAME);
        expect(row).toContain(longDate(DATES.request));
        expect(row).toContain(longDate(DATES.final));
        expect(row).toContain('Week 19');
        expect(row).toContain('Within 20 weeks');
        expect(row.trim().endsWith('No'), 'no 20-week exception applies').toBe(true);
      },
    );

    it(`with JavaScript off (${DATES.request}): another parent asks online and follows the request`, async () => {
      await setToday(DATES.request);
      const second = details(surname('Fenwick'), 'Sam', `sam.fenwick.${RUN}@example.org`);
      const parent = await journey({ javaScript: false });
      const request = new OnlineRequestPages(parent.page, parent.a11y);
      const reference = await request.makeRequest(second);
      expect(reference).not.toBe(story.reference);

      const family = await familySignedIn(second.email, { javaScript: false });
      await family.expectHeading(new RegExp(second.familyName));
      expect(await family.status()).toBe('We are deciding whether to carry out an EHC needs assessment');
      expect(await family.main()).toContain(reference);
    }, 120_000);
  },
);
