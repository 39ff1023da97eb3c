import type { Kysely } from 'kysely';
import type {
  AdminAuditRecord, AlertFilter, AlertStore, AlertWriteTx, ApiTokenRecord, ChangeRecord, IncidentStore, IntegrationRecord, SilenceRecord, StoredAlert,
  TokenStore, HeartbeatRecord, HeartbeatStore, HeartbeatWriteTx,
  DeliveryChannel, EscalationRecord, MessageFilter, OutboxRecord, OutboxStatus, PagingStore, TimerRecord,
} from '../../../app/ports/index.js';
import { KyselyPagingStore } from './kysely-paging.js';
import { KyselySharedState } from './kysely-shared-state.js';
import type { AuthFailureWindow, DetectionSnapshot, LeaseFence, LeaseGrant, PushedSampleRecord, SharedStateStore } from '../../../app/ports/index.js';
import { KyselyHeartbeatWriteTx, selectHeartbeat, upsertPing } from './kysely-heartbeats.js';
import { SEVERITIES, type IncidentType, type Severity } from '../../../domain/classification/index.js';
import { INCIDENT_STATUSES, isActiveStatus } from '../../../domain/incident/index.js';
import type { EpochMs } from '../../../domain/time/index.js';
import { checkReadiness, type StoreReadiness } from './check-readiness.js';
import { FailureWatch } from './classifying-dialect.js';
import { KyselyAlertAdmin } from './kysely-alert-admin.js';
import { KyselyAuditTrail } from './kysely-audit-trail.js';
import type { AuditTrailStore, IncidentAuditPage, StoredCheckpoint } from '../../../app/ports/index.js';
import { KyselyAlertWriteTx } from './kysely-alert-write-tx.js';
import { KyselyIncidentStore } from './kysely-incident-store.js';
import { KyselyTokenStore } from './kysely-token-store.js';
import { KyselyMaintenances } from './kysely-maintenances.js';
import { KyselyOnCall } from './kysely-oncall.js';
import type { ContactTestRecord, OnCallStore, OverrideFilter } from '../../../app/ports/index.js';
import type { StoredOverride } from '../../../domain/oncall/index.js';
import { insertSignedDelivery } from './kysely-signed-deliveries.js';
import { removePushSubscription, selectPushSubscriptions, upsertPushSubscription } from './kysely-push-subscriptions.js';
import type { PushSubscriptionRecord, PushSubscriptionStore } from '../../../app/push/index.js';
import {
  insertStatusNotice, markStatusSubscriberConfirmed, removeStatusSubscriber, selectConfirmedStatusSubscribers, selectStatusSubscriber, selectStatusSubscriberByToken, upsertStatusSubscriber,
} from './kysely-status-subscribers.js';
import type { StatusSubscriber, StatusSubscriberStore, SubscriberKind } from '../../../app/status-page/index.js';
import type { SignedDelivery, SignedDeliveryStore } from '../../../app/ports/index.js';
import type { MaintenanceRecord, MaintenanceStore } from '../../../app/status-page/index.js';
import type { MaintenanceWindow } from '../../../domain/status-page/index.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

export type { StoreReadiness } from './check-readiness.js';

/** What `openStore` returns: both ports on one database, plus what a server's probes need. */
export interface Store extends IncidentStore, TokenStore, AlertStore, HeartbeatStore, MaintenanceStore, AuditTrailStore, PagingStore, SignedDeliveryStore, OnCallStore, SharedStateStore, PushSubscriptionStore, StatusSubscriberStore {
  /** Reachable, undamaged and migrated to exactly the schema this build expects, answered within 2 s. Never throws. */
  checkReady(): Promise<StoreReadiness>;
  /** Incidents not yet resolved, per severity (every severity present, zeros included); of `types` only when given. */
  countActiveIncidents(types?: readonly IncidentType[]): Promise<Record<Severity, number>>;
  /**
   * Tells `listener` the new head seq whenever any instance commits events (PostgreSQL LISTEN on a
   * dedicated connection; `undefined` after a reconnect, when something may have been missed).
   * Answers the unsubscribe function, or undefined where nothing is pushed (SQLite: poll instead).
   */
  listenForAppends(listener: (headSeq: number | undefined) => void): (() => void) | undefined;
}

