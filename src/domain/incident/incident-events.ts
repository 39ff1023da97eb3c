import type { Environment, IncidentRole, IncidentType, PublicStatus, Severity } from '../classification/index.js';
import type { EpochMs } from '../time/index.js';
import type { WorkflowTemplate } from '../workflow/index.js';
import type { ComplianceFlaggedData, ComplianceNotifiedData } from '../compliance/index.js';
import { FOLLOW_UP_EVENT_KINDS, type FollowUpEventData } from './follow-up-events.js';

/** Where a recorded action stands; remediation walks awaiting-approval → approved → running → done/failed. */
export const ACTION_STATUSES = ['requested', 'awaiting-approval', 'approved', 'running', 'done', 'failed', 'dry-run', 'skipped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

// Shared with follow-up-events.ts, which cannot import this file (it is part of its union).
import type { RcaActionCategory } from './rca-action-category.js';
export { RCA_ACTION_CATEGORIES } from './rca-action-category.js';
export type { RcaActionCategory } from './rca-action-category.js';

/** One corrective action of an RCA: "[Immediate] Add pool monitoring @alice due 2026-12-05". */
export interface RcaCorrectiveAction {
  readonly category: RcaActionCategory;
  readonly text: string;
  readonly owner?: string;
  /** A calendar day, YYYY-MM-DD. */
  readonly dueOn?: string;
}

/** How bad an incident is for customers, in Statuspage's words (the status page's `impact`). */
export const PUBLIC_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type PublicImpact = (typeof PUBLIC_IMPACTS)[number];

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
  /** `reason` absent: fixed. `declared-by-mistake`: nothing was wrong; the record stays, reports leave it out of MTTR. */
  | { readonly kind: 'resolved'; readonly summary: string; readonly reason?: ResolutionReason }
  | { readonly kind: 'reopened'; readonly reason?: string; readonly responseDueAt: EpochMs; readonly nextUpdateDueAt: EpochMs }
  | { readonly kind: 'closed' }
  | { readonly kind: 'note-added'; readonly text: string }
  /** An alert attached to the incident: the one that opened it, or one grouped into it. */
  | {
      readonly kind: 'alert-linked'; readonly alertId: string; readonly source: string; readonly dedupKey: string; readonly summary: string; readonly reason: string;
      /** Where the alert is seen in the sending tool (Splunk's search results, the Kibana rule), http(s) only. */
      readonly link?: string;
    }
  /** Repeats of an alert already linked (coalesced: one event stands for `count` deliveries). */
  | { readonly kind: 'alert-deduplicated'; readonly alertId: string; readonly source: string; readonly count: number; readonly reason: string }
  | { readonly kind: 'alert-resolved'; readonly alertId: string; readonly source: string; readonly reason: string }
  /** An automated or requested action (create_incident, page_oncall_engineer(), remediation …) and where it stands. */
  | {
      readonly kind: 'action-recorded';
      readonly action: string;
      readonly status: ActionStatus;
      readonly detail?: string;
      readonly rule?: string;
      /** Shared by every event of one action run (awaiting-approval → approved → running → done), so approval can name it. */
      readonly runId?: string;
      /** A file the action produced (an evidence bundle), with its SHA-256 so it can be verified later. */
      readonly artifact?: { readonly path: string; readonly sha256: string; readonly bytes: number };
    }
  /** A change elsewhere (a deploy) shown on the timeline for context. */
  | { readonly kind: 'change-noted'; readonly summary: string; readonly source: string; readonly link?: string }
  /**
   * The root-cause analysis edited: each field present is the field's whole new value (last one
   * wins), so the RCA is the fold of these events and every earlier version stays in the log.
   * `hiddenSeqs` and `annotations` curate the RCA timeline; they never touch the events themselves.
   */
  | {
      readonly kind: 'rca-updated';
      readonly impact?: string;
      readonly rootCause?: string;
      readonly rootCauseDetails?: readonly string[];
      readonly factors?: readonly string[];
      readonly actions?: readonly RcaCorrectiveAction[];
      readonly hiddenSeqs?: readonly number[];
      readonly annotations?: readonly { readonly seq: number; readonly text: string }[];
    }
  /**
   * The business impact as assessed (entered, or read from a configured metric): each field present
   * replaces the last assessment's, so the newest figures win and every earlier one stays in the log.
   */
  | {
      readonly kind: 'impact-assessed';
      readonly customersAffected?: number;
      readonly customersTotal?: number;
      /** Revenue at risk per minute of impact, in `currency`. */
      readonly revenuePerMinute?: number;
      /** ISO 4217 code, e.g. USD. */
      readonly currency?: string;
      readonly note?: string;
      readonly source: 'entered' | 'metric';
    }
  /** A customer answered the satisfaction survey of a resolution message (1–5); a respondent's last answer counts. */
  | { readonly kind: 'satisfaction-rated'; readonly score: number; readonly respondent: string }
  /** A responder put the incident on the public status page (again: new title, components or impact). */
  | { readonly kind: 'published'; readonly title: string; readonly componentIds: readonly string[]; readonly impact: PublicImpact }
  /** Taken off the public status page. */
  | { readonly kind: 'unpublished' }
  /** Flagged as touching a regulated class of data (GDPR, HIPAA, PCI DSS, SOX): starts that regime's clocks. */
  | ComplianceFlaggedData
  /** A regulator, acquirer, auditor or the affected people were notified (one report of a phased series). */
  | ComplianceNotifiedData
  /** Post-incident review, action items, tickets and "seen before" (follow-up-events.ts). */
  | FollowUpEventData
  /** Paging began (or began again after a reopen or a severity change) with the policy frozen onto the incident. */
  | { readonly kind: 'escalation-started'; readonly policyId: string; readonly policyName: string; readonly mode: string; readonly generation: number }
  /** An escalation step fired: whom it reaches, how, and who could not be reached. */
  | {
      readonly kind: 'escalation-step';
      readonly step: number;
      readonly repeat: number;
      readonly generation: number;
      readonly recipients: readonly { readonly personName: string; readonly via: string; readonly reason: string; readonly sendAt: EpochMs }[];
      readonly unreachable: readonly string[];
    }
  /** Paging stopped: acknowledged, resolved, every step fired, or the severity pages nobody. */
  | { readonly kind: 'escalation-stopped'; readonly reason: string; readonly generation: number }
  /** Where one outbound message stands: delivered, failed for good, cancelled (stale), bundled, or its endpoint disabled. */
  | {
      readonly kind: 'message-delivery';
      readonly messageId: string;
      readonly channel: string;
      readonly purpose: string;
      readonly recipient: string;
      readonly status: MessageDeliveryStatus;
      readonly attempt: number;
      readonly detail: string;
    };

/** The outcomes a message reaches that are shown on the timeline. */
/** Why an incident was resolved: it was fixed, or it should never have been declared. */
export const RESOLUTION_REASONS = ['fixed', 'declared-by-mistake'] as const;
export type ResolutionReason = (typeof RESOLUTION_REASONS)[number];

export const MESSAGE_DELIVERY_STATUSES = ['delivered', 'failed', 'cancelled', 'bundled', 'endpoint-disabled'] as const;
export type MessageDeliveryStatus = (typeof MESSAGE_DELIVERY_STATUSES)[number];

export type IncidentEventKind = IncidentEventData['kind'];

export const INCIDENT_EVENT_KINDS = [
  'declared', 'acknowledged', 'mitigated', 'status-updated', 'role-assigned', 'step-completed', 'step-reopened',
  'severity-changed', 'type-changed', 'resolved', 'reopened', 'closed', 'note-added',
  'alert-linked', 'alert-deduplicated', 'alert-resolved', 'action-recorded', 'change-noted', 'rca-updated', 'published', 'unpublished',
  'escalation-started', 'escalation-step', 'escalation-stopped', 'message-delivery',
  ...FOLLOW_UP_EVENT_KINDS,
  'compliance-flagged', 'compliance-notified', 'impact-assessed', 'satisfaction-rated',
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
