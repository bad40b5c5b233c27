import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../lib/forms.ts';
import { listingSchema, type Listing } from '../domain/listing.ts';
import {
  FORM_ROWS,
  formValuesFromListing,
  listingFormSchema,
  listingFromForm,
  normaliseTime,
  normaliseUrl,
  rowCountsFor,
  rowCountsFrom,
  type ListingFormData,
} from './schemas.ts';

const CATEGORY = '11111111-1111-4111-8111-111111111111';
const NEED = '22222222-2222-4222-8222-222222222222';
const options = { rows: { ...FORM_ROWS }, categoryIds: [CATEGORY], needIds: [NEED], canSetVisibility: true };

const valid = {
  name: ' Saturday Swim Club ',
  description: 'Swimming for disabled children.',
  url: 'swim.example.org',
  email: 'Club@Example.org',
  status: 'active',
  visibility: 'public',
  minimumAge: '5',
  maximumAge: '16',
  accessRoutes: ['self_referral', 'professional_referral'],
  isFree: 'paid',
  cost1Option: 'Per session',
  cost1Amount: '£3.50',
  languages: ['bfi', 'en'],
  categories: CATEGORY,
  needs: [NEED],
  serviceAreas: 'Bilston\n\n  Wednesfield  ',
  contact1Name: 'Sam',
  contact1Email: 'sam@example.org',
  venue1Name: 'Central Baths',
  venue1Address: '1 Pool Street',
  venue1Town: 'Wolverhampton',
  venue1Postcode: 'wv11aa',
  venue1Accessibility: ['step_free'],
  schedule1Freq: 'MONTHLY',
  schedule1Days: ['SA'],
  schedule1Week: '-1',
  schedule1Opens: '9.30',
  schedule1Closes: '11:00',
  schedule1TermTime: 'yes',
  schedule2Freq: 'ONCE',
  'schedule2Date-day': '4',
  'schedule2Date-month': '7',
  'schedule2Date-year': '2026',
};

function parse(body: Record<string, unknown>, opts = options) {
  return parseForm(listingFormSchema(opts), body);
}

