import { DAY, epochMs, type EpochMs } from '../time/index.js';
import { onCallSegments } from './on-call-segments.js';
import { rotationHandOffAt } from './rotation-turns.js';
import type { Schedule } from './schedule.js';

/**
 * When the shift in progress at `at` began: the last instant at or before `at` where the answer to
 * "who is on call" (person, deciding layer, override) changed; undefined when nobody is on call at
 * `at`. A feed that starts its first shift here, instead of at the instant it is rendered, gives
 * that shift the same start (and UID) on every render. Looks back a day, then twice as far each
 * time, never before the schedule's first hand-off or override: nobody was on call before those.
 */
export function findShiftStart(schedule: Schedule, at: EpochMs): EpochMs | undefined {
  const beginnings = [
    ...schedule.layers.map((l) => rotationHandOffAt(l.rotation, 0)),
    ...schedule.overrides.map((o) => o.startAt),
  ].filter((t): t is EpochMs => t !== undefined);
  if (beginnings.length === 0) return undefined;
  const earliest = Math.min(...beginnings);
  if (earliest > at) return undefined;
  const end = epochMs(at + 1);
  for (let back: number = DAY; ; back *= 2) {
    const from = epochMs(Math.max(earliest, at - back));
    const current = onCallSegments(schedule, from, end).at(-1);
    if (current?.onCall === undefined) return undefined;
    if (current.startAt > from || from === earliest) return current.startAt;
  }
}
