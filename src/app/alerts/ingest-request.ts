import type { AlertNote, AlertSignal, ChangeEvent } from '../../domain/alerts/index.js';
import type { IntegrationRecord, SignedDelivery } from '../ports/index.js';

/** What one HTTP request delivered, on the integration its key authenticated. */
export interface IngestRequest {
  readonly integration: IntegrationRecord;
  readonly signals: readonly AlertSignal[];
  readonly notes?: readonly AlertNote[];
  readonly changes?: readonly ChangeEvent[];
  /** The signed delivery this request was (webhook-id, SNS MessageId): acted on once within its replay window. */
  readonly delivery?: SignedDelivery;
}

/** What a committed batch did, for logs and tests. */
export interface IngestReport {
  opened: number;
  appended: number;
  acknowledged: number;
  resolved: number;
  dropped: number;
  silenced: number;
  suppressed: number;
  incidentsDeclared: number;
  incidentsAutoResolved: number;
  /** Requests that were signed deliveries already acted on, taken without effect. */
  replayed: number;
}

export function emptyReport(): IngestReport {
  return { opened: 0, appended: 0, acknowledged: 0, resolved: 0, dropped: 0, silenced: 0, suppressed: 0, incidentsDeclared: 0, incidentsAutoResolved: 0, replayed: 0 };
}

/** Signals in a request, counted for batching and overload bounds (notes and changes count one each). */
export function requestWeight(r: IngestRequest): number {
  return Math.max(1, r.signals.length + (r.notes?.length ?? 0) + (r.changes?.length ?? 0));
}
