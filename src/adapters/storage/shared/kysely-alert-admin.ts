import type { Kysely } from 'kysely';
import type { AdminAuditRecord, AlertFilter, ChangeRecord, IntegrationRecord, SilenceRecord, StoredAlert } from '../../../app/ports/index.js';
import type { IncidentType } from '../../../domain/classification/index.js';
import { AppError } from '../../../domain/errors/index.js';
import { toAuditRecord, toChangeRecord, toIntegrationRecord, toIntegrationRow, toSilenceRecord, toSilenceRow, toStoredAlert } from './alert-row-mapping.js';
import { appendAdminLine } from './kysely-audit-trail.js';
import { runTransaction } from './run-transaction.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

const MAX_LIMIT = 1000;

/**
 * Integration keys, silences and the reads of alerts and changes. Every admin change is written in
 * one transaction with its line of the admin audit trail.
 */
export class KyselyAlertAdmin {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async createIntegration(record: IntegrationRecord, audit: AdminAuditRecord): Promise<void> {
    try {
      await this.#audited(audit, (conn) => conn.insertInto('ir_integrations').values(toIntegrationRow(record)).execute());
    } catch (error) {
      if (this.dialect.isUniqueViolation(error)) {
        throw new AppError('CONFLICT', `An integration named '${record.name}' already exists. Revoke it first or choose another name.`, {
          cause: error,
          issues: [{ path: 'name', message: 'already used by a live integration' }],
        });
      }
      throw error;
    }
  }

  async findIntegrationByHash(keyHash: string): Promise<IntegrationRecord | undefined> {
    const row = await this.db.selectFrom('ir_integrations').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row === undefined ? undefined : toIntegrationRecord(row);
  }

  async listIntegrations(): Promise<IntegrationRecord[]> {
    const rows = await this.db.selectFrom('ir_integrations').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toIntegrationRecord);
  }

  async revokeIntegration(idOrName: string, audit: AdminAuditRecord): Promise<IntegrationRecord | undefined> {
    return this.#audited(audit, async (conn) => {
      const live = await conn
        .updateTable('ir_integrations')
        .set({ revoked_at: audit.at })
        .where((eb) => eb.and([eb('revoked_at', 'is', null), eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])]))
        .returningAll()
        .executeTakeFirst();
      if (live !== undefined) return toIntegrationRecord(live);
      const revoked = await conn.selectFrom('ir_integrations').selectAll().where('id', '=', idOrName).executeTakeFirst();
      return revoked === undefined ? undefined : toIntegrationRecord(revoked);
    });
  }

  async createSilence(record: SilenceRecord, audit: AdminAuditRecord): Promise<void> {
    await this.#audited(audit, (conn) => conn.insertInto('ir_silences').values(toSilenceRow(record)).execute());
  }

  async listSilences(): Promise<SilenceRecord[]> {
    const rows = await this.db.selectFrom('ir_silences').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toSilenceRecord);
  }

  async expireSilence(id: string, audit: AdminAuditRecord): Promise<SilenceRecord | undefined> {
    return this.#audited(audit, async (conn) => {
      const row = await conn.selectFrom('ir_silences').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return undefined;
      const current = toSilenceRecord(row);
      if (current.endsAt <= audit.at) return current;
      // A silence that has not started yet ends where it would have started.
      const endsAt = Math.max(audit.at, current.startsAt);
      const updated = await conn.updateTable('ir_silences').set({ ends_at: endsAt, expired_at: audit.at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toSilenceRecord(updated);
    });
  }

  async listAlerts(filter: AlertFilter): Promise<StoredAlert[]> {
    let query = this.db.selectFrom('ir_alerts').selectAll();
    if (filter.incidentId !== undefined) query = query.where('incident_id', '=', filter.incidentId);
    if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
    const hidden = filter.hiddenTypes ?? [];
    if (hidden.length > 0) {
      query = query.where((eb) => eb.or([
        eb('incident_id', 'is', null),
        eb('incident_id', 'not in', eb.selectFrom('ir_incidents').select('ir_incidents.id').where('ir_incidents.incident_type', 'in', hidden)),
      ]));
    }
    const rows = await query.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, MAX_LIMIT)).execute();
    return rows.map(toStoredAlert);
  }

  async listSilencesHoldingAlertsOf(types: readonly IncidentType[]): Promise<string[]> {
    if (types.length === 0) return [];
    const rows = await this.db
      .selectFrom('ir_alerts')
      .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_alerts.incident_id')
      .select('ir_alerts.silenced_by')
      .distinct()
      .where('ir_alerts.silenced_by', 'is not', null)
      .where('ir_incidents.incident_type', 'in', types)
      .execute();
    return rows.map((r) => r.silenced_by!);
  }

  async listChanges(limit: number): Promise<ChangeRecord[]> {
    const rows = await this.db.selectFrom('ir_changes').selectAll().orderBy('happened_at', 'desc').orderBy('id').limit(Math.min(limit, MAX_LIMIT)).execute();
    return rows.map(toChangeRecord);
  }

  async listAdminAudit(limit: number): Promise<AdminAuditRecord[]> {
    const rows = await this.db.selectFrom('ir_admin_audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(limit, MAX_LIMIT)).execute();
    return rows.map(toAuditRecord);
  }

  /** `work` and its audit line in one write transaction (taking its turn like every writer). */
  #audited<T>(audit: AdminAuditRecord, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    const begin = (conn: Kysely<Database>) => this.dialect.beginWrite(conn);
    return runTransaction(this.db, begin, async (conn) => {
      const result = await work(conn);
      await appendAdminLine(conn, audit);
      return result;
    });
  }
}
