import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetsOutputDir, buildAssets, precompress } from './build.ts';

function published(url: string): { plain: Buffer; br: Buffer; gz: Buffer } {
  const file = path.join(assetsOutputDir, url.replace(/^\/assets\/app\//, ''));
  return { plain: readFileSync(file), br: readFileSync(`${file}.br`), gz: readFileSync(`${file}.gz`) };
}

describe('precompress', () => {
  it('gives brotli and gzip that decode to the input and are smaller for text', () => {
    const input = Buffer.from('.govuk-body{margin:0 0 15px;font-size:1rem}\n'.repeat(200));
    const { br, gz } = precompress(input);
    expect(brotliDecompressSync(br).equals(input)).toBe(true);
    expect(gunzipSync(gz).equals(input)).toBe(true);
    expect(br.length).toBeLessThan(gz.length);
    expect(gz.length).toBeLessThan(input.length / 10);
  });
});

describe('buildAssets', () => {
  it('publishes the stylesheet and script with brotli and gzip siblings of the same content', async () => {
    const built = await buildAssets('#00606b');
    expect(built.stylesheet).toMatch(/^\/assets\/app\/application-[0-9a-f]{16}\.css$/);
    expect(built.script).toMatch(/^\/assets\/app\/application-[0-9a-f]{16}\.mjs$/);
    for (const url of [built.stylesheet, built.script]) {
      const { plain, br, gz } = published(url);
      expect(brotliDecompressSync(br).equals(plain)).toBe(true);
      expect(gunzipSync(gz).equals(plain)).toBe(true);
    }
  });

  it('points the script at a content-hashed, precompressed copy of GOV.UK Frontend', async () => {
    const built = await buildAssets('#00606b');
    const script = published(built.script).plain.toString('utf8');
    expect(script).not.toContain('/assets/govuk/');
    const govuk = /\/assets\/app\/govuk-frontend-[0-9a-f]{16}\.min\.js/.exec(script)?.[0];
    expect(govuk).toBeDefined();
    const { plain, br } = published(govuk as string);
    expect(plain.toString('utf8')).toContain('initAll');
    expect(plain.toString('utf8')).not.toContain('sourceMappingURL');
    expect(brotliDecompressSync(br).equals(plain)).toBe(true);
    expect(br.length).toBeLessThan(plain.length / 3);
  });
});
