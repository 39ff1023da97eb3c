import { durationMs, epochMs, MINUTE, SECOND, type DurationMs, type EpochMs } from '../time/index.js';

/** How hard the engine tries one message: exponential backoff with full jitter, capped in attempts and age. */
export interface RetryPolicy {
  readonly baseDelayMs: DurationMs;
  readonly maxDelayMs: DurationMs;
  readonly maxAttempts: number;
  /** A message older than this is given up, whatever its attempt count: a page an hour late helps nobody. */
  readonly maxAgeMs: DurationMs;
  /** Longest Retry-After honoured; a longer one is clamped, so a misbehaving API cannot park a page for a day. */
  readonly maxRetryAfterMs: DurationMs;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: durationMs(5 * SECOND),
  maxDelayMs: durationMs(5 * MINUTE),
  maxAttempts: 8,
  maxAgeMs: durationMs(60 * MINUTE),
  maxRetryAfterMs: durationMs(15 * MINUTE),
};

export type RetryDecision =
  | { readonly kind: 'retry'; readonly at: EpochMs }
  | { readonly kind: 'give-up'; readonly reason: string };

/**
 * When to try again after attempt `attempt` (1-based) failed in a way worth retrying. Full jitter:
 * a delay drawn uniformly from [0, min(max, base·2^(attempt-1))], so a burst of failures does not
 * come back as a burst. A Retry-After from the server is a floor. `random` is in [0, 1).
 */
export function planRetry(input: {
  readonly attempt: number;
  readonly queuedAt: EpochMs;
  readonly now: EpochMs;
  readonly retryAfterMs?: number;
  readonly random: number;
  readonly policy?: RetryPolicy;
}): RetryDecision {
  const policy = input.policy ?? DEFAULT_RETRY_POLICY;
  if (input.attempt >= policy.maxAttempts) return { kind: 'give-up', reason: `gave up after ${input.attempt} attempts` };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, input.attempt - 1));
  const jittered = Math.floor(Math.min(0.999999, Math.max(0, input.random)) * ceiling);
  const floor = input.retryAfterMs === undefined ? 0 : Math.min(Math.max(0, input.retryAfterMs), policy.maxRetryAfterMs);
  const at = input.now + Math.max(jittered, floor, SECOND);
  if (at - input.queuedAt > policy.maxAgeMs) {
    return { kind: 'give-up', reason: `gave up: the next attempt would be more than ${Math.round(policy.maxAgeMs / MINUTE)} min after the message was queued` };
  }
  return { kind: 'retry', at: epochMs(at) };
}
