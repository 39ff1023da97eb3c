import type { Kysely, Selectable } from 'kysely';
import type { AdminAuditRecord, ContactTestRecord, OnCallStore, OverrideFilter } from '../../../app/ports/index.js';
import type { ContactMethodKind, StoredOverride } from '../../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import { appendAdminLine } from './kysely-audit-trail.js';
import { runTransaction } from './run-transaction.js';
import type { ContactTestsTable, Database, OncallOverridesTable } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

function toOverride(row: Selectable<OncallOverridesTable>): StoredOverride {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    personId: row.person_id,
    ...(row.replaces_person_id !== null ? { replacesPersonId: row.replaces_person_id } : {}),
    startAt: epochMs(Number(row.start_at)),
    endAt: epochMs(Number(row.end_at)),
    note: row.note,
    createdBy: row.created_by,
    createdAt: epochMs(Number(row.created_at)),
  };
}

function toContactTest(row: Selectable<ContactTestsTable>): ContactTestRecord {
  return {
    id: row.id,
    personId: row.person_id,
    contactMethodId: row.contact_method_id,
    method: row.method as ContactMethodKind,
    at: epochMs(Number(row.at)),
    outcome: row.outcome === 'delivered' ? 'delivered' : 'failed',
    detail: row.detail,
    requestedBy: row.requested_by,
  };
}

/** Live overrides ending after `endsAfter` (optionally of one schedule), oldest made first; shared by the store and the write transaction. */
export async function selectOverrides(conn: Kysely<Database>, filter: OverrideFilter): Promise<StoredOverride[]> {
  let query = conn.selectFrom('ir_oncall_overrides').selectAll().where('deleted_at', 'is', null).where('end_at', '>', filter.endsAfter);
  if (filter.scheduleId !== undefined) query = query.where('schedule_id', '=', filter.scheduleId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toOverride);
}

/** Overrides made at runtime and contact-method tests; every override change is written with its admin audit line. */
export class KyselyOnCall implements OnCallStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async createOverride(o: StoredOverride, audit: AdminAuditRecord): Promise<void> {
    await this.#audited(audit, (conn) => conn.insertInto('ir_oncall_overrides').values({
      id: o.id, schedule_id: o.scheduleId, person_id: o.personId, replaces_person_id: o.replacesPersonId ?? null,
      start_at: o.startAt, end_at: o.endAt, note: o.note, created_by: o.createdBy, created_at: o.createdAt, deleted_at: null, deleted_by: null,
    }).execute());
  }

  listOverrides(filter: OverrideFilter): Promise<StoredOverride[]> {
    return selectOverrides(this.db, filter);
  }

  async findOverride(id: string): Promise<StoredOverride | undefined> {
    const row = await this.db.selectFrom('ir_oncall_overrides').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row === undefined ? undefined : toOverride(row);
  }

  async deleteOverride(id: string, audit: AdminAuditRecord): Promise<StoredOverride | undefined> {
    // Nothing deleted, nothing audited: the transaction is rolled back by the thrown marker.
    const gone = Symbol('gone');
    try {
      return await this.#audited(audit, async (conn) => {
        const row = await conn.updateTable('ir_oncall_overrides').set({ deleted_at: audit.at, deleted_by: audit.actor })
          .where('id', '=', id).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
        if (row === undefined) throw gone;
        return toOverride(row);
      });
    } catch (error) {
      if (error === gone) return undefined;
      throw error;
    }
  }

  async recordContactTest(r: ContactTestRecord): Promise<void> {
    await runTransaction(this.db, (conn) => this.dialect.beginWrite(conn), (conn) => conn.insertInto('ir_contact_tests').values({
      id: r.id, person_id: r.personId, contact_method_id: r.contactMethodId, method: r.method, at: r.at, outcome: r.outcome, detail: r.detail, requested_by: r.requestedBy,
    }).execute());
  }

  async listContactTests(since: EpochMs): Promise<ContactTestRecord[]> {
    const rows = await this.db.selectFrom('ir_contact_tests').selectAll().where('at', '>=', since).orderBy('at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toContactTest);
  }

  #audited<T>(audit: AdminAuditRecord, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    return runTransaction(this.db, (conn) => this.dialect.beginWrite(conn), async (conn) => {
      const result = await work(conn);
      await appendAdminLine(conn, audit);
      return result;
    });
  }
}
