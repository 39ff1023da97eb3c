import type { AlertIdentityKey, AlertWriteTx, ChangeRecord, StoredAlert } from '../../../app/ports/index.js';
import type { Silence } from '../../../domain/alerts/index.js';
import type { SeenBeforeCandidate } from '../../../domain/review/index.js';
import { INCIDENT_STATUSES, isActiveStatus } from '../../../domain/incident/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import { toAlertRow, toChangeRow, toSilenceRecord, toStoredAlert } from './alert-row-mapping.js';
import { IncidentWriteTxBase } from './incident-write-tx-base.js';

const ACTIVE_STATUSES = INCIDENT_STATUSES.filter(isActiveStatus);
/** Bound on `IN (…)` lists, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** The alert operations of one write transaction, queued with the incident ones on the same connection. */
export class KyselyAlertWriteTx extends IncidentWriteTxBase implements AlertWriteTx {

  findLatestAlerts(identities: readonly AlertIdentityKey[]): Promise<StoredAlert[]> {
    return this.tx.serial(async () => {
      const wanted = new Set(identities.map(identityOf));
      const keys = [...new Set(identities.map((i) => i.dedupKey))];
      const latest = new Map<string, StoredAlert>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const rows = await this.conn.selectFrom('ir_alerts').selectAll().where('dedup_key', 'in', keys.slice(i, i + CHUNK)).execute();
        for (const row of rows) {
          const alert = toStoredAlert(row);
          const id = identityOf(alert);
          if (!wanted.has(id)) continue;
          const seen = latest.get(id);
          // The live one wins; otherwise the newest resolved one.
          if (seen === undefined || (seen.status === 'resolved' && (alert.status !== 'resolved' || alert.openedAt > seen.openedAt))) latest.set(id, alert);
        }
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
    return this.tx.serial(async () => {
      const row = toAlertRow(alert);
      const { id: _id, ...changes } = row;
      await this.conn.insertInto('ir_alerts').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
    });
  }

  alertsOfIncident(incidentId: string): Promise<StoredAlert[]> {
    return this.tx.serial(async () => {
      const rows = await this.conn.selectFrom('ir_alerts').selectAll().where('incident_id', '=', incidentId).orderBy('opened_at').orderBy('id').execute();
      return rows.map(toStoredAlert);
    });
  }

  findGroups(groupKey: string): Promise<{ incidentId: string; firstAlertAt: EpochMs }[]> {
    return this.tx.serial(async () => {
      const rows = await this.conn
        .selectFrom('ir_alerts')
        .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_alerts.incident_id')
        .select((eb) => ['ir_alerts.incident_id as incidentId', eb.fn.min('ir_alerts.opened_at').as('firstAlertAt')])
        .where('ir_alerts.group_key', '=', groupKey)
        .where('ir_incidents.status', 'in', ACTIVE_STATUSES)
        .groupBy('ir_alerts.incident_id')
        .execute();
      return rows.map((r) => ({ incidentId: r.incidentId!, firstAlertAt: epochMs(Number(r.firstAlertAt)) }));
    });
  }

  liveSilences(now: EpochMs): Promise<Silence[]> {
    return this.tx.serial(async () => {
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

  findPastIncidentsWithAlert(service: string, fingerprint: string, limit: number): Promise<SeenBeforeCandidate[]> {
    return this.tx.serial(async () => {
      const incidents = await this.conn
        .selectFrom('ir_alerts')
        .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_alerts.incident_id')
        .select(['ir_incidents.id as id', 'ir_incidents.declared_at as declaredAt'])
        .distinct()
        .where('ir_alerts.service', '=', service)
        .where('ir_alerts.fingerprint', '=', fingerprint)
        .orderBy('ir_incidents.declared_at', 'desc')
        .limit(limit)
        .execute();
      if (incidents.length === 0) return [];
      const rca = await this.conn
        .selectFrom('ir_events')
        .select(['incident_id', 'data'])
        .where('kind', '=', 'rca-updated')
        .where('incident_id', 'in', incidents.map((i) => i.id))
        .orderBy('seq')
        .execute();
      const rootCause = new Map<string, string>();
      for (const row of rca) {
        const data = JSON.parse(row.data) as { rootCause?: unknown };
        if (typeof data.rootCause === 'string') rootCause.set(row.incident_id, data.rootCause);
      }
      return incidents.map((i) => ({ incidentId: i.id, declaredAt: epochMs(Number(i.declaredAt)), rootCause: rootCause.get(i.id) }));
    });
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
