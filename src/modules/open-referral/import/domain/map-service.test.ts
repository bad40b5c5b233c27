import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orukDir } from '../../../../../test/helpers/shared.ts';
import {
  canonicalJson,
  mapOrukService,
  sameListing,
  type MappedService,
  type TermRef,
} from './map-service.ts';

const TERMS: TermRef[] = [
  { id: '11111111-1111-4111-8111-111111111111', code: 'autism', name: 'Autism', taxonomyKey: 'need' },
  {
    id: '22222222-2222-4222-8222-222222222222',
    code: 'leisure-and-activities',
    name: 'Leisure and activities',
    taxonomyKey: 'category',
  },
  { id: '33333333-3333-4333-8333-333333333333', code: 'free', name: 'Free', taxonomyKey: 'cost' },
  {
    id: '44444444-4444-4444-8444-444444444444',
    code: 'primary',
    name: 'Primary school age',
    taxonomyKey: 'age-group',
  },
];

const ORG = {
  id: 'D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610',
  name: 'Wolverhampton Swimming Trust',
  description: 'Swimming for everyone.',
  email: 'hello@swim.example.org',
  website: 'https://swim.example.org',
};

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'AC148810-D857-441C-9679-408F346DE14B',
    name: 'Saturday Splash',
    description: 'Swimming sessions for disabled children.',
    url: 'https://swim.example.org/splash',
    email: 'splash@swim.example.org',
    status: 'active',
    minimum_age: 5,
    maximum_age: 16,
    last_modified: '2026-03-01T09:30:00Z',
    organization: ORG,
    cost_options: [{ id: 'c1', option: 'Per session', amount: 3.5, amount_description: 'pay on the door' }],
    ...overrides,
  };
}

function mapped(r: Record<string, unknown>): MappedService {
  const result = mapOrukService(r, { terms: TERMS });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.mapped;
}

const paths = (m: MappedService) => m.warnings.map((w) => w.path);

