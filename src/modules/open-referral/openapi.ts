/**
 * The OpenAPI 3.1 document of the ORUK API as we serve it: the standard's endpoints with the
 * parameters we accept, responses described by the official schemas (by their canonical URLs),
 * our error responses, and the bulk downloads.
 */
import { ORUK_SCHEMA_BASE } from './validation.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_PER_PAGE_MINIMAL, MAX_PROXIMITY_METRES } from './schemas.ts';
import { ORUK_VERSION } from './serialise.ts';

type Parameter = { name: string; description: string; schema: Record<string, unknown> };

const P: Record<string, Parameter> = {
  search: {
    name: 'search',
    description: 'Words to look for (English stemming; every word must match).',
    schema: { type: 'string', maxLength: 200 },
  },
  page: {
    name: 'page',
    description: 'Page number, from 1.',
    schema: { type: 'integer', minimum: 1, default: 1 },
  },
  per_page: {
    name: 'per_page',
    description: `Results a page, at most ${MAX_PER_PAGE} (${MAX_PER_PAGE_MINIMAL} with minimal=true).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE_MINIMAL, default: DEFAULT_PER_PAGE },
  },
  taxonomy_term_id: {
    name: 'taxonomy_term_id',
    description: 'Only services with this taxonomy term.',
    schema: { type: 'string', format: 'uuid' },
  },
  taxonomy_id: {
    name: 'taxonomy_id',
    description: 'Only services with any term of this taxonomy.',
    schema: { type: 'string', format: 'uuid' },
  },
  organization_id: {
    name: 'organization_id',
    description: 'Only services this organization provides.',
    schema: { type: 'string', format: 'uuid' },
  },
  modified_after: {
    name: 'modified_after',
    description: 'Only services changed at or after this RFC 3339 date-time (or date).',
    schema: { type: 'string', format: 'date-time' },
  },
  minimal: {
    name: 'minimal',
    description: 'Only each service’s id and last_modified.',
    schema: { type: 'boolean' },
  },
  full: { name: 'full', description: 'Fully nested records.', schema: { type: 'boolean' } },
  full_service: {
    name: 'full_service',
    description: 'The organization’s services fully nested.',
    schema: { type: 'boolean' },
  },
  postcode: {
    name: 'postcode',
    description: 'A UK postcode or its first part: results nearest first.',
    schema: { type: 'string' },
  },
  proximity: {
    name: 'proximity',
    description: `With postcode: only venues within this many metres (at most ${MAX_PROXIMITY_METRES}).`,
    schema: { type: 'number', exclusiveMinimum: 0, maximum: MAX_PROXIMITY_METRES },
  },
  parent_id: {
    name: 'parent_id',
    description: 'Only terms with this parent.',
    schema: { type: 'string', format: 'uuid' },
  },
  top_only: { name: 'top_only', description: 'Only terms with no parent.', schema: { type: 'boolean' } },
};

const ERROR_SCHEMA = {
  type: 'object',
  required: ['status', 'error', 'message'],
  properties: {
    status: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { parameter: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });
const oruk = (file: string) => json({ $ref: `${ORUK_SCHEMA_BASE}${file}.json` });
const errors = {
  '400': {
    description: 'A parameter we cannot use: which, and why.',
    content: json({ $ref: '#/components/schemas/error' }),
  },
  '429': {
    description: 'Too many requests from this client; see Retry-After.',
    content: json({ $ref: '#/components/schemas/error' }),
  },
};
const notFound = {
  '404': {
    description: 'No published record with that id.',
    content: json({ $ref: '#/components/schemas/error' }),
  },
};

function list(summary: string, schema: string, params: string[]) {
  return {
    get: {
      summary,
      parameters: params.map((name) => ({ ...P[name], in: 'query', required: false })),
      responses: { '200': { description: summary, content: oruk(schema) }, ...errors },
    },
  };
}

function byId(summary: string, schema: string, params: string[] = []) {
  return {
    get: {
      summary,
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ...params.map((name) => ({ ...P[name], in: 'query', required: false })),
      ],
      responses: { '200': { description: summary, content: oruk(schema) }, ...notFound, ...errors },
    },
  };
}

export function openApiDocument(options: {
  publicBaseUrl: string;
  serviceName: string;
  councilName: string;
  contactEmail: string;
}) {
  const paging = ['page', 'per_page'];
  return {
    openapi: '3.1.0',
    info: {
      title: `${options.councilName} SEND Local Offer: Open Referral UK API`,
      version: ORUK_VERSION,
      description:
        'The published services of the SEND Local Offer as Open Referral UK 3.0 (HSDS-UK-3.0). Only published, public services appear. Ids are UUIDs; empty fields are left out; ages are whole numbers; timestamps are RFC 3339. Every response allows any origin (CORS) and carries an ETag.',
      contact: {
        name: options.serviceName,
        email: options.contactEmail,
        url: `${options.publicBaseUrl}/open-data`,
      },
      license: {
        name: 'Open Government Licence v3.0',
        url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      },
    },
    servers: [{ url: `${options.publicBaseUrl}/api/oruk` }],
    paths: {
      '/': {
        get: {
          summary: 'About this API',
          responses: { '200': { description: 'About this API', content: oruk('api_details') } },
        },
      },
      '/services': list('Services', 'service_list', [
        'search',
        ...paging,
        'taxonomy_term_id',
        'taxonomy_id',
        'organization_id',
        'modified_after',
        'minimal',
        'full',
      ]),
      '/services/{id}': byId('A service, fully nested', 'service'),
      '/service_at_locations': list('Services at locations', 'service_at_location_list', [
        'search',
        ...paging,
        'taxonomy_term_id',
        'taxonomy_id',
        'organization_id',
        'modified_after',
        'postcode',
        'proximity',
        'full',
      ]),
      '/service_at_locations/{id}': byId('A service at a location, fully nested', 'service_at_location'),
      '/taxonomies': list('Taxonomies', 'taxonomy_list', ['search', ...paging]),
      '/taxonomies/{id}': byId('A taxonomy', 'taxonomy'),
      '/taxonomy_terms': list('Taxonomy terms', 'taxonomy_term_list', [
        'search',
        ...paging,
        'taxonomy_id',
        'parent_id',
        'top_only',
      ]),
      '/taxonomy_terms/{id}': byId('A taxonomy term', 'taxonomy_term'),
      '/organizations': list('Organizations with published services', 'organization_list', [
        'search',
        ...paging,
        'full',
      ]),
      '/organizations/{id}': byId('An organization with its services', 'organization', ['full_service']),
    },
    components: { schemas: { error: ERROR_SCHEMA } },
  };
}
