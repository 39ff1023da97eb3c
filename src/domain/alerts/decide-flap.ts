import { formatDuration } from '../time/index.js';
import type { DurationMs, EpochMs } from '../time/index.js';
import type { AlertAction } from './alert-signal.js';

/** `maxChanges` firing/resolved changes within `windowMs` mark an alert as flapping. */
export interface FlapPolicy {
  readonly maxChanges: number;
  readonly windowMs: DurationMs;
}

export interface FlapState {
  /** Instants of recent state changes, oldest first, only those inside the window. */
  readonly changes: readonly EpochMs[];
  readonly lastAction?: AlertAction;
  readonly isSuppressed: boolean;
}

export const STABLE: FlapState = { changes: [], isSuppressed: false };

export type FlapDecision =
  | { readonly kind: 'pass'; readonly state: FlapState; readonly reason?: string }
  | { readonly kind: 'suppress'; readonly state: FlapState; readonly reason: string };

/**
 * Only trigger↔resolve changes count (acknowledging is a person, not the alert flapping). While
 * flapping, events are suppressed with a note; once the window holds fewer changes it passes again.
 */
export function decideFlap(state: FlapState, action: AlertAction, now: EpochMs, policy: FlapPolicy): FlapDecision {
  if (action === 'acknowledge') return { kind: 'pass', state };
  const isChange = state.lastAction !== undefined && state.lastAction !== action;
  const recent = state.changes.filter((t) => now - t < policy.windowMs);
  const changes = isChange ? [...recent, now] : recent;
  const window = formatDuration(policy.windowMs);
  if (changes.length >= policy.maxChanges) {
    return {
      kind: 'suppress',
      state: { changes, lastAction: action, isSuppressed: true },
      reason: `suppressed: the alert changed state ${changes.length} times within ${window} (flapping); notifications resume when it is stable`,
    };
  }
  const next: FlapState = { changes, lastAction: action, isSuppressed: false };
  if (state.isSuppressed) return { kind: 'pass', state: next, reason: `stable again: ${changes.length} state changes within ${window}` };
  return { kind: 'pass', state: next };
}
