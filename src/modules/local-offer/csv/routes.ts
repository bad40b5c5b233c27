import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { registerMultipartReadingAsClientInput } from '../../../plugins/multipart-errors.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.ts';
import { NotFoundError } from '../../../lib/errors.ts';
import type { FormErrors } from '../../../lib/forms.ts';
import { renderMarkdown } from '../../../lib/markdown.ts';
import { requireSignIn } from '../../../plugins/session.ts';
import { describeCounts, MAX_FILE_BYTES, type Upload } from './domain/import-plan.ts';
import {
  changeRows,
  columnGuideRows,
  countOf,
  CSV_PATHS,
  fileErrors,
  MAX_ROWS_SHOWN,
  problemRows,
} from './view-models.ts';

const VIEWS = 'local-offer/csv/views';
const GUIDE_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../docs/local-offer-csv.md',
);

function isUpload(value: unknown): value is Upload {
  return value !== null && typeof value === 'object' && 'bytes' in value && 'filename' in value;
}

/**
 * The CSV export and import of Local Offer services, for Local Offer editors.
 *
 * The upload is a multipart form. Its CSRF token travels as an ordinary form field: multipart is
 * registered in this scope only, with attachFieldsToBody 'keyValues', so the fields are on
 * request.body before the app-wide preHandler checks `_csrf` (see src/plugins/security.ts), exactly
 * as for every other form. Who may upload is checked in onRequest, before the file is read.
 */
export async function registerLocalOfferCsvRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const csv = container.services.localOfferCsv;
  const sessions = container.services.sessions;

  await app.register(async (scope) => {
    await registerMultipartReadingAsClientInput(scope, () =>
      scope.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        // A file over the limit is cut short and reported on the page, rather than thrown as a 413.
        throwFileSizeLimit: false,
        limits: {
          fileSize: MAX_FILE_BYTES,
          files: 1,
          fields: 4,
          parts: 6,
          fieldSize: 1024,
          headerPairs: 100,
        },
        async onFile(part: MultipartFile) {
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) chunks.push(chunk as Buffer);
          const tooLarge = part.file.truncated;
          const upload: Upload = {
            filename: part.filename,
            bytes: tooLarge ? new Uint8Array() : Buffer.concat(chunks),
            tooLarge,
          };
          // keyValues puts a part's value on the body: only the file field is kept.
          if (part.fieldname === 'file') (part as MultipartFile & { value?: Upload }).value = upload;
        },
      }),
    );

    /** Anonymous people are sent to sign in and anyone but an editor is refused, before an upload is read. */
    async function editorsOnly(request: FastifyRequest, reply: FastifyReply) {
      if (!request.session) return requireSignIn(request, reply);
      csv.requireEditor(request.ctx);
    }

    function renderUpload(reply: FastifyReply, status: number, errors?: FormErrors) {
      return reply.code(status).page(`${VIEWS}/import`, {
        pageTitle: 'Import Local Offer services from a CSV file',
        errors,
        guideRows: columnGuideRows(),
        paths: CSV_PATHS,
        checkOnly: true,
      });
    }

    scope.get(CSV_PATHS.export, { preHandler: requireSignIn }, async (request, reply) => {
      const { filename, lines } = await csv.exportServices(request.ctx);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff');
      return reply.send(Readable.from(lines, { objectMode: false }));
    });

    scope.get(CSV_PATHS.import, { preHandler: requireSignIn }, async (request, reply) => {
      csv.requireEditor(request.ctx);
      return renderUpload(reply, 200);
    });

    scope.get(CSV_PATHS.guide, { preHandler: requireSignIn }, async (request, reply) => {
      csv.requireEditor(request.ctx);
      const source = await readFile(GUIDE_FILE, 'utf8').catch(() => {
        throw new NotFoundError('the CSV guide is not installed');
      });
      // The guide's own title becomes the page's heading.
      const [, title = 'Local Offer CSV guide'] = /^#\s+(.+)$/m.exec(source) ?? [];
      return reply.page(`${VIEWS}/guide`, {
        pageTitle: title,
        guideHtml: renderMarkdown(source.replace(/^#\s+.+$/m, '')),
        paths: CSV_PATHS,
      });
    });

    scope.post(CSV_PATHS.import, { onRequest: editorsOnly }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const upload = isUpload(body.file) ? body.file : undefined;
      // Any value (or several) means "check only": only a form without the box ticked applies the file.
      const checkOnly = body.checkOnly !== undefined;
      const result = await csv.importServices(request.ctx, upload, { apply: !checkOnly });
      switch (result.outcome) {
        case 'file-problems':
          return renderUpload(reply, 400, fileErrors(result.errors));
        case 'row-problems':
          return reply.code(400).page(`${VIEWS}/import-problems`, {
            pageTitle: 'There are problems with the file',
            problemCount: result.problems.length,
            rowCount: result.rowCount,
            rows: problemRows(result.problems),
            shown: Math.min(result.problems.length, MAX_ROWS_SHOWN),
            paths: CSV_PATHS,
            guideRows: columnGuideRows(),
            checkOnly: true,
          });
        case 'checked':
          return reply.page(`${VIEWS}/import-checked`, {
            pageTitle: 'Check the changes before you import them',
            summary: describeCounts(result.counts),
            counts: result.counts,
            rows: changeRows(result.rows),
            changing: countOf(result.rows),
            maxShown: MAX_ROWS_SHOWN,
            paths: CSV_PATHS,
            checkOnly: false,
          });
        case 'imported':
          if (request.session) {
            await sessions.flash(request.session.idHash, {
              heading: 'The services have been imported',
              text: describeCounts(result.counts),
            });
          }
          return reply.redirect(CSV_PATHS.import, 303);
        case 'failed':
          request.log.error({ err: result.error }, 'CSV import failed and was rolled back');
          return reply.code(422).page(`${VIEWS}/import-failed`, {
            pageTitle: 'The services could not be imported',
            requestId: request.id,
            paths: CSV_PATHS,
          });
      }
    });
  });
}
