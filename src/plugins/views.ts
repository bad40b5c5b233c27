import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Container } from '../container.ts';
import { formatDateTime } from '../lib/dates.ts';
import { escapeHtml } from '../lib/html.ts';
import { layoutModel } from '../views/layout-view-model.ts';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.resolve(here, '..');

export const viewPaths = [
  path.join(srcDir, 'views'),
  path.join(srcDir, 'modules'),
  path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
  path.dirname(require.resolve('@ministryofjustice/frontend/package.json')),
];

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page through the shared layout, with the request's user, navigation and nonce. */
    page(template: string, data?: Record<string, unknown>): FastifyReply;
  }
}

/** Filters and globals every template can use; the rest comes from view-models. */
export function configureNunjucks(env: nunjucks.Environment, container: Container): void {
  env.addFilter('dateTime', (value: unknown) => (value instanceof Date ? formatDateTime(value) : ''));
  env.addGlobal('area', container.config.area);
  env.addGlobal('publicBaseUrl', container.config.publicBaseUrl);
  env.addGlobal('sessionPolicy', {
    idleMinutes: container.config.session.idleMinutes,
    absoluteHours: container.config.session.absoluteHours,
  });
}

const CSRF_PLACEHOLDER = '__app_csrf_token__';
const MAX_CACHED_HEADERS = 500;

/**
 * The page chrome (skip link, header with navigation, phase banner) costs more to render than most
 * pages' content, yet depends only on the navigation state. It is rendered once per state and
 * reused; the one per-request value in it, the sign-out form's CSRF token, is filled in after.
 */
export function createChromeRenderer(env: nunjucks.Environment) {
  const skipLink = env.render('partials/static-chrome.njk', { part: 'skipLink' });
  const phaseBanner = env.render('partials/static-chrome.njk', { part: 'phaseBanner' });
  const headers = new Map<string, string>();
  return (layout: ReturnType<typeof layoutModel>, csrfToken: string | undefined) => {
    const key = JSON.stringify([
      layout.navigation,
      layout.user !== null,
      layout.councilName,
      layout.serviceName,
    ]);
    let header = headers.get(key);
    if (header === undefined) {
      header = env.render('partials/header.njk', { layout, csrfToken: CSRF_PLACEHOLDER });
      if (headers.size >= MAX_CACHED_HEADERS) headers.clear();
      headers.set(key, header);
    }
    return {
      skipLink,
      phaseBanner,
      header: header.replaceAll(CSRF_PLACEHOLDER, escapeHtml(csrfToken ?? '')),
    };
  };
}

export async function registerViews(
  app: FastifyInstance,
  container: Container,
  assets: { stylesheet: string; script: string },
): Promise<void> {
  let chrome: ReturnType<typeof createChromeRenderer> | undefined;
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: viewPaths,
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => {
        configureNunjucks(env, container);
        chrome = createChromeRenderer(env);
      },
    },
  });

  app.decorateReply(
    'page',
    function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
      const request: FastifyRequest = this.request;
      const user = request.session?.user ?? null;
      const csrfToken = (data.csrfToken as string | undefined) ?? (user ? this.generateCsrf() : undefined);
      if (user) this.header('cache-control', 'no-store');
      const layout = layoutModel({ user, path: request.url.split('?')[0] ?? '/', config: container.config });
      if (!chrome) throw new Error('views are not configured');
      return this.view(template, {
        ...data,
        csrfToken,
        cspNonce: this.cspNonce.script,
        stylesheet: assets.stylesheet,
        script: assets.script,
        layout,
        chrome: chrome(layout, csrfToken),
        flash: request.session?.flash ?? null,
      });
    },
  );
}
