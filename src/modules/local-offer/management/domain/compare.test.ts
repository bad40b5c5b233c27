import { describe, expect, it } from 'vitest';
import { listingSchema, type Listing } from '../../domain/listing.ts';
import { compareListings, listingFields, scheduleText } from './compare.ts';

const CATEGORY = '11111111-1111-4111-8111-111111111111';
const NEED = '22222222-2222-4222-8222-222222222222';
const names = new Map([
  [CATEGORY, 'Leisure and activities'],
  [NEED, 'Autism'],
]);

const base: Listing = listingSchema.parse({
  name: 'Saturday Swim Club',
  description: 'Swimming sessions for disabled children.',
  url: 'https://swim.example.org',
  minimumAge: 5,
  maximumAge: 16,
  accessRoutes: ['self_referral'],
  isFree: false,
  costOptions: [{ option: 'Per session', amount: 3.5 }],
  languages: ['en', 'bfi'],
  termIds: [CATEGORY, NEED],
  contacts: [{ name: 'Sam Swim', email: 'sam@example.org', phone: '01902 000000' }],
  locations: [
    {
      name: 'Central Baths',
      address1: '1 Pool Street',
      city: 'Wolverhampton',
      postcode: 'WV1 1AA',
      accessibility: ['step_free', 'changing_places'],
    },
  ],
  schedules: [{ freq: 'WEEKLY', byDay: ['SA'], opensAt: '09:30', closesAt: '11:00', termTimeOnly: true }],
});

const [session] = base.schedules as [Listing['schedules'][number]];
const [venue] = base.locations as [Listing['locations'][number]];

const row = (rows: ReturnType<typeof compareListings>, key: string) => rows.find((r) => r.key === key);

describe('compareListings', () => {
  it('finds nothing changed between a version and itself', () => {
    const rows = compareListings(base, structuredClone(base), names);
    expect(rows.filter((r) => r.changed)).toEqual([]);
    expect(row(rows, 'name')).toMatchObject({
      field: 'Name',
      before: 'Saturday Swim Club',
      after: 'Saturday Swim Club',
    });
  });

  it('marks each changed field, in words', () => {
    const after: Listing = {
      ...base,
      name: 'Saturday Splash Club',
      maximumAge: 18,
      isFree: true,
      costOptions: [],
      termIds: [NEED],
      schedules: [{ ...session, opensAt: '10:00' }],
    };
    const rows = compareListings(base, after, names);
    expect(rows.filter((r) => r.changed).map((r) => r.key)).toEqual([
      'name',
      'maximumAge',
      'isFree',
      'cost-1',
      'terms',
      'session-1',
    ]);
    expect(row(rows, 'isFree')).toMatchObject({ before: 'Paid', after: 'Free' });
    expect(row(rows, 'cost-1')).toMatchObject({
      field: 'Cost option 1',
      before: 'Per session: £3.50',
      after: '',
    });
    expect(row(rows, 'terms')).toMatchObject({ before: 'Autism\nLeisure and activities', after: 'Autism' });
    expect(row(rows, 'session-1')?.after).toBe('Every week on Saturday, 10am to 11am, term time only');
  });

  it('does not count the order of terms or languages as a change', () => {
    const after = { ...base, termIds: [NEED, CATEGORY], languages: ['bfi', 'en'] };
    expect(compareListings(base, after, names).filter((r) => r.changed)).toEqual([]);
  });

  it('compares lists item by item, numbering them', () => {
    const second = {
      ...venue,
      name: 'Bilston Leisure Centre',
      postcode: 'WV14 0AA',
      accessibility: [],
    };
    const rows = compareListings(base, { ...base, locations: [venue, second] }, names);
    expect(row(rows, 'venue-1')?.changed).toBe(false);
    expect(row(rows, 'venue-2')).toMatchObject({ field: 'Venue 2', before: '', changed: true });
    expect(row(rows, 'venue-1')?.after).toContain('Accessibility: Step-free access, Changing Places toilet');
  });

  it('treats every answered field of a first version as changed', () => {
    const rows = compareListings(null, base, names);
    expect(row(rows, 'name')).toMatchObject({ before: '', changed: true });
    expect(row(rows, 'eligibility')).toMatchObject({ before: '', after: '', changed: false });
    expect(row(rows, 'serviceAreas')?.changed).toBe(false);
  });

  it('names a term that is no longer known rather than showing its id', () => {
    const rows = compareListings(null, { ...base, termIds: ['33333333-3333-4333-8333-333333333333'] }, names);
    expect(row(rows, 'terms')?.after).toBe('A term that is no longer used');
  });

  it('shows an empty list once, under its plural name', () => {
    const rows = compareListings(base, { ...base, contacts: [] }, new Map());
    expect(row(rows, 'contact-1')).toMatchObject({ after: '', changed: true });
    const none = compareListings({ ...base, contacts: [] }, { ...base, contacts: [] }, names);
    expect(row(none, 'contact')).toMatchObject({ field: 'Contacts', before: '', after: '', changed: false });
  });
});

describe('listingFields', () => {
  it('reads a listing in the order of the form', () => {
    const fields = listingFields(base, names);
    expect(fields[0]).toEqual({ key: 'name', field: 'Name', text: 'Saturday Swim Club' });
    expect(fields.find((f) => f.key === 'languages')?.text).toBe('English, British Sign Language');
    expect(fields.find((f) => f.key === 'contact-1')?.text).toBe(
      'Sam Swim\nEmail: sam@example.org\nPhone: 01902 000000',
    );
  });
});

describe('scheduleText', () => {
  it('describes monthly and one-off sessions', () => {
    expect(
      scheduleText({
        freq: 'MONTHLY',
        byDay: ['TU'],
        weekOfMonth: -1,
        termTimeOnly: false,
        opensAt: '18:00',
      }),
    ).toBe('Every month on the last Tuesday, from 6pm');
    expect(scheduleText({ freq: 'ONCE', byDay: [], dtstart: '2026-07-04', termTimeOnly: false })).toBe(
      'On 4 July 2026',
    );
    expect(scheduleText({ freq: 'WEEKLY', byDay: ['FR', 'MO', 'WE'], termTimeOnly: false })).toBe(
      'Every week on Monday, Wednesday and Friday',
    );
  });
});
