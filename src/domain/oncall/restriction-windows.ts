import type { EpochMs } from '../time/index.js';
import type { Restriction } from './schedule.js';
import { parseTimeOfDay, resolveWallTime, startOfWallDay, wallMs, wallOf, wallWeekday } from './wall-time.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface TimeWindow {
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
}

/**
 * The instants covered by restrictions in `timeZone` that overlap [from, to), sorted and merged.
 * Each window's start and end are wall times resolved like hand-offs (see resolveWallTime).
 */
export function restrictionWindows(restrictions: readonly Restriction[], timeZone: string, from: EpochMs, to: EpochMs): TimeWindow[] {
  const windows: TimeWindow[] = [];
  // A window crossing midnight that started the day before still covers `from`.
  const firstDay = startOfWallDay(wallOf(from, timeZone)) - DAY_MS;
  const lastDay = startOfWallDay(wallOf(to, timeZone));
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const weekday = wallWeekday(wallMs(day));
    for (const r of restrictions) {
      if (!r.days.includes(weekday as Restriction['days'][number])) continue;
      const start = parseTimeOfDay(r.startTime);
      const end = parseTimeOfDay(r.endTime);
      if (start === undefined || end === undefined) continue;
      const startAt = resolveWallTime(wallMs(day + start * MINUTE_MS), timeZone);
      const endAt = resolveWallTime(wallMs(day + (end <= start ? DAY_MS : 0) + end * MINUTE_MS), timeZone);
      if (endAt > from && startAt < to && endAt > startAt) windows.push({ startAt, endAt });
    }
  }
  windows.sort((a, b) => a.startAt - b.startAt);
  const merged: TimeWindow[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w.startAt <= last.endAt) merged[merged.length - 1] = { startAt: last.startAt, endAt: w.endAt > last.endAt ? w.endAt : last.endAt };
    else merged.push(w);
  }
  return merged;
}

export function isWithinRestrictions(restrictions: readonly Restriction[], timeZone: string, at: EpochMs): boolean {
  if (restrictions.length === 0) return true;
  return restrictionWindows(restrictions, timeZone, at, (at + 1) as EpochMs).some((w) => w.startAt <= at && at < w.endAt);
}
