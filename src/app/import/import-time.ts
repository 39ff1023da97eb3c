import { DateTime } from 'luxon';
import { DAY_NAMES, type ImportedRestriction } from './import-model.js';

// Time arithmetic shared by the importers. Wall times (a zone's local date and clock) are carried
// as milliseconds of a UTC calendar, the way src/domain/oncall reads rotations, so "k turns later"
// is k × the turn length of wall time and lands on the same local clock across DST changes.

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
export const TURN_UNITS_MS = { hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000 } as const;
export type TurnUnit = keyof typeof TURN_UNITS_MS;

export function isKnownZone(zone: string | undefined | null): zone is string {
  return typeof zone === 'string' && zone !== '' && DateTime.now().setZone(zone).isValid;
}

/** An ISO-8601 instant (with Z or an offset) as wall milliseconds in `zone`, or undefined. */
export function wallOfInstant(iso: string | undefined | null, zone: string): number | undefined {
  if (typeof iso !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/i.test(iso.trim())) return undefined;
  const at = DateTime.fromISO(iso.trim(), { setZone: true });
  if (!at.isValid) return undefined;
  const local = at.setZone(zone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

/** A local date-time without offset ("2026-10-19T09:00:00") as wall milliseconds, or undefined. */
export function wallOfLocal(text: string | undefined | null): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
}

/** The instant of a wall time in `zone` (luxon moves a time inside a spring-forward gap past it). */
export function instantOfWall(wall: number, zone: string): number {
  const w = new Date(wall);
  return DateTime.fromObject(
    { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds() },
    { zone },
  ).toMillis();
}

export function wallDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

export function wallClock(wall: number): string {
  return new Date(wall).toISOString().slice(11, 16);
}

/** True when the wall time has no seconds (our hand-offs and restriction edges are whole minutes). */
export function isWholeMinute(wall: number): boolean {
  return wall % MINUTE_MS === 0;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a wall time. */
export function wallWeekday(wall: number): number {
  const d = new Date(wall).getUTCDay();
  return d === 0 ? 7 : d;
}

/** An ISO-8601 instant with its offset, normalised ("2026-11-01T01:00:00-04:00"), or undefined. */
export function normaliseInstant(iso: string | undefined | null): string | undefined {
  if (typeof iso !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/i.test(iso.trim())) return undefined;
  const at = DateTime.fromISO(iso.trim(), { setZone: true });
  return at.isValid ? (at.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

export function instantMs(iso: string | undefined | null): number | undefined {
  const text = normaliseInstant(iso);
  return text === undefined ? undefined : DateTime.fromISO(text).toMillis();
}

/** A turn length in our words from a length in seconds; `isExact` is false when it had to be rounded to whole hours. */
export function turnFromSeconds(seconds: number): { turn: string; unit: TurnUnit; count: number; isExact: boolean } {
  const s = Math.max(3600, Math.round(seconds));
  if (s % 604_800 === 0) return turnOf('weeks', s / 604_800, seconds === s);
  if (s % 86_400 === 0) return turnOf('days', s / 86_400, seconds === s);
  const hours = Math.max(1, Math.round(s / 3600));
  return turnOf('hours', hours, hours * 3600 === seconds);
}

export function turnOf(unit: TurnUnit, count: number, isExact = true): { turn: string; unit: TurnUnit; count: number; isExact: boolean } {
  const turn = count === 1 && unit === 'days' ? 'daily' : count === 1 && unit === 'weeks' ? 'weekly' : `${count} ${unit}`;
  return { turn, unit, count, isExact };
}

export function hhmm(minutes: number): string {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "09:00:00" or "9:00" → minutes after midnight, or undefined. */
export function minutesOfDay(text: string | undefined | null): { minutes: number; isWholeMinute: boolean } | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return { minutes: Number(m[1]) * 60 + Number(m[2]), isWholeMinute: m[3] === undefined || Number(m[3]) === 0 };
}

/**
 * Restrictions covering windows that start at `startMinutes` on each of `days` (ISO weekdays) and
 * last `durationMinutes` of wall time. Our windows last at most a day, so a longer one is cut into
 * day-long pieces ("Mon 09:00 for 4 days" = Mon, Tue, Wed 09:00–09:00 and Thu 09:00–…). Returns
 * 'always' when the windows cover the whole week.
 */
export function restrictionsFor(days: readonly number[], startMinutes: number, durationMinutes: number): ImportedRestriction[] | 'always' {
  if (durationMinutes <= 0) return [];
  if (durationMinutes >= WEEK_MINUTES || (durationMinutes >= DAY_MINUTES && new Set(days).size === 7)) return 'always';
  const pieces = new Map<string, { start: string; end: string; days: Set<number> }>();
  for (const day of days) {
    let remaining = durationMinutes;
    let d = day;
    while (remaining > 0) {
      const length = Math.min(remaining, DAY_MINUTES);
      const start = hhmm(startMinutes);
      const end = hhmm(startMinutes + length);
      const key = `${start}-${end}`;
      const piece = pieces.get(key) ?? { start, end, days: new Set<number>() };
      piece.days.add(d);
      pieces.set(key, piece);
      remaining -= length;
      d = (d % 7) + 1;
    }
  }
  return [...pieces.values()].map((p) => ({ days: [...p.days].sort((a, b) => a - b).map((d) => DAY_NAMES[d - 1]!), start: p.start, end: p.end }));
}

/** Merges a layer's restriction lists; 'always' in any of them makes the layer unrestricted. */
export function mergeRestrictions(parts: readonly (ImportedRestriction[] | 'always')[]): ImportedRestriction[] | undefined {
  if (parts.length === 0 || parts.some((p) => p === 'always')) return undefined;
  return (parts as ImportedRestriction[][]).flat();
}

/**
 * Number of whole turns of wall time from `fromWall` to `toWall` (0 when `toWall` is not later);
 * used to start a layer at the turn in progress when it begins later than its rotation.
 */
export function turnsBetween(fromWall: number, toWall: number, unit: TurnUnit, count: number): number {
  if (toWall <= fromWall) return 0;
  return Math.floor((toWall - fromWall) / (TURN_UNITS_MS[unit] * count));
}

export function wallPlusTurns(wall: number, unit: TurnUnit, count: number, turns: number): number {
  return wall + turns * TURN_UNITS_MS[unit] * count;
}

export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** An instant as ISO-8601 text with the zone's offset ("2026-11-01T01:30:00-04:00"). */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}
