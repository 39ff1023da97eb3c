import type { ColumnType } from 'kysely';

/**
 * A BIGINT column: written as a number, read back as a number (SQLite) or a decimal string
 * (PostgreSQL, whose driver keeps 64-bit integers exact). The mapping layer converts with Number().
 */
export type BigIntColumn = ColumnType<number | string, number, number>;
export type NullableBigIntColumn = ColumnType<number | string | null, number | null, number | null>;

/** One row per applied migration. */
export interface SchemaMigrationsTable {
  version: number;
  applied_at: BigIntColumn;
}

/** The append-only, hash-chained event log. `data` is the event data as JSON text, exactly as hashed. */
export interface EventsTable {
  seq: BigIntColumn;
  incident_id: string;
  version: number;
  kind: string;
  at: BigIntColumn;
  actor: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/** The single row (id 1) naming the last link of the chain; writers lock it to take their turn. */
export interface ChainHeadTable {
  id: number;
  seq: BigIntColumn;
  hash: string;
}

/** The last incident number handed out per UTC day key ("2026-1128"). */
export interface IncidentCountersTable {
  day: string;
  last: number;
}

/** The read model: one row per incident, kept in step with its events; `state` is the full fold as JSON. */
export interface IncidentsTable {
  id: string;
  title: string;
  severity: string;
  incident_type: string;
  environment: string;
  service: string | null;
  status: string;
  public_status: string;
  declared_at: BigIntColumn;
  acknowledged_at: NullableBigIntColumn;
  resolved_at: NullableBigIntColumn;
  response_due_at: BigIntColumn;
  next_update_due_at: NullableBigIntColumn;
  updated_at: BigIntColumn;
  version: number;
  state: string;
  /** List columns (migration 11): what a list shows without reading `state`. */
  response_clock_started_at: BigIntColumn;
  last_update_at: NullableBigIntColumn;
  commander: string | null;
  compliance_flag_count: number;
}

/** API tokens: only the SHA-256 of each secret is kept. `teams` is a JSON array of team names. */
export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  teams: string;
  secret_hash: string;
  prefix: string;
  created_at: BigIntColumn;
  created_by: string;
  revoked_at: NullableBigIntColumn;
  last_used_at: NullableBigIntColumn;
  /** Migration 17: JSON array of scopes (read, ingest, write). */
  scopes: ColumnType<string, string | undefined, string>;
  /** Migration 17: 'machine' (token create) or 'session' (a person signed in through OpenID Connect). */
  kind: ColumnType<string, string | undefined, string>;
  expires_at: ColumnType<number | string | null, number | null | undefined, number | null>;
}

/** Integration keys: only the SHA-256 of each key. `routing` is the routing rules as JSON. */
export interface IntegrationsTable {
  id: string;
  source: string;
  name: string;
  service: string | null;
  key_hash: string;
  prefix: string;
  routing: string;
  created_at: BigIntColumn;
  created_by: string;
  revoked_at: NullableBigIntColumn;
}

/** One alert life per row; `labels` and `flap` are JSON. `integration_key` is the integration's id. */
export interface AlertsTable {
  id: string;
  source: string;
  integration_key: string;
  dedup_key: string;
  fingerprint: string;
  status: string;
  incident_id: string | null;
  service: string | null;
  severity: string;
  summary: string;
  labels: string;
  opened_at: BigIntColumn;
  last_seen_at: BigIntColumn;
  resolved_at: NullableBigIntColumn;
  occurrences: number;
  reported_occurrences: number;
  reported_at: NullableBigIntColumn;
  flap: string;
  silenced_by: string | null;
  group_key: string;
}

export interface SilencesTable {
  id: string;
  matchers: string;
  starts_at: BigIntColumn;
  ends_at: BigIntColumn;
  reason: string;
  created_at: BigIntColumn;
  created_by: string;
  expired_at: NullableBigIntColumn;
}

export interface ChangesTable {
  id: string;
  source: string;
  integration_key: string;
  summary: string;
  origin: string | null;
  happened_at: BigIntColumn;
  received_at: BigIntColumn;
  details: string;
}

export interface AdminAuditTable {
  id: string;
  at: BigIntColumn;
  actor: string;
  action: string;
  subject: string;
  detail: string;
  /** Migration 10: the line's place in the one chain with the events (every line is chained from then on). */
  seq: NullableBigIntColumn;
  prev_hash: string | null;
  hash: string | null;
}

export interface HeartbeatsTable {
  name: string;
  watch_since: BigIntColumn;
  last_ping_at: NullableBigIntColumn;
  incident_id: string | null;
  incident_opened_at: NullableBigIntColumn;
}

/** Signed inbound deliveries already acted on, until their replay window closes (migration 9). */
export interface SignedDeliveriesTable {
  scope: string;
  delivery_id: string;
  expires_at: BigIntColumn;
}

/** Scheduled maintenance windows of the status page (migration 6). */
export interface MaintenancesTable {
  id: string;
  title: string;
  message: string | null;
  component_ids: string;
  starts_at: BigIntColumn;
  ends_at: BigIntColumn;
  created_at: BigIntColumn;
  created_by: string;
  cancelled_at: NullableBigIntColumn;
  cancelled_by: string | null;
}

/** Signed checkpoints of the event chain (append-only, like the events). */
export interface AuditCheckpointsTable {
  seq: BigIntColumn;
  chain_hash: string;
  at: BigIntColumn;
  key_id: string;
  public_key: string;
  signature: string;
  /** Migration 10: the checkpoint's position (from 1) and the hash of the one before it (null: signed before checkpoints were chained). */
  ordinal: BigIntColumn;
  prev_hash: string | null;
}

