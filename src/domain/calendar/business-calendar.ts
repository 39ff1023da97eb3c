import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../errors/index.js';
import { epochMs, HOUR, type DurationMs, type EpochMs, type PolicyDuration } from '../time/index.js';

/**
 * When the organisation works: an IANA time zone, ISO weekdays (1 = Monday … 7 = Sunday), daily
 * opening and closing wall times, and holidays as local dates. SEV-3/SEV-4 clocks only run inside it.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly workingDays: readonly number[];
  readonly opensAt: string;
  readonly closesAt: string;
  readonly holidays: readonly string[];
}

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '17:00',
  holidays: [],
};

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseWallTime(text: string): { hour: number; minute: number } | undefined {
  const m = HH_MM.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** Problems with a calendar, each with the key it concerns; empty when the calendar is usable. */
export function checkBusinessCalendar(cal: BusinessCalendar): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!IANAZone.isValidZone(cal.timeZone)) {
    problems.push({ path: 'time_zone', message: `unknown time zone '${cal.timeZone}' (use an IANA name such as Europe/Berlin)` });
  }
  if (cal.workingDays.length === 0) problems.push({ path: 'working_days', message: 'at least one working day is needed' });
  cal.workingDays.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1 || d > 7) problems.push({ path: `working_days[${i}]`, message: `${d} is not a weekday (1 = Monday … 7 = Sunday)` });
  });
  const open = parseWallTime(cal.opensAt);
  const close = parseWallTime(cal.closesAt);
  if (!open) problems.push({ path: 'hours.start', message: `'${cal.opensAt}' is not a time of day HH:MM` });
  if (!close) problems.push({ path: 'hours.end', message: `'${cal.closesAt}' is not a time of day HH:MM` });
  if (open && close && open.hour * 60 + open.minute >= close.hour * 60 + close.minute) {
    problems.push({ path: 'hours.end', message: `closing time ${cal.closesAt} must be after opening time ${cal.opensAt}` });
  }
  cal.holidays.forEach((h, i) => {
    if (!DateTime.fromISO(h, { zone: 'UTC' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(h)) {
      problems.push({ path: `holidays[${i}]`, message: `'${h}' is not a date YYYY-MM-DD` });
    }
  });
  return problems;
}

function workdayLengthMs(cal: BusinessCalendar): number {
  const open = parseWallTime(cal.opensAt)!;
  const close = parseWallTime(cal.closesAt)!;
  return ((close.hour - open.hour) * 60 + (close.minute - open.minute)) * 60_000;
}

function atWallTime(day: DateTime, wall: { hour: number; minute: number }): number {
  // On a day where the wall time does not exist (spring-forward gap) luxon moves it forward,
  // which is the instant the clock shows that time or later: the right answer for opening hours.
  return day.set({ hour: wall.hour, minute: wall.minute, second: 0, millisecond: 0 }).toMillis();
}

/**
 * The instant that is `amount` of working time after `start`. Time outside working hours, on
 * non-working days and on holidays does not count; DST changes are handled by computing each day's
 * opening and closing instants in the calendar's zone. A start outside hours begins at the next opening.
 */
export function addBusinessTime(start: EpochMs, amount: DurationMs, cal: BusinessCalendar): EpochMs {
  const open = parseWallTime(cal.opensAt);
  const close = parseWallTime(cal.closesAt);
  if (!open || !close || cal.workingDays.length === 0) {
    throw new AppError('CONFIG_INVALID', 'the business calendar has no working hours; fix business_hours in the config');
  }
  const holidays = new Set(cal.holidays);
  let cursor = start as number;
  let remaining = amount as number;
  let day = DateTime.fromMillis(start, { zone: cal.timeZone }).startOf('day');
  // A working day every week at least, so ~8 years of days bounds any sane target.
  for (let i = 0; i < 3000; i++) {
    const isWorking = cal.workingDays.includes(day.weekday) && !holidays.has(day.toISODate() ?? '');
    if (isWorking) {
      const opensAt = atWallTime(day, open);
      const closesAt = atWallTime(day, close);
      const from = Math.max(cursor, opensAt);
      if (from < closesAt) {
        const available = closesAt - from;
        if (remaining <= available) return epochMs(from + remaining);
        remaining -= available;
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
    cursor = Math.max(cursor, day.toMillis());
  }
  throw new AppError('CONFIG_INVALID', 'the business calendar has too few working days to compute a deadline');
}

/** When a configured span that starts at `start` ends. */
export function resolvePolicyDuration(start: EpochMs, d: PolicyDuration, cal: BusinessCalendar): EpochMs {
  switch (d.kind) {
    case 'wall': return epochMs(start + d.ms);
    case 'business-hours': return addBusinessTime(start, (d.hours * HOUR) as DurationMs, cal);
    case 'business-days': return addBusinessTime(start, (d.days * workdayLengthMs(cal)) as DurationMs, cal);
  }
}

export function isWithinBusinessHours(at: EpochMs, cal: BusinessCalendar): boolean {
  const open = parseWallTime(cal.opensAt);
  const close = parseWallTime(cal.closesAt);
  if (!open || !close) return false;
  const local = DateTime.fromMillis(at, { zone: cal.timeZone });
  if (!cal.workingDays.includes(local.weekday) || cal.holidays.includes(local.toISODate() ?? '')) return false;
  const day = local.startOf('day');
  return at >= atWallTime(day, open) && at < atWallTime(day, close);
}
