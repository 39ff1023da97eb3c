import type { EpochMs } from '../time/index.js';
import { onCallSegments } from './on-call-segments.js';
import type { CoverageGap, Schedule } from './schedule.js';

/** The stretches of [from, to) with nobody on call, in order. */
export function findCoverageGaps(schedule: Schedule, from: EpochMs, to: EpochMs): CoverageGap[] {
  return onCallSegments(schedule, from, to)
    .filter((s) => s.onCall === undefined)
    .map((s) => ({ scheduleId: schedule.id, startAt: s.startAt, endAt: s.endAt }));
}
