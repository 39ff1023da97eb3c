import { sql } from 'kysely';
import type { StoreDialect } from '../shared/store-dialect.js';

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * SQLite has one writer per database file. BEGIN IMMEDIATE takes the write lock up front and waits
 * for it (busy_timeout); a deferred BEGIN would read first and could then fail to upgrade its lock
 * with SQLITE_BUSY, without waiting, when another process got there first.
 */
export const sqliteStoreDialect: StoreDialect = {
  label: 'SQLite',
  skipsLockedRows: false,
  async beginWrite(conn) {
    await sql`begin immediate`.execute(conn);
  },
  async notifyAppended() {
    // One file, no server to notify through: event streams poll.
  },
  async beginMigration(conn) {
    await sql`begin immediate`.execute(conn);
  },
  isUndefinedTable(error) {
    return codeOf(error) === 'SQLITE_ERROR' && error instanceof Error && error.message.startsWith('no such table');
  },
  isUniqueViolation(error) {
    const code = codeOf(error);
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
};
