import { AppError } from '../errors/index.js';
import type { IncidentEventData, IncidentState, ReviewAttendee } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';
import type { ReviewRecord } from './review-record.js';

export const REVIEW_TEXT_MAX = 4000;
export const REVIEW_MINUTES_MIN = 15;
export const REVIEW_MINUTES_MAX = 480;
/** The agenda of the product description: 10 + 20 + 15 + 10 + 5 minutes. */
export const REVIEW_DEFAULT_MINUTES = 60;
const ATTENDEES_MAX = 100;

export interface ReviewScheduleInput {
  readonly startsAt: EpochMs;
  readonly durationMinutes?: number;
  readonly attendees: readonly ReviewAttendee[];
}

function invalid(path: string, message: string, hint?: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, { issues: [{ path, message }], ...(hint ? { hint } : {}) });
}

function requireText(path: string, text: string): string {
  const t = text.trim();
  if (t === '') throw invalid(path, 'must not be empty');
  if (t.length > REVIEW_TEXT_MAX) throw invalid(path, `is ${t.length} characters long; the limit is ${REVIEW_TEXT_MAX}`);
  return t;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** "Alice Smith <alice@example.com>", "Alice/alice@example.com", "alice@example.com" or just "Alice". */
export function parseAttendee(text: string): ReviewAttendee {
  const t = text.trim();
  if (t === '') throw invalid('attendee', 'must not be empty');
  if (t.length > 200) throw invalid('attendee', 'is longer than 200 characters');
  const angle = /^(.*?)\s*<([^>]*)>$/.exec(t);
  const slash = /^(.*?)\s*\/\s*(\S+@\S+)$/.exec(t);
  const [name, email] = angle ? [angle[1]!.trim(), angle[2]!.trim()] : slash ? [slash[1]!.trim(), slash[2]!.trim()] : EMAIL.test(t) ? ['', t] : [t, undefined];
  if (email !== undefined && !EMAIL.test(email)) throw invalid('attendee', `'${email}' in '${t}' is not an e-mail address`);
  const shown = name !== '' ? name : (email ?? t).split('@')[0]!;
  return email === undefined ? { name: shown } : { name: shown, email: email.toLowerCase() };
}

/** Scheduling again moves the meeting (the invite keeps its UID and gets the next SEQUENCE). */
export function decideReviewSchedule(state: IncidentState, review: ReviewRecord, input: ReviewScheduleInput, now: EpochMs): IncidentEventData[] {
  if (review.doneAt !== undefined) {
    throw new AppError('INVALID_TRANSITION', `Cannot schedule the review of ${state.id}: it is already done.`);
  }
  if (!Number.isFinite(input.startsAt) || input.startsAt <= now) {
    throw invalid('at', 'the review must start in the future', 'Give a time such as --at 2026-12-01T15:00Z.');
  }
  const minutes = input.durationMinutes ?? REVIEW_DEFAULT_MINUTES;
  if (!Number.isInteger(minutes) || minutes < REVIEW_MINUTES_MIN || minutes > REVIEW_MINUTES_MAX) {
    throw invalid('duration', `must be a whole number of minutes from ${REVIEW_MINUTES_MIN} to ${REVIEW_MINUTES_MAX}`);
  }
  if (input.attendees.length > ATTENDEES_MAX) throw invalid('attendee', `at most ${ATTENDEES_MAX} attendees`);
  const seen = new Set<string>();
  const attendees = input.attendees.filter((a) => {
    const key = (a.email ?? a.name).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const s = review.scheduled;
  const sequence = s === undefined ? 0 : s.sequence + 1;
  if (s !== undefined && s.startsAt === input.startsAt && s.durationMinutes === minutes && JSON.stringify(s.attendees) === JSON.stringify(attendees)) return [];
  return [{ kind: 'review-scheduled', startsAt: input.startsAt, durationMinutes: minutes, attendees, sequence }];
}

export function decideReviewNote(state: IncidentState, review: ReviewRecord, text: string): IncidentEventData[] {
  if (review.doneAt !== undefined) throw new AppError('INVALID_TRANSITION', `Cannot add a note to the review of ${state.id}: it is already done.`);
  return [{ kind: 'review-noted', text: requireText('note', text) }];
}

export function decideReviewDecision(state: IncidentState, review: ReviewRecord, text: string): IncidentEventData[] {
  if (review.doneAt !== undefined) throw new AppError('INVALID_TRANSITION', `Cannot record a decision in the review of ${state.id}: it is already done.`);
  return [{ kind: 'review-decided', text: requireText('decision', text) }];
}

/** A review is held after the fire is out: the incident must be resolved (or closed). Done twice changes nothing. */
export function decideReviewDone(state: IncidentState, review: ReviewRecord, summary: string | undefined): IncidentEventData[] {
  if (review.doneAt !== undefined) return [];
  if (state.status !== 'resolved' && state.status !== 'closed') {
    throw new AppError('INVALID_TRANSITION', `Cannot finish the review of ${state.id}: it is ${state.status}. Resolve it first with "incident-response resolve ${state.id} --summary …".`);
  }
  return [summary === undefined ? { kind: 'review-done' } : { kind: 'review-done', summary: requireText('summary', summary) }];
}
