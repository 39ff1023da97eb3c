import type { EpochMs } from '../time/index.js';
import { restrictionWindows } from './restriction-windows.js';
import { findRotationTurn, rotationHandOffAt } from './rotation-turns.js';
import type { OnCallAssignment, Schedule } from './schedule.js';
import { whoIsOnCall } from './who-is-on-call.js';

/** A stretch of [from, to) during which the answer to "who is on call" does not change. */
export interface OnCallSegment {
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
  readonly onCall: OnCallAssignment | undefined;
}

/**
 * Cuts [from, to) at every instant the answer could change (hand-offs, restriction edges,
 * override edges), asks `whoIsOnCall` once per piece and merges neighbours with the same answer.
 * Reusing `whoIsOnCall` keeps the timeline and the point query from ever disagreeing.
 */
export function onCallSegments(schedule: Schedule, from: EpochMs, to: EpochMs): OnCallSegment[] {
  if (to <= from) return [];
  const cuts = new Set<number>([from, to]);
  const add = (t: number) => {
    if (t > from && t < to) cuts.add(t);
  };
  for (const layer of schedule.layers) {
    const turn = findRotationTurn(layer.rotation, from);
    let k = turn ? turn.index + 1 : 0;
    for (let guard = 0; guard < 1_000_000; guard++, k++) {
      const at = rotationHandOffAt(layer.rotation, k);
      if (at === undefined || at >= to) break;
      add(at);
    }
    for (const w of restrictionWindows(layer.restrictions, layer.rotation.timeZone, from, to)) {
      add(w.startAt);
      add(w.endAt);
    }
  }
  for (const o of schedule.overrides) {
    add(o.startAt);
    add(o.endAt);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segments: OnCallSegment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const startAt = sorted[i] as EpochMs;
    const endAt = sorted[i + 1] as EpochMs;
    const onCall = whoIsOnCall(schedule, startAt);
    const last = segments[segments.length - 1];
    if (last && sameAnswer(last.onCall, onCall)) segments[segments.length - 1] = { ...last, endAt };
    else segments.push({ startAt, endAt, onCall });
  }
  return segments;
}

function sameAnswer(a: OnCallAssignment | undefined, b: OnCallAssignment | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.personId === b.personId && a.layer === b.layer && a.override?.id === b.override?.id;
}
