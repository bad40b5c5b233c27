import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireShared } from '../../../test/helpers/shared.ts';
import { loadOrukValidator, type OrukSchemaName, type OrukValidator } from './validation.ts';

const shared = requireShared('ORUK validator fixtures');
const oruk = shared ? path.join(shared, 'oruk', '3.0') : '';

/**
 * The schema each official fixture or example file is an instance of. Listed by hand, not derived
 * from the name, so that a new fixture file fails the test until someone decides what it is.
 */
const SCHEMA_OF_FILE: Record<string, OrukSchemaName | null> = {
  api_details: 'api_details',
  service_full: 'service',
  service_list: 'service_list',
  service_at_location_full: 'service_at_location',
  service_at_location_list: 'service_at_location_list',
  taxonomy: 'taxonomy',
  taxonomy_list: 'taxonomy_list',
  taxonomy_term: 'taxonomy_term',
  taxonomy_term_list: 'taxonomy_term_list',
  organization: 'organization',
  organization_full: 'organization',
  organization_list: 'organization_list',
  // Mock data for the ORUK website's feed dashboard (a table of validation results with labels and
  // dataTypes), not ORUK API responses: no ORUK schema describes them.
  dashboard_service_details_response: null,
  dashboard_services_response: null,
};

/** `/`, `/services` and `/services/{id}`: a feed fails when one of these fails; the rest only warn. */
const REQUIRED: ReadonlySet<OrukSchemaName> = new Set(['api_details', 'service_list', 'service']);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

