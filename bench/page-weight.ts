/**
 * `npm run bench:page-weight [-- PATH…]`: the bytes a browser accepting `br, gzip` transfers for
 * each public page of a running server: the HTML (as rendered, and gzipped as a CDN or reverse
 * proxy would send it, since the app does not compress its pages), and the stylesheets and scripts
 * it loads, as the server sends them. The budget is 100 KB a page (test/integration/page-weight.test.ts).
 *
 *   npm start &                                  # or any running server
 *   npm run bench:page-weight                    # /, /accessibility and /sign-in
 *   PAGE_WEIGHT_URL=http://127.0.0.1:3000 npm run bench:page-weight -- / /sign-in
 *
 * Only GET requests, one at a time, to the server named (default http://127.0.0.1:3000).
 */
import http from 'node:http';
import {
  measurePageWeight,
  PAGE_WEIGHT_BUDGET_BYTES,
  PUBLIC_PAGES,
  type RawFetch,
  type RawResponse,
} from '../test/helpers/page-weight.ts';

const base = new URL(process.env.PAGE_WEIGHT_URL ?? 'http://127.0.0.1:3000');
const pages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : PUBLIC_PAGES;

// node:http rather than fetch, which decodes bodies: the bytes on the wire are what is measured.
const fetchRaw: RawFetch = (path, headers) =>
  new Promise<RawResponse>((resolve, reject) => {
    const request = http.get(new URL(path, base), { headers, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`timed out fetching ${path}`)));
    request.on('error', reject);
  });

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const rows: string[][] = [];
let overBudget = false;
for (const page of pages) {
  const weight = await measurePageWeight(fetchRaw, page);
  const encodings = (kind: 'css' | 'js') =>
    [...new Set(weight.assets.filter((a) => a.kind === kind).map((a) => a.encoding))].join('+') || '-';
  const failed = weight.statusCode !== 200 || weight.assets.some((a) => a.statusCode !== 200);
  const over = weight.totalTransferredBytes >= PAGE_WEIGHT_BUDGET_BYTES;
  overBudget ||= over || failed;
  rows.push([
    page,
    String(weight.statusCode),
    kb(weight.htmlBytes),
    `${kb(weight.htmlTransferredBytes)} (${weight.htmlEncoding === 'identity' ? 'gzip here' : weight.htmlEncoding})`,
    `${kb(weight.cssTransferredBytes)} (${encodings('css')})`,
    `${kb(weight.jsTransferredBytes)} (${encodings('js')})`,
    String(weight.assets.length),
    kb(weight.totalTransferredBytes),
    failed ? 'FAILED REQUEST' : over ? 'OVER' : 'ok',
  ]);
}

const heading = [
  'page',
  'status',
  'HTML raw KB',
  'HTML gzip KB',
  'CSS KB',
  'JS KB',
  'files',
  'total KB',
  `budget ${kb(PAGE_WEIGHT_BUDGET_BYTES)} KB`,
];
const widths = heading.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(`Transferred bytes per page at ${base.origin} (Accept-Encoding: br, gzip; 1 KB = 1,000 bytes)\n`);
console.log(line(heading));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(row));
if (overBudget) process.exitCode = 1;
