import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { TEMPLATE_NAMES } from './catalogue.ts';
import { transportFromSettings } from './notify-transport.ts';
import { canSendAgain, messageState, revealsSecrets } from './state.ts';

const key = 'send_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-long-random-production-secret-of-enough-length',
  PUBLIC_BASE_URL: 'https://send.example.gov.uk',
  DATABASE_URL: 'postgres://u@h/db',
};
const allTemplates = Object.fromEntries(
  TEMPLATE_NAMES.map((name, i) => [name, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`]),
);

describe('GOV.UK Notify configuration', () => {
  it('keeps messages in the outbox when no key is set, and sends them in the server every 30 seconds', () => {
    const config = loadConfig({});
    expect(config.notifications).toEqual({
      apiKey: null,
      templateIds: {},
      sendIntervalSeconds: 30,
      maxAttempts: 6,
    });
    expect(transportFromSettings(config.notifications).kind).toBe('local');
  });

  it('uses Notify when a key is set, with template ids given inline or in a file', () => {
    const inline = loadConfig({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATES: JSON.stringify(allTemplates) });
    expect(inline.notifications.apiKey).toBe(key);
    expect(inline.notifications.templateIds).toEqual(allTemplates);
    expect(transportFromSettings(inline.notifications).kind).toBe('govuk-notify');
    const dir = mkdtempSync(path.join(tmpdir(), 'notify-templates-'));
    try {
      writeFileSync(
        path.join(dir, 'templates.json'),
        JSON.stringify({ 'ehc-advice-requested': allTemplates['ehc-advice-requested'] }),
      );
      const fromFile = loadConfig(
        { NOTIFY_TEMPLATES: 'templates.json', AREA_CONFIG: path.resolve('config/areas/wolverhampton.json') },
        dir,
      );
      expect(fromFile.notifications.templateIds).toEqual({
        'ehc-advice-requested': allTemplates['ehc-advice-requested'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production with a key but a template without an id, naming it', () => {
    const missing = { ...allTemplates };
    delete missing['ehc-family-sign-in'];
    expect(() =>
      loadConfig({ ...production, NOTIFY_API_KEY: key, NOTIFY_TEMPLATES: JSON.stringify(missing) }),
    ).toThrow(/NOTIFY_TEMPLATES must give a GOV.UK Notify template id for ehc-family-sign-in/);
    expect(() => loadConfig({ ...production, NOTIFY_API_KEY: key })).toThrow(/user-invitation/);
    expect(
      loadConfig({ ...production, NOTIFY_API_KEY: key, NOTIFY_TEMPLATES: JSON.stringify(allTemplates) })
        .notifications.apiKey,
    ).toBe(key);
    // Without a key, production keeps messages in the outbox.
    expect(loadConfig(production).notifications.apiKey).toBeNull();
  });

  it('refuses a malformed key without repeating it, and template names or ids that are wrong', () => {
    try {
      loadConfig({ NOTIFY_API_KEY: 'not-a-key-secret123' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('NOTIFY_API_KEY');
      expect((error as Error).message).not.toContain('secret123');
    }
    expect(() =>
      loadConfig({ NOTIFY_TEMPLATES: '{"ehc-advice-requestd":"00000000-0000-4000-8000-000000000001"}' }),
    ).toThrow(/does not send: ehc-advice-requestd/);
    expect(() => loadConfig({ NOTIFY_TEMPLATES: '{"ehc-advice-requested":"12"}' })).toThrow(
      /must be a Notify template id/,
    );
    expect(() => loadConfig({ NOTIFY_TEMPLATES: '{oops' })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ NOTIFY_TEMPLATES: 'no/such/file.json' })).toThrow(
      /Could not read NOTIFY_TEMPLATES/,
    );
    expect(() => loadConfig({ NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(loadConfig({ NOTIFY_SEND_INTERVAL_SECONDS: '0' }).notifications.sendIntervalSeconds).toBe(0);
  });
});

describe('what a message’s state means to an administrator', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const later = new Date('2026-03-02T09:05:00Z');

  it('tells a message being sent from one whose delivery is unknown', () => {
    expect(messageState({ status: 'sending', attempts: 1, claimed_until: later }, now)).toBe('sending');
    expect(messageState({ status: 'sending', attempts: 1, claimed_until: null }, now)).toBe('unknown');
    expect(messageState({ status: 'sending', attempts: 1, claimed_until: now }, later)).toBe('unknown');
    expect(messageState({ status: 'queued', attempts: 0, claimed_until: null }, now)).toBe('queued');
    expect(messageState({ status: 'queued', attempts: 2, claimed_until: null }, now)).toBe('retrying');
    expect(messageState({ status: 'held', attempts: 1, claimed_until: null }, now)).toBe('held');
  });

  it('offers "send again" for failed and unknown messages, and for held ones once Notify is set up', () => {
    expect(canSendAgain('failed', 'govuk-notify')).toBe(true);
    expect(canSendAgain('unknown', 'govuk-notify')).toBe(true);
    expect(canSendAgain('held', 'govuk-notify')).toBe(true);
    expect(canSendAgain('held', 'local')).toBe(false);
    for (const state of ['queued', 'retrying', 'sending', 'sent'] as const)
      expect(canSendAgain(state, 'govuk-notify'), state).toBe(false);
  });

  it('shows sign-in links only when an administrator is the way a message reaches its recipient', () => {
    expect(revealsSecrets('held', 'local')).toBe(true);
    expect(revealsSecrets('queued', 'local')).toBe(true);
    expect(revealsSecrets('queued', 'govuk-notify')).toBe(false);
    expect(revealsSecrets('sent', 'govuk-notify')).toBe(false);
    expect(revealsSecrets('failed', 'local')).toBe(false);
  });
});
