import type { Environment, IncidentRole, IncidentType, PublicStatus, Severity } from '../classification/index.js';
import type { EpochMs } from '../time/index.js';
import type { WorkflowTemplate } from '../workflow/index.js';

/** What can happen to an incident. Each is stored once, append-only, and never changed. */
export type IncidentEventData =
  | {
      readonly kind: 'declared';
      readonly title: string;
      readonly severity: Severity;
      readonly incidentType: IncidentType;
      readonly environment: Environment;
      readonly service?: string;
      readonly summary?: string;
      readonly impactStartedAt?: EpochMs;
      readonly responseDueAt: EpochMs;
      readonly nextUpdateDueAt: EpochMs;
      /** The workflow as configured at declaration, frozen: later config edits do not change it. */
      readonly workflow: WorkflowTemplate;
    }
  | { readonly kind: 'acknowledged' }
  | { readonly kind: 'mitigated'; readonly note?: string }
  | { readonly kind: 'status-updated'; readonly publicStatus: PublicStatus; readonly message: string; readonly nextUpdateDueAt: EpochMs }
  | { readonly kind: 'role-assigned'; readonly role: IncidentRole; readonly person: string; readonly previous?: string }
  | { readonly kind: 'step-completed'; readonly stepKey: string; readonly phaseKey: string; readonly title: string }
  | { readonly kind: 'step-reopened'; readonly stepKey: string; readonly title: string }
  | {
      readonly kind: 'severity-changed';
      readonly from: Severity;
      readonly to: Severity;
      readonly reason?: string;
      readonly responseDueAt: EpochMs;
      readonly nextUpdateDueAt: EpochMs;
    }
  | { readonly kind: 'type-changed'; readonly from: IncidentType; readonly to: IncidentType; readonly reason?: string; readonly workflowStartedAt: EpochMs; readonly workflow: WorkflowTemplate }
  | { readonly kind: 'resolved'; readonly summary: string }
  | { readonly kind: 'reopened'; readonly reason?: string; readonly responseDueAt: EpochMs; readonly nextUpdateDueAt: EpochMs }
  | { readonly kind: 'closed' }
  | { readonly kind: 'note-added'; readonly text: string }
  /** An alert attached to the incident: the one that opened it, or one grouped into it. */
  | { readonly kind: 'alert-linked'; readonly alertId: string; readonly source: string; readonly dedupKey: string; readonly summary: string; readonly reason: string }
  /** Repeats of an alert already linked (coalesced: one event stands for `count` deliveries). */
  | { readonly kind: 'alert-deduplicated'; readonly alertId: string; readonly source: string; readonly count: number; readonly reason: string }
  | { readonly kind: 'alert-resolved'; readonly alertId: string; readonly source: string; readonly reason: string }
  /** An automated or requested action (create_incident, page_oncall_engineer(), remediation …) and where it stands. */
  | {
      readonly kind: 'action-recorded';
      readonly action: string;
      readonly status: 'requested' | 'awaiting-approval' | 'approved' | 'running' | 'done' | 'failed' | 'dry-run' | 'skipped';
      readonly detail?: string;
      readonly rule?: string;
    }
  /** A change elsewhere (a deploy) shown on the timeline for context. */
  | { readonly kind: 'change-noted'; readonly summary: string; readonly source: string; readonly link?: string };

export type IncidentEventKind = IncidentEventData['kind'];

export const INCIDENT_EVENT_KINDS = [
  'declared', 'acknowledged', 'mitigated', 'status-updated', 'role-assigned', 'step-completed', 'step-reopened',
  'severity-changed', 'type-changed', 'resolved', 'reopened', 'closed', 'note-added',
  'alert-linked', 'alert-deduplicated', 'alert-resolved', 'action-recorded', 'change-noted',
] as const satisfies readonly IncidentEventKind[];

/** An event as it happened: which incident, its position in that incident's history, when, and who. */
export interface IncidentEvent {
  readonly incidentId: string;
  /** 1 for the declaration, then +1 per event of the same incident. */
  readonly version: number;
  readonly at: EpochMs;
  readonly actor: string;
  readonly data: IncidentEventData;
}
