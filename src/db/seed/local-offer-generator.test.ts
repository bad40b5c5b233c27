import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listingSchema } from '../../modules/local-offer/domain/listing.ts';
import { TAXONOMY_SEEDS, type TermSeed } from '../../modules/local-offer/domain/taxonomies.ts';
import {
  generateLocalOffer,
  WOLVERHAMPTON_POSTCODE_DISTRICTS,
  type ListingSeed,
} from './local-offer-generator.ts';

const TODAY = '2025-06-15';
const codesOf = (terms: TermSeed[]): string[] => terms.flatMap((t) => [t.code, ...codesOf(t.children ?? [])]);
const taxonomy = (key: string) => TAXONOMY_SEEDS.find((t) => t.key === key)?.terms ?? [];
const CATEGORY_CODES = codesOf(taxonomy('category'));
const NEED_CODES = codesOf(taxonomy('need'));
const AGE_GROUPS = taxonomy('age-group');

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const daysFromToday = (iso: string) => dayNumber(iso) - dayNumber(TODAY);

function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function toListingInput(seed: ListingSeed) {
  const { organisationKey: _organisationKey, termCodes, assuredDate: _assuredDate, ...listing } = seed;
  return { ...listing, termIds: termCodes.map(() => randomUUID()) };
}

describe('generateLocalOffer', () => {
  const result = generateLocalOffer({ organisations: 60, services: 320, today: TODAY });
  const { organisations, services } = result;

  it('is deterministic: the same options give the same output', () => {
    expect(generateLocalOffer({ organisations: 60, services: 320, today: TODAY })).toEqual(result);
    const other = generateLocalOffer({ organisations: 60, services: 320, today: TODAY, seed: 7 });
    expect(other).toEqual(generateLocalOffer({ organisations: 60, services: 320, today: TODAY, seed: 7 }));
    expect(other).not.toEqual(result);
  });

  it('produces the requested counts', () => {
    expect(organisations).toHaveLength(60);
    expect(services).toHaveLength(320);
    const small = generateLocalOffer({ organisations: 3, services: 10, today: TODAY });
    expect(small.organisations).toHaveLength(3);
    expect(small.services).toHaveLength(10);
    expect(generateLocalOffer({ organisations: 0, services: 0, today: TODAY })).toEqual({
      organisations: [],
      services: [],
    });
  });

  it('rejects a malformed today', () => {
    expect(() => generateLocalOffer({ organisations: 1, services: 1, today: '15/06/2025' })).toThrow();
  });

  it('makes the first organisation the demo provider’s, with at least four services', () => {
    const [first] = organisations;
    expect(first).toMatchObject({
      key: 'demo-play-and-leisure',
      name: 'Demo Play and Leisure Short Breaks',
      accountOrganisationKey: 'provider',
    });
    expect(organisations.filter((o) => o.accountOrganisationKey)).toHaveLength(1);
    expect(
      services.filter((s) => s.organisationKey === 'demo-play-and-leisure').length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('gives organisations unique, well-formed keys and fictional contact details', () => {
    const keys = organisations.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(organisations.map((o) => o.name)).size).toBe(organisations.length);
    for (const org of organisations) {
      expect(org.key).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(org.description.length).toBeGreaterThan(20);
      if (org.email) expect(org.email).toMatch(/@[a-z0-9.-]+\.example$/);
      if (org.website) expect(org.website).toMatch(/^https:\/\/[a-z0-9.-]+\.example(\/|$)/);
      if (org.phone) expect(org.phone).toMatch(/^(01632 960\d{3}|0121 496 0\d{3})$/);
    }
    const orgKeys = new Set(keys);
    for (const s of services) expect(orgKeys.has(s.organisationKey)).toBe(true);
  });

  it('generates listings that pass listingSchema once term codes become term ids', () => {
    for (const seed of services) {
      const input = toListingInput(seed);
      const parsed = listingSchema.safeParse(input);
      expect(parsed.error?.issues ?? [], seed.name).toEqual([]);
      expect(parsed.data).toEqual(input);
    }
  });

  it('tags only category and need codes that exist', () => {
    const known = new Set([...CATEGORY_CODES, ...NEED_CODES]);
    for (const s of services) {
      expect(s.termCodes.length).toBeGreaterThan(0);
      expect(new Set(s.termCodes).size).toBe(s.termCodes.length);
      for (const code of s.termCodes) expect(known.has(code), code).toBe(true);
    }
  });

  it('covers every category, need and age group at least three times', () => {
    for (const code of [...CATEGORY_CODES, ...NEED_CODES]) {
      expect(services.filter((s) => s.termCodes.includes(code)).length, code).toBeGreaterThanOrEqual(3);
    }
    for (const group of AGE_GROUPS) {
      const overlapping = services.filter(
        (s) => s.minimumAge <= (group.maximumAge ?? 25) && s.maximumAge >= (group.minimumAge ?? 0),
      );
      expect(overlapping.length, group.code).toBeGreaterThanOrEqual(3);
    }
  });

  it('has several autism listings for a 14-year-old at a venue', () => {
    const autism = services.filter(
      (s) =>
        /autis(m|tic)/i.test(`${s.name} ${s.description}`) &&
        s.minimumAge <= 14 &&
        s.maximumAge >= 14 &&
        s.locations.some((l) => /^WV\d+ /.test(l.postcode)),
    );
    expect(autism.length).toBeGreaterThanOrEqual(5);
  });

  it('has at least 30 one-off events in the next 90 days, and a few in the past 30', () => {
    const events = services.flatMap((s) => s.schedules.filter((e) => e.freq === 'ONCE'));
    const upcoming = events.filter((e) => {
      const d = daysFromToday(e.dtstart ?? '');
      return d > 0 && d <= 90;
    });
    expect(upcoming.length).toBeGreaterThanOrEqual(30);
    const past = events.filter((e) => {
      const d = daysFromToday(e.dtstart ?? '');
      return d < 0 && d >= -30;
    });
    expect(past.length).toBeGreaterThan(0);
    for (const e of events) expect(daysFromToday(e.dtstart ?? '')).toBeGreaterThanOrEqual(-30);
    expect(services.some((s) => s.schedules.some((e) => e.freq === 'WEEKLY' && e.termTimeOnly))).toBe(true);
    expect(
      services.some((s) => s.schedules.some((e) => e.freq === 'MONTHLY' && e.weekOfMonth !== undefined)),
    ).toBe(true);
  });

  it('places every venue within 5 km of a district centre, with a postcode in that district', () => {
    const codes = new Set(WOLVERHAMPTON_POSTCODE_DISTRICTS.map((d) => d.code));
    for (const code of [
      'WV1',
      'WV2',
      'WV3',
      'WV4',
      'WV6',
      'WV8',
      'WV9',
      'WV10',
      'WV11',
      'WV12',
      'WV13',
      'WV14',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
    for (const location of services.flatMap((s) => s.locations)) {
      expect(location.latitude).toBeDefined();
      expect(location.longitude).toBeDefined();
      const point = { latitude: location.latitude ?? 0, longitude: location.longitude ?? 0 };
      const nearest = Math.min(...WOLVERHAMPTON_POSTCODE_DISTRICTS.map((d) => distanceKm(point, d)));
      expect(nearest).toBeLessThanOrEqual(5);
      const district = WOLVERHAMPTON_POSTCODE_DISTRICTS.find((d) =>
        location.postcode.startsWith(`${d.code} `),
      );
      expect(district, location.postcode).toBeDefined();
      if (district) expect(distanceKm(point, district)).toBeLessThanOrEqual(1.6);
      expect(location.postcode).toMatch(/^WV\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/);
    }
  });

  it('reuses an organisation’s venues across its services', () => {
    const venues = new Map<string, string>();
    for (const l of services.flatMap((s) => s.locations)) {
      const address = `${l.address1}|${l.postcode}`;
      expect(venues.get(l.name) ?? address, l.name).toBe(address);
      venues.set(l.name, address);
    }
    const uses = services.flatMap((s) => s.locations.map((l) => l.name));
    expect(uses.length).toBeGreaterThan(venues.size * 1.5);
  });

  it('mixes costs, languages, review dates, statuses and visibility realistically', () => {
    const share = (f: (s: ListingSeed) => boolean) => services.filter(f).length / services.length;
    expect(share((s) => s.isFree)).toBeGreaterThan(0.3);
    expect(share((s) => s.isFree)).toBeLessThan(0.55);
    for (const s of services.filter((x) => x.isFree)) expect(s.costOptions).toEqual([]);
    expect(
      services.some((s) => s.costOptions.some((c) => c.amount !== undefined && c.amountDescription)),
    ).toBe(true);
    expect(services.some((s) => !s.isFree && s.costOptions.length === 0 && s.feesDescription)).toBe(true);
    expect(share((s) => s.locations.length === 0)).toBeGreaterThan(0.03);
    expect(share((s) => s.locations.length === 0)).toBeLessThan(0.2);

    for (const s of services) expect(s.languages).toContain('en');
    expect(services.some((s) => s.languages.includes('bfi'))).toBe(true);
    expect(services.some((s) => s.languages.some((l) => ['pa', 'ur', 'pl', 'ro', 'ar'].includes(l)))).toBe(
      true,
    );

    const age = (s: ListingSeed) => -daysFromToday(s.assuredDate);
    for (const s of services) expect(age(s)).toBeGreaterThanOrEqual(0);
    expect(share((s) => age(s) <= 153)).toBeGreaterThan(0.8);
    expect(share((s) => age(s) >= 180 && age(s) <= 215)).toBeGreaterThan(0.03);
    expect(share((s) => age(s) > 243)).toBeGreaterThan(0.005);
    expect(share((s) => age(s) > 243)).toBeLessThan(0.08);

    expect(share((s) => s.status === 'active')).toBeGreaterThan(0.9);
    expect(services.every((s) => s.status === 'active' || s.status === 'temporarily closed')).toBe(true);
    expect(share((s) => s.visibility === 'public')).toBeGreaterThan(0.9);

    for (const s of services) {
      expect(s.contacts.length).toBeGreaterThanOrEqual(1);
      expect(s.contacts.length).toBeLessThanOrEqual(2);
      for (const c of s.contacts) {
        expect(c.title).toBeTruthy();
        expect(c.phone).toMatch(/^(01632 960\d{3}|0121 496 0\d{3})$/);
        expect(c.email).toMatch(/\.example$/);
      }
      expect(s.locations.length).toBeLessThanOrEqual(2);
      const sentences = s.description.split(/(?<=[.!?])\s+/);
      expect(sentences.length, s.description).toBeGreaterThanOrEqual(2);
      expect(sentences.length, s.description).toBeLessThanOrEqual(4);
    }
  });

  it('scales to 5,000 services and 600 organisations quickly', () => {
    const started = performance.now();
    const big = generateLocalOffer({ organisations: 600, services: 5000, today: TODAY, seed: 42 });
    const elapsed = performance.now() - started;
    expect(big.organisations).toHaveLength(600);
    expect(big.services).toHaveLength(5000);
    expect(new Set(big.organisations.map((o) => o.key)).size).toBe(600);
    expect(elapsed).toBeLessThan(2000);
    for (const seed of big.services) {
      expect(listingSchema.safeParse(toListingInput(seed)).success, seed.name).toBe(true);
    }
  });
});
