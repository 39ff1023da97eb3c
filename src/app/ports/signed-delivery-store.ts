import type { EpochMs } from '../../domain/time/index.js';

/**
 * A signed inbound delivery (a Standard Webhooks `webhook-id`, an SNS MessageId, a Slack request
 * signature) that may be acted on once: its signature stays valid for a window, so a copy replayed
 * within it must find the delivery already remembered.
 */
export interface SignedDelivery {
  /** Whose ids these are: the source and its integration ("generic-webhook:int_…"), or "slack-commands". */
  readonly scope: string;
  readonly id: string;
  /** When the replay window closes; the delivery is forgotten after it. */
  readonly expiresAt: EpochMs;
}

export interface SignedDeliveryStore {
  /**
   * Remembers the delivery in its own write transaction, durably, for every instance on the
   * database; true when it was not remembered yet (act on it), false for a repeat within its window
   * (do nothing). Deliveries whose window closed by `now` are forgotten first.
   */
  claimSignedDelivery(delivery: SignedDelivery, now: EpochMs): Promise<boolean>;
}
