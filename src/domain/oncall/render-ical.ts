import type { EpochMs } from '../time/index.js';
import type { OnCallShift } from './schedule.js';

// RFC 5545 text: CRLF line endings, content lines folded at 75 octets (UTF-8 bytes, never inside a
// character) with a CRLF followed by one space; TEXT values escape backslash, semicolon, comma, newline.

export interface OnCallCalendarInput {
  readonly calendarName: string;
  readonly shifts: readonly OnCallShift[];
  /** Display names by person id; the id is shown when a name is missing. */
  readonly personNames: Readonly<Record<string, string>>;
  /** DTSTAMP of every event; pass the time the feed is generated so the text stays deterministic. */
  readonly generatedAt: EpochMs;
  /** Only this person's shifts (a personal feed); all shifts when absent. */
  readonly personId?: string;
  /** The right-hand side of every UID; the product's host name in production. */
  readonly uidDomain?: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** 20261101T063000Z */
export function icalUtc(at: EpochMs): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function escapeICalText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Folds one content line so no physical line exceeds 75 octets (the leading space counts). */
export function foldICalLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = utf8Octets(ch.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/**
 * A VCALENDAR with one VEVENT per shift. UIDs are built from the schedule, layer, person and start,
 * so regenerating the feed updates events in calendar apps instead of duplicating them.
 */
export function renderOnCallCalendar(input: OnCallCalendarInput): string {
  const domain = input.uidDomain ?? 'incident-response';
  const shifts = input.personId === undefined ? input.shifts : input.shifts.filter((s) => s.personId === input.personId);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//incident-response//on-call//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeICalText(input.calendarName)}`,
  ];
  for (const s of shifts) {
    const name = input.personNames[s.personId] ?? s.personId;
    const via = s.overrideId === undefined ? `layer ${s.layer}` : `override ${s.overrideId}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeICalText(`${s.scheduleId}-${s.layer}-${s.personId}-${icalUtc(s.startAt)}@${domain}`)}`,
      `DTSTAMP:${icalUtc(input.generatedAt)}`,
      `DTSTART:${icalUtc(s.startAt)}`,
      `DTEND:${icalUtc(s.endAt)}`,
      `SUMMARY:${escapeICalText(`On call: ${name} (${s.scheduleId})`)}`,
      `DESCRIPTION:${escapeICalText(`${name} is on call for schedule ${s.scheduleId}, ${via}.`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldICalLine).join(CRLF) + CRLF;
}
