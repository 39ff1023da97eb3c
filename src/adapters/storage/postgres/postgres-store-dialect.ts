import { sql } from 'kysely';
import type { StoreDialect } from '../shared/store-dialect.js';
import { appendChannel } from './postgres-append-listener.js';

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * Key of the transaction-level advisory lock migrations take. One key for the whole database:
 * migrating two schemas at once just takes turns, which costs nothing worth a second key.
 */
const MIGRATION_LOCK_KEY = 0x69_72_6d_69_67_72; // "irmigr"

/**
 * PostgreSQL: writers queue on a row lock on the chain head (SELECT … FOR UPDATE), which every
 * write takes first, so at READ COMMITTED each writer sees everything committed before its turn.
 * `schema`, when given, is created by the first migration if it does not exist yet.
 */
export function postgresStoreDialect(schema: string | undefined): StoreDialect {
  const channel = appendChannel(schema);
  return {
    label: 'PostgreSQL',
    skipsLockedRows: true,
    async beginWrite(conn) {
      // Statements are named prepared statements: after five runs PostgreSQL may keep a generic plan
      // made while a table was small (a fresh database in an alert storm: a sequential scan of the
      // alerts for every batch, growing with the table until autovacuum analyses it). Writes plan
      // each statement for its values; one round trip with the BEGIN.
      await sql`begin; set local plan_cache_mode = force_custom_plan`.execute(conn);
      await conn.selectFrom('ir_chain_head').select('seq').where('id', '=', 1).forUpdate().execute();
    },
    async notifyAppended(conn, headSeq) {
      // The payload is the head only: listeners read the events themselves, as they may see them.
      await sql`select pg_notify(${channel}, ${String(headSeq)})`.execute(conn);
    },
    async beginMigration(conn) {
      await sql`begin`.execute(conn);
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
      if (schema === undefined) return;
      // Checked rather than CREATE SCHEMA IF NOT EXISTS: that still needs CREATE on the database,
      // which a role given an existing schema may not have.
      const exists = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(conn);
      if (exists.rows.length === 0) await sql`create schema ${sql.id(schema)}`.execute(conn);
    },
    isUndefinedTable(error) {
      return codeOf(error) === '42P01';
    },
    isUniqueViolation(error) {
      return codeOf(error) === '23505';
    },
  };
}
