import { escapeICalText, foldICalLine } from '../oncall/index.js';
import { SEVERITY_LABEL } from '../classification/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import { formatReviewAgenda, type ReviewAgenda } from './compute-review-agenda.js';

// RFC 5545 as the on-call feed writes it (CRLF, lines folded at 75 octets, TEXT escaped). The UID
// is the incident's, so a rescheduled review updates the same calendar entry; SEQUENCE counts the
// reschedules. Times are UTC ("Z"), so no VTIMEZONE is needed.

const CRLF = '\r\n';

function icalUtc(at: EpochMs): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** A parameter value (CN): quoted, with the characters a quoted-string cannot hold removed. */
function paramValue(text: string): string {
  return `"${text.replace(/["\r\n]/g, '')}"`;
}

export interface ReviewInviteOptions {
  /** DTSTAMP; pass the time the invite is written so the text is deterministic. */
  readonly generatedAt: EpochMs;
  readonly zone: string;
  /** The right-hand side of the UID; the product's host name in production. */
  readonly uidDomain?: string;
}

/** One VEVENT for the scheduled review; throws when the review is not scheduled. */
export function renderReviewInvite(agenda: ReviewAgenda, options: ReviewInviteOptions): string {
  const s = agenda.review.scheduled;
  if (s === undefined) throw new Error('renderReviewInvite: the review is not scheduled');
  const domain = options.uidDomain ?? 'incident-response';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//incident-response//post-incident review//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeICalText(`pir-${agenda.incidentId}@${domain}`)}`,
    `SEQUENCE:${s.sequence}`,
    `DTSTAMP:${icalUtc(options.generatedAt)}`,
    `DTSTART:${icalUtc(s.startsAt)}`,
    `DTEND:${icalUtc(epochMs(s.startsAt + s.durationMinutes * MINUTE))}`,
    `SUMMARY:${escapeICalText(`Post-incident review: ${agenda.incidentId} (${SEVERITY_LABEL[agenda.severity].label}) ${agenda.title}`)}`,
    `DESCRIPTION:${escapeICalText(formatReviewAgenda(agenda, options.zone))}`,
    ...s.attendees.filter((a) => a.email !== undefined).map((a) => `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT:mailto:${a.email}`),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldICalLine).join(CRLF) + CRLF;
}
