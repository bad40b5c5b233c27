import { NotifyClient } from 'notifications-node-client';
import type { SendOutcome } from './retry.ts';

/** One message as the worker hands it to a transport. */
export type OutboundMessage = {
  /** The outbox id: sent to Notify as the reference (no personal data), so a message can be found there. */
  id: string;
  template: string;
  recipient: string;
  personalisation: Record<string, unknown>;
};

/**
 * Where messages go. A transport never throws for a failure it understands: it says what happened, and
 * the worker decides (retry.ts). Anything it throws is treated as "delivery unknown".
 */
export type Transport = {
  kind: 'govuk-notify' | 'local';
  send(message: OutboundMessage): Promise<SendOutcome>;
};

/** The part of notifications-node-client's NotifyClient the platform uses. */
export type NotifyClientLike = {
  sendEmail(
    templateId: string,
    emailAddress: string,
    options: { personalisation?: Record<string, unknown>; reference?: string },
  ): Promise<{ data: { id: string } }>;
};

/** Without a Notify key, messages stay in the outbox, labelled as not sent, for administrators to read. */
export function createLocalTransport(): Transport {
  return { kind: 'local', send: async () => ({ outcome: 'held' }) };
}

class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

// Failures before anything reached Notify: safe to try again.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const EMAIL_LIKE = /[^\s@'"<>()]+@[^\s@'"<>()]+/g;
const URL_LIKE = /https?:\/\/\S+/g;

/**
 * An error message fit to keep: without the recipient, the personalisation or anything that looks like an
 * address or a link (Notify's messages rarely hold them, but a log of errors must never).
 */
export function scrubError(text: string, message: Pick<OutboundMessage, 'recipient' | 'personalisation'>) {
  let clean = text;
  const values = [message.recipient, ...Object.values(message.personalisation).map((v) => String(v ?? ''))]
    .filter((v) => v.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const value of values) clean = clean.split(value).join('[removed]');
  clean = clean.replace(URL_LIKE, '[link]').replace(EMAIL_LIKE, '[address]');
  return clean.replace(/\s+/g, ' ').trim().slice(0, 300);
}

type AxiosLikeError = {
  isAxiosError?: boolean;
  code?: string;
  response?: { status?: number; data?: unknown };
};

function notifyErrors(data: unknown): string {
  const errors = (data as { errors?: { error?: unknown; message?: unknown }[] } | undefined)?.errors;
  if (!Array.isArray(errors)) return '';
  return errors
    .map((e) => [e.error, e.message].filter((part) => typeof part === 'string').join(': '))
    .filter(Boolean)
    .join('; ');
}

/** What a failed call to Notify means for the message: try again, give up, or nobody knows. */
export function classifyNotifyError(error: unknown, message: OutboundMessage): SendOutcome {
  if (error instanceof NoAnswerError)
    return { outcome: 'unknown', error: `${error.message}: it may have been sent` };
  const e = (error ?? {}) as AxiosLikeError;
  const status = e.response?.status;
  if (typeof status === 'number') {
    const detail = scrubError(notifyErrors(e.response?.data), message);
    const text = `GOV.UK Notify answered ${status}${detail ? ` (${detail})` : ''}`;
    if (status === 429 || status >= 500) return { outcome: 'retryable', error: text };
    return { outcome: 'permanent', error: text };
  }
  if (e.isAxiosError) {
    if (e.code && NOT_CONNECTED.has(e.code))
      return { outcome: 'retryable', error: `Could not reach GOV.UK Notify (${e.code})` };
    // The request may have been received before the connection was lost or timed out.
    return {
      outcome: 'unknown',
      error: `The connection to GOV.UK Notify ended without an answer (${e.code ?? 'no code'}): it may have been sent`,
    };
  }
  // Not an HTTP error: the client refused the call before making a request (a fault in this code).
  const name = error instanceof Error ? error.name : 'error';
  return { outcome: 'permanent', error: `The message could not be passed to GOV.UK Notify (${name})` };
}

/** GOV.UK Notify: each template name maps to the id of a Notify template (NOTIFY_TEMPLATES). */
export function createNotifyTransport(deps: {
  client: NotifyClientLike;
  templateIds: Readonly<Record<string, string>>;
  /** How long to wait for Notify's answer; after that the delivery is unknown, not retried. */
  timeoutMs?: number;
}): Transport {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  return {
    kind: 'govuk-notify',
    async send(message) {
      const templateId = Object.hasOwn(deps.templateIds, message.template)
        ? deps.templateIds[message.template]
        : undefined;
      if (!templateId)
        return {
          outcome: 'permanent',
          error: `No GOV.UK Notify template id is configured for ${message.template} (NOTIFY_TEMPLATES)`,
        };
      let timer: NodeJS.Timeout | undefined;
      try {
        const response = await Promise.race([
          deps.client.sendEmail(templateId, message.recipient, {
            personalisation: message.personalisation,
            reference: message.id,
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(new NoAnswerError(`No answer from GOV.UK Notify within ${timeoutMs / 1000} seconds`)),
              timeoutMs,
            );
          }),
        ]);
        const id = response?.data?.id;
        if (typeof id !== 'string' || id === '')
          return { outcome: 'unknown', error: 'GOV.UK Notify answered without a notification id' };
        return { outcome: 'sent', providerReference: id };
      } catch (error) {
        return classifyNotifyError(error, message);
      } finally {
        if (timer) clearTimeout(timer);
      }
    },
  };
}

export type NotificationSettings = {
  apiKey: string | null;
  templateIds: Readonly<Record<string, string>>;
};

/** GOV.UK Notify when an API key is configured; otherwise the local outbox. */
export function transportFromSettings(settings: NotificationSettings): Transport {
  if (!settings.apiKey) return createLocalTransport();
  return createNotifyTransport({
    client: new NotifyClient(settings.apiKey) as unknown as NotifyClientLike,
    templateIds: settings.templateIds,
  });
}
