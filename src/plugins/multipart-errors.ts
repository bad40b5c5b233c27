import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Registers multipart in a scope (`register`, e.g. `scope.register(fastifyMultipart, …)`) so that a body that
 * is not well-formed multipart (a malformed part, an upload cut off mid-way) is the client's fault: the error
 * page says 400, not 500. Only errors while the body is being read (multipart's own preValidation hook, with
 * attachFieldsToBody) are treated so; anything after keeps its own status.
 */
export async function registerMultipartReadingAsClientInput(
  scope: FastifyInstance,
  register: () => PromiseLike<unknown>,
): Promise<void> {
  const reading = new WeakSet<FastifyRequest>();
  scope.addHook('preValidation', async (request) => {
    if (request.isMultipart()) reading.add(request);
  });
  scope.setErrorHandler((error: FastifyError, request) => {
    if (reading.has(request) && !error.statusCode) error.statusCode = 400;
    throw error;
  });
  await register();
  scope.addHook('preValidation', async (request) => {
    reading.delete(request);
  });
}
