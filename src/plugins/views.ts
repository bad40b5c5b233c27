import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Container } from '../container.ts';
import { formatDateTime } from '../lib/dates.ts';
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

export async function registerViews(
  app: FastifyInstance,
  container: Container,
  assets: { stylesheet: string; script: string },
): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: viewPaths,
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => configureNunjucks(env, container),
    },
  });

  app.decorateReply(
    'page',
    function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
      const request: FastifyRequest = this.request;
      const user = request.session?.user ?? null;
      const csrfToken = (data.csrfToken as string | undefined) ?? (user ? this.generateCsrf() : undefined);
      if (user) this.header('cache-control', 'no-store');
      return this.view(template, {
        ...data,
        csrfToken,
        cspNonce: this.cspNonce.script,
        stylesheet: assets.stylesheet,
        script: assets.script,
        layout: layoutModel({ user, path: request.url.split('?')[0] ?? '/', config: container.config }),
        flash: request.session?.flash ?? null,
      });
    },
  );
}