describe('the listing form', () => {
  it('turns a complete form into a valid listing, leaving out empty rows', () => {
    const form = parse(valid);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    const listing = listingFromForm(form.data as ListingFormData, {
      rows: options.rows,
      base: null,
      visibility: 'public',
    });
    expect(listingSchema.safeParse(listing).success).toBe(true);
    expect(listing).toMatchObject({
      name: 'Saturday Swim Club',
      url: 'https://swim.example.org/',
      email: 'club@example.org',
      isFree: false,
      costOptions: [{ option: 'Per session', amount: 3.5 }],
      languages: ['en', 'bfi'],
      termIds: [CATEGORY, NEED],
      serviceAreas: ['Bilston', 'Wednesfield'],
      contacts: [{ name: 'Sam', email: 'sam@example.org' }],
      locations: [{ name: 'Central Baths', postcode: 'WV1 1AA', accessibility: ['step_free'] }],
      schedules: [
        {
          freq: 'MONTHLY',
          byDay: ['SA'],
          weekOfMonth: -1,
          opensAt: '09:30',
          closesAt: '11:00',
          termTimeOnly: true,
        },
        { freq: 'ONCE', byDay: [], dtstart: '2026-07-04', termTimeOnly: false },
      ],
    });
  });

  it('reports every problem at once, each against its field', () => {
    const form = parse({
      ...valid,
      name: '',
      minimumAge: '12',
      maximumAge: '6',
      email: 'nope',
      isFree: 'paid',
      cost1Option: '',
      cost1Amount: '',
      schedule1Closes: '08:00',
      contact1Email: '',
      languages: ['xx'],
    });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.errors.fields).toMatchObject({
      name: { text: 'Enter the name of the service' },
      email: { text: 'Enter an email address in the correct format, like name@example.com' },
      maximumAge: { text: 'Oldest age must be the same as or older than the youngest age' },
      feesDescription: { text: 'Say what the service costs: describe the fees or add a cost option' },
      languages: { text: 'Select languages from the list' },
      contact1Phone: { text: 'Enter a phone number or email address for contact 1' },
      schedule1Closes: { text: 'End time of session 1 must be after its start time' },
    });
    // The summary follows the order of the form.
    expect(form.errors.summary.map((s) => s.href).slice(0, 3)).toEqual(['#name', '#email', '#maximumAge']);
    expect(form.values.name).toBe('');
  });

  it('refuses markup, over-long answers and unknown choices', () => {
    const form = parse({
      ...valid,
      description: 'Hello <script>alert(1)</script>',
      name: 'x'.repeat(201),
      categories: ['33333333-3333-4333-8333-333333333333'],
      status: 'closed',
      venue1Accessibility: ['teleporter'],
    });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.errors.fields).toMatchObject({
      name: { text: 'Name must be 200 characters or fewer' },
      description: { text: 'Description must not include the characters < or >' },
      categories: { text: 'Select categories from the list' },
      status: { text: 'Select whether the service is running' },
      venue1Accessibility: { text: 'Select the accessibility of venue 1 from the list' },
    });
  });

  it('checks a venue and a session only when something in them was filled in', () => {
    const blank = parse({
      ...valid,
      venue1Name: '',
      venue1Address: '',
      venue1Town: '',
      venue1Postcode: '',
      venue1Accessibility: [],
    });
    expect(blank.ok).toBe(true);
    const half = parse({ ...valid, venue1Town: '', venue1Latitude: '52.5' });
    expect(half.ok).toBe(false);
    if (half.ok) return;
    expect(half.errors.fields).toMatchObject({
      venue1Town: { text: 'Enter the town or city of venue 1' },
      venue1Longitude: { text: 'Enter both the latitude and longitude of venue 1, or leave both blank' },
    });
    const badDate = parse({ ...valid, 'schedule2Date-day': '31', 'schedule2Date-month': '2' });
    expect(badDate.ok || badDate.errors.fields['schedule2Date-day']?.text).toBe(
      'Date of session 2 must be a real date, like 27 3 2026',
    );
  });

  it('does not ask a provider who can see the listing, and refuses the answer if sent', () => {
    const provider = { ...options, canSetVisibility: false };
    expect(parse(valid, provider).ok).toBe(false);
    const { visibility: _v, ...withoutVisibility } = valid;
    const form = parse(withoutVisibility, provider);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    const listing = listingFromForm(form.data as ListingFormData, {
      rows: options.rows,
      base: null,
      visibility: 'internal',
    });
    expect(listing.visibility).toBe('internal');
  });

  it('asks which organisation on the new-listing form, from the organisations offered', () => {
    const withOrganisations = { ...options, organisationIds: ['44444444-4444-4444-8444-444444444444'] };
    const missing = parse(valid, withOrganisations);
    expect(missing.ok || missing.errors.fields.organisationId?.text).toBe(
      'Select the organisation that runs the service',
    );
    const other = parse(
      { ...valid, organisationId: '55555555-5555-4555-8555-555555555555' },
      withOrganisations,
    );
    expect(other.ok).toBe(false);
    expect(
      parse({ ...valid, organisationId: '44444444-4444-4444-8444-444444444444' }, withOrganisations).ok,
    ).toBe(true);
  });

  it('carries over what the form does not show from the version being edited', () => {
    const base: Listing = listingSchema.parse({
      name: 'Old',
      description: 'Old',
      minimumAge: 0,
      maximumAge: 25,
      accessRoutes: ['self_referral'],
      isFree: true,
      contacts: [{ email: 'sam@example.org', phone: '01902 1', phoneDescription: 'Weekdays' }],
      locations: [
        {
          id: '66666666-6666-4666-8666-666666666666',
          name: 'Central Baths',
          address1: 'x',
          city: 'y',
          postcode: 'WV1 1AA',
        },
      ],
      schedules: [{ freq: 'WEEKLY', byDay: ['MO'], validFrom: '2026-01-01', validTo: '2026-12-31' }],
    });
    const form = parse({ ...valid, contact1Phone: '01902 1', schedule1Freq: 'WEEKLY' });
    if (!form.ok) throw new Error('expected the form to parse');
    const listing = listingFromForm(form.data as ListingFormData, {
      rows: options.rows,
      base,
      visibility: 'public',
    });
    expect(listing.contacts[0]?.phoneDescription).toBe('Weekdays');
    expect(listing.locations[0]?.id).toBe('66666666-6666-4666-8666-666666666666');
    expect(listing.schedules[0]).toMatchObject({ validFrom: '2026-01-01', validTo: '2026-12-31' });
  });

  it('fills the form from a listing so that posting it back gives the same listing', () => {
    const form = parse(valid);
    if (!form.ok) throw new Error('expected the form to parse');
    const listing = listingFromForm(form.data as ListingFormData, {
      rows: options.rows,
      base: null,
      visibility: 'public',
    });
    const values = formValuesFromListing(listing, { categoryIds: [CATEGORY], needIds: [NEED] });
    // Checkbox answers come back joined, as parseForm joins them; split them to post again.
    const checkboxes = [
      'accessRoutes',
      'languages',
      'categories',
      'needs',
      'venue1Accessibility',
      'schedule1Days',
      'schedule2Days',
      'schedule1TermTime',
      'schedule2TermTime',
    ];
    const body: Record<string, string | string[]> = { ...values };
    for (const key of checkboxes) body[key] = (values[key] ?? '').split(', ').filter(Boolean);
    const again = parse(body);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(
      listingFromForm(again.data as ListingFormData, {
        rows: options.rows,
        base: null,
        visibility: 'public',
      }),
    ).toEqual(listing);
  });
});

describe('rows on the form', () => {
  it('offers the usual rows, or more when the listing or the form has more', () => {
    expect(rowCountsFrom({ cost1Option: 'x' })).toEqual(FORM_ROWS);
    expect(rowCountsFrom({ venue7Name: 'x', schedule12Freq: 'ONCE' })).toMatchObject({
      venues: 7,
      schedules: 12,
    });
    // Beyond the listing's limit: not added, so the field is reported as unexpected.
    expect(rowCountsFrom({ cost99Option: 'x' }).costs).toBe(FORM_ROWS.costs);
    expect(rowCountsFor(null)).toEqual(FORM_ROWS);
  });
});

describe('normalising what people type', () => {
  it('reads times and web addresses as people write them', () => {
    expect(normaliseTime('9.30')).toBe('09:30');
    expect(normaliseTime('24:00')).toBeUndefined();
    expect(normaliseUrl('www.example.org/page')).toBe('https://www.example.org/page');
    expect(normaliseUrl('javascript:alert(1)')).toBeUndefined();
    expect(normaliseUrl('localhost')).toBeUndefined();
  });
});
