import { IANAZone } from 'luxon';
import { epochMs, type EpochMs } from '../time/index.js';

/**
 * A zone-less local date and time ("2026-10-25 02:30"), stored as milliseconds whose UTC fields
 * hold the wall clock. Adding days to it is calendar arithmetic with no DST in the way; only
 * `resolveWallTime` turns it into an instant.
 */
export type WallMs = number & { readonly __brand: 'WallMs' };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function wallMs(n: number): WallMs {
  return n as WallMs;
}

function offsetMs(zone: IANAZone, at: number): number {
  return zone.offset(at) * MINUTE_MS;
}

/** What a wall clock in `timeZone` shows at `at`. */
export function wallOf(at: EpochMs, timeZone: string): WallMs {
  return wallMs(at + offsetMs(IANAZone.create(timeZone), at));
}

/** Midnight of a local date "YYYY-MM-DD", or undefined when it is not a date. */
export function parseLocalDate(text: string): WallMs | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return wallMs(ms);
}

/** Minutes after midnight of "HH:MM", or undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Midnight of the local day a wall time falls on. */
export function startOfWallDay(wall: WallMs): WallMs {
  return wallMs(Math.floor(wall / DAY_MS) * DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a wall time. */
export function wallWeekday(wall: WallMs): number {
  const d = new Date(wall).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The instant a wall clock in `timeZone` shows `wall`.
 *
 * DST: when the wall time happens twice (autumn fall-back) this is the FIRST occurrence, so a
 * daily 02:30 hand-off on that day happens once and the shift that spans the repeated hour is an
 * hour longer in real time. When the wall time does not exist (spring-forward gap) this is the
 * first instant after the gap, i.e. the moment the clock jumps (02:30 → 03:00 local).
 */
export function resolveWallTime(wall: WallMs, timeZone: string): EpochMs {
  const zone = IANAZone.create(timeZone);
  // The offsets in force a day either side bracket any single transition near this wall time.
  const offsets = new Set([offsetMs(zone, wall - DAY_MS), offsetMs(zone, wall), offsetMs(zone, wall + DAY_MS)]);
  const candidates = [...offsets].map((o) => wall - o);
  const exact = candidates.filter((t) => t + offsetMs(zone, t) === wall);
  if (exact.length > 0) return epochMs(Math.min(...exact));
  // In a gap: every instant before the jump shows an earlier wall time, every instant after it a
  // later one, so the jump is the first instant whose wall time is past `wall`.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetMs(zone, mid) > wall) hi = mid;
    else lo = mid;
  }
  return epochMs(hi);
}
