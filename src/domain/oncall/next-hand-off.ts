import { epochMs, type EpochMs } from '../time/index.js';
import { onCallSegments } from './on-call-segments.js';
import type { Schedule } from './schedule.js';

export interface HandOff {
  readonly at: EpochMs;
  /** Who hands off; undefined when the hand-off ends a gap. */
  readonly fromPersonId: string | undefined;
  /** Who takes over; undefined when nobody does (a gap starts). */
  readonly toPersonId: string | undefined;
  readonly layer: string | undefined;
}

const DEFAULT_HORIZON_MS = 90 * 86_400_000;

/**
 * The first instant after `at` when the person on call changes, looking `horizonMs` ahead.
 * A change of layer or override that keeps the same person on call is not a hand-off.
 */
export function nextHandOff(schedule: Schedule, at: EpochMs, horizonMs: number = DEFAULT_HORIZON_MS): HandOff | undefined {
  const segments = onCallSegments(schedule, at, epochMs(at + horizonMs));
  const first = segments[0];
  if (!first) return undefined;
  const current = first.onCall?.personId;
  for (const s of segments) {
    if (s.onCall?.personId === current) continue;
    return { at: s.startAt, fromPersonId: current, toPersonId: s.onCall?.personId, layer: s.onCall?.layer };
  }
  return undefined;
}
