import { describe, expect, it } from 'vitest';
import { HIDDEN_LINK } from './catalogue.ts';
import type { OutboxMessage } from './repository.ts';
import {
  deliveryNotice,
  messageSummaryRows,
  outboxRows,
  personalisationRows,
  statusOptions,
  statusTag,
} from './view-models.ts';

const now = new Date('2026-03-02T09:00:00Z');
const base: OutboxMessage = {
  id: '5b0c3f0e-8a52-4c6b-9d0a-0f4a0e6f2a11',
  template: 'ehc-advice-requested',
  recipient: 'a<b>@partner.example',
  personalisation: {},
  status: 'failed',
  attempts: 2,
  created_at: new Date('2026-03-01T10:00:00Z'),
  sent_at: null,
  attempted_at: new Date('2026-03-01T10:05:00Z'),
  next_attempt_at: null,
  claimed_until: null,
  last_error: 'GOV.UK Notify answered 400',
  provider_reference: null,
  reference: null,
};

describe('the outbox view-models', () => {
  it('lists each message with its template, recipient, status and times, escaping what it puts in HTML', () => {
    const [row] = outboxRows([{ ...base, template: 'made-up-<template>' }], now);
    expect(row?.[0]).toEqual({
      html: `<a class="govuk-link" href="/admin/outbox/${base.id}">made-up-&lt;template&gt;</a><br><span class="govuk-body-s govuk-!-margin-0">made-up-&lt;template&gt;</span>`,
    });
    expect(row?.[1]).toMatchObject({ text: 'a<b>@partner.example' });
    expect(row?.[2]).toEqual({ html: '<strong class="govuk-tag govuk-tag--red">Failed</strong>' });
    expect(row?.[3]).toMatchObject({ text: '2', format: 'numeric' });
    expect(row?.[4]).toEqual({ text: '1 March 2026 at 10:00am' });
    expect(row?.[5]).toEqual({ text: '' });
  });

  it('labels each state, and the held one as not sent', () => {
    expect(statusTag('unknown')).toEqual({ text: 'Delivery unknown', classes: 'govuk-tag--orange' });
    expect(statusTag('held').text).toBe('Not sent: no Notify key configured');
    expect(deliveryNotice('local').heading).toBe('Messages are not sent: no Notify key configured');
    expect(deliveryNotice('govuk-notify').heading).toBe('Messages are sent by GOV.UK Notify');
  });

  it('offers every status with its count, keeping the one chosen', () => {
    const options = statusOptions('failed', {
      queued: 1,
      sending: 0,
      unknown: 2,
      sent: 10,
      failed: 3,
      held: 0,
    });
    expect(options[0]).toEqual({ value: '', text: 'All messages (16)', selected: false });
    expect(options.find((o) => o.value === 'failed')).toEqual({
      value: 'failed',
      text: 'Failed (3)',
      selected: true,
    });
    expect(options.map((o) => o.value)).toEqual([
      '',
      'queued',
      'sending',
      'unknown',
      'sent',
      'failed',
      'held',
    ]);
  });

  it('summarises a message, with what Notify knows it by', () => {
    const rows = messageSummaryRows({
      message: { ...base, status: 'sent', sent_at: now, provider_reference: 'notify-1', last_error: null },
      state: 'sent',
      entry: undefined,
      rendered: null,
      revealsSecrets: false,
      canSendAgain: false,
    });
    const byKey = Object.fromEntries(rows.map((r) => [r.key.text, r.value]));
    expect(byKey['Template']).toEqual({ text: 'Advice requested (ehc-advice-requested)' });
    expect(byKey['GOV.UK Notify id']).toEqual({ text: 'notify-1' });
    expect(byKey['Reference given to GOV.UK Notify']).toEqual({ text: base.id });
    expect(byKey['Sent']).toEqual({ text: '2 March 2026 at 9:00am' });
    expect(byKey['Last error']).toBeUndefined();
  });

  it('hides links in the personalisation of a template it does not know, unless they may be shown', () => {
    const p = { link: 'https://x.example/sign-in/token', reference: 'R1', count: 3 };
    expect(personalisationRows(p, false).map((r) => r.value.text)).toEqual([HIDDEN_LINK, 'R1', '3']);
    expect(personalisationRows(p, true)[0]?.value.text).toBe('https://x.example/sign-in/token');
  });
});
