// Stores for contract tests: every implementation of Store, each on a fresh, empty database.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/adapters/storage/index.js';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Where the PostgreSQL tests run. A server that is down fails them: they are never skipped. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database nobody has opened yet: a path in a new temp dir, or a schema that does not exist yet. */
export interface TestDatabase {
  readonly kind: StoreKind;
  /** What a store is opened with: the SQLite file path, or the PostgreSQL URL with `?schema=`. */
  readonly location: string;
  /** Opens a store on this database; cleanup() closes it. */
  open(): Promise<Store>;
  /**
   * Runs SQL beside the stores, on its own connection, for checking or tampering with rows.
   * Placeholders are `?` for both kinds. Returns the rows (none for statements without any).
   */
  rawExec(sql: string, params?: unknown[]): Promise<unknown[]>;
  /**
   * Removes the append-only guard of the audit tables (migration 8) the way someone with file or
   * superuser access would: SQLite drops the triggers; PostgreSQL sets session_replication_role to
   * replica on the raw connection, so rawExec's later statements skip the triggers.
   */
  disableAuditGuard(): Promise<void>;
  /** Closes every store and connection and deletes the database. */
  cleanup(): Promise<void>;
}

export interface TestStore extends TestDatabase {
  readonly store: Store;
  /** Opens another store on the same database (cleanup() closes it too). */
  reopen(): Promise<Store>;
}

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const database = await createTestDatabase(kind);
  try {
    const store = await database.open();
    return { ...database, store, reopen: () => database.open() };
  } catch (error) {
    await database.cleanup().catch(() => undefined);
    throw error;
  }
}

export function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase();
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'ir-store-'));
  // A directory that does not exist yet: opening creates it.
  const path = join(dir, 'nested', 'incidents.db');
  const opened: Store[] = [];
  const { default: Sqlite } = await import('better-sqlite3');
  let raw: InstanceType<typeof Sqlite> | undefined;
  return {
    kind: 'sqlite',
    location: path,
    async open() {
      const store = await openSqliteStore(path);
      opened.push(store);
      return store;
    },
    async rawExec(sql, params = []) {
      raw ??= new Sqlite(path, { timeout: 15_000, fileMustExist: true });
      const stmt = raw.prepare(sql);
      if (stmt.reader) return stmt.all(...params);
      stmt.run(...params);
      return [];
    },
    async disableAuditGuard() {
      raw ??= new Sqlite(path, { timeout: 15_000, fileMustExist: true });
      const triggers = raw.prepare("select name from sqlite_master where type = 'trigger' and name like 'ir\\_%\\_no\\_%' escape '\\'").all() as { name: string }[];
      for (const t of triggers) raw.exec(`drop trigger "${t.name}"`);
    },
    async cleanup() {
      for (const s of opened) await s.close();
      raw?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const schema = `ir_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const location = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const opened: Store[] = [];
  const { default: pg } = await import('pg');
  let raw: InstanceType<typeof pg.Client> | undefined;
  const connect = async () => {
    if (raw === undefined) {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`set search_path to "${schema}"`);
      raw = client;
    }
    return raw;
  };
  return {
    kind: 'postgres',
    location,
    async open() {
      const store = await openPostgresStore(location);
      opened.push(store);
      return store;
    },
    async rawExec(sql, params = []) {
      let n = 0;
      const result = await (await connect()).query(sql.replace(/\?/g, () => `$${++n}`), params);
      return result.rows;
    },
    async disableAuditGuard() {
      await (await connect()).query('set session_replication_role = replica');
    },
    async cleanup() {
      for (const s of opened) await s.close();
      const client = await connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
