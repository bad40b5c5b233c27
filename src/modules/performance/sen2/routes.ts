import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.ts';

/** The SEN2 return at /performance/sen2. */
export async function registerSen2Routes(app: FastifyInstance, container: Container): Promise<void> {
  void app;
  void container;
}
