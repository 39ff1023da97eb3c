import type { IncidentEvent, IncidentState } from '../incident/index.js';
import { durationMs, epochMs, type EpochMs } from '../time/index.js';
import type { IncidentFacts, ReportedIncident } from './incident-facts.js';

/**
 * The report's projection of one incident: what `computeIncidentFacts` would find in its whole
 * history, kept up to date event by event (the store writes it with the read model, in the same
 * transaction), so a monthly report reads one small row per incident instead of every event.
 */
export interface ReportFactsRow {
  readonly incident: ReportedIncident;
  /** The response target in force when the first response came (or now, if none yet). */
  readonly responseDueAt: EpochMs | undefined;
  readonly firstAckAt: EpochMs | undefined;
  readonly firstResolvedAt: EpochMs | undefined;
  readonly doneActions: readonly { readonly at: EpochMs; readonly action: string }[];
}

/** `prev` advanced by `events` (the next ones of the same incident), `state` being the fold after them. */
export function advanceReportFacts(prev: ReportFactsRow | undefined, events: readonly IncidentEvent[], state: IncidentState): ReportFactsRow {
  let responseDueAt = prev?.responseDueAt;
  let firstAckAt = prev?.firstAckAt;
  let firstResolvedAt = prev?.firstResolvedAt;
  let doneActions = prev?.doneActions ?? [];
  for (const e of events) {
    const d = e.data;
    if (d.kind === 'declared') responseDueAt = d.responseDueAt;
    if (d.kind === 'severity-changed' && firstAckAt === undefined && firstResolvedAt === undefined) responseDueAt = d.responseDueAt;
    if (d.kind === 'acknowledged' && firstAckAt === undefined) firstAckAt = e.at;
    if (d.kind === 'resolved' && firstResolvedAt === undefined) firstResolvedAt = e.at;
    if (d.kind === 'action-recorded' && d.status === 'done') doneActions = [...doneActions, { at: e.at, action: d.action }];
    if (d.kind === 'action-item-updated' && d.status === 'done') doneActions = [...doneActions, { at: e.at, action: d.itemTitle ?? `action item ${d.itemId}` }];
  }
  return { incident: reportedIncident(state), responseDueAt, firstAckAt, firstResolvedAt, doneActions };
}

export function reportedIncident(s: IncidentState): ReportedIncident {
  return {
    id: s.id, title: s.title, severity: s.severity, incidentType: s.incidentType, environment: s.environment, service: s.service, status: s.status,
    declaredAt: s.declaredAt, impactStartedAt: s.impactStartedAt, resolvedAt: s.resolvedAt, resolutionSummary: s.resolutionSummary, reopenCount: s.reopenCount,
    ...(s.resolutionReason === undefined ? {} : { resolutionReason: s.resolutionReason }),
    impact: s.impact, satisfaction: s.satisfaction,
  };
}

/** The facts the report counts, from the projection (equal to `computeIncidentFacts` over the events). */
export function factsFromReportRow(row: ReportFactsRow): IncidentFacts {
  const state = row.incident;
  const respondedAt = row.firstAckAt ?? row.firstResolvedAt;
  const isResolved = state.status === 'resolved' || state.status === 'closed';
  const isResponseMet = respondedAt !== undefined && row.responseDueAt !== undefined && respondedAt <= row.responseDueAt;
  const impact = state.impactStartedAt;
  return {
    state,
    detectMs: impact !== undefined && impact <= state.declaredAt ? durationMs(state.declaredAt - impact) : undefined,
    acknowledgeMs: row.firstAckAt === undefined ? undefined : durationMs(row.firstAckAt - state.declaredAt),
    resolveMs: isResolved && state.resolvedAt !== undefined && state.resolutionReason !== 'declared-by-mistake' ? durationMs(state.resolvedAt - state.declaredAt) : undefined,
    isResolved,
    isResponseMet,
    isWithinSla: isResponseMet && isResolved,
    completedActions: row.doneActions.map((a) => ({ at: epochMs(a.at), action: a.action })),
  };
}
