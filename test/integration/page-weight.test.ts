import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decode,
  measurePageWeight,
  PAGE_WEIGHT_BUDGET_BYTES,
  PUBLIC_PAGES,
  type RawFetch,
} from '../helpers/page-weight.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let fetchRaw: RawFetch;
beforeAll(async () => {
  // The demo Local Offer, so its pages are measured with real listings on them.
  t = await buildTestApp({ localOffer: true });
  fetchRaw = async (url, headers) => {
    const res = await t.app.inject({ url, headers });
    return { statusCode: res.statusCode, headers: res.headers, body: res.rawPayload };
  };
});
afterAll(async () => t?.close());

describe('page weight', () => {
  it.each(PUBLIC_PAGES)(
    '%s is under the budget, with its styles and scripts precompressed with brotli',
    async (path) => {
      const weight = await measurePageWeight(fetchRaw, path);
      expect(weight.statusCode).toBe(200);
      expect(weight.assets.filter((a) => a.kind === 'css').length).toBeGreaterThan(0);
      // The application script and the GOV.UK Frontend module it imports.
      expect(weight.assets.filter((a) => a.kind === 'js').length).toBeGreaterThanOrEqual(2);
      for (const asset of weight.assets) {
        expect(asset, asset.url).toMatchObject({ statusCode: 200, encoding: 'br' });
        expect(asset.url).toMatch(/^\/assets\/app\//);
        expect(asset.cacheControl).toContain('immutable');
        expect(asset.transferredBytes).toBeLessThan(asset.decodedBytes);
      }
      expect(weight.totalTransferredBytes).toBeLessThan(PAGE_WEIGHT_BUDGET_BYTES);
    },
  );

  it('sends every built asset as brotli, gzip or the plain file, as the client accepts, varying on Accept-Encoding', async () => {
    const { assets } = await measurePageWeight(fetchRaw, '/');
    for (const asset of assets) {
      const plain = await t.app.inject(asset.url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.rawPayload.equals(asset.content)).toBe(true);
      expect(Number(plain.headers['content-length'])).toBe(asset.decodedBytes);

      const identity = await t.app.inject({ url: asset.url, headers: { 'accept-encoding': 'identity' } });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.rawPayload.equals(asset.content)).toBe(true);

      const gzip = await t.app.inject({ url: asset.url, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toMatch(/accept-encoding/i);
      expect(gzip.headers['content-type']).toBe(plain.headers['content-type']);
      const response = { statusCode: gzip.statusCode, headers: gzip.headers, body: gzip.rawPayload };
      expect(decode(response).equals(asset.content)).toBe(true);

      const br = await t.app.inject({ url: asset.url, headers: { 'accept-encoding': 'br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toBe(plain.headers['content-type']);
    }
  });

  it('loads GOV.UK Frontend from the content-hashed copy, not the uncompressed original', async () => {
    const { assets } = await measurePageWeight(fetchRaw, '/');
    const urls = assets.map((a) => a.url);
    expect(urls).toContainEqual(
      expect.stringMatching(/^\/assets\/app\/govuk-frontend-[0-9a-f]{16}\.min\.js$/),
    );
    expect(urls.some((url) => url.startsWith('/assets/govuk/'))).toBe(false);
    const govuk = assets.find((a) => a.url.includes('govuk-frontend-'));
    expect(govuk?.content.toString('utf8')).toContain('initAll');
    expect(govuk?.content.toString('utf8')).not.toContain('sourceMappingURL');
  });

  it('does not serve the compressed siblings or anything else in the build directory by their own names', async () => {
    const { assets } = await measurePageWeight(fetchRaw, '/');
    const css = assets.find((a) => a.kind === 'css')?.url as string;
    for (const url of [
      `${css}.br`,
      `${css}.gz`,
      `${css}.tmp-1`,
      '/assets/app/',
      '/assets/app/../../package.json',
    ])
      expect([403, 404]).toContain((await t.app.inject(url)).statusCode);
  });
});
