// Rows ⇄ domain values. PostgreSQL returns BIGINT as strings, so every number read goes through Number().
import type { Insertable, Selectable } from 'kysely';
import type { IncidentListRow, StoredEvent } from '../../../app/ports/index.js';
import type { ChainRecord } from '../../../domain/audit/index.js';
import type { Environment, IncidentType, PublicStatus, Severity } from '../../../domain/classification/index.js';
import type { IncidentEventData, IncidentState, IncidentStatus } from '../../../domain/incident/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
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
    ...toListColumns(state),
  };
}

/** The list columns of migration 11, from the state. */
function toListColumns(state: IncidentState): Pick<Insertable<IncidentsTable>, 'response_clock_started_at' | 'last_update_at' | 'commander' | 'compliance_flag_count'> {
  return {
    response_clock_started_at: state.responseClockStartedAt,
    last_update_at: state.lastUpdate?.at ?? null,
    commander: state.roles.commander ?? null,
    compliance_flag_count: Object.values(state.compliance?.flags ?? {}).filter((f) => f !== undefined).length,
  };
}

const numberOrUndefined = (v: number | string | null): EpochMs | undefined => (v === null ? undefined : epochMs(Number(v)));

/** A list row from the read model's columns; the state document is not read. */
export function toIncidentListRow(row: Omit<Selectable<IncidentsTable>, 'state' | 'updated_at' | 'version'>): IncidentListRow {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as Severity,
    incidentType: row.incident_type as IncidentType,
    environment: row.environment as Environment,
    service: row.service ?? undefined,
    status: row.status as IncidentStatus,
    publicStatus: row.public_status as PublicStatus,
    declaredAt: epochMs(Number(row.declared_at)),
    acknowledgedAt: numberOrUndefined(row.acknowledged_at),
    resolvedAt: numberOrUndefined(row.resolved_at),
    responseClockStartedAt: epochMs(Number(row.response_clock_started_at)),
    responseDueAt: epochMs(Number(row.response_due_at)),
    nextUpdateDueAt: numberOrUndefined(row.next_update_due_at),
    lastUpdateAt: numberOrUndefined(row.last_update_at),
    commander: row.commander ?? undefined,
    complianceFlagCount: Number(row.compliance_flag_count),
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
  reviewScheduledAt: true, reviewDoneAt: true, seenBefore: true, impact: true, satisfaction: true, resolutionReason: true,
};

export function parseIncidentState(json: string): IncidentState {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const state: Record<string, unknown> = {};
  for (const field of Object.keys(STATE_FIELDS)) state[field] = parsed[field];
  return state as unknown as IncidentState;
}
