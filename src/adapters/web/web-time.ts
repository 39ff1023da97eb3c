import { DateTime } from 'luxon';

/**
 * Instants as a responder reads them: in the configured display time zone with its UTC offset
 * ("6 Dec 14:05 +01:00"), the UTC instant on hover. Luxon applies the zone's DST rules.
 */
export class WebTime {
  constructor(readonly zone: string) {}

  /** "6 Dec 14:05 +01:00" (or "14:05 +01:00" with `isTimeOnly`). */
  format(iso: string, isTimeOnly = false): string {
    const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone(this.zone);
    if (!at.isValid) return iso;
    return at.toFormat(isTimeOnly ? 'HH:mm ZZ' : 'd LLL HH:mm ZZ');
  }

  /** "2026-12-06 13:05:00 UTC", for the title of a <time>. */
  utc(iso: string): string {
    const at = DateTime.fromISO(iso, { zone: 'utc' });
    return at.isValid ? `${at.toFormat('yyyy-LL-dd HH:mm:ss')} UTC` : iso;
  }

  /** "Europe/London (UTC+01:00 now)" for a page's footnote. */
  describe(nowMs: number): string {
    return `${this.zone} (UTC${DateTime.fromMillis(nowMs, { zone: this.zone }).toFormat('ZZ')} now)`;
  }
}
