import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';

/** The performance dashboard at /performance. */
export async function registerPerformanceRoutes(app: FastifyInstance, container: Container): Promise<void> {
  void app;
  void container;
}
