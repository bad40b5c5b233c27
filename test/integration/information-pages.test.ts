import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFORMATION_PAGES } from '../../src/db/seed/information-pages.ts';
import { createInformationRepository } from '../../src/modules/information/repository.ts';
import { FormSession } from '../helpers/browser-session.ts';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let editor: FormSession;

const count = async (table: 'information_pages' | 'audit_events') =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]
      ?.n,
  );

const auditActions = async (subjectId: string) =>
  (
    await sql<{
      action: string;
      details: unknown;
    }>`select action, details from audit_events where subject_id = ${subjectId} order by id`.execute(
      t.database.db,
    )
  ).rows;

const pageId = async (slug: string) =>
  (await sql<{ id: string }>`select id from information_pages where slug = ${slug}`.execute(t.database.db))
    .rows[0]?.id as string;

const newPage = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Help with money',
  slug: 'help-with-money',
  summary: 'Benefits and grants for families of disabled children.',
  topic: 'information-advice-support',
  ageGroups: ['early-years', 'primary'],
  body: '## Disability Living Allowance\n\nYou may be able to get [DLA](https://www.gov.uk/disability-living-allowance-children).',
  published: 'yes',
  ...overrides,
});

beforeAll(async () => {
  t = await buildTestApp();
  const repo = createInformationRepository(t.database.db);
  for (const page of INFORMATION_PAGES) await repo.upsertDemoPage(page, { lastReviewedOn: '2026-11-23' });
  editor = new FormSession(t.app);
  await editor.signIn('local.offer.editor@demo.example.org', DEMO_PASSWORD);
});
afterAll(async () => t?.close());

describe('the demo pages', () => {
  it('are added once: seeding again changes nothing, and never overwrites an editor’s page', async () => {
    const repo = createInformationRepository(t.database.db);
    const before = await count('information_pages');
    const [first] = INFORMATION_PAGES;
    if (!first) throw new Error('no demo pages');
    expect(await repo.upsertDemoPage({ ...first, title: 'Changed' }, { lastReviewedOn: '2027-01-01' })).toBe(
      false,
    );
    expect(await count('information_pages')).toBe(before);
    expect((await repo.findBySlug(first.slug))?.title).toBe(first.title);
  });
});

