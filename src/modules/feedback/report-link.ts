/**
 * "Report a problem with this page" (SEND Regulations 2014 reg 56): every public page links to the report form
 * with the page's own path, so a report says where the problem is.
 */
import { withoutSecrets } from '../../lib/secret-paths.ts';

export const REPORT_A_PROBLEM_PATH = '/local-offer/report-a-problem';

const MAX_PATH_LENGTH = 500;

/**
 * The path of a page on this site, without its query string or fragment (a search can hold a postcode, which
 * is not the report's business), or '/' for anything that is not one: another site (`https://…`, `//host`),
 * a scheme (`javascript:`), backslashes, spaces or control characters.
 */
export function safePagePath(value: unknown): string {
  if (typeof value !== 'string') return '/';
  const path = value.split(/[?#]/)[0] ?? '';
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return '/';
  // A path starts with one '/', and holds only the characters a URL path may (no '\', spaces or controls).
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(path)) return '/';
  return withoutSecrets(path);
}

/** The link to the report form for the page at `path`: `/local-offer/report-a-problem?page=%2Flocal-offer%2F…`. */
export function reportProblemHref(path: unknown): string {
  return `${REPORT_A_PROBLEM_PATH}?page=${encodeURIComponent(safePagePath(path))}`;
}

const SERVICE_PATH =
  /^\/local-offer\/services\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The id of the directory service a page shows, if the page is a service's page. */
export function serviceIdFromPath(path: string): string | undefined {
  return SERVICE_PATH.exec(path)?.[1]?.toLowerCase();
}
