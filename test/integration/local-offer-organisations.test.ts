import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { FormSession } from '../helpers/browser-session.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ localOffer: { organisations: 6, services: 12 } });
}, 120_000);
afterAll(async () => t?.close());

async function signedIn(email: string) {
  const s = new FormSession(t.app);
  await s.get('/sign-in');
  const res = await s.post('/sign-in', { email, password: DEMO_PASSWORD });
  expect(res.statusCode).toBe(303);
  return s;
}

const count = async (table: 'directory_organisations' | 'audit_events') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('organisations in the Local Offer', () => {
  it('an editor adds one, links it to a provider account, and that provider can then add listings for it', async () => {
    const editor = await signedIn('local.offer.editor@demo.example.org');
    const list = await editor.get('/staff/local-offer/organisations');
    expect(list.statusCode).toBe(200);
    await editor.get('/staff/local-offer/organisations/new');
    const provider = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('key', '=', 'provider')
      .executeTakeFirstOrThrow();
    const audits = await count('audit_events');
    const saved = await editor.post('/staff/local-offer/organisations/new', {
      name: 'Riverside Inclusive Sports',
      description: 'Sport for disabled children and young people.',
      email: 'hello@riverside.example',
      website: 'https://riverside.example',
      phone: '01632 960 123',
      accountOrganisationId: provider.id,
    });
    expect(saved.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('directory_organisations')
      .selectAll()
      .where('name', '=', 'Riverside Inclusive Sports')
      .executeTakeFirstOrThrow();
    expect(row.account_organisation_id).toBe(provider.id);
    expect(await count('audit_events')).toBe(audits + 1);

    // Renamed: the listings and the list show the new name.
    await editor.get(`/staff/local-offer/organisations/${row.id}`);
    const renamed = await editor.post(`/staff/local-offer/organisations/${row.id}`, {
      name: 'Riverside Inclusive Sports Club',
      description: row.description,
      email: '',
      website: '',
      phone: '',
      accountOrganisationId: provider.id,
    });
    expect(renamed.statusCode).toBe(303);
    expect((await editor.get('/staff/local-offer/organisations')).body).toContain(
      'Riverside Inclusive Sports Club',
    );
  });

  it('refuses bad input with GOV.UK errors, keeping the answers and writing nothing', async () => {
    const editor = await signedIn('local.offer.editor@demo.example.org');
    await editor.get('/staff/local-offer/organisations/new');
    const before = await count('directory_organisations');
    const res = await editor.post('/staff/local-offer/organisations/new', {
      name: '<script>alert(1)</script>',
      description: 'x'.repeat(5001),
      email: 'not-an-email',
      website: 'javascript:alert(1)',
      phone: '',
      accountOrganisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('must not include the characters');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await count('directory_organisations')).toBe(before);

    await editor.get('/staff/local-offer/organisations/new');
    const notProvider = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('key', '=', 'icb')
      .executeTakeFirstOrThrow();
    const wrongAccount = await editor.post('/staff/local-offer/organisations/new', {
      name: 'Somewhere',
      description: '',
      email: '',
      website: '',
      phone: '',
      accountOrganisationId: notProvider.id,
    });
    expect(wrongAccount.statusCode).toBe(400);
    expect(wrongAccount.body).toContain('Choose a provider account from the list');
    expect(await count('directory_organisations')).toBe(before);
  });

  it('is for Local Offer editors only', async () => {
    const provider = await signedIn('provider@demo.example.org');
    expect((await provider.get('/staff/local-offer/organisations')).statusCode).toBe(403);
    const [org] = await t.database.db.selectFrom('directory_organisations').select('id').execute();
    expect((await provider.get(`/staff/local-offer/organisations/${org?.id}`)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/staff/local-offer/organisations' });
    expect(anonymous.statusCode).toBe(303);
    const editor = await signedIn('local.offer.editor@demo.example.org');
    expect(
      (await editor.get('/staff/local-offer/organisations/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    await editor.get('/staff/local-offer/organisations/new');
    const noToken = await editor.post('/staff/local-offer/organisations/new', { name: 'X' }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
  });
});
