import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalTransport,
  createNotifyTransport,
  scrubError,
  type NotifyClientLike,
  type OutboundMessage,
} from './notify-transport.ts';

const message: OutboundMessage = {
  id: '5b0c3f0e-8a52-4c6b-9d0a-0f4a0e6f2a11',
  template: 'ehc-advice-requested',
  recipient: 'practitioner@nhs.example',
  personalisation: {
    reference: 'EHC-2026-0042',
    due: '16 February 2026',
    portal: 'https://send.example/partner',
  },
};
const templateIds = { 'ehc-advice-requested': '0d6f1a7e-4b0c-4a55-8f3c-2e1d9b7a6c50' };

/** A NotifyClient-shaped fake: records calls and answers as it is told. */
function fakeClient(answer: () => Promise<{ data: { id: string } }>) {
  const calls: { templateId: string; emailAddress: string; options: unknown }[] = [];
  const client: NotifyClientLike = {
    sendEmail: async (templateId, emailAddress, options) => {
      calls.push({ templateId, emailAddress, options });
      return answer();
    },
  };
  return { client, calls };
}

/** An error shaped as axios (which notifications-node-client uses) rejects with. */
function httpError(status: number, errors: { error: string; message: string }[]) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    isAxiosError: true,
    code: status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    response: { status, data: { status_code: status, errors } },
  });
}
function networkError(code: string) {
  return Object.assign(new Error(`connect ${code}`), { isAxiosError: true, code });
}

describe('the GOV.UK Notify transport', () => {
  it('sends the template id for the template name, the personalisation, and the outbox id as reference', async () => {
    const { client, calls } = fakeClient(async () => ({ data: { id: 'notify-id-1' } }));
    const result = await createNotifyTransport({ client, templateIds }).send(message);
    expect(result).toEqual({ outcome: 'sent', providerReference: 'notify-id-1' });
    expect(calls).toEqual([
      {
        templateId: templateIds['ehc-advice-requested'],
        emailAddress: message.recipient,
        options: { personalisation: message.personalisation, reference: message.id },
      },
    ]);
  });

  it('refuses at once a template with no id, without calling Notify', async () => {
    const { client, calls } = fakeClient(async () => ({ data: { id: 'x' } }));
    const result = await createNotifyTransport({ client, templateIds: {} }).send(message);
    expect(result).toEqual({
      outcome: 'permanent',
      error: 'No GOV.UK Notify template id is configured for ehc-advice-requested (NOTIFY_TEMPLATES)',
    });
    expect(calls).toHaveLength(0);
  });

  it('retries a 5xx, a 429 and a connection that never opened', async () => {
    for (const error of [
      httpError(500, [{ error: 'Exception', message: 'Internal server error' }]),
      httpError(503, []),
      httpError(429, [
        {
          error: 'RateLimitError',
          message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
        },
      ]),
      networkError('ECONNREFUSED'),
      networkError('ENOTFOUND'),
    ]) {
      const { client } = fakeClient(async () => Promise.reject(error));
      const result = await createNotifyTransport({ client, templateIds }).send(message);
      expect(result.outcome, String(error.message)).toBe('retryable');
    }
  });

  it('fails at once a 4xx: a bad template id, a bad address, a bad key', async () => {
    for (const error of [
      httpError(400, [{ error: 'BadRequestError', message: 'Template not found' }]),
      httpError(400, [{ error: 'ValidationError', message: 'email_address Not a valid email address' }]),
      httpError(403, [{ error: 'AuthError', message: 'Invalid token: API key not found' }]),
    ]) {
      const { client } = fakeClient(async () => Promise.reject(error));
      const result = await createNotifyTransport({ client, templateIds }).send(message);
      expect(result.outcome).toBe('permanent');
    }
  });

  it('treats a connection lost after the request went, or no answer in time, as unknown: never retried', async () => {
    const { client } = fakeClient(async () => Promise.reject(networkError('ECONNRESET')));
    expect((await createNotifyTransport({ client, templateIds }).send(message)).outcome).toBe('unknown');
    const slow = fakeClient(() => new Promise(() => {}));
    const result = await createNotifyTransport({ client: slow.client, templateIds, timeoutMs: 20 }).send(
      message,
    );
    expect(result).toEqual({
      outcome: 'unknown',
      error: 'No answer from GOV.UK Notify within 0.02 seconds: it may have been sent',
    });
  });

  it('keeps no personal data in the error it records', async () => {
    const error = httpError(400, [
      {
        error: 'BadRequestError',
        message: `Can't send to practitioner@nhs.example: EHC-2026-0042 https://send.example/partner other@x.example`,
      },
    ]);
    const { client } = fakeClient(async () => Promise.reject(error));
    const result = await createNotifyTransport({ client, templateIds }).send(message);
    expect(result.outcome).toBe('permanent');
    const text = 'error' in result ? result.error : '';
    expect(text).toContain('GOV.UK Notify answered 400 (BadRequestError');
    for (const personal of ['practitioner@nhs.example', 'EHC-2026-0042', 'send.example', 'other@x.example'])
      expect(text).not.toContain(personal);
    expect(scrubError('to a@b.example', { recipient: 'z@z.example', personalisation: {} })).toBe(
      'to [address]',
    );
  });

  it('keeps a message in the outbox when no key is configured', async () => {
    expect(await createLocalTransport().send(message)).toEqual({ outcome: 'held' });
    expect(createLocalTransport().kind).toBe('local');
  });
});