/** Pushes event-log heads from other instances (PostgreSQL's dedicated LISTEN connection). */
export interface AppendSignal {
  subscribe(listener: (headSeq: number | undefined) => void): () => void;
  close(): Promise<void>;
}

const ACTIVE_STATUSES = INCIDENT_STATUSES.filter(isActiveStatus);

/** Store methods that may be called while a write runs (they are the writes, or need no connection). */
const INSIDE_WRITE_ALLOWED: ReadonlySet<string> = new Set(['write', 'writeAlerts', 'writeHeartbeats', 'recordPing', 'close', 'refuseInsideWrite', 'constructor']);

/**
 * The store as callers see it: each method call first checks that no write() of this store is
 * running in the caller's async context. SQLite has one connection, so such a call would wait for
 * the write that waits for it (a silent hang); PostgreSQL would run it outside the transaction.
 * Methods run on the store itself, so its private fields stay reachable.
 */
function guardOutsideWrite<T extends { refuseInsideWrite(method: string): void }>(store: T, allowed: ReadonlySet<string>): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || typeof key !== 'string' || allowed.has(key)) return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      let guarded = wrapped.get(key);
      if (guarded === undefined) {
        const method = value as (...a: unknown[]) => unknown;
        guarded = (...args: unknown[]) => {
          target.refuseInsideWrite(key);
          return method.apply(target, args);
        };
        wrapped.set(key, guarded);
      }
      return guarded;
    },
  });
}

export class KyselyStore extends KyselyIncidentStore implements Store {
  readonly #tokens: KyselyTokenStore;
  readonly #alerts: KyselyAlertAdmin;
  readonly #auditTrail: KyselyAuditTrail;
  readonly #paging: KyselyPagingStore;
  readonly #maintenances: KyselyMaintenances;
  readonly #shared: KyselySharedState;
  readonly #oncall: KyselyOnCall;

  constructor(
    private readonly database: Kysely<Database>,
    private readonly storeDialect: StoreDialect,
    /** Fed by the classifying dialect the database was opened with. */
    private readonly failures: FailureWatch = new FailureWatch(),
    private readonly appendSignal?: AppendSignal,
  ) {
    super(database, storeDialect);
    this.#tokens = new KyselyTokenStore(database, storeDialect);
    this.#alerts = new KyselyAlertAdmin(database, storeDialect);
    this.#auditTrail = new KyselyAuditTrail(database, storeDialect);
    this.#maintenances = new KyselyMaintenances(database, storeDialect);
    this.#oncall = new KyselyOnCall(database, storeDialect);
    this.#paging = new KyselyPagingStore(database, storeDialect);
    this.#shared = new KyselySharedState(database);
    // Every method but the writes themselves refuses to run inside write(): applied here, once.
    return guardOutsideWrite(this, INSIDE_WRITE_ALLOWED);
  }

