import { AppError } from '../../domain/errors/index.js';
import { incidentDayKey, isIncidentId, parseIncidentId } from '../../domain/incident/index.js';
import type { EpochMs } from '../../domain/time/index.js';

const SHORT_FORMS = '007 (today, UTC), 1206-007 (that day this year), or SEC-007 / SEC-1206-007 for a security incident';
// [INC-|SEC-] [[YYYY-]MMDD-] N
const SHORT_ID = /^(?:(INC|SEC)-)?(?:(?:(\d{4})-)?(\d{2})(\d{2})-)?(\d{1,6})$/;

/**
 * An incident id as people type it, made canonical. Besides the full `INC-2026-1206-007` (any case):
 *
 * | typed            | means                                                                |
 * |------------------|----------------------------------------------------------------------|
 * | `007` or `7`     | `INC-<today>-007`: incident 7 of today's UTC day                     |
 * | `1206-007`       | `INC-<year>-1206-007`: this year's 6 December, or last year's when that day is still ahead |
 * | `2025-1206-007`  | `INC-2025-1206-007`                                                  |
 * | `SEC-007`, `SEC-1206-007` | the same under `SEC-`; a bare number always means `INC-`     |
 *
 * A pure expansion against the clock's UTC day, never a lookup: the remote CLI expands exactly as
 * the local one and sends the server a full id, and a short form cannot match two incidents.
 */
export function expandIncidentId(text: string, now: EpochMs): string {
  const t = text.trim().toUpperCase();
  if (isIncidentId(t)) return t;
  const m = SHORT_ID.exec(t);
  if (m === null) {
    throw new AppError('VALIDATION', `'${text}' is not an incident id; expected INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN, e.g. INC-2026-1128-001, or a short form: ${SHORT_FORMS}.`, {
      issues: [{ path: 'id', message: 'expected INC-YYYY-MMDD-NNN, SEC-YYYY-MMDD-NNN or a short form such as 007' }],
    });
  }
  const [, prefix = 'INC', year, month, day, number] = m;
  const today = incidentDayKey(now); // "2026-1128"
  let dayKey = today;
  if (month !== undefined && day !== undefined) {
    const y = year !== undefined ? Number(year) : `${month}${day}` > today.slice(5) ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
    const date = new Date(Date.UTC(y, Number(month) - 1, Number(day)));
    const isMonth = Number(month) >= 1 && Number(month) <= 12;
    if (!isMonth || date.getUTCMonth() !== Number(month) - 1) {
      throw new AppError('VALIDATION', `'${text}' is not an incident id: ${month}${day} is not a day${isMonth ? ` of ${y}` : ''} (MMDD). Give the full id, e.g. INC-2026-1128-001, or a short form: ${SHORT_FORMS}.`, {
        issues: [{ path: 'id', message: `${month}${day} is not a day (MMDD)` }],
      });
    }
    dayKey = `${y}-${month}${day}`;
  }
  return parseIncidentId(`${prefix}-${dayKey}-${number!.padStart(3, '0')}`);
}

/** An action item reference with a short incident id (`007-A1`, `SEC-1206-007-A2`) made canonical. */
export function expandActionItemRef(text: string, now: EpochMs): string {
  const m = /^(.*)-(A\d{1,6})$/i.exec(text.trim());
  if (m === null) {
    throw new AppError('VALIDATION', `'${text}' is not an action item; expected INC-YYYY-MMDD-NNN-A<n>, e.g. INC-2026-1128-001-A1, or a short form such as 007-A1 (see "incident-response actions").`, {
      issues: [{ path: 'action', message: 'expected INC-YYYY-MMDD-NNN-A<n>' }],
    });
  }
  return `${expandIncidentId(m[1]!, now)}-${m[2]!.toUpperCase()}`;
}
