import { setImmediate as turnOfTheEventLoop } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { pastIncidentKey, type AlertIdentityKey, type AlertWriteTx, type ChangeRecord, type PastIncident, type SignedDelivery, type StoredAlert } from '../../../app/ports/index.js';
import { insertSignedDelivery } from './kysely-signed-deliveries.js';
import type { Silence } from '../../../domain/alerts/index.js';
import type { IncidentType } from '../../../domain/classification/index.js';
import { INCIDENT_STATUSES, isActiveStatus } from '../../../domain/incident/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import { toAlertRow, toChangeRow, toSilenceRecord, toStoredAlert } from './alert-row-mapping.js';
import { IncidentWriteTxBase } from './incident-write-tx-base.js';
import { excludedColumns } from './excluded-columns.js';
import { PrecompiledInsert } from './precompiled-insert.js';
import type { KyselyWriteTx } from './kysely-incident-store.js';
import type { Database } from './schema.js';

const ACTIVE_STATUSES = INCIDENT_STATUSES.filter(isActiveStatus);
/** Bound on `IN (…)` lists, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
/** (service, fingerprint) pairs per seen-before read: two parameters each. */
const PAIR_CHUNK = 250;
/** Alerts per upsert: sixteen-odd parameters each. */
const ALERT_CHUNK = 250;
const ALERT_UPSERT = new PrecompiledInsert();

/**
 * The alert operations of one write transaction, queued with the incident ones on the same
 * connection. Saved alerts wait in memory and are written with the events (multi-row upserts);
 * reads of the alert table see them. Grouping reads the small `ir_alert_groups` table once per
 * group key and transaction, then keeps it in memory, so its cost does not grow with the group.
 */
export class KyselyAlertWriteTx extends IncidentWriteTxBase implements AlertWriteTx {
  /** Alerts saved in this transaction and not yet written, by id. */
  #pending = new Map<string, StoredAlert>();
  /** Group rows to write: (group key, incident) → first alert's opening instant. */
  #pendingGroups = new Map<string, { groupKey: string; incidentId: string; firstAlertAt: EpochMs }>();
  /** Groups read in this transaction, kept current as alerts are saved: group key → incident → first alert's instant. */
  readonly #groups = new Map<string, Map<string, EpochMs>>();

  constructor(tx: KyselyWriteTx, conn: Kysely<Database>) {
    super(tx, conn);
    tx.addFlusher(() => this.#flushAlerts());
  }

  findLatestAlerts(identities: readonly AlertIdentityKey[]): Promise<StoredAlert[]> {
    return this.tx.serialBuffered(async () => {
      const wanted = new Set(identities.map(identityOf));
      const keys = [...new Set(identities.map((i) => i.dedupKey))];
      const byId = new Map<string, StoredAlert>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const rows = await this.conn.selectFrom('ir_alerts').selectAll().where('dedup_key', 'in', keys.slice(i, i + CHUNK)).execute();
        for (const row of rows) byId.set(row.id, toStoredAlert(row));
      }
      for (const alert of this.#pending.values()) byId.set(alert.id, alert);
      const latest = new Map<string, StoredAlert>();
      for (const alert of byId.values()) {
        const id = identityOf(alert);
        if (!wanted.has(id)) continue;
        const seen = latest.get(id);
        // The live one wins; otherwise the newest resolved one.
        if (seen === undefined || (seen.status === 'resolved' && (alert.status !== 'resolved' || alert.openedAt > seen.openedAt))) latest.set(id, alert);
      }
      return [...latest.values()];
    });
  }

  findAlertsByIds(ids: readonly string[]): Promise<StoredAlert[]> {
    return this.tx.serial(async () => {
      const unique = [...new Set(ids)];
      const found: StoredAlert[] = [];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await this.conn.selectFrom('ir_alerts').selectAll().where('id', 'in', unique.slice(i, i + CHUNK)).execute();
        found.push(...rows.map(toStoredAlert));
      }
      return found;
    });
  }

  saveAlert(alert: StoredAlert): Promise<void> {
    return this.tx.serialBuffered(async () => {
      this.#pending.set(alert.id, alert);
      if (alert.incidentId === undefined) return;
      const key = JSON.stringify([alert.groupKey, alert.incidentId]);
      const waiting = this.#pendingGroups.get(key);
      if (waiting === undefined || alert.openedAt < waiting.firstAlertAt) {
        this.#pendingGroups.set(key, { groupKey: alert.groupKey, incidentId: alert.incidentId, firstAlertAt: alert.openedAt });
      }
      const group = this.#groups.get(alert.groupKey);
      const first = group?.get(alert.incidentId);
      if (group !== undefined && (first === undefined || alert.openedAt < first)) group.set(alert.incidentId, alert.openedAt);
    });
  }

