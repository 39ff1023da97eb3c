import { resolvePolicyDuration, type BusinessCalendar } from '../calendar/index.js';
import type { Severity } from '../classification/index.js';
import type { EpochMs } from '../time/index.js';

/** Which incidents need a post-incident review, and how soon after resolution (`reviews:` in the configuration). */
export interface ReviewPolicy {
  readonly requiredFor: readonly Severity[];
  readonly withinBusinessDays: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { requiredFor: ['critical', 'high'], withinBusinessDays: 5 };

/**
 * When the review of an incident resolved at `resolvedAt` is due: that many business days of the
 * calendar later (working hours, days and holidays in the calendar's zone). Undefined when the
 * incident's severity does not require a review or it is not resolved.
 */
export function computeReviewDueAt(severity: Severity, resolvedAt: EpochMs | undefined, policy: ReviewPolicy, calendar: BusinessCalendar): EpochMs | undefined {
  if (resolvedAt === undefined || !policy.requiredFor.includes(severity)) return undefined;
  return resolvePolicyDuration(resolvedAt, { kind: 'business-days', days: policy.withinBusinessDays }, calendar);
}
