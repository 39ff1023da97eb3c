import { IANAZone } from 'luxon';
import { epochMs, type EpochMs } from '../time/index.js';
import { parseLocalDate, parseTimeOfDay, resolveWallTime, wallMs, wallOf } from './wall-time.js';

export type WallInstantParse =
  | { readonly ok: true; readonly at: EpochMs }
  | { readonly ok: false; readonly reason: string };

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?$/;

/**
 * An instant written by a person: ISO 8601 with an offset or Z ("2026-11-28T22:00Z",
 * "2026-11-28T22:00+01:00"), or a local date and time read in `timeZone` ("2026-11-28 22:00",
 * "2026-11-28" for midnight).
 *
 * DST: unlike rotation hand-offs (which must always happen and take the first instant after a
 * gap), a time a person typed that the clock skips (spring forward) or shows twice (fall back) is
 * refused with both readings named, so the override starts exactly when they meant.
 */
export function parseWallInstant(text: string, timeZone: string): WallInstantParse {
  const t = text.trim();
  if (!IANAZone.isValidZone(timeZone)) return { ok: false, reason: `unknown time zone '${timeZone}' (use an IANA name such as Europe/Berlin)` };
  if (WITH_OFFSET.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(ms)) return { ok: true, at: epochMs(ms) };
  }
  const m = LOCAL.exec(t);
  const date = m?.[1] === undefined ? undefined : parseLocalDate(m[1]);
  const minutes = m?.[2] === undefined ? 0 : parseTimeOfDay(m[2]);
  if (date === undefined || minutes === undefined) {
    return { ok: false, reason: `'${text}' is not a time: write 2026-11-28 22:00 (in ${timeZone}) or 2026-11-28T22:00Z` };
  }
  const wall = wallMs(date + minutes * 60_000);
  const at = resolveWallTime(wall, timeZone);
  const shown = t.replace('T', ' ');
  if (wallOf(at, timeZone) !== wall) {
    return { ok: false, reason: `${shown} does not exist in ${timeZone}: the clocks skip it for daylight saving time; give a time after the change or an explicit offset` };
  }
  // The same wall time an hour later (fall back) is the second reading of it.
  const zone = IANAZone.create(timeZone);
  const later = [30, 60, 120].map((min) => epochMs(at + min * 60_000)).find((x) => wallOf(x, timeZone) === wall);
  if (later !== undefined) {
    const offset = (ms: number) => {
      const o = zone.offset(ms);
      const sign = o < 0 ? '-' : '+';
      const abs = Math.abs(o);
      return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    };
    return { ok: false, reason: `${shown} happens twice in ${timeZone} (daylight saving time ends): add the offset, ${offset(at)} for the first or ${offset(later)} for the second` };
  }
  return { ok: true, at };
}
