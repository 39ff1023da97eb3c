import type { EpochMs } from '../time/index.js';
import { onCallSegments } from './on-call-segments.js';
import type { OnCallShift, Schedule } from './schedule.js';

/**
 * The shifts of [from, to), in order, clipped to the range. Consecutive shifts touch wherever
 * someone is on call; a shift changes when the person, the deciding layer or the override changes.
 */
export function onCallTimeline(schedule: Schedule, from: EpochMs, to: EpochMs): OnCallShift[] {
  const shifts: OnCallShift[] = [];
  for (const s of onCallSegments(schedule, from, to)) {
    if (!s.onCall) continue;
    shifts.push({
      scheduleId: schedule.id,
      personId: s.onCall.personId,
      startAt: s.startAt,
      endAt: s.endAt,
      layer: s.onCall.layer,
      ...(s.onCall.override ? { overrideId: s.onCall.override.id } : {}),
    });
  }
  return shifts;
}
