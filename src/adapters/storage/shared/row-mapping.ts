// Rows ⇄ domain values. PostgreSQL returns BIGINT as strings, so every number read goes through Number().
import type { Insertable, Selectable } from 'kysely';
import type { StoredEvent } from '../../../app/ports/index.js';
import type { ChainRecord } from '../../../domain/audit/index.js';
import type { IncidentEventData, IncidentState } from '../../../domain/incident/index.js';
import { epochMs } from '../../../domain/time/index.js';
import type { EventsTable, IncidentsTable } from './schema.js';

export function toStoredEvent(row: Selectable<EventsTable>): StoredEvent {
  return {
    seq: Number(row.seq),
    incidentId: row.incident_id,
    version: Number(row.version),
    at: epochMs(Number(row.at)),
    actor: row.actor,
    data: JSON.parse(row.data) as IncidentEventData,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The row as the chain verifier must see it: `dataJson` is the stored text, untouched. */
export function toChainRecord(row: Selectable<EventsTable>): ChainRecord {
  return {
    seq: Number(row.seq),
    incidentId: row.incident_id,
    version: Number(row.version),
    kind: row.kind,
    at: Number(row.at),
    actor: row.actor,
    dataJson: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function toIncidentRow(state: IncidentState): Insertable<IncidentsTable> {
  return {
    id: state.id,
    title: state.title,
    severity: state.severity,
    incident_type: state.incidentType,
    environment: state.environment,
    service: state.service ?? null,
    status: state.status,
    public_status: state.publicStatus,
    declared_at: state.declaredAt,
    acknowledged_at: state.acknowledgedAt ?? null,
    resolved_at: state.resolvedAt ?? null,
    response_due_at: state.responseDueAt,
    next_update_due_at: state.nextUpdateDueAt ?? null,
    updated_at: state.updatedAt,
    version: state.version,
    state: JSON.stringify(state),
  };
}

/**
 * Every field of IncidentState. JSON drops fields whose value is undefined; parsing restores them
 * so a stored state equals the fold it came from. Adding a field to IncidentState fails to compile
 * here until it is listed.
 */
const STATE_FIELDS: Record<keyof IncidentState, true> = {
  id: true, version: true, title: true, severity: true, incidentType: true, environment: true, service: true,
  summary: true, status: true, publicStatus: true, declaredAt: true, declaredBy: true, impactStartedAt: true,
  acknowledgedAt: true, acknowledgedBy: true, mitigatedAt: true, resolvedAt: true, resolvedBy: true,
  resolutionSummary: true, closedAt: true, responseClockStartedAt: true, responseDueAt: true, nextUpdateDueAt: true,
  workflowStartedAt: true, workflow: true, roles: true, completedSteps: true, lastUpdate: true, updateCount: true, reopenCount: true,
  updatedAt: true, publication: true, compliance: true,
  reviewScheduledAt: true, reviewDoneAt: true, seenBefore: true,
};

export function parseIncidentState(json: string): IncidentState {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const state: Record<string, unknown> = {};
  for (const field of Object.keys(STATE_FIELDS)) state[field] = parsed[field];
  return state as unknown as IncidentState;
}
