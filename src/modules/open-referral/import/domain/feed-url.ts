/**
 * A partner feed's address: the base of its Open Referral UK API, so that `{base}/services` is its
 * list of services. Editors paste all sorts (a trailing slash, the /services page itself); what is
 * stored is one canonical form, so one feed cannot be added twice under two spellings.
 */

export type FeedUrlResult = { ok: true; url: string } | { ok: false; message: string };

export const MAX_FEED_URL_LENGTH = 500;

export function parseFeedBaseUrl(input: string): FeedUrlResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, message: 'Enter the web address of the feed' };
  if (raw.length > MAX_FEED_URL_LENGTH) {
    return { ok: false, message: `The web address must be ${MAX_FEED_URL_LENGTH} characters or fewer` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'Enter a web address like https://directory.example.org/api/oruk' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The web address must start with https:// or http://' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'The web address must not include a user name or password' };
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    return { ok: false, message: 'Enter the address of the feed without anything after a ? or #' };
  }
  // The base of the API, not one of its endpoints.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/services$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

/** An address under the feed's base, with its query parameters in a stable order. */
export function feedUrl(
  base: string,
  path: string,
  params: Record<string, string | number | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  const q = query.toString();
  return `${base}${path}${q ? `?${q}` : ''}`;
}
