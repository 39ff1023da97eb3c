import type { ChainLink, ChainRecord } from '../../domain/audit/index.js';
import type { Environment, IncidentType, PublicStatus, Severity } from '../../domain/classification/index.js';
import type { IncidentEvent, IncidentEventKind, IncidentState, IncidentStatus } from '../../domain/incident/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { ReportFactsRow } from '../../domain/reporting/index.js';
import type { PagingWriteTx } from './paging-store.js';

/** An event as stored: its global position in the chain and the hashes that link it. */
export interface StoredEvent extends IncidentEvent {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface IncidentFilter {
  readonly statuses?: readonly IncidentStatus[];
  readonly severities?: readonly Severity[];
  readonly types?: readonly IncidentType[];
  readonly environments?: readonly Environment[];
  readonly service?: string;
  /** Declared at or after this instant. */
  readonly since?: EpochMs;
  /** Keyset cursor: only incidents that sort after this one (newest first). */
  readonly after?: { readonly declaredAt: EpochMs; readonly id: string };
  readonly limit?: number;
  /** Types the caller may not see (security incidents outside the security team): never returned. */
  readonly hiddenTypes?: readonly IncidentType[];
}

/**
 * An incident as a list shows it, read from the read model's columns (never its state document):
 * what lists, the dashboard and the CLI table need, and the facts its SLA clocks are computed from.
 */
export interface IncidentListRow {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly incidentType: IncidentType;
  readonly environment: Environment;
  readonly service: string | undefined;
  readonly status: IncidentStatus;
  readonly publicStatus: PublicStatus;
  readonly declaredAt: EpochMs;
  readonly acknowledgedAt: EpochMs | undefined;
  readonly resolvedAt: EpochMs | undefined;
  readonly responseClockStartedAt: EpochMs;
  readonly responseDueAt: EpochMs;
  readonly nextUpdateDueAt: EpochMs | undefined;
  readonly lastUpdateAt: EpochMs | undefined;
  /** Who holds the commander role, if anyone. */
  readonly commander: string | undefined;
  /** How many compliance regimes the incident is flagged with (0 when none). */
  readonly complianceFlagCount: number;
}

/**
 * Incidents as an append-only, hash-chained event log plus a read model kept in step with it.
 * Implemented for SQLite and PostgreSQL; both pass the same contract suite.
 */
export interface IncidentStore {
  /**
   * Runs `work` in one write transaction. Writers are serialised across processes and server
   * instances (the chain has one head), so ids and sequence numbers never collide. If `work`
   * throws, nothing it wrote is kept and the error is rethrown.
   */
  write<T>(work: (tx: StoreWriteTx) => Promise<T>): Promise<T>;
  findIncident(id: string): Promise<IncidentState | undefined>;
  /** An incident's version and type from its read-model row, without reading its state document. */
  findIncidentVersion(id: string): Promise<{ readonly version: number; readonly incidentType: IncidentState['incidentType'] } | undefined>;
  /** Newest first (declared time, then id), at most `limit` (default 100). */
  listIncidents(filter: IncidentFilter): Promise<IncidentState[]>;
  /** The same incidents, order and limit as `listIncidents`, as list rows (no state documents read). */
  listIncidentRows(filter: IncidentFilter): Promise<IncidentListRow[]>;
  /** All events of one incident in version order; empty when the incident does not exist. */
  readIncidentEvents(id: string): Promise<StoredEvent[]>;
  /**
   * Every event of the incidents declared in [fromAt, toAt), for reports: grouped by incident
   * (declared time, then id) and in version order within each. Incidents whose current type is in
   * `hiddenTypes` are left out entirely.
   */
  readEventsOfIncidentsDeclared(fromAt: EpochMs, toAt: EpochMs, hiddenTypes?: readonly IncidentType[]): Promise<StoredEvent[]>;
  /**
   * The monthly report's projection of the incidents declared in [fromAt, toAt) (declared time,
   * then id), kept in step with the events: equal to folding `readEventsOfIncidentsDeclared`.
   */
  readReportFacts(fromAt: EpochMs, toAt: EpochMs, hiddenTypes?: readonly IncidentType[]): Promise<ReportFactsRow[]>;
  /**
   * Every event of the given kinds across all incidents, in sequence order (so each incident's are
   * in version order). Events of incidents whose current type is in `hiddenTypes` are left out.
   * Serves the follow-up views: action items, tickets and reviews across incidents.
   */
  readEventsOfKinds(kinds: readonly IncidentEventKind[], hiddenTypes?: readonly IncidentType[]): Promise<StoredEvent[]>;
  /** Rows with `seq > afterSeq`, in ascending seq order as stored, at most `limit`. For verification. */
  readChain(afterSeq: number, limit: number): Promise<ChainRecord[]>;
  /** The type of each incident named that exists (absent ids are left out), in one read. */
  findIncidentTypes(ids: readonly string[]): Promise<Map<string, IncidentType>>;
  /**
   * The whole chain with `seq > afterSeq`: events and admin audit lines merged in ascending seq
   * order as stored, at most `limit`. What `audit verify` walks.
   */
  readChainLinks(afterSeq: number, limit: number): Promise<ChainLink[]>;
  /** The last sequence number and hash written ({0, GENESIS_HASH} for an empty log). */
  chainHead(): Promise<{ seq: number; hash: string }>;
  close(): Promise<void>;
}

export interface StoreWriteTx {
  /** The next number of a per-day counter ("2026-1128" for INC ids, "SEC-2026-1128" for SEC ids), starting at 1. */
  nextIncidentNumber(dayKey: string): Promise<number>;
  findIncident(id: string): Promise<IncidentState | undefined>;
  /** The incidents with these ids that exist, by id: one read for all (work on many incidents reads them at once). */
  findIncidents(ids: readonly string[]): Promise<Map<string, IncidentState>>;
  /**
   * Appends events of one incident. Versions must continue its history (1 for a new incident);
   * otherwise a CONFLICT AppError is thrown. Assigns sequence numbers, links and hashes each event,
   * and stores `state` (the fold after these events) as the incident's read model.
   */
  append(events: readonly IncidentEvent[], state: IncidentState): Promise<StoredEvent[]>;
  /** Escalations, timers and the outbox, written in the same transaction as the events that caused them. */
  readonly paging: PagingWriteTx;
}
