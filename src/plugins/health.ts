import type { FastifyInstance } from 'fastify';
import type { Container } from '../container.ts';
import { ping } from '../db/database.ts';

const READY_TIMEOUT_MS = 2_000;

/** Registered before everything else, with no session, CSRF or view work, so probes are cheap. */
export async function registerHealth(app: FastifyInstance, container: Container): Promise<void> {
  const { config, database } = container;

  app.get('/health', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/health/ready', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(database.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });

  app.get('/info', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return {
      name: 'send-partnership',
      version: config.version,
      commit: config.commit,
      database: database.engine,
    };
  });
}
