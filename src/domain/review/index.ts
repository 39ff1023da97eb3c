// Post-incident reviews: who must hold one and by when (business days), the agenda of the product
// description with the incident's facts, the .ics invite, notes, decisions and completion; "seen before".
export { DEFAULT_REVIEW_POLICY, computeReviewDueAt } from './review-policy.js';
export type { ReviewPolicy } from './review-policy.js';
export { foldReview, EMPTY_REVIEW } from './review-record.js';
export type { ReviewRecord, ReviewEntry } from './review-record.js';
export {
  decideReviewSchedule, decideReviewNote, decideReviewDecision, decideReviewDone, parseAttendee,
  REVIEW_DEFAULT_MINUTES, REVIEW_MINUTES_MIN, REVIEW_MINUTES_MAX,
} from './decide-review.js';
export type { ReviewScheduleInput } from './decide-review.js';
export { computeReviewAgenda, formatReviewAgenda, REVIEW_AGENDA_SECTIONS } from './compute-review-agenda.js';
export type { ReviewAgenda, AgendaSection, AgendaActionItem } from './compute-review-agenda.js';
export { renderReviewInvite } from './render-review-invite.js';
export type { ReviewInviteOptions } from './render-review-invite.js';
export { decideSeenBefore } from './decide-seen-before.js';
export type { SeenBeforeCandidate } from './decide-seen-before.js';
