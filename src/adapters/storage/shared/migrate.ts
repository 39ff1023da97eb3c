import type { Kysely } from 'kysely';
import { AppError } from '../../../domain/errors/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { runTransaction } from './run-transaction.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

export interface MigrateOptions {
  readonly migrations?: readonly Migration[];
  /** The instant recorded as `applied_at`. */
  readonly now?: () => number;
}

/**
 * Brings the schema up to date and returns the versions it applied (none when it was current).
 *
 * Deliberately not Kysely's Migrator: it reads and then writes inside a deferred SQLite
 * transaction, and when many processes open a fresh file at once that lock upgrade fails with
 * SQLITE_BUSY without waiting. Here the common case is one read outside any transaction; only
 * when something is pending do we take the dialect's migration lock (SQLite: BEGIN IMMEDIATE,
 * PostgreSQL: an advisory lock), look again, and apply the rest in that same transaction. DDL is
 * transactional on both databases, so a crash leaves either all of a migration or none of it.
 */
export async function migrate(db: Kysely<Database>, dialect: StoreDialect, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const now = options.now ?? Date.now;

  const found = await readSchemaVersion(db, dialect);
  if (found !== undefined) {
    assertNotNewer(found, latest, dialect);
    if (found === latest) return [];
  }

  return runTransaction(db, (conn) => dialect.beginMigration(conn), async (conn) => {
    await conn.schema
      .createTable('ir_schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute();
    // Another process may have migrated while we waited for the lock.
    const current = (await readSchemaVersion(conn, dialect)) ?? 0;
    assertNotNewer(current, latest, dialect);
    const applied: number[] = [];
    for (const migration of migrations.slice(current)) {
      await migration.up(conn);
      await conn.insertInto('ir_schema_migrations').values({ version: migration.version, applied_at: now() }).execute();
      applied.push(migration.version);
    }
    return applied;
  });
}

/** The applied schema version against the one this build expects; throws when the database cannot be reached. */
export async function readSchemaStatus(db: Kysely<Database>, dialect: StoreDialect): Promise<{ current: number; latest: number }> {
  return { current: (await readSchemaVersion(db, dialect)) ?? 0, latest: MIGRATIONS.length };
}

/** The highest applied version, 0 for an empty table, undefined when the table does not exist. */
async function readSchemaVersion(db: Kysely<Database>, dialect: StoreDialect): Promise<number | undefined> {
  try {
    const row = await db
      .selectFrom('ir_schema_migrations')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    return row?.version == null ? 0 : Number(row.version);
  } catch (error) {
    if (dialect.isUndefinedTable(error)) return undefined;
    throw error;
  }
}

function assertNotNewer(found: number, latest: number, dialect: StoreDialect): void {
  if (found <= latest) return;
  throw new AppError(
    'STORE_UNAVAILABLE',
    `The ${dialect.label} database is at schema version ${found}, newer than this version of incident-response understands (${latest}).`,
    { hint: 'Upgrade incident-response to the version that last migrated this database.' },
  );
}
