/**
 * Multipart forms with one uploaded file (advice, a consultation response, evidence of an exception), for any
 * EHC route that takes a document.
 *
 * Multipart is registered in a scope of its own, with attachFieldsToBody 'keyValues', so a form's fields,
 * `_csrf` among them, are on request.body before the app-wide preHandler checks the CSRF token (see
 * src/plugins/security.ts), exactly as for every other form. A file over the limit is cut short and reported
 * on the page as a GOV.UK error (throwFileSizeLimit false), never a 413 or a 500. Who may upload is for the
 * route's onRequest hook to decide, before the file is read.
 *
 * What a file really is, is decided by its content (domain/advice-file.ts), never by its name or the type
 * the browser claimed; the service checks it again before anything is stored.
 */
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { registerMultipartReadingAsClientInput } from '../../plugins/multipart-errors.ts';
import type { FastifyInstance } from 'fastify';
import type { FormErrors } from '../../lib/forms.ts';
import { checkAdviceFile, MAX_UPLOAD_BYTES } from './domain/advice-file.ts';
import type { UploadedFile } from './service.ts';

/** The form field that carries the file. */
export const UPLOAD_FIELD = 'file';

/** A file as it arrived: cut short and empty when it was over the limit. */
export type ReceivedUpload = { fileName: string; bytes: Uint8Array; tooLarge: boolean };

export const TOO_LARGE_MESSAGE = 'The selected file must be smaller than 20MB';

/** The file input's hint: what it takes, in the words of the GOV.UK file upload pattern. */
export const UPLOAD_HINT = 'A PDF or Word document, smaller than 20MB';

/** What the file input offers to choose; a hint to the browser only, the content is what is checked. */
export const UPLOAD_ACCEPT =
  '.pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function isReceivedUpload(value: unknown): value is ReceivedUpload {
  return (
    value !== null &&
    typeof value === 'object' &&
    'bytes' in value &&
    'fileName' in value &&
    'tooLarge' in value
  );
}

/**
 * Registers the routes that `routes` adds in a scope that reads multipart forms with one file of at most
 * 20MB and a few short fields.
 */
export async function withUploads(
  app: FastifyInstance,
  routes: (scope: FastifyInstance) => void | Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    await registerMultipartReadingAsClientInput(scope, () =>
      scope.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        throwFileSizeLimit: false,
        limits: {
          fileSize: MAX_UPLOAD_BYTES,
          files: 1,
          fields: 30,
          parts: 32,
          // A textarea of 10,000 characters, each up to 4 bytes in UTF-8.
          fieldSize: 40_000,
          headerPairs: 100,
        },
        async onFile(part: MultipartFile) {
          // Every file part is read to its end (or its limit), so the form's later fields still arrive.
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) chunks.push(chunk as Buffer);
          const tooLarge = part.file.truncated;
          const upload: ReceivedUpload = {
            fileName: part.filename ?? '',
            bytes: tooLarge ? new Uint8Array() : Buffer.concat(chunks),
            tooLarge,
          };
          // keyValues puts a part's value on the body: only the upload field's is kept.
          if (part.fieldname === UPLOAD_FIELD)
            (part as MultipartFile & { value?: ReceivedUpload }).value = upload;
        },
      }),
    );
    await routes(scope);
  });
}

/**
 * The file on a submitted form, or null when none was chosen (a browser sends an empty part with no name).
 */
export function uploadOf(body: unknown, field: string = UPLOAD_FIELD): ReceivedUpload | null {
  if (body === null || typeof body !== 'object') return null;
  const value = (body as Record<string, unknown>)[field];
  if (!isReceivedUpload(value)) return null;
  if (!value.tooLarge && value.bytes.length === 0 && value.fileName === '') return null;
  return value;
}

/** What is wrong with the file, in GOV.UK's words, or null; a missing file is wrong only when it is required. */
export function uploadProblem(upload: ReceivedUpload | null, options: { required?: boolean } = {}) {
  if (!upload) return options.required ? 'Select a file' : null;
  if (upload.tooLarge) return TOO_LARGE_MESSAGE;
  const check = checkAdviceFile(upload.bytes);
  return check.ok ? null : check.message;
}

/** The upload as the service takes it; undefined when there is none. */
export function uploadedFile(upload: ReceivedUpload | null): UploadedFile | undefined {
  return upload ? { fileName: upload.fileName, bytes: upload.bytes } : undefined;
}

/** Adds a problem with the file (last, as the file is the form's last field) to a form's errors. */
export function withUploadError(
  errors: FormErrors | undefined,
  message: string | null,
  field: string = UPLOAD_FIELD,
): FormErrors | undefined {
  if (!message) return errors;
  const base: FormErrors = errors ?? { summary: [], fields: {} };
  return {
    summary: [...base.summary, { text: message, href: `#${field}` }],
    fields: { ...base.fields, [field]: { text: message } },
  };
}
