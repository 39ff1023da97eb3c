import type { Environment, IncidentRole, IncidentType, PublicStatus, Severity } from '../classification/index.js';
import { AppError, assertNever } from '../errors/index.js';
import type { EpochMs } from '../time/index.js';
import type { StepCompletion, WorkflowTemplate } from '../workflow/index.js';
import type { IncidentEvent, PublicImpact, ResolutionReason } from './incident-events.js';
import { applyComplianceFlagged, applyComplianceNotified, type ComplianceRecord } from '../compliance/index.js';

export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export function isActiveStatus(s: IncidentStatus): boolean {
  return s === 'triggered' || s === 'acknowledged' || s === 'mitigated';
}

export interface StatusUpdate {
  readonly at: EpochMs;
  readonly by: string;
  readonly publicStatus: PublicStatus;
  readonly message: string;
}

/** The incident as shown on the public status page, chosen by a responder. */
export interface Publication {
  readonly title: string;
  readonly componentIds: readonly string[];
  readonly impact: PublicImpact;
  /** When it was first published; re-publishing keeps it. */
  readonly publishedAt: EpochMs;
}

/** An incident now: the fold of its events. */
export interface IncidentState {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly severity: Severity;
  readonly incidentType: IncidentType;
  readonly environment: Environment;
  readonly service: string | undefined;
  readonly summary: string | undefined;
  readonly status: IncidentStatus;
  readonly publicStatus: PublicStatus;
  readonly declaredAt: EpochMs;
  readonly declaredBy: string;
  readonly impactStartedAt: EpochMs | undefined;
  readonly acknowledgedAt: EpochMs | undefined;
  readonly acknowledgedBy: string | undefined;
  readonly mitigatedAt: EpochMs | undefined;
  readonly resolvedAt: EpochMs | undefined;
  readonly resolvedBy: string | undefined;
  readonly resolutionSummary: string | undefined;
  /** `declared-by-mistake` when it was resolved as declared by mistake (until reopened); undefined otherwise. */
  readonly resolutionReason?: ResolutionReason | undefined;
  readonly closedAt: EpochMs | undefined;
  /** When the response clock started: declaration, or the last reopen. */
  readonly responseClockStartedAt: EpochMs;
  readonly responseDueAt: EpochMs;
  /** Undefined once resolved: no more updates are owed. */
  readonly nextUpdateDueAt: EpochMs | undefined;
  readonly workflowStartedAt: EpochMs;
  readonly workflow: WorkflowTemplate;
  readonly roles: Readonly<Partial<Record<IncidentRole, string>>>;
  readonly completedSteps: Readonly<Record<string, StepCompletion>>;
  readonly lastUpdate: StatusUpdate | undefined;
  readonly updateCount: number;
  readonly reopenCount: number;
  readonly updatedAt: EpochMs;
  /** On the public status page; undefined when not (and in read models stored before publishing existed). */
  readonly publication: Publication | undefined;
  /** When the post-incident review meets (the last schedule); undefined when none is scheduled (and in read models stored before reviews existed). */
  readonly reviewScheduledAt?: EpochMs | undefined;
  /** When the post-incident review was recorded as done; a SEV-1/2 incident closes only after it. */
  readonly reviewDoneAt?: EpochMs | undefined;
  /** Past incidents of the same alert with an RCA ("seen before"), oldest link first. */
  readonly seenBefore?: readonly string[] | undefined;
  /** Compliance flags and notifications; undefined until flagged (and in read models stored before compliance existed). */
  readonly compliance?: ComplianceRecord | undefined;
  /** The business impact as last assessed; undefined until assessed. */
  readonly impact?: ImpactAssessment | undefined;
  /** Survey answers by respondent (1–5); undefined until the first. */
  readonly satisfaction?: Readonly<Record<string, number>> | undefined;
}

/** The latest figure of each kind assessed, and when and by whom the last assessment was made. */
export interface ImpactAssessment {
  readonly customersAffected?: number;
  readonly customersTotal?: number;
  readonly revenuePerMinute?: number;
  readonly currency?: string;
  readonly note?: string;
  readonly assessedAt: EpochMs;
  readonly assessedBy: string;
  readonly source: 'entered' | 'metric';
}

