import { DateTime } from 'luxon';
import type { EpochMs } from './instant.js';

/**
 * The zone's short name at that instant: "UTC", "EST"/"EDT", "CET"/"CEST". Abbreviations depend on
 * the locale, so American English first, then British English, then the offset ("GMT+5:30").
 * Taken at the instant itself, so a time across a DST change carries the name it had then.
 */
export function zoneLabel(at: EpochMs | number, zone: string): string {
  if (zone === 'UTC' || zone === 'utc' || zone === 'Etc/UTC') return 'UTC';
  const d = DateTime.fromMillis(at, { zone });
  const us = d.setLocale('en-US').toFormat('ZZZZ');
  if (!us.startsWith('GMT')) return us;
  return d.setLocale('en-GB').toFormat('ZZZZ');
}

/** "2026-11-28 15:30 CET": an instant as a person in `zone` reads it, with the zone named. */
export function formatInZone(at: EpochMs | number, zone: string): string {
  return `${DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm')} ${zoneLabel(at, zone)}`;
}
