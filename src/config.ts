import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contrastRatio } from './lib/colour.ts';
import { isTemplateName, TEMPLATE_NAMES } from './modules/notifications/catalogue.ts';

export const DEFAULT_SESSION_SECRET = 'development-only-session-secret-change-me-please';

export const ORGANISATION_KINDS = [
  'council_send_service',
  'integrated_care_board',
  'nhs_trust',
  'social_care',
  'educational_psychology',
  'school',
  'college',
  'early_years_setting',
  'provider',
  'parent_carer_forum',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

const hexColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a six-digit hex colour such as #00606b')
  // The header puts white text on the brand colour, so it must meet WCAG AA contrast.
  .refine(
    (c) => contrastRatio(c, '#ffffff') >= 4.5,
    'must have a contrast ratio of at least 4.5:1 with white',
  );

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const areaSchema = z.object({
  areaName: z.string().min(1),
  /** The county or region, for addresses in the open data (ORUK's state_province). */
  county: z.string().min(1).optional(),
  laCode: z.string().regex(/^\d{3}$/),
  gssCode: z.string().regex(/^E\d{8}$/),
  /** The GSS code of the area's English region (E12…), for benchmarks against the region. */
  regionCode: z
    .string()
    .regex(/^E12\d{6}$/)
    .optional(),
  councilName: z.string().min(1),
  serviceName: z.string().min(1),
  brandColour: hexColour,
  contact: z.object({
    email: z.email(),
    phone: z.string().min(1),
    phoneHours: z.string().min(1),
    address: z.array(z.string()).min(1),
    sendiassName: z.string().min(1),
    parentCarerForumName: z.string().min(1),
  }),
  dataProtection: z.object({
    controller: z.string().min(1),
    dpoEmail: z.email(),
    icoRegistration: z.string().min(1),
  }),
  /** School term dates, for activities that run in term time only. */
  termDates: z.array(z.object({ name: z.string().min(1), start: isoDate, end: isoDate })).default([]),
  demoOrganisations: z.array(
    z.object({ key: z.string().min(1), name: z.string().min(1), kind: z.enum(ORGANISATION_KINDS) }),
  ),
});
export type AreaConfig = z.infer<typeof areaSchema>;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PGLITE_DATA_DIR: z.string().default('.data/pglite'),
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d{1,6}(kB|MB|GB)$/, 'must be a PostgreSQL size such as 16MB')
    .default('16MB'),
  ALLOW_PGLITE_IN_PRODUCTION: bool.default(false),
  MIGRATE_ON_START: bool.optional(),
  SEED_DEMO_DATA: bool.optional(),
  /** Tests only: lets an end-to-end test set the server's date (GET /test-support/clock?today=YYYY-MM-DD). */
  TEST_CLOCK_CONTROL: bool.optional(),
  DEMO_PASSWORD: z.string().min(12).default('Demo-password-2026'),
  AREA_CONFIG: z.string().default('config/areas/wolverhampton.json'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_SESSION_SECRET),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SIGNIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SIGNIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  NOT_FOUND_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  LOCAL_OFFER_REVIEW_DAYS: z.coerce.number().int().min(30).max(730).default(182),
  LOCAL_OFFER_REMINDER_DAYS: z.coerce.number().int().min(1).max(180).default(28),
  LOCAL_OFFER_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(28),
  LOCAL_OFFER_SEARCH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  ORUK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  ORUK_SCHEMA_DIR: z.string().min(1).default('../shared/oruk/3.0/schema'),
  /** GOV.UK Notify: unset means messages stay in the outbox for administrators to read. */
  NOTIFY_API_KEY: z
    .string()
    .regex(
      /^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'must be a GOV.UK Notify API key (its name, then the service id and the secret, from Notify’s API integration page)',
    )
    .optional(),
  /** Notify template id of each template name: a JSON object, or the path of a JSON file holding one. */
  NOTIFY_TEMPLATES: z.string().optional(),
  NOTIFY_SEND_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(6),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_VERSION: z.string().optional(),
  GIT_COMMIT: z.string().optional(),
});

