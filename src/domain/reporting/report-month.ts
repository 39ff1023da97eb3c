import { DateTime } from 'luxon';
import { AppError } from '../errors/index.js';
import { epochMs, type EpochMs } from '../time/index.js';

/** A calendar month in one time zone: [startAt, endAt). */
export interface ReportMonth {
  /** "2026-11". */
  readonly key: string;
  /** "November 2026". */
  readonly label: string;
  /** "November". */
  readonly name: string;
  readonly zone: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
}

/**
 * The month "YYYY-MM" in `zone` (an IANA name, "UTC" by default). Boundaries are local midnights,
 * so in a zone with DST a month is not a whole number of 24-hour days; that is intended: an
 * incident at 00:30 local time on the 1st belongs to the month that people there see.
 */
export function computeReportMonth(key: string, zone = 'UTC'): ReportMonth {
  const m = /^(\d{4})-(\d{2})$/.exec(key.trim());
  const year = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12 || year < 1970) {
    throw new AppError('VALIDATION', `month must look like 2026-11 (year-month), not '${key}'`, { issues: [{ path: 'month', message: 'expected YYYY-MM' }] });
  }
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (!start.isValid) throw new AppError('VALIDATION', `unknown time zone '${zone}'`, { issues: [{ path: 'zone', message: 'not an IANA zone' }] });
  const end = start.plus({ months: 1 });
  return {
    key: start.toFormat('yyyy-MM'),
    label: start.setLocale('en-US').toFormat('LLLL yyyy'),
    name: start.setLocale('en-US').toFormat('LLLL'),
    zone,
    startAt: epochMs(start.toMillis()),
    endAt: epochMs(end.toMillis()),
  };
}

export function previousReportMonth(month: ReportMonth): ReportMonth {
  const prev = DateTime.fromMillis(month.startAt, { zone: month.zone }).minus({ months: 1 });
  return computeReportMonth(prev.toFormat('yyyy-MM'), month.zone);
}

/** The month containing `at` in `zone`, for a default "this month". */
export function reportMonthOf(at: EpochMs, zone = 'UTC'): ReportMonth {
  return computeReportMonth(DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM'), zone);
}
