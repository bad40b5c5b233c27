/**
 * The weight of a page as a browser receives it: the HTML plus every stylesheet and script it
 * loads, with the bytes counted as they cross the wire. Used by test/integration/page-weight.test.ts
 * (through Fastify's inject) and bench/page-weight.ts (over HTTP against a running server).
 */
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

/** The budget for a public page: compressed HTML, CSS and JS together. */
export const PAGE_WEIGHT_BUDGET_BYTES = 100_000;

/** The public pages held to the budget. Add each new public page here. */
export const PUBLIC_PAGES = [
  '/',
  '/accessibility',
  '/sign-in',
  '/local-offer',
  '/local-offer/search?q=autism&age=14&postcode=WV10&distance=5',
  '/local-offer/search?category=leisure-and-activities',
  '/local-offer/whats-on',
  '/local-offer/information/requesting-an-ehc-needs-assessment',
  '/local-offer/you-said-we-did',
];

/** What a browser sends. */
export const BROWSER_ACCEPT_ENCODING = 'br, gzip';

export type RawResponse = {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The body exactly as sent: still compressed if the response has a Content-Encoding. */
  body: Buffer;
};

/** Fetches a same-origin path and returns the body undecoded. */
export type RawFetch = (path: string, headers: Record<string, string>) => Promise<RawResponse>;

export type AssetWeight = {
  url: string;
  kind: 'css' | 'js';
  statusCode: number;
  /** The Content-Encoding it came with, or 'identity'. */
  encoding: string;
  cacheControl: string;
  /** Bytes on the wire (the body as sent). */
  transferredBytes: number;
  /** Bytes once decoded. */
  decodedBytes: number;
  /** The decoded body. */
  content: Buffer;
};

export type PageWeight = {
  path: string;
  statusCode: number;
  /** The HTML as rendered. */
  htmlBytes: number;
  /** The HTML as sent if the server compressed it, otherwise gzipped here as a CDN or reverse proxy would. */
  htmlTransferredBytes: number;
  htmlEncoding: string;
  assets: AssetWeight[];
  cssTransferredBytes: number;
  jsTransferredBytes: number;
  totalTransferredBytes: number;
};

function header(response: RawResponse, name: string): string {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

export function decode(response: RawResponse): Buffer {
  const encoding = header(response, 'content-encoding').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return response.body;
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  throw new Error(`unexpected content-encoding: ${encoding}`);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value?.replaceAll('&amp;', '&');
}

/** The stylesheets and scripts a page's HTML loads: `<link rel="stylesheet|modulepreload">` and `<script src>`. */
export function referencedAssets(html: string): { url: string; kind: 'css' | 'js' }[] {
  const found: { url: string; kind: 'css' | 'js' }[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attribute(tag, 'href');
    if (!href) continue;
    if (rel.includes('stylesheet')) found.push({ url: href, kind: 'css' });
    else if (rel.includes('modulepreload')) found.push({ url: href, kind: 'js' });
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src) found.push({ url: src, kind: 'js' });
  }
  return found;
}

/** The modules a script imports by URL (static `import`/`export … from` and `import()` of a string). */
export function importedModules(script: string, base: string): string[] {
  const specifiers = new Set<string>();
  const patterns = [
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+\s*from\s*)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of script.matchAll(pattern)) {
      const specifier = match[1] as string;
      // Bare specifiers cannot load in a browser without an import map; only URLs count.
      if (/^(?:\/|\.\.?\/)/.test(specifier)) specifiers.add(resolve(specifier, base));
    }
  }
  return [...specifiers];
}

function resolve(url: string, base: string): string {
  const resolved = new URL(url, new URL(base, 'http://page.invalid'));
  return resolved.origin === 'http://page.invalid' ? `${resolved.pathname}${resolved.search}` : resolved.href;
}

/**
 * Fetches a page and everything it loads as a browser accepting `br, gzip` would, following the
 * scripts' module imports, and adds up the bytes transferred. Each asset is counted once.
 */
export async function measurePageWeight(
  fetch: RawFetch,
  pagePath: string,
  acceptEncoding = BROWSER_ACCEPT_ENCODING,
): Promise<PageWeight> {
  const headers = { 'accept-encoding': acceptEncoding };
  const page = await fetch(pagePath, headers);
  const html = decode(page);
  const htmlEncoding = header(page, 'content-encoding') || 'identity';
  const htmlTransferredBytes = htmlEncoding === 'identity' ? gzipSync(html).length : page.body.length;

  const queue = referencedAssets(html.toString('utf8')).map((asset) => ({
    ...asset,
    url: resolve(asset.url, pagePath),
  }));
  const seen = new Set<string>();
  const assets: AssetWeight[] = [];
  while (queue.length > 0) {
    const next = queue.shift() as { url: string; kind: 'css' | 'js' };
    if (seen.has(next.url)) continue;
    seen.add(next.url);
    if (/^[a-z]+:/i.test(next.url)) throw new Error(`${pagePath} loads ${next.url} from another origin`);
    const response = await fetch(next.url, headers);
    const content = response.statusCode === 200 ? decode(response) : Buffer.alloc(0);
    assets.push({
      url: next.url,
      kind: next.kind,
      statusCode: response.statusCode,
      encoding: header(response, 'content-encoding') || 'identity',
      cacheControl: header(response, 'cache-control'),
      transferredBytes: response.body.length,
      decodedBytes: content.length,
      content,
    });
    if (next.kind === 'js') {
      for (const url of importedModules(content.toString('utf8'), next.url)) queue.push({ url, kind: 'js' });
    }
  }

  const sum = (kind: 'css' | 'js') =>
    assets.filter((asset) => asset.kind === kind).reduce((total, asset) => total + asset.transferredBytes, 0);
  const cssTransferredBytes = sum('css');
  const jsTransferredBytes = sum('js');
  return {
    path: pagePath,
    statusCode: page.statusCode,
    htmlBytes: html.length,
    htmlTransferredBytes,
    htmlEncoding,
    assets,
    cssTransferredBytes,
    jsTransferredBytes,
    totalTransferredBytes: htmlTransferredBytes + cssTransferredBytes + jsTransferredBytes,
  };
}