/** Every environment variable the platform reads (the README's configuration table lists each one). */
export const ENVIRONMENT_VARIABLES = Object.keys(envSchema.shape);

export type Config = {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  host: string;
  port: number;
  publicBaseUrl: string;
  database:
    | { engine: 'postgres'; url: string; poolSize: number }
    | { engine: 'pglite'; dataDir: string | null; sharedBuffers?: string };
  migrateOnStart: boolean;
  seedDemoData: boolean;
  demoPassword: string;
  area: AreaConfig;
  session: { secret: string; idleMinutes: number; absoluteHours: number; secureCookies: boolean };
  signIn: { maxFailures: number; lockoutMinutes: number; rateLimitPerMinute: number };
  notFoundRateLimitPerMinute: number;
  /** How often a listing must be confirmed, when owners are reminded, and how long after it is due it stays public. */
  localOffer: { reviewDays: number; reminderDays: number; graceDays: number; searchCacheSeconds: number };
  /** The Open Referral UK API: requests a minute per client, and where the official schemas are (for importing feeds). */
  openData: { rateLimitPerMinute: number; schemaDir: string };
  /**
   * The outbox: GOV.UK Notify when apiKey is set (with the Notify template id of each template name),
   * otherwise kept for administrators; how often the server sends (0: not in the server, by cron instead).
   */
  notifications: {
    apiKey: string | null;
    templateIds: Record<string, string>;
    sendIntervalSeconds: number;
    maxAttempts: number;
  };
  /** Tests only (refused outside NODE_ENV=test): the server's date can be set, so a journey can span weeks. */
  testClockControl: boolean;
  trustProxy: boolean;
  logLevel: string;
  version: string;
  commit: string;
};

export class ConfigError extends Error {}

function formatIssues(error: z.ZodError, prefix = ''): string {
  return error.issues.map((i) => `  - ${prefix}${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
}

export function loadArea(file: string, cwd = process.cwd()): AreaConfig {
  const full = path.resolve(cwd, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Could not read the area configuration ${full}: ${(error as Error).message}`);
  }
  const parsed = areaSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`The area configuration ${full} is not valid:\n${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The checked-out commit, read from .git without running git (deployments set GIT_COMMIT instead). */
export function readGitCommit(cwd: string): string | undefined {
  try {
    const gitDir = path.join(cwd, '.git');
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref: (refs\/[\w./-]+)$/.exec(head)?.[1];
    if (!ref) return undefined;
    try {
      return readFileSync(path.join(gitDir, ref), 'utf8').trim();
    } catch {
      const packed = readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
      return new RegExp(`^([0-9a-f]{40}) ${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(
        packed,
      )?.[1];
    }
  } catch {
    return undefined;
  }
}

/**
 * NOTIFY_TEMPLATES: a JSON object of template name → Notify template id, given inline or as the path of a
 * JSON file. Every name must be one the platform sends, so that a typing mistake is found at start.
 */
export function loadNotifyTemplates(value: string | undefined, cwd = process.cwd()): Record<string, string> {
  if (!value) return {};
  let raw: unknown;
  const inline = value.trim().startsWith('{');
  try {
    raw = JSON.parse(inline ? value : readFileSync(path.resolve(cwd, value), 'utf8'));
  } catch (error) {
    throw new ConfigError(
      inline
        ? `NOTIFY_TEMPLATES is not valid JSON: ${(error as Error).message}`
        : `Could not read NOTIFY_TEMPLATES from ${path.resolve(cwd, value)}: ${(error as Error).message}`,
    );
  }
  const parsed = z.record(z.string(), z.uuid({ error: 'must be a Notify template id' })).safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `NOTIFY_TEMPLATES is not valid:\n${formatIssues(parsed.error, 'NOTIFY_TEMPLATES.')}`,
    );
  const unknown = Object.keys(parsed.data).filter((name) => !isTemplateName(name));
  if (unknown.length > 0)
    throw new ConfigError(
      `NOTIFY_TEMPLATES names templates the platform does not send: ${unknown.join(', ')} (it sends ${TEMPLATE_NAMES.join(', ')})`,
    );
  return parsed.data;
}

