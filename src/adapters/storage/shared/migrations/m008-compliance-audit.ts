import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { StoredEvent } from '../../../../app/ports/index.js';
import { advanceReportFacts } from '../../../../domain/reporting/index.js';
import { parseIncidentState, toStoredEvent } from '../row-mapping.js';
import { encodeReportFacts } from '../report-facts-projection.js';
import type { EventsTable } from '../schema.js';
import type { Migration } from './migration.js';

/** Tables whose rows are evidence: once written, never changed or deleted by anyone using the product. */
export const APPEND_ONLY_TABLES = ['ir_events', 'ir_audit_checkpoints', 'ir_admin_audit'] as const;

/**
 * Signed checkpoints of the event chain, and the guard that makes the audit tables append-only in
 * the database itself: SQLite triggers that RAISE(ABORT) on UPDATE and DELETE; on PostgreSQL one
 * trigger function refusing UPDATE, DELETE and TRUNCATE. Someone with superuser or file access can
 * still remove the guard; the hash chain and the signed checkpoints exported off the database are
 * what detect that.
 */
export const MIGRATION_8: Migration = {
  version: 8,
  name: 'compliance clocks, signed audit checkpoints, append-only audit tables and the monthly report projection',
  async up(db) {
    await db.schema
      .createTable('ir_audit_checkpoints')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('chain_hash', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ir_audit_checkpoints_pkey', ['seq', 'key_id'])
      .execute();

    // The monthly report's projection: one row per incident (see report-facts-projection.ts).
    await db.schema
      .createTable('ir_report_facts')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('declared_at', 'bigint', (c) => c.notNull())
      .addColumn('incident_type', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ir_report_facts_declared_idx').on('ir_report_facts').columns(['declared_at', 'incident_id']).execute();
    await backfillReportFacts(db);

    if (isPostgres(db)) await guardPostgres(db);
    else await guardSqlite(db);
  },
};

/** Existing incidents get their projection row from their whole history, a page of incidents at a time. */
// The schema of its time: see Migration.up.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backfillReportFacts(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const incidents = (await db.selectFrom('ir_incidents').select(['id', 'state']).where('id', '>', after).orderBy('id').limit(500).execute()) as { id: string; state: string }[];
    if (incidents.length === 0) return;
    const ids = incidents.map((i) => i.id);
    const rows = (await db.selectFrom('ir_events').selectAll().where('incident_id', 'in', ids).orderBy('incident_id').orderBy('version').execute()) as Selectable<EventsTable>[];
    const byIncident = new Map<string, StoredEvent[]>();
    for (const r of rows) {
      const list = byIncident.get(r.incident_id) ?? [];
      list.push(toStoredEvent(r));
      byIncident.set(r.incident_id, list);
    }
    for (const i of incidents) {
      const state = parseIncidentState(i.state);
      const facts = advanceReportFacts(undefined, byIncident.get(i.id) ?? [], state);
      await db.insertInto('ir_report_facts').values({ incident_id: i.id, declared_at: state.declaredAt, incident_type: state.incidentType, facts: encodeReportFacts(facts) }).execute();
    }
    after = ids[ids.length - 1]!;
  }
}

/** The dialect a migration runs on, from the adapter Kysely was built with. */
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function guardSqlite(db: Kysely<unknown>): Promise<void> {
  for (const table of APPEND_ONLY_TABLES) {
    for (const op of ['update', 'delete'] as const) {
      const message = `${table} is append-only: ${op.toUpperCase()} is refused`;
      await sql`create trigger ${sql.id(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
    }
  }
}

async function guardPostgres(db: Kysely<unknown>): Promise<void> {
  // SQLSTATE 42501 (insufficient_privilege): the product's own role is not allowed this.
  await sql`create function ir_refuse_audit_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is refused', tg_table_name, tg_op using errcode = '42501';
    end
  $$`.execute(db);
  for (const table of APPEND_ONLY_TABLES) {
    await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function ir_refuse_audit_change()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function ir_refuse_audit_change()`.execute(db);
  }
}
