import type { Severity } from '../../domain/classification/index.js';
import type { TicketSystem } from '../../domain/incident/index.js';
import type { PublicIncident } from '../../domain/status-page/index.js';

/**
 * How one call to an outside system ended. `unchanged`: it already showed this (a repeat is normal
 * and is not written on the timeline); `retry`: worth trying again later (5xx, rate limits, network).
 */
export type SyncOutcome =
  | { readonly kind: 'done'; readonly detail: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'retry' | 'failed'; readonly reason: string };

/** A hosted status page (statuspage.io) mirroring our public incidents. `publish` must be idempotent. */
export interface PublicIncidentSink {
  readonly name: string;
  publish(incident: PublicIncident): Promise<SyncOutcome>;
}

export const ANNOTATION_MOMENTS = ['declared', 'mitigated', 'resolved'] as const;
export type AnnotationMoment = (typeof ANNOTATION_MOMENTS)[number];

export interface IncidentMoment {
  readonly incidentId: string;
  readonly moment: AnnotationMoment;
  readonly at: number;
  /** What the annotation says; a confidential incident's carries no title. */
  readonly text: string;
  readonly service: string | undefined;
  readonly severity: Severity;
}

/** Dashboards marked at an incident's moments (Grafana annotations). `annotate` must be idempotent. */
export interface AnnotationSink {
  readonly name: string;
  annotate(moment: IncidentMoment): Promise<SyncOutcome>;
}

/** Ticket systems whose tickets are resolved when the incident is (closure sync). `close` must leave a finished ticket alone. */
export interface TicketCloser {
  readonly systems: readonly TicketSystem[];
  close(system: TicketSystem, ticket: { readonly key: string; readonly externalId?: string }, resolution: string): Promise<SyncOutcome>;
}
