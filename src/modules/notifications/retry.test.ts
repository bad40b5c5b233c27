import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, nextStep, retryWaitMinutes } from './retry.ts';

const now = new Date('2026-03-02T09:00:00Z');
const minutesLater = (step: ReturnType<typeof nextStep>) =>
  step.status === 'queued' ? (step.nextAttemptAt.getTime() - now.getTime()) / 60_000 : null;

describe('the retry schedule', () => {
  it('waits 1, 5 and 30 minutes, then 2 and 12 hours, after each failed attempt', () => {
    const waits = [1, 2, 3, 4, 5].map((attempts) =>
      minutesLater(nextStep({ outcome: 'retryable', error: 'HTTP 503' }, attempts, 6, now)),
    );
    expect(waits).toEqual([1, 5, 30, 120, 720]);
  });

  it('gives up after the last attempt allowed', () => {
    expect(
      nextStep({ outcome: 'retryable', error: 'HTTP 503' }, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, now),
    ).toEqual({ status: 'failed', error: 'HTTP 503 (gave up after 6 attempts)' });
    expect(nextStep({ outcome: 'retryable', error: 'x' }, 1, 1, now).status).toBe('failed');
  });

  it('keeps the longest wait when more attempts are allowed than waits are listed', () => {
    expect(retryWaitMinutes(9)).toBe(720);
    expect(minutesLater(nextStep({ outcome: 'retryable', error: 'x' }, 8, 10, now))).toBe(720);
    expect(retryWaitMinutes(0)).toBe(1);
  });

  it('fails a permanent error at once, whatever the attempts left', () => {
    expect(nextStep({ outcome: 'permanent', error: 'HTTP 400 BadRequestError' }, 1, 6, now)).toEqual({
      status: 'failed',
      error: 'HTTP 400 BadRequestError',
    });
  });

  it('leaves a message whose delivery is unknown as sending, never queued again', () => {
    expect(nextStep({ outcome: 'unknown', error: 'no answer' }, 1, 6, now)).toEqual({
      status: 'sending',
      error: 'no answer',
    });
  });

  it('records a sent message with its provider reference, and a held one as held', () => {
    expect(nextStep({ outcome: 'sent', providerReference: 'abc' }, 1, 6, now)).toEqual({
      status: 'sent',
      providerReference: 'abc',
    });
    expect(nextStep({ outcome: 'held' }, 1, 6, now)).toEqual({ status: 'held' });
  });
});