  checkpointChainHead(
    keyId: string,
    sign: (head: { seq: number; hash: string }, last: StoredCheckpoint | undefined) => StoredCheckpoint,
  ): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
    return this.#auditTrail.checkpointChainHead(keyId, sign);
  }
  listCheckpoints(): Promise<StoredCheckpoint[]> {
    return this.#auditTrail.listCheckpoints();
  }
  recordAdminAudit(record: AdminAuditRecord): Promise<void> {
    return this.#auditTrail.recordAdminAudit(record);
  }
  readAdminAudit(filter: { readonly since?: number; readonly limit: number }): Promise<AdminAuditRecord[]> {
    return this.#auditTrail.readAdminAudit(filter);
  }
  readIncidentAuditPage(afterId: string, limit: number): Promise<IncidentAuditPage> {
    return this.#auditTrail.readIncidentAuditPage(afterId, limit);
  }
  findIncidentWithoutReadModel(): Promise<string | undefined> {
    return this.#auditTrail.findIncidentWithoutReadModel();
  }

  addMaintenance(window: MaintenanceWindow, createdBy?: string): Promise<void> {
    return this.#maintenances.addMaintenance(window, createdBy);
  }
  listMaintenances(endsAfter: EpochMs): Promise<MaintenanceWindow[]> {
    return this.#maintenances.listMaintenances(endsAfter);
  }
  findMaintenance(id: string): Promise<MaintenanceRecord | undefined> {
    return this.#maintenances.findMaintenance(id);
  }
  cancelMaintenance(id: string, at: EpochMs, by: string): Promise<MaintenanceRecord | undefined> {
    return this.#maintenances.cancelMaintenance(id, at, by);
  }

  createOverride(override: StoredOverride, audit: AdminAuditRecord): Promise<void> {
    return this.#oncall.createOverride(override, audit);
  }
  listOverrides(filter: OverrideFilter): Promise<StoredOverride[]> {
    return this.#oncall.listOverrides(filter);
  }
  findOverride(id: string): Promise<StoredOverride | undefined> {
    return this.#oncall.findOverride(id);
  }
  deleteOverride(id: string, audit: AdminAuditRecord): Promise<StoredOverride | undefined> {
    return this.#oncall.deleteOverride(id, audit);
  }
  recordContactTest(record: ContactTestRecord): Promise<void> {
    return this.#oncall.recordContactTest(record);
  }
  listContactTests(since: EpochMs): Promise<ContactTestRecord[]> {
    return this.#oncall.listContactTests(since);
  }

  writeAlerts<T>(work: (tx: AlertWriteTx) => Promise<T>): Promise<T> {
    return this.writeOn((tx, conn) => work(new KyselyAlertWriteTx(tx, conn)));
  }
  writeHeartbeats<T>(work: (tx: HeartbeatWriteTx) => Promise<T>): Promise<T> {
    return this.writeOn((tx, conn) => work(new KyselyHeartbeatWriteTx(tx, conn)));
  }
  recordPing(name: string, at: EpochMs): Promise<void> {
    return this.writeOn((tx, conn) => tx.serial(() => upsertPing(conn, name, at)));
  }
  claimSignedDelivery(delivery: SignedDelivery, now: EpochMs): Promise<boolean> {
    return this.writeOn((tx, conn) => tx.serial(() => insertSignedDelivery(conn, delivery, now)));
  }
  savePushSubscription(record: PushSubscriptionRecord): Promise<void> {
    return this.writeOn((tx, conn) => tx.serial(() => upsertPushSubscription(conn, record)));
  }
  deletePushSubscription(endpoint: string, personId?: string): Promise<boolean> {
    return this.writeOn((tx, conn) => tx.serial(() => removePushSubscription(conn, endpoint, personId)));
  }
  listPushSubscriptions(personId: string): Promise<PushSubscriptionRecord[]> {
    return selectPushSubscriptions(this.database, personId);
  }
  saveStatusSubscriber(subscriber: StatusSubscriber): Promise<StatusSubscriber> {
    return this.writeOn((tx, conn) => tx.serial(() => upsertStatusSubscriber(conn, subscriber)));
  }
  findStatusSubscriber(kind: SubscriberKind, address: string, component: string): Promise<StatusSubscriber | undefined> {
    return selectStatusSubscriber(this.database, kind, address, component);
  }
  findStatusSubscriberByToken(token: string): Promise<StatusSubscriber | undefined> {
    return selectStatusSubscriberByToken(this.database, token);
  }
  confirmStatusSubscriber(id: string, at: EpochMs): Promise<void> {
    return this.writeOn((tx, conn) => tx.serial(() => markStatusSubscriberConfirmed(conn, id, at)));
  }
  deleteStatusSubscriber(id: string): Promise<boolean> {
    return this.writeOn((tx, conn) => tx.serial(() => removeStatusSubscriber(conn, id)));
  }
  listConfirmedStatusSubscribers(): Promise<StatusSubscriber[]> {
    return selectConfirmedStatusSubscribers(this.database);
  }
  claimStatusNotice(updateKey: string, at: EpochMs): Promise<boolean> {
    return this.writeOn((tx, conn) => tx.serial(() => insertStatusNotice(conn, updateKey, at)));
  }
  findHeartbeat(name: string): Promise<HeartbeatRecord | undefined> {
    return selectHeartbeat(this.database, name);
  }
  createIntegration(record: IntegrationRecord, audit: AdminAuditRecord): Promise<void> {
    return this.#alerts.createIntegration(record, audit);
  }
  findIntegrationByHash(keyHash: string): Promise<IntegrationRecord | undefined> {
    return this.#alerts.findIntegrationByHash(keyHash);
  }
  listIntegrations(): Promise<IntegrationRecord[]> {
    return this.#alerts.listIntegrations();
  }
  revokeIntegration(idOrName: string, audit: AdminAuditRecord): Promise<IntegrationRecord | undefined> {
    return this.#alerts.revokeIntegration(idOrName, audit);
  }
  createSilence(record: SilenceRecord, audit: AdminAuditRecord): Promise<void> {
    return this.#alerts.createSilence(record, audit);
  }
  listSilences(): Promise<SilenceRecord[]> {
    return this.#alerts.listSilences();
  }
  expireSilence(id: string, audit: AdminAuditRecord): Promise<SilenceRecord | undefined> {
    return this.#alerts.expireSilence(id, audit);
  }
  listAlerts(filter: AlertFilter): Promise<StoredAlert[]> {
    return this.#alerts.listAlerts(filter);
  }
  listSilencesHoldingAlertsOf(types: readonly IncidentType[]): Promise<string[]> {
    return this.#alerts.listSilencesHoldingAlertsOf(types);
  }
  listChanges(limit: number): Promise<ChangeRecord[]> {
    return this.#alerts.listChanges(limit);
  }
  listAdminAudit(limit: number): Promise<AdminAuditRecord[]> {
    return this.#alerts.listAdminAudit(limit);
  }

  createToken(record: ApiTokenRecord): Promise<void> {
    return this.#tokens.createToken(record);
  }
  findTokenByHash(secretHash: string): Promise<ApiTokenRecord | undefined> {
    return this.#tokens.findTokenByHash(secretHash);
  }
  listTokens(): Promise<ApiTokenRecord[]> {
    return this.#tokens.listTokens();
  }
  revokeToken(idOrName: string, at: EpochMs): Promise<ApiTokenRecord | undefined> {
    return this.#tokens.revokeToken(idOrName, at);
  }
  markTokenUsed(id: string, at: EpochMs): Promise<void> {
    return this.#tokens.markTokenUsed(id, at);
  }

  claimTimers(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<TimerRecord[]> {
    return this.#paging.claimTimers(owner, now, leaseMs, limit);
  }
  claimMessages(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<OutboxRecord[]> {
    return this.#paging.claimMessages(owner, now, leaseMs, limit);
  }
  renewMessageLeases(ids: readonly string[], owner: string, until: EpochMs): Promise<Set<string>> {
    return this.#paging.renewMessageLeases(ids, owner, until);
  }
  deferMessages(ids: readonly string[], owner: string, until: EpochMs): Promise<void> {
    return this.#paging.deferMessages(ids, owner, until);
  }
  nextDueAt(now: EpochMs): Promise<{ timers: EpochMs | undefined; messages: EpochMs | undefined }> {
    return this.#paging.nextDueAt(now);
  }
  warmUp(connections: number): Promise<void> {
    return this.#paging.warmUp(connections);
  }
  escalationGenerations(incidentIds: readonly string[]): Promise<Map<string, number>> {
    return this.#paging.escalationGenerations(incidentIds);
  }
  deliveredSince(channel: DeliveryChannel, address: string, since: EpochMs): Promise<EpochMs[]> {
    return this.#paging.deliveredSince(channel, address, since);
  }
  isEndpointDisabled(channel: DeliveryChannel, address: string): Promise<boolean> {
    return this.#paging.isEndpointDisabled(channel, address);
  }
  countOverdueTimers(dueBefore: EpochMs, now: EpochMs): Promise<number> {
    return this.#paging.countOverdueTimers(dueBefore, now);
  }
  findEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return this.#paging.findEscalation(incidentId);
  }
  listMessages(filter: MessageFilter): Promise<OutboxRecord[]> {
    return this.#paging.listMessages(filter);
  }
  countMessagesByStatus(): Promise<Record<OutboxStatus, number>> {
    return this.#paging.countMessagesByStatus();
  }
  findWarRoom(incidentId: string): Promise<{ channelId: string; channelName: string } | undefined> {
    return this.#paging.findWarRoom(incidentId);
  }

  acquireLease(name: string, holder: string, now: EpochMs, ttlMs: number): Promise<LeaseGrant | undefined> {
    return this.#shared.acquireLease(name, holder, now, ttlMs);
  }
  releaseLease(fence: LeaseFence): Promise<void> {
    return this.#shared.releaseLease(fence);
  }
  isLeaseHeld(fence: LeaseFence, now: EpochMs): Promise<boolean> {
    return this.#shared.isLeaseHeld(fence, now);
  }
  loadDetectionState(): Promise<DetectionSnapshot> {
    return this.#shared.loadDetectionState();
  }
  saveDetectionState(fence: LeaseFence, changes: DetectionSnapshot, now: EpochMs): Promise<boolean> {
    return this.#shared.saveDetectionState(fence, changes, now);
  }
  saveDetectionReading(fence: LeaseFence, reading: unknown, now: EpochMs): Promise<boolean> {
    return this.#shared.saveDetectionReading(fence, reading, now);
  }
  findDetectionReading(): Promise<unknown> {
    return this.#shared.findDetectionReading();
  }
  recordPushedSamples(samples: readonly PushedSampleRecord[]): Promise<void> {
    return this.#shared.recordPushedSamples(samples);
  }
  listPushedSamples(since: EpochMs): Promise<PushedSampleRecord[]> {
    return this.#shared.listPushedSamples(since);
  }
  recordAuthFailure(address: string, now: EpochMs, windowMs: number): Promise<AuthFailureWindow> {
    return this.#shared.recordAuthFailure(address, now, windowMs);
  }
  listAuthFailuresOver(min: number, now: EpochMs): Promise<Map<string, AuthFailureWindow>> {
    return this.#shared.listAuthFailuresOver(min, now);
  }
  revokeSession(id: string, until: EpochMs): Promise<void> {
    return this.#shared.revokeSession(id, until);
  }
  listRevokedSessions(now: EpochMs): Promise<string[]> {
    return this.#shared.listRevokedSessions(now);
  }
  pruneSharedState(now: EpochMs): Promise<number> {
    return this.#shared.pruneSharedState(now);
  }

  listenForAppends(listener: (headSeq: number | undefined) => void): (() => void) | undefined {
    return this.appendSignal?.subscribe(listener);
  }

  override async close(): Promise<void> {
    await this.appendSignal?.close();
    await super.close();
  }

  checkReady(): Promise<StoreReadiness> {
    return checkReadiness(this.database, this.storeDialect, this.failures);
  }

  async countActiveIncidents(types?: readonly IncidentType[]): Promise<Record<Severity, number>> {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    if (types !== undefined && types.length === 0) return counts;
    let query = this.database
      .selectFrom('ir_incidents')
      .select((eb) => ['severity', eb.fn.countAll().as('count')])
      .where('status', 'in', ACTIVE_STATUSES);
    if (types !== undefined) query = query.where('incident_type', 'in', [...types]);
    const rows = await query.groupBy('severity').execute();
    for (const row of rows) if ((SEVERITIES as readonly string[]).includes(row.severity)) counts[row.severity as Severity] = Number(row.count);
    return counts;
  }
}
