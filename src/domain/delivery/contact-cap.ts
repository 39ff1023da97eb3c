import { epochMs, HOUR, type EpochMs } from '../time/index.js';

/** A message due to one address (one phone number) on a capped channel, oldest first. */
export interface CapCandidate {
  readonly id: string;
  readonly subject: string;
}

export type ContactCapDecision =
  /** Within the cap: send each as it is. */
  | { readonly kind: 'send'; readonly ids: readonly string[] }
  /**
   * Send `ids` as they are and one bundle standing for `bundled` ("INC-… and 14 more"), so the
   * person hears about everything while their phone rings once more at most.
   */
  | { readonly kind: 'bundle'; readonly ids: readonly string[]; readonly bundled: readonly string[]; readonly subject: string }
  /** The cap is used up: wait until the oldest send in the window leaves it. */
  | { readonly kind: 'defer'; readonly until: EpochMs };

export const CAP_WINDOW_MS = HOUR;

/**
 * Per-contact caps against floods (SMS and voice): at most `capPerHour` messages to one address in
 * any rolling hour. `sentAt` holds the instants of messages already sent to the address within the
 * last hour. When more are due than the cap allows, the last allowed message is a bundle.
 */
export function planContactCap(due: readonly CapCandidate[], sentAt: readonly EpochMs[], now: EpochMs, capPerHour: number): ContactCapDecision {
  const inWindow = sentAt.filter((t) => t > now - CAP_WINDOW_MS).sort((a, b) => a - b);
  const room = Math.max(0, capPerHour - inWindow.length);
  if (due.length <= room) return { kind: 'send', ids: due.map((m) => m.id) };
  if (room === 0) return { kind: 'defer', until: epochMs((inWindow[0] ?? now) + CAP_WINDOW_MS) };
  const singles = due.slice(0, room - 1);
  const rest = due.slice(room - 1);
  const first = rest[0]!;
  const more = rest.length - 1;
  return {
    kind: 'bundle',
    ids: singles.map((m) => m.id),
    bundled: rest.map((m) => m.id),
    subject: `${first.subject} — and ${more} more ${more === 1 ? 'page' : 'pages'} (limit of ${capPerHour} per hour reached)`,
  };
}