/** Parses the environment once. Production refuses defaults that would be unsafe with real data. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable means "not set", as it does to most shells and process managers.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(`The configuration is not valid:\n${formatIssues(parsed.error)}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction) {
    if (e.SESSION_SECRET === DEFAULT_SESSION_SECRET) {
      problems.push('SESSION_SECRET must be set to a long random value in production');
    }
    if (!e.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL must be set in production');
    if (!e.DATABASE_URL && !e.ALLOW_PGLITE_IN_PRODUCTION) {
      problems.push(
        'DATABASE_URL must point at PostgreSQL in production (set ALLOW_PGLITE_IN_PRODUCTION=true for a single-instance pilot)',
      );
    }
    if (e.SEED_DEMO_DATA === true) problems.push('SEED_DEMO_DATA cannot be used in production');
  }
  const notifyTemplates = loadNotifyTemplates(e.NOTIFY_TEMPLATES, cwd);
  if (isProduction && e.NOTIFY_API_KEY) {
    const missing = TEMPLATE_NAMES.filter((name) => !notifyTemplates[name]);
    if (missing.length > 0)
      problems.push(`NOTIFY_TEMPLATES must give a GOV.UK Notify template id for ${missing.join(', ')}`);
  }
  if (e.TEST_CLOCK_CONTROL === true && e.NODE_ENV !== 'test')
    problems.push('TEST_CLOCK_CONTROL can be used only with NODE_ENV=test');
  if (problems.length > 0) {
    throw new ConfigError(`Refusing to start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const area = loadArea(e.AREA_CONFIG, cwd);
  const isPglite = !e.DATABASE_URL;
  return {
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : {
          engine: 'pglite',
          dataDir: path.resolve(cwd, e.PGLITE_DATA_DIR),
          sharedBuffers: e.PGLITE_SHARED_BUFFERS,
        },
    // PGlite is embedded, so it migrates itself; PostgreSQL is migrated by `npm run db:migrate`.
    migrateOnStart: e.MIGRATE_ON_START ?? isPglite,
    seedDemoData: e.SEED_DEMO_DATA ?? !isProduction,
    testClockControl: e.TEST_CLOCK_CONTROL === true,
    demoPassword: e.DEMO_PASSWORD,
    area,
    session: {
      secret: e.SESSION_SECRET,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      secureCookies: isProduction,
    },
    signIn: {
      maxFailures: e.SIGNIN_MAX_FAILURES,
      lockoutMinutes: e.SIGNIN_LOCKOUT_MINUTES,
      rateLimitPerMinute: e.SIGNIN_RATE_LIMIT_PER_MINUTE,
    },
    notFoundRateLimitPerMinute: e.NOT_FOUND_RATE_LIMIT_PER_MINUTE,
    localOffer: {
      reviewDays: e.LOCAL_OFFER_REVIEW_DAYS,
      reminderDays: e.LOCAL_OFFER_REMINDER_DAYS,
      graceDays: e.LOCAL_OFFER_GRACE_DAYS,
      searchCacheSeconds: e.LOCAL_OFFER_SEARCH_CACHE_SECONDS,
    },
    openData: {
      rateLimitPerMinute: e.ORUK_RATE_LIMIT_PER_MINUTE,
      schemaDir: path.resolve(cwd, e.ORUK_SCHEMA_DIR),
    },
    notifications: {
      apiKey: e.NOTIFY_API_KEY ?? null,
      templateIds: notifyTemplates,
      sendIntervalSeconds: e.NOTIFY_SEND_INTERVAL_SECONDS,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    version: e.APP_VERSION ?? readPackageVersion(),
    commit: e.GIT_COMMIT ?? readGitCommit(cwd) ?? 'unknown',
  };
}
