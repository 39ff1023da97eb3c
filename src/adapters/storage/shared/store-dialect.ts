import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * What differs between SQLite and PostgreSQL, as named functions. Everything else (queries,
 * hashing, mapping, migrations) is shared code in this folder.
 */
export interface StoreDialect {
  /** For messages: "SQLite" or "PostgreSQL". */
  readonly label: string;
  /**
   * Claims lock the rows they take with FOR UPDATE SKIP LOCKED (PostgreSQL), so concurrent
   * claimers pass over each other's rows. SQLite has one writer at a time and needs no row locks.
   */
  readonly skipsLockedRows: boolean;
  /**
   * Opens the write transaction on `conn` and takes the single writer lock (the chain head), so
   * writers from every process and server instance take turns. Released by commit or rollback.
   */
  beginWrite(conn: Kysely<Database>): Promise<void>;
  /**
   * Opens the transaction migrations run in, serialised against every other process migrating the
   * same database. Must work before any table exists.
   */
  beginMigration(conn: Kysely<Database>): Promise<void>;
  /**
   * Called in the write transaction that moved the event log's head to `headSeq`, before commit:
   * PostgreSQL issues a NOTIFY (delivered on commit, dropped on rollback) so other instances' event
   * streams read at once; SQLite does nothing (streams poll).
   */
  notifyAppended(conn: Kysely<Database>, headSeq: number): Promise<void>;
  /** The error says a table does not exist (a database nobody has migrated yet). */
  isUndefinedTable(error: unknown): boolean;
  /** The error is a primary-key or unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
}
