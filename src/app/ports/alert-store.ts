import type { AlertRecord, FlapState, RoutingRule, Silence } from '../../domain/alerts/index.js';
import type { IncidentType, Severity } from '../../domain/classification/index.js';
import type { SeenBeforeCandidate } from '../../domain/review/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { StoreWriteTx } from './incident-store.js';
import type { SignedDelivery } from './signed-delivery-store.js';

/** An integration key as stored: never the key itself, only its SHA-256 and a short prefix. */
export interface IntegrationRecord {
  readonly id: string;
  /** The ingest source the key is valid for ("pagerduty-events"). */
  readonly source: string;
  readonly name: string;
  /** Default service of its alerts. */
  readonly service: string | undefined;
  readonly keyHash: string;
  readonly prefix: string;
  /** Label matchers → severity, type, environment, service; first match wins. */
  readonly routing: readonly RoutingRule[];
  readonly createdAt: EpochMs;
  readonly createdBy: string;
  readonly revokedAt: EpochMs | undefined;
}

/** One alert life (trigger → resolve) of one identity, with what the timeline needs. */
export interface StoredAlert extends AlertRecord {
  readonly integrationKey: string;
  readonly fingerprint: string;
  readonly summary: string;
  readonly severity: Severity;
  readonly service: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly resolvedAt: EpochMs | undefined;
  /** Occurrences already reported on the timeline by an alert-deduplicated event (or the opening link). */
  readonly reportedOccurrences: number;
  readonly reportedAt: EpochMs | undefined;
  readonly flap: FlapState;
  /** The silence or maintenance window that held it when it opened. */
  readonly silencedBy: string | undefined;
  /** Service and grouping label values: alerts with the same key may join one incident. */
  readonly groupKey: string;
}

export interface SilenceRecord extends Silence {
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: EpochMs;
  readonly expiredAt: EpochMs | undefined;
}

/** A change event (a deploy) kept for context. */
export interface ChangeRecord {
  readonly id: string;
  readonly source: string;
  readonly integrationKey: string;
  readonly summary: string;
  readonly origin: string | undefined;
  readonly happenedAt: EpochMs;
  readonly receivedAt: EpochMs;
  readonly details: Readonly<Record<string, unknown>>;
}

/** One line of the admin audit trail (integration keys and silences). */
export interface AdminAuditRecord {
  readonly at: EpochMs;
  readonly actor: string;
  /** "integration.create", "silence.expire", … */
  readonly action: string;
  readonly subject: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AlertFilter {
  readonly incidentId?: string;
  readonly statuses?: readonly AlertRecord['status'][];
  readonly limit?: number;
  /** Leaves out the alerts of incidents of these types (their current type); alerts without an incident stay. */
  readonly hiddenTypes?: readonly IncidentType[];
}

/** Alerts, integration keys, silences and change events, on the same database as the incidents. */
export interface AlertStore {
  /**
   * Runs `work` in the same single write transaction as `IncidentStore.write` (one writer at a time),
   * with the alert operations beside the incident ones.
   */
  writeAlerts<T>(work: (tx: AlertWriteTx) => Promise<T>): Promise<T>;
  /** CONFLICT when a live integration already has the name. */
  createIntegration(record: IntegrationRecord, audit: AdminAuditRecord): Promise<void>;
  findIntegrationByHash(keyHash: string): Promise<IntegrationRecord | undefined>;
  listIntegrations(): Promise<IntegrationRecord[]>;
  /** By id or name; undefined when none matched. Revoking twice is a no-op. */
  revokeIntegration(idOrName: string, audit: AdminAuditRecord): Promise<IntegrationRecord | undefined>;
  createSilence(record: SilenceRecord, audit: AdminAuditRecord): Promise<void>;
  /** Newest first, expired ones included. */
  listSilences(): Promise<SilenceRecord[]>;
  /** Ends the silence at `audit.at` (no-op when already over); undefined when no such silence. */
  expireSilence(id: string, audit: AdminAuditRecord): Promise<SilenceRecord | undefined>;
  /** Newest first (opened), at most `limit` (default 100). */
  listAlerts(filter: AlertFilter): Promise<StoredAlert[]>;
  /** Ids of the silences (and maintenance windows) that held an alert now linked to an incident of one of these types. */
  listSilencesHoldingAlertsOf(types: readonly IncidentType[]): Promise<string[]>;
  listChanges(limit: number): Promise<ChangeRecord[]>;
  /** Newest first. */
  listAdminAudit(limit: number): Promise<AdminAuditRecord[]>;
}

export interface AlertIdentityKey {
  readonly source: string;
  readonly integrationKey: string;
  readonly dedupKey: string;
}

/** A past incident a new one may name as "seen before", keyed in the map by `pastIncidentKey(service, fingerprint)`. */
export interface PastIncident extends SeenBeforeCandidate {
  readonly incidentType: IncidentType;
}

/** The key of findPastIncidentsWithAlerts' map. */
export function pastIncidentKey(service: string, fingerprint: string): string {
  return JSON.stringify([service, fingerprint]);
}

export interface AlertWriteTx extends StoreWriteTx {
  /** The newest alert of each identity given (open or resolved); at most one per identity. */
  findLatestAlerts(identities: readonly AlertIdentityKey[]): Promise<StoredAlert[]>;
  /** The alerts with these ids (any status); unknown ids are left out. */
  findAlertsByIds(ids: readonly string[]): Promise<StoredAlert[]>;
  /** Inserts or updates by id. At most one alert per identity is not resolved (a unique index backs it). */
  saveAlert(alert: StoredAlert): Promise<void>;
  alertsOfIncident(incidentId: string): Promise<StoredAlert[]>;
  /** Active (not resolved or closed) incidents holding alerts with this group key, with their first alert time. */
  findGroups(groupKey: string): Promise<{ incidentId: string; firstAlertAt: EpochMs }[]>;
  /** Reads the groups of these keys at once, so that `findGroups` on any of them reads nothing more in this transaction. */
  prefetchGroups(groupKeys: readonly string[]): Promise<void>;
  /** Silences live at `now`. */
  liveSilences(now: EpochMs): Promise<Silence[]>;
  /** Active incidents of a service (all active incidents when `service` is undefined). */
  activeIncidentIds(service: string | undefined, limit: number): Promise<string[]>;
  insertChange(change: ChangeRecord): Promise<void>;
  /**
   * For each (service, fingerprint), the past incidents one of whose alerts had them and whose RCA
   * names a root cause (the last one it named), newest first, at most `limitPerAlert` each, with
   * their type: "seen before" candidates for a batch of new incidents, in one read.
   */
  findPastIncidentsWithAlerts(alerts: readonly { readonly service: string; readonly fingerprint: string }[], limitPerAlert: number): Promise<Map<string, PastIncident[]>>;
  /** SignedDeliveryStore.claimSignedDelivery inside this transaction: the claim commits (or not) with the signals it guards. */
  claimSignedDelivery(delivery: SignedDelivery, now: EpochMs): Promise<boolean>;
}


