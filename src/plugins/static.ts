import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assetsOutputDir } from '../assets/build.ts';

const require = createRequire(import.meta.url);
const govukDist = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
const mojDist = path.join(path.dirname(require.resolve('@ministryofjustice/frontend/package.json')), 'moj');

/**
 * Compiled styles and scripts (content-hashed, cached for a year) and the design systems' fonts,
 * images and scripts.
 *
 * The built files are compressed once at build time (src/assets/build.ts), so no CPU is spent
 * compressing them per request: a client that accepts brotli or gzip gets the `.br` or `.gz`
 * sibling with `Content-Encoding`, any other the plain file, and both `Vary: Accept-Encoding`.
 */
export async function registerStatic(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: assetsOutputDir,
    prefix: '/assets/app/',
    immutable: true,
    maxAge: '365d',
    index: false,
    preCompressed: true,
    // Only the published files by their own names: not the siblings directly, nor a build's temporary files.
    allowedPath: (p) => /^\/[\w.-]+\.(?:css|mjs|js)$/.test(p),
  });
  await app.register(fastifyStatic, {
    root: path.join(govukDist, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: govukDist,
    prefix: '/assets/govuk/',
    decorateReply: false,
    allowedPath: (p) => p === '/govuk-frontend.min.js',
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: mojDist,
    prefix: '/assets/moj/',
    decorateReply: false,
    allowedPath: (p) => p === '/moj-frontend.min.js' || p.startsWith('/assets/'),
    maxAge: '1d',
    index: false,
  });
}
