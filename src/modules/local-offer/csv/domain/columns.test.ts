import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLocalOffer } from '../../../../db/seed/local-offer-generator.ts';
import { parseCsv } from '../../../../lib/csv.ts';
import { listingSchema, type Listing } from '../../domain/listing.ts';
import { TAXONOMY_SEEDS, type TermSeed } from '../../domain/taxonomies.ts';
import {
  cellValue,
  COLUMN_GUIDE,
  COLUMNS,
  comparableListing,
  csvLookups,
  csvRecord,
  formatCostOptions,
  formatSchedules,
  listingToRow,
  parseCostOptions,
  parseSchedules,
  rowToListing,
  type Column,
  type CsvRow,
  type ExistingService,
  type TermRef,
} from './columns.ts';

const TODAY = '2026-06-01';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const terms: TermRef[] = [];
for (const taxonomy of TAXONOMY_SEEDS) {
  const walk = (seeds: TermSeed[]) => {
    for (const seed of seeds) {
      terms.push({ id: uuid(terms.length + 1), code: seed.code, taxonomyKey: taxonomy.key, retired: false });
      walk(seed.children ?? []);
    }
  };
  walk(taxonomy.terms);
}
const retired: TermRef = { id: uuid(900), code: 'old-category', taxonomyKey: 'category', retired: true };
terms.push(retired);

const generated = generateLocalOffer({ organisations: 64, services: 320, today: TODAY });
const organisations = generated.organisations.map((o, i) => ({
  id: uuid(1000 + i),
  key: o.key,
  name: o.name,
}));
const lookups = csvLookups({ organisations, terms, today: TODAY });
const termsById = lookups.termsById;

const demo = generated.services.map((seed, i) => {
  const { organisationKey, termCodes, assuredDate, ...rest } = seed;
  const organisation = organisations.find((o) => o.key === organisationKey) as (typeof organisations)[number];
  const listing = listingSchema.parse({
    ...rest,
    termIds: termCodes.map((code) => terms.find((t) => t.code === code)?.id),
  });
  const existing: ExistingService = {
    id: uuid(5000 + i),
    organisationId: organisation.id,
    organisationName: organisation.name,
    assuredDate,
    withdrawn: i % 17 === 0,
    listing,
  };
  return existing;
});

const rowOf = (e: ExistingService): CsvRow =>
  listingToRow(e.listing, {
    serviceId: e.id,
    organisationName: e.organisationName,
    assuredDate: e.assuredDate,
    withdrawn: e.withdrawn,
    termsById,
  });

/** Through the file and back: written as a CSV line, read by the CSV reader, cells cleaned. */
function throughFile(row: CsvRow): Partial<Record<Column, string>> {
  const [cells] = parseCsv(csvRecord(row));
  return Object.fromEntries(COLUMNS.map((c, i) => [c, cellValue(cells?.[i] ?? '')]));
}

const sortedTerms = (l: Listing) => ({ ...l, termIds: [...l.termIds].sort() });

const base = demo.find(
  (d) => !d.withdrawn && d.listing.contacts.length === 1 && d.listing.locations.length === 1,
) as ExistingService;
const newRow = (changes: Partial<Record<Column, string>>) => ({
  ...throughFile(rowOf(base)),
  service_id: '',
  ...changes,
});
const problemsOf = (result: ReturnType<typeof rowToListing>) => ('problems' in result ? result.problems : []);

