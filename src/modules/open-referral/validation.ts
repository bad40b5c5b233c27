import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
// ajv-formats is CommonJS: under Node ESM the default import is module.exports, whose `.default`
// is the plugin (TypeScript types it the same way), so `.default` works both at run time and in tsc.
import ajvFormats from 'ajv-formats';

/**
 * Validates Open Referral UK 3.0 payloads against the official JSON Schemas (2020-12), as the
 * official validator does. Used by our feed tests and, in production, by the feed importer to check
 * other councils' feeds record by record, so it depends on nothing but Ajv and the schema files.
 *
 * The schema files have no `$id` and refer to each other by absolute URL, so each file is registered
 * under ORUK_SCHEMA_BASE + its file name. They carry non-standard keywords (datapackage_metadata,
 * constraints, core…), hence `strict: false`.
 */

export const ORUK_SCHEMA_BASE = 'https://openreferraluk.org/specifications/3.0/schema/';

/** The schemas an ORUK API answers with, one per endpoint (see shared/oruk/README.md). */
export const ORUK_SCHEMA_NAMES = [
  'api_details',
  'service_list',
  'service',
  'service_at_location_list',
  'service_at_location',
  'taxonomy_list',
  'taxonomy',
  'taxonomy_term_list',
  'taxonomy_term',
  'organization_list',
  'organization',
] as const;

export type OrukSchemaName = (typeof ORUK_SCHEMA_NAMES)[number];

/** One problem: `path` is a JSON pointer to the broken field, such as /contents/3/minimum_age. */
export type OrukProblem = { path: string; message: string };

export type OrukValidator = {
  validate(schema: OrukSchemaName, data: unknown): { valid: boolean; problems: OrukProblem[] };
};

/** A broken feed can produce thousands of errors; past this many, nobody reads them. */
const MAX_PROBLEMS = 50;

export function loadOrukValidator(schemaDir: string): OrukValidator {
  if (!existsSync(schemaDir) || !statSync(schemaDir).isDirectory()) {
    throw new Error(`ORUK schema directory not found: ${schemaDir}`);
  }
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`ORUK schema directory has no .json schema files: ${schemaDir}`);
  const missing = ORUK_SCHEMA_NAMES.filter((name) => !files.includes(`${name}.json`));
  if (missing.length > 0) {
    throw new Error(`ORUK schema directory ${schemaDir} lacks ${missing.map((n) => `${n}.json`).join(', ')}`);
  }

  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  ajvFormats.default(ajv);
  for (const file of files) {
    let schema: unknown;
    try {
      schema = JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8'));
    } catch (error) {
      throw new Error(`ORUK schema ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    // Registered only (compiling happens on first use); the key doubles as the schema's base URI.
    // addSchema checks each file against the 2020-12 meta-schema, so a corrupt file fails here.
    try {
      ajv.addSchema(schema as object, ORUK_SCHEMA_BASE + file);
    } catch (error) {
      throw new Error(`ORUK schema ${file} is not a valid JSON Schema: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  const compiled = new Map<OrukSchemaName, ValidateFunction>();
  function validatorFor(name: OrukSchemaName): ValidateFunction {
    let fn = compiled.get(name);
    if (!fn) {
      if (!(ORUK_SCHEMA_NAMES as readonly string[]).includes(name)) {
        throw new Error(`Unknown ORUK schema '${String(name)}'`);
      }
      try {
        fn = ajv.getSchema(`${ORUK_SCHEMA_BASE}${name}.json`);
      } catch (error) {
        throw new Error(`ORUK schema ${name}.json could not be compiled: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (!fn) throw new Error(`ORUK schema ${name}.json is not registered`);
      compiled.set(name, fn);
    }
    return fn;
  }

  return {
    validate(schema, data) {
      const fn = validatorFor(schema);
      if (fn(data)) return { valid: true, problems: [] };
      return { valid: false, problems: problemsFrom(fn.errors ?? []) };
    },
  };
}

function problemsFrom(errors: ErrorObject[]): OrukProblem[] {
  const seen = new Set<string>();
  const problems: OrukProblem[] = [];
  for (const error of errors) {
    const problem = toProblem(error);
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  if (problems.length <= MAX_PROBLEMS) return problems;
  const hidden = problems.length - (MAX_PROBLEMS - 1);
  return [
    ...problems.slice(0, MAX_PROBLEMS - 1),
    { path: '', message: `…and ${hidden} more problems not shown` },
  ];
}

const FORMAT_TEXT: Record<string, string> = {
  uuid: 'must be a UUID, such as ac148810-d857-441c-9679-408f346de14b',
  'date-time': 'must be a date and time with a time zone, such as 2025-03-01T09:30:00Z',
  date: 'must be a date written YYYY-MM-DD, such as 2025-03-01',
  email: 'must be an email address, such as name@example.org',
  uri: 'must be a full web address, such as https://example.org/',
};

const TYPE_TEXT: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

/** Turns an Ajv error into a sentence that names the field and says what would fix it. */
function toProblem(error: ErrorObject): OrukProblem {
  const where = error.instancePath || 'the document';
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty);
      return {
        path: `${error.instancePath}/${escapePointer(property)}`,
        message: `${where} must have required property '${property}'`,
      };
    }
    case 'type': {
      const wanted = String(params.type)
        .split(',')
        .map((t) => TYPE_TEXT[t] ?? t)
        .join(' or ');
      const hint = value === null ? ' (leave out empty fields rather than sending null)' : '';
      return {
        path: error.instancePath,
        message: `${where} must be ${wanted}, not ${describeValue(value)}${hint}`,
      };
    }
    case 'format': {
      const format = String(params.format);
      const text = FORMAT_TEXT[format] ?? `must match the format '${format}'`;
      return { path: error.instancePath, message: `${where} ${text}, not ${describeValue(value)}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return {
        path: error.instancePath,
        message: `${where} must be one of ${allowed}, not ${describeValue(value)}`,
      };
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      return {
        path: `${error.instancePath}/${escapePointer(property)}`,
        message: `${where} has a property '${property}' that is not allowed`,
      };
    }
    default:
      return { path: error.instancePath, message: `${where} ${error.message ?? `fails '${error.keyword}'`}` };
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${JSON.stringify(shown)}`;
  }
  return String(value);
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
