import { DateTime } from 'luxon';

/** "15:00 UTC" in the page's zone; with the date ("15:00 UTC, 16 Jan") when not on `now`'s day. */
export function formatClock(at: number, zone: string, now: number): string {
  const t = DateTime.fromMillis(at, { zone });
  const label = zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : t.toFormat('ZZZZ');
  const sameDay = t.hasSame(DateTime.fromMillis(now, { zone }), 'day');
  return `${t.toFormat('HH:mm')} ${label}${sameDay ? '' : `, ${t.toFormat('d LLL')}`}`;
}

/** "16 Jan 2024, 14:30 UTC". */
export function formatDateTime(at: number, zone: string): string {
  const t = DateTime.fromMillis(at, { zone });
  return `${t.toFormat('d LLL yyyy, HH:mm')} ${zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : t.toFormat('ZZZZ')}`;
}

/** "16 Jan 2024" for a UTC day start. */
export function formatDay(at: number): string {
  return DateTime.fromMillis(at, { zone: 'UTC' }).toFormat('d LLL yyyy');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