describe('the round trip: export then import', () => {
  it('gives back an equal listing for every demo service', () => {
    expect(demo.length).toBe(320);
    for (const existing of demo) {
      const result = rowToListing(throughFile(rowOf(existing)), { ...lookups, existing });
      if ('problems' in result)
        throw new Error(`${existing.listing.name}: ${JSON.stringify(result.problems)}`);
      expect(sortedTerms(result.listing)).toEqual(sortedTerms(existing.listing));
      expect(comparableListing(result.listing)).toBe(comparableListing(existing.listing));
      expect(result.organisationId).toBe(existing.organisationId);
      expect(result.assuredDate).toBe(existing.assuredDate);
    }
  });

  it('reads a demo service with one contact and one venue as a new service too', () => {
    const simple = demo.filter((d) => d.listing.contacts.length <= 1 && d.listing.locations.length <= 1);
    expect(simple.length).toBeGreaterThan(100);
    for (const existing of simple) {
      const row = { ...throughFile(rowOf(existing)), service_id: '', withdrawn: '' };
      const result = rowToListing(row, lookups);
      if ('problems' in result)
        throw new Error(`${existing.listing.name}: ${JSON.stringify(result.problems)}`);
      expect(sortedTerms(result.listing)).toEqual(sortedTerms(existing.listing));
    }
  });

  it('keeps the contacts and venues after the first, which have no columns', () => {
    const several = demo.find(
      (d) => d.listing.locations.length > 1 && d.listing.contacts.length > 1,
    ) as ExistingService;
    const row = { ...throughFile(rowOf(several)), venue_name: 'A new hall', contact_name: 'Someone new' };
    const result = rowToListing(row, { ...lookups, existing: several });
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    expect(result.listing.locations).toHaveLength(several.listing.locations.length);
    expect(result.listing.locations[0]?.name).toBe('A new hall');
    expect(result.listing.locations.slice(1)).toEqual(several.listing.locations.slice(1));
    expect(result.listing.contacts.slice(1)).toEqual(several.listing.contacts.slice(1));
  });

  it('refuses to clear the first venue or contact of a service that has more, rather than lose them', () => {
    const several = demo.find(
      (d) => d.listing.locations.length > 1 && d.listing.contacts.length > 1,
    ) as ExistingService;
    const venueColumns = COLUMNS.filter((c) => c.startsWith('venue_'));
    const contactColumns = COLUMNS.filter((c) => c.startsWith('contact_'));
    const cleared = Object.fromEntries([...venueColumns, ...contactColumns].map((c) => [c, '']));
    const result = rowToListing(
      { ...throughFile(rowOf(several)), ...cleared },
      { ...lookups, existing: several },
    );
    expect(problemsOf(result).map((p) => p.column)).toEqual(['contact_name', 'venue_name']);
    expect(problemsOf(result)[1]?.message).toMatch(/has \d venues and the file shows only the first/);
  });

  it('keeps what a service has for a column left out of the file, except assured_date', () => {
    const result = rowToListing(
      { service_id: base.id, organisation_name: base.organisationName, name: 'Renamed' },
      { ...lookups, existing: base },
    );
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    expect(result.listing).toEqual({ ...base.listing, name: 'Renamed', termIds: result.listing.termIds });
    expect(result.assuredDate).toBeNull();
  });
});

describe('formulas', () => {
  it('are defused in the file and read back as they were', () => {
    const row = {
      ...rowOf(base),
      name: '=HYPERLINK("http://evil.example","x")',
      description: "'=already quoted",
      access_details: '+1 call us',
      eligibility_description: "'plain",
    };
    const line = csvRecord(row);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain(`''=already quoted`);
    expect(line).toContain(`'+1 call us`);
    const back = throughFile(row);
    expect(back.name).toBe(row.name);
    expect(back.description).toBe(row.description);
    expect(back.access_details).toBe(row.access_details);
    expect(back.eligibility_description).toBe("'plain");
  });

  it('leaves numbers as numbers: a negative longitude is not a formula', () => {
    const line = csvRecord({ ...rowOf(base), venue_longitude: '-2.128' });
    expect(line).toContain(',-2.128,');
    expect(line).not.toContain("'-2.128");
  });
});

describe('prices', () => {
  it('reads the documented format', () => {
    expect(parseCostOptions('Session: 3.50 per session; Term: 30')).toEqual({
      options: [
        { option: 'Session', amount: 3.5, amountDescription: 'per session' },
        { option: 'Term', amount: 30 },
      ],
      problems: [],
    });
    expect(
      parseCostOptions('Day: £12 per day, including lunch; Bursaries: ask us; Free taster').options,
    ).toEqual([
      { option: 'Day', amount: 12, amountDescription: 'per day, including lunch' },
      { option: 'Bursaries', amountDescription: 'ask us' },
      { option: 'Free taster' },
    ]);
  });

  it('escapes what would be ambiguous, so anything round-trips', () => {
    const options = [
      { option: 'Ratio 1:1', amount: 20.25, amountDescription: 'per hour; booked ahead' },
      { option: 'Groups', amountDescription: '2 hours free, then ask' },
      { option: 'Back\\slash' },
    ];
    const text = formatCostOptions(options);
    expect(text).toBe(
      'Ratio 1\\:1: 20.25 per hour\\; booked ahead; Groups: \\2 hours free, then ask; Back\\\\slash',
    );
    expect(parseCostOptions(text)).toEqual({ options, problems: [] });
  });

  it('refuses amounts with fractions of a penny', () => {
    expect(parseCostOptions('Session: 3.505').problems).toEqual([
      'Price 1: write the amount in pounds and pence, like 3.50',
    ]);
  });
});