/** Applies one event. The first event of an incident must be `declared`, and only the first. */
export function applyIncidentEvent(state: IncidentState | undefined, event: IncidentEvent): IncidentState {
  const d = event.data;
  if (state === undefined) {
    if (d.kind !== 'declared') throw new AppError('INTERNAL', `${event.incidentId}: history starts with '${d.kind}', not 'declared'`);
    return {
      id: event.incidentId,
      version: event.version,
      title: d.title,
      severity: d.severity,
      incidentType: d.incidentType,
      environment: d.environment,
      service: d.service,
      summary: d.summary,
      status: 'triggered',
      publicStatus: 'investigating',
      declaredAt: event.at,
      declaredBy: event.actor,
      impactStartedAt: d.impactStartedAt,
      acknowledgedAt: undefined,
      acknowledgedBy: undefined,
      mitigatedAt: undefined,
      resolvedAt: undefined,
      resolvedBy: undefined,
      resolutionSummary: undefined,
      closedAt: undefined,
      responseClockStartedAt: event.at,
      responseDueAt: d.responseDueAt,
      nextUpdateDueAt: d.nextUpdateDueAt,
      workflowStartedAt: event.at,
      workflow: d.workflow,
      roles: {},
      completedSteps: {},
      lastUpdate: undefined,
      updateCount: 0,
      reopenCount: 0,
      updatedAt: event.at,
      publication: undefined,
      reviewScheduledAt: undefined,
      reviewDoneAt: undefined,
      seenBefore: undefined,
      compliance: undefined,
      impact: undefined,
      satisfaction: undefined,
      resolutionReason: undefined,
    };
  }
  if (event.version !== state.version + 1) {
    throw new AppError('INTERNAL', `${state.id}: event version ${event.version} does not follow ${state.version}`);
  }
  const base = { ...state, version: event.version, updatedAt: event.at };
  switch (d.kind) {
    case 'declared':
      throw new AppError('INTERNAL', `${state.id}: declared twice`);
    case 'acknowledged':
      return { ...base, status: 'acknowledged', acknowledgedAt: event.at, acknowledgedBy: event.actor };
    case 'mitigated':
      return { ...base, status: 'mitigated', mitigatedAt: event.at };
    case 'status-updated':
      return {
        ...base,
        publicStatus: d.publicStatus,
        nextUpdateDueAt: d.nextUpdateDueAt,
        lastUpdate: { at: event.at, by: event.actor, publicStatus: d.publicStatus, message: d.message },
        updateCount: state.updateCount + 1,
      };
    case 'role-assigned':
      return { ...base, roles: { ...state.roles, [d.role]: d.person } };
    case 'step-completed':
      return { ...base, completedSteps: { ...state.completedSteps, [d.stepKey]: { at: event.at, by: event.actor } } };
    case 'step-reopened': {
      const { [d.stepKey]: _removed, ...rest } = state.completedSteps;
      return { ...base, completedSteps: rest };
    }
    case 'severity-changed':
      return { ...base, severity: d.to, responseDueAt: d.responseDueAt, nextUpdateDueAt: state.resolvedAt === undefined ? d.nextUpdateDueAt : undefined };
    case 'type-changed':
      return { ...base, incidentType: d.to, workflowStartedAt: d.workflowStartedAt, workflow: d.workflow };
    case 'resolved':
      return { ...base, status: 'resolved', publicStatus: 'resolved', resolvedAt: event.at, resolvedBy: event.actor, resolutionSummary: d.summary, resolutionReason: d.reason, nextUpdateDueAt: undefined };
    case 'reopened':
      return {
        ...base,
        status: 'triggered',
        publicStatus: 'investigating',
        acknowledgedAt: undefined,
        acknowledgedBy: undefined,
        mitigatedAt: undefined,
        resolvedAt: undefined,
        resolvedBy: undefined,
        resolutionSummary: undefined,
        resolutionReason: undefined,
        closedAt: undefined,
        responseClockStartedAt: event.at,
        responseDueAt: d.responseDueAt,
        nextUpdateDueAt: d.nextUpdateDueAt,
        reopenCount: state.reopenCount + 1,
      };
    case 'closed':
      return { ...base, status: 'closed', closedAt: event.at };
    case 'published':
      return { ...base, publication: { title: d.title, componentIds: d.componentIds, impact: d.impact, publishedAt: state.publication?.publishedAt ?? event.at } };
    case 'unpublished':
      return { ...base, publication: undefined };
    case 'compliance-flagged':
      return { ...base, compliance: applyComplianceFlagged(state.compliance, d, event.at, event.actor) };
    case 'compliance-notified':
      return { ...base, compliance: applyComplianceNotified(state.compliance, d, event.at, event.actor) };
    case 'impact-assessed': {
      const { kind: _kind, ...figures } = d;
      return { ...base, impact: { ...state.impact, ...figures, assessedAt: event.at, assessedBy: event.actor } };
    }
    case 'satisfaction-rated':
      return { ...base, satisfaction: { ...state.satisfaction, [d.respondent]: d.score } };
    case 'review-scheduled':
      return { ...base, reviewScheduledAt: d.startsAt };
    case 'review-done':
      return { ...base, reviewDoneAt: event.at };
    case 'seen-before':
      return { ...base, seenBefore: [...(state.seenBefore ?? []), d.pastIncidentId] };
    case 'review-noted':
    case 'review-decided':
    case 'action-item-added':
    case 'action-item-updated':
    case 'ticket-linked':
    case 'ticket-synced':
      return base;
    case 'note-added':
    case 'alert-linked':
    case 'alert-deduplicated':
    case 'alert-resolved':
    case 'action-recorded':
    case 'change-noted':
    case 'rca-updated':
    case 'escalation-started':
    case 'escalation-step':
    case 'escalation-stopped':
    case 'message-delivery':
      // Recorded for the timeline; the incident's own state does not change.
      return base;
    default:
      return assertNever(d);
  }
}

export function foldIncident(events: readonly IncidentEvent[]): IncidentState {
  let state: IncidentState | undefined;
  for (const e of events) state = applyIncidentEvent(state, e);
  if (state === undefined) throw new AppError('INTERNAL', 'an incident needs at least one event');
  return state;
}