describe('loadOrukValidator', () => {
  it('refuses a schema directory that does not exist', () => {
    expect(() => loadOrukValidator('/nonexistent/oruk/schema')).toThrow(/not found: \/nonexistent/);
  });

  it('refuses a directory without schema files', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'oruk-empty-'));
    try {
      expect(() => loadOrukValidator(empty)).toThrow(/no \.json schema files/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});

describe.skipIf(!shared)('the ORUK 3.0 validator on the official files', () => {
  let validator: OrukValidator;
  beforeAll(() => {
    validator = loadOrukValidator(path.join(oruk, 'schema'));
  });

  function check(file: string) {
    const schema = SCHEMA_OF_FILE[path.basename(file, '.json')];
    if (schema === undefined) throw new Error(`no schema decided for ${file}: add it to SCHEMA_OF_FILE`);
    return schema === null ? null : { schema, ...validator.validate(schema, readJson(file)) };
  }

  /** The files of a fixture folder that fail their schema, and those that have none. */
  function verdicts(folder: string) {
    const dir = path.join(oruk, 'validator-fixtures', folder);
    const failing: string[] = [];
    const noSchema: string[] = [];
    for (const name of jsonFiles(dir)) {
      const result = check(path.join(dir, `${name}.json`));
      if (result === null) noSchema.push(name);
      else if (!result.valid) failing.push(name);
    }
    const requiredFailing = failing.filter((n) => REQUIRED.has(SCHEMA_OF_FILE[n] as OrukSchemaName));
    return { failing, requiredFailing, noSchema };
  }

  it('knows which schema every fixture and example file belongs to', () => {
    const names = [
      ...['Default', 'Warn', 'Fail'].flatMap((f) => jsonFiles(path.join(oruk, 'validator-fixtures', f))),
      ...jsonFiles(path.join(oruk, 'examples')),
    ];
    expect(names.filter((n) => !(n in SCHEMA_OF_FILE))).toEqual([]);
  });

  it('passes every ORUK payload in Default', () => {
    const v = verdicts('Default');
    expect(v.failing).toEqual([]);
    expect(v.noSchema).toEqual(['dashboard_service_details_response', 'dashboard_services_response']);
  });

  it('fails only the optional taxonomy_term in Warn', () => {
    const v = verdicts('Warn');
    expect(v.failing).toEqual(['taxonomy_term']);
    expect(v.requiredFailing).toEqual([]);
  });

  it('fails api_details, service_full and service_list in Fail (plus the optional taxonomy_term)', () => {
    // Fail/taxonomy_term.json is the same file as Warn's: it fails its schema, but the endpoint is
    // optional, so the official validator counts it as a warning rather than a failure.
    const v = verdicts('Fail');
    expect(v.requiredFailing).toEqual(['api_details', 'service_full', 'service_list']);
    expect(v.failing).toEqual(['api_details', 'service_full', 'service_list', 'taxonomy_term']);
  });

  it('explains the failures in Fail with a path and a sentence', () => {
    const dir = path.join(oruk, 'validator-fixtures', 'Fail');
    const api = check(path.join(dir, 'api_details.json'));
    expect(api?.problems.map((p) => p.path)).toEqual(['/profile', '/openapi_url']);
    expect(api?.problems[0]?.message).toBe("the document must have required property 'profile'");
    expect(api?.problems[1]?.message).toBe(
      '/openapi_url must be a full web address, such as https://example.org/, not the text "docs-openreferraluk-org/en/latest/openap…"',
    );
    const list = check(path.join(dir, 'service_list.json'));
    expect(list?.problems).toContainEqual({
      path: '/contents/0/name',
      message: "/contents/0 must have required property 'name'",
    });
  });

  it('passes every official example', () => {
    const dir = path.join(oruk, 'examples');
    const failures = jsonFiles(dir)
      .map((name) => ({ name, result: check(path.join(dir, `${name}.json`)) }))
      .filter((r) => !r.result?.valid);
    expect(failures).toEqual([]);
  });

  describe('catches one rule broken at a time', () => {
    let service: Record<string, unknown>;
    let serviceList: { contents: [Record<string, unknown>] };
    beforeAll(() => {
      service = readJson(path.join(oruk, 'validator-fixtures/Default/service_full.json')) as typeof service;
      serviceList = readJson(
        path.join(oruk, 'validator-fixtures/Default/service_list.json'),
      ) as typeof serviceList;
    });

    /** A deep copy of the valid service with one change. */
    function broken(change: (s: Record<string, unknown>) => void): Record<string, unknown> {
      const copy = structuredClone(service);
      change(copy);
      return copy;
    }

    it('starts from a valid service', () => {
      expect(validator.validate('service', service)).toEqual({ valid: true, problems: [] });
      expect(validator.validate('service_list', serviceList)).toEqual({ valid: true, problems: [] });
    });

    it.each([
      [
        'an id that is not a UUID',
        (s: Record<string, unknown>) => (s.id = 'service-1'),
        '/id',
        /must be a UUID/,
      ],
      [
        'a required property removed',
        (s: Record<string, unknown>) => delete s.name,
        '/name',
        /required property 'name'/,
      ],
      [
        'minimum_age as a string',
        (s: Record<string, unknown>) => (s.minimum_age = '12'),
        '/minimum_age',
        /must be a number, not the text "12"/,
      ],
      [
        'a date-time without a time zone',
        (s: Record<string, unknown>) => (s.last_modified = '2023-03-15T10:30:45'),
        '/last_modified',
        /date and time with a time zone/,
      ],
      [
        'a date-time that is not one',
        (s: Record<string, unknown>) => (s.last_modified = '15/03/2023'),
        '/last_modified',
        /date and time/,
      ],
      [
        'a status outside the list',
        (s: Record<string, unknown>) => (s.status = 'open'),
        '/status',
        /must be one of "active"/,
      ],
      [
        'an email that is not one',
        (s: Record<string, unknown>) => (s.email = 'reception at example.com'),
        '/email',
        /email address/,
      ],
      [
        'a null',
        (s: Record<string, unknown>) => (s.fees = null),
        '/fees',
        /not null \(leave out empty fields/,
      ],
      [
        'a nested id',
        (s: Record<string, unknown>) => ((s.schedules as [{ id: string }])[0].id = '42'),
        '/schedules/0/id',
        /UUID/,
      ],
      [
        'a nested required property',
        (s: Record<string, unknown>) => delete (s.organization as Record<string, unknown>).name,
        '/organization/name',
        /required property 'name'/,
      ],
    ])('%s', (_, change, where, message) => {
      const result = validator.validate('service', broken(change));
      expect(result.valid).toBe(false);
      // Exactly one problem, at the broken field: neither too lax nor noisy.
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]?.path).toBe(where);
      expect(result.problems[0]?.message).toMatch(message);
    });

    it('points into the contents of a list', () => {
      const list = structuredClone(serviceList);
      list.contents[0].id = 'not-a-uuid';
      const result = validator.validate('service_list', list);
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.path)).toEqual(['/contents/0/id']);
    });

    it('stops at 50 problems and says how many more there are', () => {
      const item = serviceList.contents[0];
      const list = { ...serviceList, contents: Array.from({ length: 100 }, () => ({ ...item, id: 'x' })) };
      const { problems } = validator.validate('service_list', list);
      expect(problems).toHaveLength(50);
      expect(problems[49]?.message).toBe('…and 51 more problems not shown');
    });

    it('refuses a schema it does not know', () => {
      expect(() => validator.validate('service_package' as OrukSchemaName, service)).toThrow(
        /Unknown ORUK schema/,
      );
    });
  });
});