describe('schedules', () => {
  it('reads the documented formats', () => {
    const { schedules, problems } = parseSchedules(
      'WEEKLY MO,WE 16:00-18:00 term-time | MONTHLY 1 SA 10:00-12:00 | ONCE 2026-12-05 10:00-15:00 | MONTHLY last FR 9:30- from 2026-01-01 until 2026-07-31 (Coffee (and cake) \\| all welcome)',
    );
    expect(problems).toEqual([]);
    expect(schedules).toEqual([
      { freq: 'WEEKLY', byDay: ['MO', 'WE'], opensAt: '16:00', closesAt: '18:00', termTimeOnly: true },
      {
        freq: 'MONTHLY',
        weekOfMonth: 1,
        byDay: ['SA'],
        opensAt: '10:00',
        closesAt: '12:00',
        termTimeOnly: false,
      },
      {
        freq: 'ONCE',
        byDay: [],
        dtstart: '2026-12-05',
        opensAt: '10:00',
        closesAt: '15:00',
        termTimeOnly: false,
      },
      {
        freq: 'MONTHLY',
        weekOfMonth: -1,
        byDay: ['FR'],
        opensAt: '09:30',
        validFrom: '2026-01-01',
        validTo: '2026-07-31',
        termTimeOnly: false,
        description: 'Coffee (and cake) | all welcome',
      },
    ]);
    // An unescaped | always separates schedules.
    expect(parseSchedules('ONCE 2026-12-05 (a | b)').problems).toEqual([
      'Schedule 1: put a description last, in brackets, like (Open day). Write \\| for a | inside it',
      'Schedule 2: start with WEEKLY, MONTHLY or ONCE',
    ]);
  });

  it('round-trips every demo schedule', () => {
    for (const { listing } of demo) {
      const { schedules, problems } = parseSchedules(formatSchedules(listing.schedules));
      expect(problems).toEqual([]);
      expect(schedules).toEqual(listing.schedules);
    }
  });

  it('explains what it could not read', () => {
    expect(parseSchedules('FORTNIGHTLY MO').problems).toEqual([
      'Schedule 1: start with WEEKLY, MONTHLY or ONCE',
    ]);
    expect(parseSchedules('WEEKLY 16:00-18:00').problems[0]).toMatch(/give the days as codes/);
    expect(parseSchedules('ONCE 5 December').problems[0]).toMatch(/YYYY-MM-DD/);
    expect(parseSchedules('WEEKLY MO 4pm-6pm').problems[0]).toMatch(/24-hour clock/);
    expect(parseSchedules('WEEKLY MO | WEEKLY XX').problems).toEqual([
      'Schedule 2: after WEEKLY, give the days as codes separated by commas, like MO,WE',
    ]);
  });
});

