import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../container.ts';

type ErrorPage = { status: number; title: string; paragraphs: string[] };

export function errorPage(status: number): ErrorPage {
  switch (status) {
    case 400:
      return {
        status,
        title: 'Sorry, there is a problem with your request',
        paragraphs: ['We could not understand what was sent. Go back, check your answers and try again.'],
      };
    case 403:
      return {
        status,
        title: 'You do not have permission to see this page',
        paragraphs: [
          'This can happen if a form was open for a long time, or if your role does not include this page.',
          'Go back, reload the page and try again. If you think you should have access, contact your administrator.',
        ],
      };
    case 404:
      return {
        status,
        title: 'Page not found',
        paragraphs: [
          'If you typed the web address, check it is correct.',
          'If you pasted the web address, check you copied the entire address.',
        ],
      };
    case 429:
      return {
        status,
        title: 'Sorry, there have been too many attempts',
        paragraphs: ['Wait a minute, then try again.'],
      };
    default:
      return {
        status: 500,
        title: 'Sorry, there is a problem with the service',
        paragraphs: [
          'Try again later. Anything you entered before this page was not saved unless you were told it was.',
        ],
      };
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return !/application\/json/.test(accept) || /text\/html/.test(accept);
}

async function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
): Promise<FastifyReply> {
  const page = errorPage(status);
  reply.code(page.status);
  if (!wantsHtml(request))
    return reply.send({ status: page.status, message: page.title, requestId: request.id });
  try {
    return await reply.page('errors/error', { pageTitle: page.title, error: page, requestId: request.id });
  } catch {
    // The layout itself failed: a plain page, still without any detail of the fault.
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!DOCTYPE html><html lang="en"><title>${page.title}</title><h1>${page.title}</h1><p>Reference: ${request.id}</p></html>`,
      );
  }
}

/** Every failure becomes a GOV.UK page with a reference number; stack traces only go to the log. */
export async function registerErrorHandling(app: FastifyInstance, container: Container): Promise<void> {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const code = error.statusCode ?? 500;
    let status = 500;
    if (code === 403 || error.code?.startsWith('FST_CSRF')) status = 403;
    else if (code === 404) status = 404;
    else if (code === 429) status = 429;
    else if (code >= 400 && code < 500) status = 400;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, 'request refused');
    const headers = (error as FastifyError & { headers?: Record<string, string> }).headers;
    if (status === 429 && headers) reply.headers(headers);
    return sendErrorPage(request, reply, status);
  });

  app.setNotFoundHandler(
    {
      // Scanners probing for pages are slowed down rather than served as fast as they can ask.
      preHandler: app.rateLimit
        ? app.rateLimit({ max: container.config.notFoundRateLimitPerMinute, timeWindow: 60_000 })
        : undefined,
    },
    async (request, reply) => sendErrorPage(request, reply, 404),
  );
}