describe('public information pages', () => {
  it('lists published pages by topic', async () => {
    const res = await t.app.inject('/local-offer/information');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 class="govuk-heading-m" id="topic-ehc-needs-assessments">');
    expect(res.body).toContain('href="/local-offer/information/short-breaks"');
    expect(res.body).toContain(`${INFORMATION_PAGES.length} guides.`);
  });

  it('filters by age group without JavaScript', async () => {
    const res = await t.app.inject('/local-offer/information?ageGroup=young-adults');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('for ages 19 to 25');
    // Short breaks are for 0 to 18.
    expect(res.body).not.toContain('href="/local-offer/information/short-breaks"');
    expect(res.body).toContain('href="/local-offer/information/preparing-for-adulthood"');
    expect(res.body).toContain('<option value="young-adults" selected>');
  });

  it('explains an unknown age group instead of failing', async () => {
    for (const query of ['ageGroup=wizards', 'ageGroup=0-4', 'ageGroup=a&ageGroup=b']) {
      const res = await t.app.inject(`/local-offer/information?${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain('Choose an age group from the list');
      expect(res.body).toContain('href="/local-offer/information/short-breaks"');
    }
  });

  it('shows a page with its rendered text, review date, topic and ages', async () => {
    const res = await t.app.inject('/local-offer/information/short-breaks');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-xl">Short breaks');
    expect(res.body).toContain('<h2 class="govuk-heading-l">');
    expect(res.body).toContain('Last reviewed on 23 November 2026');
    expect(res.body).toContain('Topic: Short breaks');
    expect(res.body).toContain('For: Early years (0 to 4), Primary school age (5 to 10)');
    // Links between pages are absolute paths.
    expect(res.body).toContain('href="/local-offer/information/information-advice-and-support"');
  });

  it('answers 404 for a page that does not exist', async () => {
    for (const path of ['no-such-page', 'Short-Breaks', 'a'.repeat(150), '..%2F..%2Fetc']) {
      const res = await t.app.inject(`/local-offer/information/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).toContain('Page not found');
    }
  });

  it('publishes the accessibility statement', async () => {
    const res = await t.app.inject('/local-offer/accessibility');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Accessibility statement for the SEND Local Offer');
    expect(res.body).toContain('Compliance status');
    expect(res.body).toContain('Equality and Human Rights Commission');
  });

  it('escapes HTML and drops unsafe links in text that reached the database another way', async () => {
    await sql`insert into information_pages (slug, title, summary, topic, age_groups, body, last_reviewed_on)
      values ('imported', 'Imported <page>', 'S', 'health', '{primary}',
              ${'<script>alert(1)</script>\n\n[Click me](javascript:alert(2)) and <img src=x onerror=alert(3)>'},
              '2026-11-23')`.execute(t.database.db);
    const res = await t.app.inject('/local-offer/information/imported');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toMatch(/href="javascript:/i);
    expect(res.body).toContain('[Click me](javascript:alert(2))');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('Imported &lt;page&gt;');
  });
});

describe('editors', () => {
  it('create a page, which then shows publicly, with an audit record', async () => {
    const before = await count('audit_events');
    const form = await editor.get('/staff/local-offer/information/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Create an information page');
    const res = await editor.post('/staff/local-offer/information/new', newPage());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff/local-offer/information');
    const list = await editor.get('/staff/local-offer/information');
    expect(list.body).toContain('‘Help with money’ has been created');
    expect(list.body).toContain('Help with money</a>');

    const page = await t.app.inject('/local-offer/information/help-with-money');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Disability Living Allowance');
    expect(page.body).toContain('rel="noreferrer noopener"');
    const index = await t.app.inject('/local-offer/information?ageGroup=early-years');
    expect(index.body).toContain('href="/local-offer/information/help-with-money"');

    const id = await pageId('help-with-money');
    expect(await count('audit_events')).toBe(before + 1);
    expect(await auditActions(id)).toEqual([
      {
        action: 'local-offer.information.created',
        details: { slug: 'help-with-money', published: true },
      },
    ]);
  });

  it('edit a page and mark it reviewed today, in England', async () => {
    const id = await pageId('help-with-money');
    // 11:30pm on 30 June UTC is 12:30am on 1 July in London.
    t.clock.set(new Date('2026-06-30T23:30:00Z'));
    const form = await editor.get(`/staff/local-offer/information/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="help-with-money"');
    const res = await editor.post(
      `/staff/local-offer/information/${id}/edit`,
      newPage({ title: 'Help with money and benefits', markReviewed: 'yes' }),
    );
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject('/local-offer/information/help-with-money');
    expect(page.body).toContain('Help with money and benefits');
    expect(page.body).toContain('Last reviewed on 1 July 2026');
    const actions = await auditActions(id);
    expect(actions.at(-1)).toEqual({
      action: 'local-offer.information.updated',
      details: { changed: ['title', 'last_reviewed_on'], reviewed_on: '2026-07-01' },
    });
  });

  it('take a page down by unpublishing it, and can still preview it', async () => {
    const id = await pageId('help-with-money');
    await editor.get(`/staff/local-offer/information/${id}/edit`);
    const res = await editor.post(
      `/staff/local-offer/information/${id}/edit`,
      newPage({ title: 'Help with money and benefits', published: 'no' }),
    );
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject('/local-offer/information/help-with-money')).statusCode).toBe(404);
    const preview = await editor.get(`/staff/local-offer/information/${id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('the public cannot see it');
    expect(preview.body).toContain('Disability Living Allowance');
    expect((await auditActions(id)).at(-1)).toEqual({
      action: 'local-offer.information.updated',
      details: { changed: ['published'], published: { from: true, to: false } },
    });
  });

  it('preview changes without saving them', async () => {
    const before = await count('information_pages');
    await editor.get('/staff/local-offer/information/new');
    const res = await editor.post(
      '/staff/local-offer/information/new',
      newPage({ slug: 'previewed', body: '## A heading\n\nSome **bold** text.', action: 'preview' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Preview (not saved)');
    expect(res.body).toContain('<strong>bold</strong>');
    expect(res.body).toContain('value="previewed"');
    expect(await count('information_pages')).toBe(before);
  });

  it('cannot use a web address another page has', async () => {
    const before = { pages: await count('information_pages'), audit: await count('audit_events') };
    await editor.get('/staff/local-offer/information/new');
    const res = await editor.post(
      '/staff/local-offer/information/new',
      newPage({ title: 'Another short breaks page', slug: 'short-breaks' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Another page already uses this web address');
    expect(res.body).toContain('value="Another short breaks page"');
    expect(await count('information_pages')).toBe(before.pages);
    expect(await count('audit_events')).toBe(before.audit);

    // Nor by renaming an existing page.
    const id = await pageId('help-with-money');
    await editor.get(`/staff/local-offer/information/${id}/edit`);
    const renamed = await editor.post(
      `/staff/local-offer/information/${id}/edit`,
      newPage({ slug: 'short-breaks' }),
    );
    expect(renamed.statusCode).toBe(400);
    expect(renamed.body).toContain('Another page already uses this web address');
  });

  it('are told about HTML and unsafe links in the text, which comes back escaped', async () => {
    const before = await count('information_pages');
    await editor.get('/staff/local-offer/information/new');
    const res = await editor.post(
      '/staff/local-offer/information/new',
      newPage({
        slug: 'scripted',
        title: '<b>Bold</b> title',
        body: 'Hello <script>alert(1)</script>\n\n[Click me](javascript:alert(1))',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Title must not include the characters &lt; or &gt;');
    expect(res.body).toContain('Remove the HTML from the page text – use Markdown instead');
    expect(res.body).toContain('Change the address of the link ‘Click me’');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toMatch(/href="javascript:/i);
    expect(await count('information_pages')).toBe(before);
  });

  it('get 404 for a page that does not exist', async () => {
    expect(
      (await editor.get('/staff/local-offer/information/00000000-0000-4000-8000-000000000000/edit'))
        .statusCode,
    ).toBe(404);
    expect((await editor.get('/staff/local-offer/information/not-an-id/edit')).statusCode).toBe(404);
  });

  it('must send the form’s CSRF token', async () => {
    const before = await count('information_pages');
    await editor.get('/staff/local-offer/information/new');
    const res = await editor.post('/staff/local-offer/information/new', newPage({ slug: 'no-token' }), {
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
    expect(await count('information_pages')).toBe(before);
  });
});

describe('people who are not editors', () => {
  it('are refused', async () => {
    const id = await pageId('short-breaks');
    for (const email of ['provider@demo.example.org', 'send.manager@demo.example.org']) {
      const person = new FormSession(t.app);
      await person.signIn(email, DEMO_PASSWORD);
      for (const path of [
        '/staff/local-offer/information',
        '/staff/local-offer/information/new',
        `/staff/local-offer/information/${id}/edit`,
        `/staff/local-offer/information/${id}/preview`,
      ])
        expect((await person.get(path)).statusCode, `${email} ${path}`).toBe(403);
      await person.get('/account');
      expect(
        (await person.post('/staff/local-offer/information/new', newPage({ slug: 'x' }))).statusCode,
      ).toBe(403);
      expect((await person.post(`/staff/local-offer/information/${id}/edit`, newPage())).statusCode).toBe(
        403,
      );
    }
  });

  it('are asked to sign in', async () => {
    const res = await t.app.inject('/staff/local-offer/information');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fstaff%2Flocal-offer%2Finformation');
  });
});
