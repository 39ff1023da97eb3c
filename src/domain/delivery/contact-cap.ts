import { epochMs, HOUR, MINUTE, type EpochMs } from '../time/index.js';

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
/** Once the cap is reached, what is due is held and sent as one bundle at most this often. */
export const BUNDLE_EVERY_MS = 15 * MINUTE;

/**
 * Per-contact caps against floods (SMS and voice): at most `capPerHour` messages to one address in
 * any rolling hour, sent as they come. Past the cap nothing is dropped and nothing waits an hour:
 * what falls due is held and sent as one bundle ("INC-… and 14 more") at most every 15 minutes.
 * When more are due at once than the room left, the last allowed message is a bundle. `sentAt`
 * holds the instants of messages sent to the address within the last hour.
 */
export function planContactCap(due: readonly CapCandidate[], sentAt: readonly EpochMs[], now: EpochMs, capPerHour: number): ContactCapDecision {
  const inWindow = sentAt.filter((t) => t > now - CAP_WINDOW_MS).sort((a, b) => a - b);
  const room = Math.max(0, capPerHour - inWindow.length);
  if (due.length <= room) return { kind: 'send', ids: due.map((m) => m.id) };
  if (room === 0) {
    const next = (inWindow[inWindow.length - 1] ?? now) + BUNDLE_EVERY_MS;
    if (now < next) return { kind: 'defer', until: epochMs(next) };
    if (due.length === 1) return { kind: 'send', ids: [due[0]!.id] };
    return bundle([], due, capPerHour);
  }
  return bundle(due.slice(0, room - 1), due.slice(room - 1), capPerHour);
}

function bundle(singles: readonly CapCandidate[], rest: readonly CapCandidate[], capPerHour: number): ContactCapDecision {
  const more = rest.length - 1;
  return {
    kind: 'bundle',
    ids: singles.map((m) => m.id),
    bundled: rest.map((m) => m.id),
    subject: `${rest[0]!.subject} — and ${more} more ${more === 1 ? 'page' : 'pages'} (limit of ${capPerHour} per hour reached)`,
  };
}