/** The monthly report's projection: one row per incident, `facts` is a ReportFactsRow as JSON. */
export interface ReportFactsTable {
  incident_id: string;
  declared_at: BigIntColumn;
  incident_type: string;
  facts: string;
}

/** The tables of the incident store, as Kysely sees them. */
/** An incident's escalation (migration 5): the frozen policy and the state, as JSON text. */
export interface EscalationsTable {
  incident_id: string;
  snapshot: string;
  state: string;
}

/** Durable timers, one per kind and incident, claimed with a lease. */
export interface TimersTable {
  id: string;
  kind: string;
  incident_id: string;
  generation: number;
  due_at: BigIntColumn;
  lease_owner: string | null;
  lease_until: NullableBigIntColumn;
}

/** The outbox: every message the engine sends, with its delivery state. */
export interface OutboxTable {
  id: string;
  idempotency_key: string;
  /** An `OutboxKind`. */
  kind: string;
  incident_id: string | null;
  /** The incident's facts when the message was planned (`MessageIncident` as JSON); null on rows from before. */
  incident: string | null;
  generation: number | null;
  channel: string;
  address: string;
  purpose: string;
  person_id: string | null;
  recipient_name: string;
  subject: string;
  body: string;
  send_at: BigIntColumn;
  created_at: BigIntColumn;
  status: string;
  attempts: number;
  next_attempt_at: BigIntColumn;
  lease_owner: string | null;
  lease_until: NullableBigIntColumn;
  last_error: string | null;
  provider_id: string | null;
  finished_at: NullableBigIntColumn;
}

/** Endpoints that answered 410 Gone: never sent to again. */
export interface DisabledEndpointsTable {
  channel: string;
  address: string;
  disabled_at: BigIntColumn;
  reason: string;
}

/** Migration 12: which incidents a group key has opened, and when each one's first alert opened. */
/** A person's browser subscribed to Web Push (migration 14). */
export interface PushSubscriptionsTable {
  endpoint: string;
  person_id: string;
  p256dh: string;
  auth: string;
  created_at: BigIntColumn;
}

/** A status page subscriber, pending until confirmed (migration 14). */
export interface StatusSubscribersTable {
  id: string;
  kind: string;
  address: string;
  /** A component id, or '' for the whole page. */
  component: string;
  token: string;
  created_at: BigIntColumn;
  confirmed_at: NullableBigIntColumn;
}

/** Public updates already announced to subscribers (migration 14). */
export interface StatusNoticesTable {
  update_key: string;
  planned_at: BigIntColumn;
}

export interface AlertGroupsTable {
  group_key: string;
  incident_id: string;
  first_alert_at: number;
}

/** Migration 16: who holds a singleton loop, until when, under which fencing token. */
export interface LeasesTable {
  name: string;
  holder: string;
  token: number;
  expires_at: number;
}

/** Migration 16: the detection engine's state per rule (or baseline signal) and label set. */
export interface DetectionStateTable {
  kind: string;
  name: string;
  label_set: string;
  state: string;
  last_fired_at: number | null;
  firing: string | null;
  token: number;
  updated_at: number;
}

/** Migration 16: failed authentications per client address in the current window. */
export interface AuthFailuresTable {
  address: string;
  count: number;
  expires_at: number;
}

/** Migration 16: signed-out web sessions, kept until the session would have expired. */
export interface RevokedSessionsTable {
  id: string;
  expires_at: number;
}

/** An on-call override made at runtime (migration 15); `deleted_at` set when it was removed. */
export interface OncallOverridesTable {
  id: string;
  schedule_id: string;
  person_id: string;
  replaces_person_id: string | null;
  start_at: BigIntColumn;
  end_at: BigIntColumn;
  note: string;
  created_by: string;
  created_at: BigIntColumn;
  deleted_at: NullableBigIntColumn;
  deleted_by: string | null;
}

/** One test message sent to a person's contact method, and whether it arrived (migration 15). */
export interface ContactTestsTable {
  id: string;
  person_id: string;
  contact_method_id: string;
  method: string;
  at: BigIntColumn;
  outcome: string;
  detail: string;
  requested_by: string;
}

export interface Database {
  ir_oncall_overrides: OncallOverridesTable;
  ir_contact_tests: ContactTestsTable;
  ir_escalations: EscalationsTable;
  ir_timers: TimersTable;
  ir_outbox: OutboxTable;
  ir_disabled_endpoints: DisabledEndpointsTable;
  ir_heartbeats: HeartbeatsTable;
  ir_signed_deliveries: SignedDeliveriesTable;
  ir_maintenances: MaintenancesTable;
  ir_schema_migrations: SchemaMigrationsTable;
  ir_events: EventsTable;
  ir_chain_head: ChainHeadTable;
  ir_incident_counters: IncidentCountersTable;
  ir_incidents: IncidentsTable;
  ir_api_tokens: ApiTokensTable;
  ir_integrations: IntegrationsTable;
  ir_alerts: AlertsTable;
  ir_alert_groups: AlertGroupsTable;
  ir_push_subscriptions: PushSubscriptionsTable;
  ir_status_subscribers: StatusSubscribersTable;
  ir_status_notices: StatusNoticesTable;
  ir_silences: SilencesTable;
  ir_changes: ChangesTable;
  ir_admin_audit: AdminAuditTable;
  ir_audit_checkpoints: AuditCheckpointsTable;
  ir_report_facts: ReportFactsTable;
  ir_leases: LeasesTable;
  ir_detection_state: DetectionStateTable;
  ir_auth_failures: AuthFailuresTable;
  ir_revoked_sessions: RevokedSessionsTable;
}