  alertsOfIncident(incidentId: string): Promise<StoredAlert[]> {
    return this.tx.serialBuffered(async () => {
      const rows = await this.conn.selectFrom('ir_alerts').selectAll().where('incident_id', '=', incidentId).execute();
      const byId = new Map(rows.map((r) => [r.id, toStoredAlert(r)]));
      for (const alert of this.#pending.values()) {
        if (alert.incidentId === incidentId) byId.set(alert.id, alert);
        else byId.delete(alert.id);
      }
      return [...byId.values()].sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  prefetchGroups(groupKeys: readonly string[]): Promise<void> {
    return this.tx.serialBuffered(() => this.#readGroups(groupKeys.filter((k) => !this.#groups.has(k))));
  }

  /** Reads the groups of keys not read yet in this transaction (one statement per CHUNK keys), merged with the rows waiting to be written. */
  async #readGroups(groupKeys: readonly string[]): Promise<void> {
    const keys = new Set(groupKeys);
    const unique = [...keys];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const rows = await this.conn
        .selectFrom('ir_alert_groups')
        .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_alert_groups.incident_id')
        .select(['ir_alert_groups.group_key as groupKey', 'ir_alert_groups.incident_id as incidentId', 'ir_alert_groups.first_alert_at as firstAlertAt'])
        .where('ir_alert_groups.group_key', 'in', chunk)
        .where('ir_incidents.status', 'in', ACTIVE_STATUSES)
        .execute();
      for (const key of chunk) this.#groups.set(key, new Map());
      for (const r of rows) this.#groups.get(r.groupKey)!.set(r.incidentId, epochMs(Number(r.firstAlertAt)));
    }
    for (const waiting of this.#pendingGroups.values()) {
      if (!keys.has(waiting.groupKey)) continue;
      const group = this.#groups.get(waiting.groupKey)!;
      const first = group.get(waiting.incidentId);
      if (first === undefined || waiting.firstAlertAt < first) group.set(waiting.incidentId, waiting.firstAlertAt);
    }
  }

  findGroups(groupKey: string): Promise<{ incidentId: string; firstAlertAt: EpochMs }[]> {
    return this.tx.serialBuffered(async () => {
      if (!this.#groups.has(groupKey)) await this.#readGroups([groupKey]);
      const group = this.#groups.get(groupKey)!;
      const groups: { incidentId: string; firstAlertAt: EpochMs }[] = [];
      for (const [incidentId, firstAlertAt] of group) {
        // An incident this transaction changed is judged by its newest state, not the stored one.
        const known = this.tx.knownIncident(incidentId);
        if (known === undefined || isActiveStatus(known.status)) groups.push({ incidentId, firstAlertAt });
      }
      return groups;
    });
  }

  async #flushAlerts(): Promise<void> {
    if (this.#pending.size > 0) {
      const rows = [...this.#pending.values()].map(toAlertRow);
      this.#pending = new Map();
      for (let i = 0; i < rows.length; i += ALERT_CHUNK) {
        const chunk = rows.slice(i, i + ALERT_CHUNK);
        await ALERT_UPSERT.execute(this.conn, chunk, () => this.conn
          .insertInto('ir_alerts')
          .values(chunk)
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => excludedColumns(eb, chunk[0]!))));
        // One short task per statement (SQLite answers synchronously): the server answers meanwhile.
        await turnOfTheEventLoop();
      }
    }
    if (this.#pendingGroups.size > 0) {
      const rows = [...this.#pendingGroups.values()].map((g) => ({ group_key: g.groupKey, incident_id: g.incidentId, first_alert_at: g.firstAlertAt }));
      this.#pendingGroups = new Map();
      for (let i = 0; i < rows.length; i += ALERT_CHUNK) {
        await this.conn
          .insertInto('ir_alert_groups')
          .values(rows.slice(i, i + ALERT_CHUNK))
          .onConflict((oc) => oc.columns(['group_key', 'incident_id']).doUpdateSet({
            first_alert_at: sql<number>`CASE WHEN excluded.first_alert_at < ir_alert_groups.first_alert_at THEN excluded.first_alert_at ELSE ir_alert_groups.first_alert_at END`,
          }))
          .execute();
      }
    }
  }

  liveSilences(now: EpochMs): Promise<Silence[]> {
    return this.tx.serialBuffered(async () => {
      const rows = await this.conn.selectFrom('ir_silences').selectAll().where('starts_at', '<=', now).where('ends_at', '>', now).execute();
      return rows.map(toSilenceRecord);
    });
  }

  activeIncidentIds(service: string | undefined, limit: number): Promise<string[]> {
    return this.tx.serial(async () => {
      let query = this.conn.selectFrom('ir_incidents').select('id').where('status', 'in', ACTIVE_STATUSES);
      if (service !== undefined) query = query.where('service', '=', service);
      const rows = await query.orderBy('declared_at', 'desc').limit(limit).execute();
      return rows.map((r) => r.id);
    });
  }

  /**
   * Reads without writing what waits in memory first: the candidates that matter have a root cause
   * on record, and no incident of the transaction under way has one yet. One statement for every
   * alert of the batch (an index probe per pair, then only incidents with an RCA), one for their
   * root causes.
   */
  findPastIncidentsWithAlerts(alerts: readonly { readonly service: string; readonly fingerprint: string }[], limitPerAlert: number): Promise<Map<string, PastIncident[]>> {
    return this.tx.serialBuffered(async () => {
      const found = new Map<string, PastIncident[]>();
      const pairs = [...new Map(alerts.map((a) => [pastIncidentKey(a.service, a.fingerprint), a])).values()];
      const rows: { service: string | null; fingerprint: string; id: string; declaredAt: unknown; incidentType: string }[] = [];
      for (let i = 0; i < pairs.length; i += PAIR_CHUNK) {
        const chunk = pairs.slice(i, i + PAIR_CHUNK);
        rows.push(...await this.conn
          .selectFrom('ir_alerts')
          .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_alerts.incident_id')
          .select(['ir_alerts.service as service', 'ir_alerts.fingerprint as fingerprint', 'ir_incidents.id as id', 'ir_incidents.declared_at as declaredAt', 'ir_incidents.incident_type as incidentType'])
          .distinct()
          .where((eb) => eb.or(chunk.map((p) => eb.and([eb('ir_alerts.service', '=', p.service), eb('ir_alerts.fingerprint', '=', p.fingerprint)]))))
          .where((eb) => eb.exists(eb.selectFrom('ir_events').select('ir_events.seq').whereRef('ir_events.incident_id', '=', 'ir_incidents.id').where('ir_events.kind', '=', 'rca-updated')))
          .execute());
      }
      if (rows.length === 0) return found;
      const rootCause = new Map<string, string>();
      const ids = [...new Set(rows.map((r) => r.id))];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rca = await this.conn
          .selectFrom('ir_events')
          .select(['incident_id', 'data'])
          .where('kind', '=', 'rca-updated')
          .where('incident_id', 'in', ids.slice(i, i + CHUNK))
          .orderBy('seq')
          .execute();
        for (const row of rca) {
          const data = JSON.parse(row.data) as { rootCause?: unknown };
          if (typeof data.rootCause === 'string') rootCause.set(row.incident_id, data.rootCause);
        }
      }
      for (const r of rows) {
        const key = pastIncidentKey(r.service ?? '', r.fingerprint);
        const list = found.get(key) ?? [];
        list.push({ incidentId: r.id, declaredAt: epochMs(Number(r.declaredAt)), rootCause: rootCause.get(r.id), incidentType: r.incidentType as IncidentType });
        found.set(key, list);
      }
      for (const [key, list] of found) found.set(key, list.sort((x, y) => y.declaredAt - x.declaredAt || (x.incidentId < y.incidentId ? 1 : -1)).slice(0, limitPerAlert));
      return found;
    });
  }

  claimSignedDelivery(delivery: SignedDelivery, now: EpochMs): Promise<boolean> {
    return this.tx.serial(() => insertSignedDelivery(this.conn, delivery, now));
  }

  insertChange(change: ChangeRecord): Promise<void> {
    return this.tx.serial(async () => {
      await this.conn.insertInto('ir_changes').values(toChangeRow(change)).execute();
    });
  }
}

function identityOf(a: AlertIdentityKey): string {
  return JSON.stringify([a.source, a.integrationKey, a.dedupKey]);
}
