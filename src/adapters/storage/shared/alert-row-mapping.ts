import type { Insertable, Selectable } from 'kysely';
import type { AdminAuditRecord, ChangeRecord, IntegrationRecord, SilenceRecord, StoredAlert } from '../../../app/ports/index.js';
import type { AlertStatus, FlapState, LabelMatcher, RoutingRule } from '../../../domain/alerts/index.js';
import type { Severity } from '../../../domain/classification/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { AlertsTable, AdminAuditTable, ChangesTable, IntegrationsTable, SilencesTable } from './schema.js';

const instant = (v: number | string): EpochMs => epochMs(Number(v));
const maybeInstant = (v: number | string | null): EpochMs | undefined => (v == null ? undefined : epochMs(Number(v)));

export function toIntegrationRow(r: IntegrationRecord): Insertable<IntegrationsTable> {
  return {
    id: r.id, source: r.source, name: r.name, service: r.service ?? null, key_hash: r.keyHash, prefix: r.prefix,
    routing: JSON.stringify(r.routing), created_at: r.createdAt, created_by: r.createdBy, revoked_at: r.revokedAt ?? null,
  };
}

export function toIntegrationRecord(row: Selectable<IntegrationsTable>): IntegrationRecord {
  return {
    id: row.id, source: row.source, name: row.name, service: row.service ?? undefined, keyHash: row.key_hash, prefix: row.prefix,
    routing: JSON.parse(row.routing) as RoutingRule[], createdAt: instant(row.created_at), createdBy: row.created_by, revokedAt: maybeInstant(row.revoked_at),
  };
}

export function toAlertRow(a: StoredAlert): Insertable<AlertsTable> {
  return {
    id: a.id, source: a.source, integration_key: a.integrationKey, dedup_key: a.dedupKey, fingerprint: a.fingerprint, status: a.status,
    incident_id: a.incidentId ?? null, service: a.service ?? null, severity: a.severity, summary: a.summary, labels: JSON.stringify(a.labels),
    opened_at: a.openedAt, last_seen_at: a.lastSeenAt, resolved_at: a.resolvedAt ?? null, occurrences: a.occurrences,
    reported_occurrences: a.reportedOccurrences, reported_at: a.reportedAt ?? null, flap: JSON.stringify(a.flap), silenced_by: a.silencedBy ?? null,
    group_key: a.groupKey,
  };
}

export function toStoredAlert(row: Selectable<AlertsTable>): StoredAlert {
  const incidentId = row.incident_id ?? undefined;
  return {
    id: row.id, source: row.source, integrationKey: row.integration_key, dedupKey: row.dedup_key, fingerprint: row.fingerprint,
    status: row.status as AlertStatus, ...(incidentId !== undefined ? { incidentId } : {}), service: row.service ?? undefined,
    severity: row.severity as Severity, summary: row.summary, labels: JSON.parse(row.labels) as Record<string, string>,
    openedAt: instant(row.opened_at), lastSeenAt: instant(row.last_seen_at), resolvedAt: maybeInstant(row.resolved_at),
    occurrences: Number(row.occurrences), reportedOccurrences: Number(row.reported_occurrences), reportedAt: maybeInstant(row.reported_at),
    flap: JSON.parse(row.flap) as FlapState, silencedBy: row.silenced_by ?? undefined, groupKey: row.group_key,
  };
}

export function toSilenceRow(s: SilenceRecord): Insertable<SilencesTable> {
  return {
    id: s.id, matchers: JSON.stringify(s.matchers), starts_at: s.startsAt, ends_at: s.endsAt, reason: s.reason,
    created_at: s.createdAt, created_by: s.createdBy, expired_at: s.expiredAt ?? null,
  };
}

export function toSilenceRecord(row: Selectable<SilencesTable>): SilenceRecord {
  return {
    id: row.id, matchers: JSON.parse(row.matchers) as LabelMatcher[], startsAt: instant(row.starts_at), endsAt: instant(row.ends_at),
    comment: row.reason, reason: row.reason, createdBy: row.created_by, createdAt: instant(row.created_at), expiredAt: maybeInstant(row.expired_at),
  };
}

export function toChangeRow(c: ChangeRecord): Insertable<ChangesTable> {
  return {
    id: c.id, source: c.source, integration_key: c.integrationKey, summary: c.summary, origin: c.origin ?? null,
    happened_at: c.happenedAt, received_at: c.receivedAt, details: JSON.stringify(c.details),
  };
}

export function toChangeRecord(row: Selectable<ChangesTable>): ChangeRecord {
  return {
    id: row.id, source: row.source, integrationKey: row.integration_key, summary: row.summary, origin: row.origin ?? undefined,
    happenedAt: instant(row.happened_at), receivedAt: instant(row.received_at), details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

export function toAuditRecord(row: Selectable<AdminAuditTable>): AdminAuditRecord {
  return { at: instant(row.at), actor: row.actor, action: row.action, subject: row.subject, detail: JSON.parse(row.detail) as Record<string, unknown> };
}
