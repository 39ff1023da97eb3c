import { DateTime } from 'luxon';
import { zoneLabel } from '../../../domain/time/index.js';

/** Renders instants for people in one zone, shortening to "HH:MM ZONE" on the reference day. */
export class TimeFormatter {
  constructor(private readonly zone: string, private readonly now: number) {}

  private dt(iso: string): DateTime {
    return DateTime.fromISO(iso, { zone: 'utc' }).setZone(this.zone);
  }

  /** "UTC", "EST", "CET": the domain's one rule for naming a zone, shared with messages. */
  private zoneLabel(d: DateTime): string {
    return zoneLabel(d.toMillis(), this.zone);
  }

  /** "14:30–14:45 UTC" on one day, else both ends in full. */
  range(fromIso: string, toIso: string): string {
    const a = this.dt(fromIso);
    const b = this.dt(toIso);
    if (a.hasSame(b, 'day') && this.zoneLabel(a) === this.zoneLabel(b)) {
      const day = this.short(fromIso).replace(/\d{2}:\d{2} .*$/, '');
      return `${day}${a.toFormat('HH:mm')}–${b.toFormat('HH:mm')} ${this.zoneLabel(b)}`;
    }
    return `${this.short(fromIso)}–${this.short(toIso)}`;
  }

  /** "18:05 UTC" on the same day as now, else "2026-11-29 18:05 UTC". */
  short(iso: string): string {
    const d = this.dt(iso);
    const today = DateTime.fromMillis(this.now, { zone: this.zone });
    const day = d.hasSame(today, 'day') ? '' : `${d.toFormat('yyyy-MM-dd')} `;
    return `${day}${d.toFormat('HH:mm')} ${this.zoneLabel(d)}`;
  }

  /** "2026-11-28 17:50 UTC". */
  full(iso: string): string {
    const d = this.dt(iso);
    return `${d.toFormat('yyyy-MM-dd HH:mm')} ${this.zoneLabel(d)}`;
  }

  /** "2026-11-28 17:50:03". */
  seconds(iso: string): string {
    return this.dt(iso).toFormat('yyyy-MM-dd HH:mm:ss');
  }

  /** "in 15m", "5m ago", "now". */
  relative(iso: string): string {
    const diff = Date.parse(iso) - this.now;
    const text = span(Math.abs(diff));
    if (text === '0m') return 'now';
    return diff > 0 ? `in ${text}` : `${text} ago`;
  }
}

/** "1h 15m", "45m", "2d 3h". */
export function span(ms: number): string {
  const totalMin = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}