describe('mapOrukService', () => {
  it('maps the service, its organisation and its price, with ids in lower case', () => {
    const m = mapped(record());
    expect(m.externalId).toBe('ac148810-d857-441c-9679-408f346de14b');
    expect(m.organisationExternalId).toBe('d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610');
    expect(m.organisation).toMatchObject({ name: ORG.name, website: ORG.website, email: ORG.email });
    expect(m.lastModified).toBe('2026-03-01T09:30:00Z');
    expect(m.listing).toMatchObject({
      name: 'Saturday Splash',
      url: 'https://swim.example.org/splash',
      status: 'active',
      visibility: 'public',
      minimumAge: 5,
      maximumAge: 16,
      accessRoutes: ['self_referral'],
      isFree: false,
      costOptions: [{ option: 'Per session', amount: 3.5, amountDescription: 'pay on the door' }],
    });
    expect(m.warnings).toEqual([]);
  });

  it('clamps ages to 0 to 25 and says so', () => {
    const m = mapped(record({ minimum_age: 12, maximum_age: 100 }));
    expect(m.listing).toMatchObject({ minimumAge: 12, maximumAge: 25 });
    expect(m.warnings).toEqual([
      { path: '/maximum_age', message: expect.stringContaining('is 100, over 25') },
    ]);
    const adults = mapped(record({ minimum_age: 30, maximum_age: 65 }));
    expect(adults.listing).toMatchObject({ minimumAge: 25, maximumAge: 25 });
    expect(paths(adults)).toEqual(['/minimum_age', '/maximum_age']);
    const none = mapped(record({ minimum_age: undefined, maximum_age: undefined }));
    expect(none.listing).toMatchObject({ minimumAge: 0, maximumAge: 25 });
    expect(paths(none)).toEqual(['/minimum_age']);
  });

  it('works out whether it is free from its prices or its fees', () => {
    expect(mapped(record({ cost_options: [{ id: 'x', option: 'Free', amount: 0 }] })).listing).toMatchObject({
      isFree: true,
      costOptions: [],
    });
    expect(mapped(record({ cost_options: undefined, fees: 'Free' })).listing).toMatchObject({
      isFree: true,
      feesDescription: undefined,
    });
    expect(mapped(record({ cost_options: undefined, fees: '£5 a term' })).listing).toMatchObject({
      isFree: false,
      feesDescription: '£5 a term',
    });
    const unknown = mapped(record({ cost_options: undefined }));
    expect(unknown.listing).toMatchObject({ isFree: false, feesDescription: expect.stringContaining('ask') });
    expect(paths(unknown)).toEqual(['/fees']);
  });

  it('maps venues with their address and position, and leaves out what cannot be a venue here', () => {
    const m = mapped(
      record({
        service_at_locations: [
          {
            id: 'sl1',
            location: {
              id: 'AAAAAAAA-0000-4000-8000-000000000001',
              location_type: 'physical',
              name: 'Central Baths',
              latitude: 52.58,
              longitude: -2.12,
              addresses: [
                {
                  id: 'a1',
                  address_1: '1 Pool Street',
                  city: 'Wolverhampton',
                  state_province: 'West Midlands',
                  postal_code: 'WV1 1AA',
                  country: 'GB',
                  address_type: 'physical',
                },
              ],
              accessibility: [
                { id: 'x1', description: 'Step-free access' },
                { id: 'x2', description: 'Hearing loop', details: 'At reception' },
                { id: 'x3', description: 'Ramps at the side door' },
              ],
            },
          },
          { id: 'sl2', location: { id: 'b', location_type: 'virtual', name: 'Online' } },
          { id: 'sl3', location: { id: 'c', location_type: 'physical', name: 'Somewhere' } },
          {
            id: 'sl4',
            location: {
              id: 'd',
              location_type: 'physical',
              name: 'Abroad',
              latitude: 100,
              longitude: 101,
              addresses: [
                {
                  id: 'a4',
                  address_1: '1-30 Main Street',
                  city: 'MyCity',
                  state_province: 'MyState',
                  postal_code: 'ABC 1234',
                  country: 'US',
                  address_type: 'postal',
                },
              ],
            },
          },
        ],
      }),
    );
    expect(m.listing.locations).toEqual([
      {
        name: 'Central Baths',
        address1: '1 Pool Street',
        city: 'Wolverhampton',
        postcode: 'WV1 1AA',
        latitude: 52.58,
        longitude: -2.12,
        accessibility: ['step_free', 'hearing_loop'],
        accessibilityDetails: 'At reception\nRamps at the side door',
      },
      {
        name: 'Abroad',
        address1: '1-30 Main Street',
        city: 'MyCity',
        postcode: 'ABC 1234',
        accessibility: [],
        accessibilityDetails: undefined,
      },
    ]);
    expect(m.locationExternalIds).toEqual(['aaaaaaaa-0000-4000-8000-000000000001', 'd']);
    expect(paths(m)).toEqual([
      '/service_at_locations/1/location',
      '/service_at_locations/2/location',
      '/service_at_locations/3/location/latitude',
    ]);
  });

  it('maps weekly, monthly and one-off schedules and leaves out those it cannot show', () => {
    const m = mapped(
      record({
        schedules: [
          {
            id: 's1',
            freq: 'WEEKLY',
            byday: 'TH,MO',
            opens_at: '10:00:00',
            closes_at: '18:00:00',
            notes: 'Term time only',
          },
          { id: 's2', freq: 'MONTHLY', byday: '2SA,-1FR', opens_at: '09:30' },
          { id: 's3', dtstart: '2026-07-04', description: 'Summer fun day' },
          { id: 's4', freq: 'MONTHLY', bymonthday: '1,15' },
          { id: 's5', description: 'Whenever' },
          {
            id: 's6',
            freq: 'WEEKLY',
            byday: 'SA',
            opens_at: '14:00',
            closes_at: '12:00',
            valid_from: '2026-01-01',
            valid_to: '2026-12-31',
          },
        ],
      }),
    );
    expect(m.listing.schedules).toEqual([
      {
        freq: 'WEEKLY',
        byDay: ['MO', 'TH'],
        opensAt: '10:00',
        closesAt: '18:00',
        termTimeOnly: true,
        description: undefined,
      },
      {
        freq: 'MONTHLY',
        byDay: ['SA'],
        weekOfMonth: 2,
        opensAt: '09:30',
        closesAt: undefined,
        termTimeOnly: false,
        description: undefined,
      },
      {
        freq: 'MONTHLY',
        byDay: ['FR'],
        weekOfMonth: -1,
        opensAt: '09:30',
        closesAt: undefined,
        termTimeOnly: false,
        description: undefined,
      },
      {
        freq: 'ONCE',
        byDay: [],
        dtstart: '2026-07-04',
        opensAt: undefined,
        closesAt: undefined,
        termTimeOnly: false,
        description: 'Summer fun day',
      },
      {
        freq: 'WEEKLY',
        byDay: ['SA'],
        opensAt: '14:00',
        closesAt: undefined,
        termTimeOnly: false,
        description: undefined,
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
    ]);
    expect(paths(m)).toEqual(['/schedules/3', '/schedules/4', '/schedules/5/closes_at']);
  });

  it('keeps contacts with one phone each, and languages and terms it knows', () => {
    const m = mapped(
      record({
        contacts: [
          {
            id: 'k1',
            name: 'Club desk',
            email: 'desk@swim.example.org',
            phones: [
              { id: 'p1', number: '01902 555000', description: 'Weekdays' },
              { id: 'p2', number: '07700 900000' },
            ],
          },
          { id: 'k2', title: 'Manager', email: 'not an email' },
          { id: 'k3' },
        ],
        languages: [
          { id: 'l1', code: 'en', name: 'English' },
          { id: 'l2', code: 'pol' },
          { id: 'l3', name: 'British Sign Language' },
          { id: 'l4', code: 'xx', name: 'Klingon' },
          { id: 'l5' },
        ],
        attributes: [
          {
            id: 't1',
            taxonomy_term: { id: 'e0000000-0000-4000-8000-000000000000', name: 'Autism', term: 'autism' },
          },
          {
            id: 't2',
            taxonomy_term: { id: 'e0000000-0000-4000-8000-000000000001', name: 'Leisure and Activities' },
          },
          { id: 't3', taxonomy_term_id: '11111111-1111-4111-8111-111111111111' },
          {
            id: 't4',
            taxonomy_term: { id: 'e0000000-0000-4000-8000-000000000002', name: 'Free', term: 'free' },
          },
          { id: 't5', taxonomy_term: { id: 'e0000000-0000-4000-8000-000000000003', name: 'Knitting' } },
        ],
      }),
    );
    expect(m.listing.contacts).toEqual([
      {
        name: 'Club desk',
        title: undefined,
        email: 'desk@swim.example.org',
        phone: '01902 555000',
        phoneDescription: 'Weekdays',
      },
      {
        name: 'Club desk',
        title: undefined,
        email: 'desk@swim.example.org',
        phone: '07700 900000',
        phoneDescription: undefined,
      },
      { name: undefined, title: 'Manager', email: undefined },
    ]);
    expect(m.listing.languages).toEqual(['en', 'pl', 'bfi']);
    expect(m.listing.termIds).toEqual([
      '11111111-1111-4111-8111-111111111111',
      '22222222-2222-4222-8222-222222222222',
    ]);
    expect(paths(m)).toEqual([
      '/languages/3',
      '/languages/4',
      '/attributes/4/taxonomy_term',
      '/contacts/1/email',
    ]);
  });

  it('shortens text too long for the Local Offer and leaves out addresses it cannot use', () => {
    const m = mapped(
      record({ name: 'N'.repeat(250), url: 'ftp://swim.example.org', description: undefined }),
    );
    expect(m.listing.name).toHaveLength(200);
    expect(m.listing.url).toBeUndefined();
    expect(m.listing.description).toBe(m.listing.name);
    expect(paths(m)).toEqual(['/name', '/description', '/url']);
  });

  it('fails a record with no name, and one that is not an object', () => {
    expect(mapOrukService(record({ name: '  ' }), { terms: TERMS })).toEqual({
      ok: false,
      problems: [{ path: '/name', message: 'a service must have a name' }],
    });
    expect(mapOrukService([], { terms: TERMS }).ok).toBe(false);
  });

  const examples = orukDir();
  it.skipIf(!examples)('maps the official service_full example', () => {
    const example = JSON.parse(
      readFileSync(path.join(examples ?? '', 'examples', 'service_full.json'), 'utf8'),
    ) as Record<string, unknown>;
    const m = mapped(example);
    expect(m.listing).toMatchObject({
      name: 'Community Counselling',
      minimumAge: 12,
      maximumAge: 25,
      isFree: false,
      feesDescription: 'fees_description',
      costOptions: [
        { option: 'Under 18s and Over 60s', amount: 35, amountDescription: 'per 1 hour session' },
      ],
      schedules: [
        { freq: 'WEEKLY', byDay: ['TH', 'FR'], opensAt: '10:00', closesAt: '18:00', dtstart: '2005-01-01' },
      ],
      contacts: [{ name: 'Ann Persona', title: 'Reception Manager' }],
      locations: [
        { name: 'MyCity Civic Center', address1: '1-30 Main Street', city: 'MyCity', postcode: 'ABC 1234' },
      ],
    });
    expect(m.organisation?.name).toBe('Example Organization Inc.');
    expect(paths(m)).toContain('/maximum_age');
  });
});

describe('sameListing', () => {
  it('ignores key order, undefined values and our ids of venues', () => {
    const a = { name: 'x', locations: [{ id: 'ours', name: 'Hall' }], url: undefined };
    const b = { locations: [{ name: 'Hall' }], name: 'x' };
    expect(sameListing(a, b)).toBe(true);
    expect(sameListing(a, { ...b, name: 'y' })).toBe(false);
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] })).toBe('{"a":[{"d":1}],"b":1}');
  });
});