describe('problems with a row', () => {
  it('are reported against their columns, all at once', () => {
    const result = rowToListing(
      newRow({
        name: '',
        minimum_age: 'ten',
        is_free: 'maybe',
        contact_email: 'not an email',
        languages: 'en; xx',
        categories: 'no-such-category',
        schedule: 'FORTNIGHTLY MO',
        status: 'open',
        url: 'ftp://example.org',
        assured_date: '2026-13-01',
      }),
      lookups,
    );
    const problems = problemsOf(result);
    const columns = problems.map((p) => p.column);
    expect(columns).toEqual(
      expect.arrayContaining([
        'name',
        'minimum_age',
        'is_free',
        'contact_email',
        'languages',
        'categories',
        'schedule',
        'status',
        'url',
        'assured_date',
      ]),
    );
    const message = (column: Column) => problems.find((p) => p.column === column)?.message;
    expect(message('name')).toBe('Enter the name of the service');
    expect(message('contact_email')).toBe(
      'Enter an email address in the correct format, like name@example.com',
    );
    expect(message('languages')).toMatch(/^"xx" is not a language code/);
    expect(message('url')).toBe('Enter a web address starting with https://');
    // Each column once, even when the schema would also complain.
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('maps the listing rules to the columns they concern', () => {
    const ages = problemsOf(rowToListing(newRow({ minimum_age: '12', maximum_age: '5' }), lookups));
    expect(ages).toEqual([
      { column: 'maximum_age', message: 'The oldest age must be the same as or older than the youngest age' },
    ]);
    const cost = problemsOf(
      rowToListing(newRow({ is_free: 'no', cost_options: '', fees_description: '' }), lookups),
    );
    expect(cost).toEqual([{ column: 'fees_description', message: 'Say what the service costs' }]);
    const venue = problemsOf(rowToListing(newRow({ venue_postcode: '' }), lookups));
    expect(venue).toEqual([{ column: 'venue_postcode', message: 'Enter the postcode of the venue' }]);
    const long = problemsOf(rowToListing(newRow({ name: 'x'.repeat(201) }), lookups));
    expect(long).toEqual([{ column: 'name', message: 'Must be 200 characters or fewer' }]);
    const times = problemsOf(
      rowToListing(newRow({ schedule: 'WEEKLY MO | WEEKLY TU 18:00-16:00' }), lookups),
    );
    expect(times).toEqual([
      { column: 'schedule', message: 'Schedule 2: The finish time must be after the start time' },
    ]);
  });

  it('finds the organisation by its exact name in any case, and only one', () => {
    const name = base.organisationName;
    const found = rowToListing(newRow({ organisation_name: name.toUpperCase() }), lookups);
    expect('listing' in found && found.organisationId).toBe(base.organisationId);
    const missing = problemsOf(rowToListing(newRow({ organisation_name: `${name} Ltd` }), lookups));
    expect(missing[0]?.message).toMatch(/^No organisation in the directory is called/);
    const twice = csvLookups({
      organisations: [...organisations, { id: uuid(4000), name: name.toLowerCase() }],
      terms,
      today: TODAY,
    });
    expect(problemsOf(rowToListing(newRow({}), twice))[0]?.message).toMatch(/^More than one organisation/);
  });

  it('accepts a retired term only on a listing that already has it', () => {
    const fresh = problemsOf(rowToListing(newRow({ categories: 'old-category' }), lookups));
    expect(fresh[0]?.message).toMatch(/is no longer used/);
    const existing = {
      ...base,
      listing: { ...base.listing, termIds: [...base.listing.termIds, retired.id] },
    };
    const kept = rowToListing({ ...throughFile(rowOf(existing)) }, { ...lookups, existing });
    expect('listing' in kept && kept.listing.termIds).toContain(retired.id);
  });

  it('does not withdraw or restore a listing from the file', () => {
    const withdraw = problemsOf(
      rowToListing({ ...throughFile(rowOf(base)), withdrawn: 'yes' }, { ...lookups, existing: base }),
    );
    expect(withdraw[0]).toEqual({
      column: 'withdrawn',
      message: `To withdraw this listing, use its page. Change this back to ${base.withdrawn ? 'yes' : 'no'}`,
    });
    expect(problemsOf(rowToListing(newRow({ withdrawn: 'yes' }), lookups))[0]?.column).toBe('withdrawn');
    expect(problemsOf(rowToListing(newRow({ withdrawn: 'no' }), lookups))).toEqual([]);
  });

  it('takes a checked date in the past or today, and none as "not given"', () => {
    expect(problemsOf(rowToListing(newRow({ assured_date: '2026-06-02' }), lookups))[0]?.message).toMatch(
      /today or in the past/,
    );
    const given = rowToListing(newRow({ assured_date: TODAY }), lookups);
    expect('listing' in given && given.assuredDate).toBe(TODAY);
    const blank = rowToListing(newRow({ assured_date: '' }), lookups);
    expect('listing' in blank && blank.assuredDate).toBeNull();
  });

  it('adds https:// to a web address typed without it', () => {
    const result = rowToListing(newRow({ url: 'www.example.org/swim' }), lookups);
    expect('listing' in result && result.listing.url).toBe('https://www.example.org/swim');
  });
});

describe('the column guide', () => {
  it('covers every column, in order', () => {
    expect(COLUMN_GUIDE.map((c) => c.column)).toEqual([...COLUMNS]);
  });

  it('is in step with docs/local-offer-csv.md, which names every column', () => {
    const guide = readFileSync(new URL('../../../../../docs/local-offer-csv.md', import.meta.url), 'utf8');
    for (const column of COLUMNS) expect(guide).toContain(`\`${column}\``);
  });
});
