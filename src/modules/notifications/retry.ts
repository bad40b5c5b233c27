/**
 * What happens to a message after an attempt to send it: pure, so the schedule is tested on its own.
 *
 * - sent: done.
 * - held: kept in the outbox for administrators (no Notify key configured).
 * - retryable (the request never reached Notify, or Notify said 5xx or 429): queued again after a wait
 *   that grows, until the last attempt, then failed.
 * - permanent (any other 4xx: a bad template id, a bad address, a bad key): failed at once.
 * - unknown (no answer: the request may have reached Notify): left 'sending', never sent again
 *   automatically, because Notify has no idempotency key; an administrator decides.
 */

/** Minutes to wait after the 1st, 2nd, 3rd … failed attempt; the last wait repeats if more are allowed. */
export const RETRY_WAIT_MINUTES = [1, 5, 30, 120, 720] as const;

/** 1 attempt and 5 retries: the last one is about 14.5 hours after the first. */
export const DEFAULT_MAX_ATTEMPTS = 6;

export type SendOutcome =
  | { outcome: 'sent'; providerReference: string }
  | { outcome: 'held' }
  | { outcome: 'retryable'; error: string }
  | { outcome: 'permanent'; error: string }
  | { outcome: 'unknown'; error: string };

export type NextStep =
  | { status: 'sent'; providerReference: string }
  | { status: 'held' }
  | { status: 'queued'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; error: string }
  | { status: 'sending'; error: string };

export function retryWaitMinutes(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), RETRY_WAIT_MINUTES.length) - 1;
  return RETRY_WAIT_MINUTES[index] as number;
}

/**
 * The message's next state. `attempts` counts the attempt that just ended (1 after the first).
 */
export function nextStep(result: SendOutcome, attempts: number, maxAttempts: number, now: Date): NextStep {
  switch (result.outcome) {
    case 'sent':
      return { status: 'sent', providerReference: result.providerReference };
    case 'held':
      return { status: 'held' };
    case 'permanent':
      return { status: 'failed', error: result.error };
    case 'unknown':
      return { status: 'sending', error: result.error };
    case 'retryable':
      if (attempts >= maxAttempts)
        return { status: 'failed', error: `${result.error} (gave up after ${attempts} attempts)` };
      return {
        status: 'queued',
        nextAttemptAt: new Date(now.getTime() + retryWaitMinutes(attempts) * 60_000),
        error: result.error,
      };
  }
}
