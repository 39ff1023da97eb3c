import { foldIncident, type IncidentEvent, type IncidentState } from '../incident/index.js';
import { durationMs, type DurationMs, type EpochMs } from '../time/index.js';

/** The parts of an incident's state the monthly report shows and counts. */
export type ReportedIncident = Pick<
  IncidentState,
  'id' | 'title' | 'severity' | 'incidentType' | 'environment' | 'service' | 'status' | 'declaredAt' | 'impactStartedAt' | 'resolvedAt' | 'resolutionSummary' | 'reopenCount'
  | 'impact' | 'satisfaction' | 'resolutionReason'
>;

/** What the monthly report needs to know about one incident, computed from its whole history. */
export interface IncidentFacts {
  readonly state: ReportedIncident;
  /** Impact start → declared; only when the impact start is known (and not after declaration). */
  readonly detectMs: DurationMs | undefined;
  /** Declared → first acknowledgement ever (a reopen does not reset it). */
  readonly acknowledgeMs: DurationMs | undefined;
  /** Declared → resolved, for incidents resolved (or closed) now; after a reopen, the last resolution. */
  readonly resolveMs: DurationMs | undefined;
  readonly isResolved: boolean;
  /** First acknowledgement (or resolution, when never acknowledged) by the response target in force then. */
  readonly isResponseMet: boolean;
  /** Response target met AND resolved: the report's "resolved within SLA". */
  readonly isWithinSla: boolean;
  /** `action-recorded` events with status done, and action items marked done: [when, what]. */
  readonly completedActions: readonly { readonly at: EpochMs; readonly action: string }[];
}

/** Folds one incident's events (version order, all of them) into the facts the report counts. */
export function computeIncidentFacts(events: readonly IncidentEvent[]): IncidentFacts {
  const state = foldIncident(events);
  let responseDueAt: EpochMs | undefined;
  let firstAckAt: EpochMs | undefined;
  let firstResolvedAt: EpochMs | undefined;
  const completedActions: { at: EpochMs; action: string }[] = [];
  for (const e of events) {
    const d = e.data;
    if (d.kind === 'declared') responseDueAt = d.responseDueAt;
    // A severity change before the first response moves the target; after it, the response was already judged.
    if (d.kind === 'severity-changed' && firstAckAt === undefined && firstResolvedAt === undefined) responseDueAt = d.responseDueAt;
    if (d.kind === 'acknowledged' && firstAckAt === undefined) firstAckAt = e.at;
    if (d.kind === 'resolved' && firstResolvedAt === undefined) firstResolvedAt = e.at;
    if (d.kind === 'action-recorded' && d.status === 'done') completedActions.push({ at: e.at, action: d.action });
    // Action items done count as improvements too (docs/reviews.md).
    if (d.kind === 'action-item-updated' && d.status === 'done') completedActions.push({ at: e.at, action: d.itemTitle ?? `action item ${d.itemId}` });
  }
  const respondedAt = firstAckAt ?? firstResolvedAt;
  const isResolved = state.status === 'resolved' || state.status === 'closed';
  const isResponseMet = respondedAt !== undefined && responseDueAt !== undefined && respondedAt <= responseDueAt;
  const impact = state.impactStartedAt;
  return {
    state,
    detectMs: impact !== undefined && impact <= state.declaredAt ? durationMs(state.declaredAt - impact) : undefined,
    acknowledgeMs: firstAckAt === undefined ? undefined : durationMs(firstAckAt - state.declaredAt),
    // An incident declared by mistake stays counted, but its time to resolve is not a resolution time (MTTR).
    resolveMs: isResolved && state.resolvedAt !== undefined && state.resolutionReason !== 'declared-by-mistake' ? durationMs(state.resolvedAt - state.declaredAt) : undefined,
    isResolved,
    isResponseMet,
    isWithinSla: isResponseMet && isResolved,
    completedActions,
  };
}
