import { randomUUID } from 'node:crypto';
import type { Repositories } from '../../db/repositories.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Transport } from './notify-transport.ts';
import { nextStep, type SendOutcome } from './retry.ts';

export type DeliveryResult = {
  claimed: number;
  sent: number;
  held: number;
  retrying: number;
  failed: number;
  /** Left 'sending': the transport gave no clear answer, so an administrator decides. */
  unknown: number;
  /** Claimed, but another worker took the message over before this one marked it 'sending'. */
  lost: number;
};

/**
 * Sends the outbox, never a message twice: a batch is claimed (for update skip locked, with a lease and a
 * claim id); each message is marked 'sending' in its own committed update before the transport is called,
 * and only by the worker whose claim it holds; then 'sent', queued again for a retry, or failed. A crash
 * after 'sending' leaves the message 'sending', which is never picked up again (see retry.ts).
 */
export function createDeliveryWorker(deps: {
  repos: Repositories;
  clock: Clock;
  transport: Transport;
  maxAttempts: number;
  batchSize?: number;
  /** How long a claim lasts; a worker that dies mid-batch releases the messages it had not started. */
  leaseSeconds?: number;
}) {
  const { repos, clock, transport } = deps;
  const batchSize = deps.batchSize ?? 25;
  const leaseMs = (deps.leaseSeconds ?? 300) * 1000;
  const later = (from: Date) => new Date(from.getTime() + leaseMs);

  return {
    transport,
    batchSize,

    /**
     * One batch: what a timer tick or `npm run notifications:send` does. `shouldStop` (a shutdown) ends it
     * after the message in hand, giving the rest of the batch back to the queue.
     */
    async runOnce(options: { shouldStop?: () => boolean } = {}): Promise<DeliveryResult> {
      const result: DeliveryResult = {
        claimed: 0,
        sent: 0,
        held: 0,
        retrying: 0,
        failed: 0,
        unknown: 0,
        lost: 0,
      };
      const claimId = randomUUID();
      const now = clock.now();
      const batch = await repos.notifications.claimBatch({
        now,
        leaseUntil: later(now),
        claimId,
        limit: batchSize,
      });
      result.claimed = batch.length;
      for (const message of batch) {
        if (options.shouldStop?.()) {
          await repos.notifications.releaseClaim(claimId);
          break;
        }
        if (transport.kind === 'local') {
          // Nothing is sent, so nothing is attempted: the message is kept for administrators to read.
          if (await repos.notifications.hold(message.id, claimId)) result.held += 1;
          else result.lost += 1;
          continue;
        }
        const started = clock.now();
        const attempts = await repos.notifications.markSending(message.id, claimId, started, later(started));
        if (attempts === null) {
          result.lost += 1;
          continue;
        }
        let outcome: SendOutcome;
        try {
          outcome = await transport.send({
            id: message.id,
            template: message.template,
            recipient: message.recipient,
            personalisation: message.personalisation,
          });
        } catch (error) {
          // A transport that throws may have sent the message: treat it as unknown, never retry it.
          outcome = {
            outcome: 'unknown',
            error: `The transport failed without saying whether it sent the message (${error instanceof Error ? error.name : 'error'})`,
          };
        }
        const step = nextStep(outcome, attempts, deps.maxAttempts, clock.now());
        if (!(await repos.notifications.finishAttempt(message.id, claimId, clock.now(), step))) {
          result.lost += 1;
          continue;
        }
        if (step.status === 'sent') result.sent += 1;
        else if (step.status === 'held') result.held += 1;
        else if (step.status === 'queued') result.retrying += 1;
        else if (step.status === 'failed') result.failed += 1;
        else result.unknown += 1;
      }
      return result;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;

/**
 * Runs the worker in the server process: one batch at a time, the next straight after a full batch,
 * otherwise after `intervalMs`. `stop` waits for the batch in hand, so no message is left 'sending' by a
 * clean shutdown.
 */
export function startDeliveryLoop(deps: {
  worker: Pick<DeliveryWorker, 'runOnce' | 'batchSize'>;
  intervalMs: number;
  firstDelayMs?: number;
  onResult?: (result: DeliveryResult) => void;
  onError?: (error: unknown) => void;
}): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };
  function tick() {
    running = deps.worker.runOnce({ shouldStop: () => stopped }).then(
      (result) => {
        if (result.claimed > 0) deps.onResult?.(result);
        schedule(result.claimed >= deps.worker.batchSize ? 1000 : deps.intervalMs);
      },
      (error: unknown) => {
        deps.onError?.(error);
        schedule(deps.intervalMs);
      },
    );
    void running.finally(() => {
      running = null;
    });
  }
  schedule(deps.firstDelayMs ?? deps.intervalMs);

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
