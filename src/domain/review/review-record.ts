import type { IncidentEvent, ReviewAttendee } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';

export interface ReviewEntry {
  readonly at: EpochMs;
  readonly by: string;
  readonly text: string;
}

/** The post-incident review of one incident: the fold of its `review-*` events. */
export interface ReviewRecord {
  readonly scheduled: {
    readonly startsAt: EpochMs;
    readonly durationMinutes: number;
    readonly attendees: readonly ReviewAttendee[];
    /** 0 for the first schedule, +1 per reschedule: the invite's SEQUENCE. */
    readonly sequence: number;
    readonly by: string;
  } | undefined;
  readonly notes: readonly ReviewEntry[];
  readonly decisions: readonly ReviewEntry[];
  readonly doneAt: EpochMs | undefined;
  readonly doneBy: string | undefined;
  readonly summary: string | undefined;
}

export const EMPTY_REVIEW: ReviewRecord = { scheduled: undefined, notes: [], decisions: [], doneAt: undefined, doneBy: undefined, summary: undefined };

export function foldReview(events: readonly IncidentEvent[]): ReviewRecord {
  let r = EMPTY_REVIEW;
  for (const e of events) {
    const d = e.data;
    switch (d.kind) {
      case 'review-scheduled':
        r = { ...r, scheduled: { startsAt: d.startsAt, durationMinutes: d.durationMinutes, attendees: d.attendees, sequence: d.sequence, by: e.actor } };
        break;
      case 'review-noted':
        r = { ...r, notes: [...r.notes, { at: e.at, by: e.actor, text: d.text }] };
        break;
      case 'review-decided':
        r = { ...r, decisions: [...r.decisions, { at: e.at, by: e.actor, text: d.text }] };
        break;
      case 'review-done':
        r = { ...r, doneAt: e.at, doneBy: e.actor, summary: d.summary };
        break;
      default:
        break;
    }
  }
  return r;
}
