import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { adminChainPayload } from '../../../../domain/audit/index.js';
import { sha256Hex } from '../sha256-hex.js';
import type { Migration } from './migration.js';

/**
 * The admin audit trail joins the hash chain, and checkpoints form their own chain.
 *
 * - `ir_admin_audit` gets `seq`, `prev_hash` and `hash`: each line takes the next sequence number
 *   of the one chain the events are in (under the same writer lock), so `audit verify` walks
 *   events and admin lines together in one pass. Lines written before this migration are chained
 *   here, once, after the last event, oldest first.
 * - `ir_audit_checkpoints` gets `ordinal` (its position, from 1) and `prev_hash` (the hash of the
 *   checkpoint before it). Checkpoints signed before this migration get their ordinal here and keep
 *   `prev_hash` null: their signature covers neither (format v1); every later one signs both.
 *
 * Both tables are append-only (migration 8); their guard is lifted for these updates only, inside
 * the migration transaction.
 */
export const MIGRATION_10: Migration = {
  version: 10,
  name: 'admin audit in the chain and checkpoint bookkeeping',
  async up(db) {
    for (const [column, type] of [['seq', 'bigint'], ['prev_hash', 'text'], ['hash', 'text']] as const) {
      await db.schema.alterTable('ir_admin_audit').addColumn(column, type).execute();
    }
    await db.schema.alterTable('ir_audit_checkpoints').addColumn('ordinal', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('ir_audit_checkpoints').addColumn('prev_hash', 'text').execute();

    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await liftUpdateGuard(db, postgres);
    await chainAdminLines(db);
    await numberCheckpoints(db);
    await restoreUpdateGuard(db, postgres);

    await db.schema.createIndex('ir_admin_audit_seq_key').on('ir_admin_audit').column('seq').unique().execute();
    await db.schema.createIndex('ir_audit_checkpoints_ordinal_key').on('ir_audit_checkpoints').column('ordinal').unique().execute();
  },
};

const TABLES = ['ir_admin_audit', 'ir_audit_checkpoints'] as const;

// The schema of its time: see Migration.up.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function liftUpdateGuard(db: Kysely<any>, postgres: boolean): Promise<void> {
  for (const table of TABLES) {
    if (postgres) await sql`alter table ${sql.table(table)} disable trigger ${sql.id(`${table}_append_only`)}`.execute(db);
    else await sql`drop trigger ${sql.id(`${table}_no_update`)}`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function restoreUpdateGuard(db: Kysely<any>, postgres: boolean): Promise<void> {
  for (const table of TABLES) {
    if (postgres) {
      await sql`alter table ${sql.table(table)} enable trigger ${sql.id(`${table}_append_only`)}`.execute(db);
    } else {
      // As migration 8 created it.
      const message = `${table} is append-only: UPDATE is refused`;
      await sql`create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
    }
  }
}

/** Existing admin lines, oldest first, appended to the chain after its current head. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function chainAdminLines(db: Kysely<any>): Promise<void> {
  const headRow = (await db.selectFrom('ir_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow()) as { seq: number | string; hash: string };
  let head = { seq: Number(headRow.seq), hash: headRow.hash };
  let after: { at: number; id: string } | undefined;
  for (;;) {
    let query = db.selectFrom('ir_admin_audit').select(['id', 'at', 'actor', 'action', 'subject', 'detail']);
    if (after !== undefined) {
      const a = after;
      query = query.where((eb) => eb.or([eb('at', '>', a.at), eb.and([eb('at', '=', a.at), eb('id', '>', a.id)])]));
    }
    const rows = (await query.orderBy('at').orderBy('id').limit(1000).execute()) as { id: string; at: number | string; actor: string; action: string; subject: string; detail: string }[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const record = { seq: head.seq + 1, at: Number(r.at), actor: r.actor, action: r.action, subject: r.subject, detailJson: r.detail, prevHash: head.hash };
      const hash = sha256Hex(adminChainPayload(record));
      await db.updateTable('ir_admin_audit').set({ seq: record.seq, prev_hash: record.prevHash, hash }).where('id', '=', r.id).execute();
      head = { seq: record.seq, hash };
    }
    const last = rows[rows.length - 1]!;
    after = { at: Number(last.at), id: last.id };
  }
  await db.updateTable('ir_chain_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
}

/** Existing checkpoints numbered 1, 2, … in the order they were signed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function numberCheckpoints(db: Kysely<any>): Promise<void> {
  const rows = (await db.selectFrom('ir_audit_checkpoints').select(['seq', 'key_id']).orderBy('seq').orderBy('at').orderBy('key_id').execute()) as { seq: number | string; key_id: string }[];
  let ordinal = 0;
  for (const r of rows) {
    ordinal++;
    await db.updateTable('ir_audit_checkpoints').set({ ordinal }).where('seq', '=', r.seq).where('key_id', '=', r.key_id).execute();
  }
}