describe('the GOV.UK Notify transport with the real client, against a stand-in Notify server', () => {
  let server: Server;
  let baseUrl = '';
  let answer: { status: number; body: unknown } = { status: 201, body: {} };
  const received: { url: string; body: unknown; authorised: boolean }[] = [];
  // A well-formed key for a made-up service: the client signs a JWT with it.
  const apiKey = 'test_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          body: JSON.parse(data || '{}'),
          authorised: /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(req.headers.authorization ?? ''),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const transport = () =>
    createNotifyTransport({
      client: new NotifyClient(baseUrl, apiKey) as unknown as NotifyClientLike,
      templateIds,
    });

  it('posts the email and records Notify’s id', async () => {
    answer = { status: 201, body: { id: '740e5834-3a29-46b4-9a6f-16142fde533a', content: {} } };
    expect(await transport().send(message)).toEqual({
      outcome: 'sent',
      providerReference: '740e5834-3a29-46b4-9a6f-16142fde533a',
    });
    expect(received.at(-1)).toEqual({
      url: '/v2/notifications/email',
      authorised: true,
      body: {
        template_id: templateIds['ehc-advice-requested'],
        email_address: message.recipient,
        personalisation: message.personalisation,
        reference: message.id,
      },
    });
  });

  it('maps Notify’s real error answers to retry or give up', async () => {
    answer = {
      status: 400,
      body: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Template not found' }] },
    };
    expect(await transport().send(message)).toEqual({
      outcome: 'permanent',
      error: 'GOV.UK Notify answered 400 (BadRequestError: Template not found)',
    });
    answer = {
      status: 500,
      body: { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] },
    };
    expect((await transport().send(message)).outcome).toBe('retryable');
    answer = {
      status: 429,
      body: {
        status_code: 429,
        errors: [{ error: 'TooManyRequestsError', message: 'Exceeded send limits' }],
      },
    };
    expect((await transport().send(message)).outcome).toBe('retryable');
  });

  it('retries when nothing is listening', async () => {
    const closed = createNotifyTransport({
      client: new NotifyClient('http://127.0.0.1:1', apiKey) as unknown as NotifyClientLike,
      templateIds,
    });
    expect(await closed.send(message)).toEqual({
      outcome: 'retryable',
      error: 'Could not reach GOV.UK Notify (ECONNREFUSED)',
    });
  });
});
