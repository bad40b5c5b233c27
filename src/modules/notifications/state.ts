/** What a message's row means to an administrator: pure, from its status, claim and attempts. */

export type MessageState = 'queued' | 'retrying' | 'sending' | 'unknown' | 'sent' | 'failed' | 'held';

export type DeliveryKind = 'govuk-notify' | 'local';

export function messageState(
  row: { status: string; attempts: number; claimed_until: Date | null },
  now: Date,
): MessageState {
  switch (row.status) {
    case 'queued':
      return row.attempts > 0 ? 'retrying' : 'queued';
    case 'sending':
      // Being sent while its claim lasts; after that, nobody knows whether Notify received it.
      return row.claimed_until && row.claimed_until >= now ? 'sending' : 'unknown';
    case 'sent':
    case 'failed':
    case 'held':
      return row.status;
    default:
      return 'unknown';
  }
}

export const STATE_LABELS: Record<MessageState, string> = {
  queued: 'Waiting to be sent',
  retrying: 'Waiting to try again',
  sending: 'Sending',
  unknown: 'Delivery unknown',
  sent: 'Sent',
  failed: 'Failed',
  held: 'Not sent: no Notify key configured',
};

/**
 * "Send again" is offered for a failed message, for one whose delivery is unknown (after a warning), and for
 * one held while no Notify key was configured once a key is.
 */
export function canSendAgain(state: MessageState, delivery: DeliveryKind): boolean {
  if (state === 'failed' || state === 'unknown') return true;
  return state === 'held' && delivery === 'govuk-notify';
}

/**
 * Whether the outbox may show the links a message carries (sign-in and invitation links): only when an
 * administrator is the way it reaches the person, because nothing will send it.
 */
export function revealsSecrets(status: string, delivery: DeliveryKind): boolean {
  return status === 'held' || (delivery === 'local' && status === 'queued');
}
