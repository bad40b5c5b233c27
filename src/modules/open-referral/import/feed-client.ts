/**
 * Reads JSON from one partner feed, and from nowhere else: every address must be under the feed's
 * configured base, redirects are not followed (a feed that moved is re-added at its new address),
 * each request has a time limit and each answer a size limit. Failures become a FeedError whose
 * message says, in plain words, what went wrong with which address.
 */

export class FeedError extends Error {
  override name = 'FeedError';
  /** The HTTP status when the feed answered, but not with 200. */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

export type FeedClient = { getJson(url: string): Promise<unknown> };

export type FeedClientOptions = {
  base: string;
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof fetch;
};

const USER_AGENT = 'SEND-Local-Offer-ORUK-importer/1';

function describeFailure(error: unknown, seconds: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `did not answer within ${seconds} seconds`;
  const code = e?.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'could not be reached: the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'could not be reached: its host name was not found';
    case 'ECONNRESET':
      return 'closed the connection before answering';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `could not be reached securely: its certificate was not accepted (${code})`;
    default:
      return `could not be reached${code ? ` (${code})` : e?.cause?.message ? ` (${e.cause.message})` : ''}`;
  }
}

export function createFeedClient(options: FeedClientOptions): FeedClient {
  const doFetch = options.fetch ?? fetch;
  const seconds = Math.round(options.timeoutMs / 1000);
  const base = options.base.replace(/\/+$/, '');

  async function readCapped(response: Response, url: string): Promise<string> {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel();
      throw new FeedError(`${url} sent more than ${megabytes(options.maxBytes)}, the most an answer may be`);
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel();
        throw new FeedError(
          `${url} sent more than ${megabytes(options.maxBytes)}, the most an answer may be`,
        );
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  return {
    async getJson(url: string): Promise<unknown> {
      // Only the feed that was configured: never an address a response might point to.
      if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) {
        throw new FeedError(`${url} is not part of the feed at ${base}`);
      }
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, {
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
          headers: { accept: 'application/json', 'user-agent': USER_AGENT },
        });
        if (response.status >= 300 && response.status < 400) {
          await response.body?.cancel();
          const to = response.headers.get('location');
          throw new FeedError(
            `${url} redirects${to ? ` to ${to}` : ''}; add the feed with the address it now has`,
            response.status,
          );
        }
        if (response.status !== 200) {
          await response.body?.cancel();
          throw new FeedError(
            `${url} answered ${response.status} ${response.statusText}`.trim(),
            response.status,
          );
        }
        text = await readCapped(response, url);
      } catch (error) {
        if (error instanceof FeedError) throw error;
        throw new FeedError(`${url} ${describeFailure(error, seconds)}`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        const type = response.headers.get('content-type');
        throw new FeedError(
          `${url} did not answer with JSON${type ? ` (it sent ${type.split(';')[0]})` : ''}`,
        );
      }
    },
  };
}

function megabytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${Math.round(bytes / 1_048_576)} MB` : `${Math.round(bytes / 1024)} KB`;
}
