import type { FastifyServerOptions } from 'fastify';
import { withoutSecrets } from '../lib/secret-paths.ts';

/**
 * Logs carry no personal data: cookies, authorisation headers, form bodies and anything that
 * looks like a person's details are redacted, and request logs show the path without the query.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  'email',
  'password',
  'fullName',
  'full_name',
  '*.email',
  '*.password',
  '*.fullName',
  '*.full_name',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Database errors carry the offending values in `detail`: only the type, code, message and
      // stack are logged.
      err: (err: Error & { code?: unknown }) => ({
        type: err.name,
        message: err.message,
        ...(err.code === undefined ? {} : { code: err.code }),
        stack: err.stack ?? '',
      }),
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        // Query strings, invitation tokens and family sign-in links can carry personal or secret data.
        url: withoutSecrets(req.url.split('?')[0] ?? ''),
        id: req.id,
      }),
    },
  };
}
