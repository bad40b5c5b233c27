import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { requireSignIn } from '../../plugins/session.ts';
import { staffHomeModel } from './view-models.ts';

export async function registerPagesRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const { services } = container;

  app.get('/', async (_request, reply) => {
    const partners = await services.pages.partnership();
    return reply.page('pages/views/home', { pageTitle: 'Home', partners });
  });

  app.get('/staff', { preHandler: requireSignIn }, async (request, reply) => {
    return reply.page('pages/views/staff', {
      pageTitle: 'Staff area',
      model: staffHomeModel(request.session?.user ?? null),
    });
  });

  for (const [path, template, pageTitle] of [
    ['/accessibility', 'accessibility', 'Accessibility statement'],
    ['/privacy', 'privacy', 'Privacy notice'],
    ['/cookies', 'cookies', 'Cookies'],
    ['/contact', 'contact', 'Contact us'],
  ] as const) {
    app.get(path, async (_request, reply) => reply.page(`pages/views/${template}`, { pageTitle }));
  }

  // No crown icons: the service has no favicon of its own yet, so answer browsers without a 404.
  app.get('/favicon.ico', async (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  );
}
