import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError, isAppError } from '../../../domain/errors/index.js';
import { errorReason } from '../shared/error-reason.js';
import { FailureWatch, classifyingDialect } from '../shared/classifying-dialect.js';
import { KyselyStore, type Store } from '../shared/kysely-store.js';
import { migrate } from '../shared/migrate.js';
import type { Database } from '../shared/schema.js';
import { sqliteFailureClassifier } from './sqlite-failures.js';
import { sqliteStoreDialect } from './sqlite-store-dialect.js';
import { withCachedStatements } from './cached-statements.js';

/**
 * How long a writer waits for another process's write transaction before giving up with
 * STORE_BUSY. A command waits long: the person typing it would rather wait than retry. The server
 * waits briefly: better-sqlite3 waits synchronously, so while it does the whole server (every
 * request, /healthz, the paging engine) stands still; our write transactions take milliseconds, so
 * a lock held for seconds is someone else's long job, and the client is better told to retry.
 */
export const SQLITE_BUSY_TIMEOUT_MS = { command: 15_000, server: 2_000 } as const;

export interface SqliteStoreOptions {
  /** Default: SQLITE_BUSY_TIMEOUT_MS.command. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its directory if needed) and migrates the SQLite database at `path`.
 * WAL lets readers run beside the one writer; synchronous=FULL makes every commit durable, which an
 * audit log needs more than the last bit of write speed.
 */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS.command;
  const classify = sqliteFailureClassifier(path, busyTimeoutMs);
  let file: BetterSqlite3.Database | undefined;
  try {
    if (path !== ':memory:') ensureDirectory(dirname(path));
    const { default: Sqlite } = await import('better-sqlite3');
    // `timeout` sets busy_timeout before the first statement, so even switching a fresh file to
    // WAL waits for other processes doing the same instead of failing.
    file = new Sqlite(path, { timeout: busyTimeoutMs });
    file.pragma(`busy_timeout = ${busyTimeoutMs}`);
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = FULL');
    file.pragma('foreign_keys = ON');
    const watch = new FailureWatch();
    const db = new Kysely<Database>({ dialect: classifyingDialect(new SqliteDialect({ database: withCachedStatements(file) }), classify, watch) });
    await migrate(db, sqliteStoreDialect);
    return new KyselyStore(db, sqliteStoreDialect, watch);
  } catch (error) {
    file?.close();
    if (isAppError(error)) throw error;
    // The pragmas above run on the driver directly: a locked or damaged file fails there.
    const classified = classify(error);
    if (classified !== undefined && classified.code !== 'STORE_UNAVAILABLE') throw classified;
    throw new AppError('STORE_UNAVAILABLE', `cannot open database file '${path}': ${errorReason(error)}`, {
      cause: error,
      hint: 'Check that the directory exists and is writable and that the file is an incident-response SQLite database.',
    });
  }
}

/**
 * mkdir -p. Not `mkdirSync(dir, { recursive: true })`: when a parent exists but cannot hold
 * children (a dangling symlink, a path under /proc) Node's version retries forever at 100% CPU.
 */
function ensureDirectory(dir: string): void {
  if (makeDirectory(dir) !== 'ENOENT') return;
  const parent = dirname(dir);
  if (parent !== dir) ensureDirectory(parent);
  // A second ENOENT, now that the parent exists, is final.
  if (makeDirectory(dir) === 'ENOENT') mkdirSync(dir);
}

/** Creates `dir`; 'ENOENT' when its parent is missing. Any other failure but "exists" throws. */
function makeDirectory(dir: string): 'done' | 'ENOENT' {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'ENOENT';
    if (code !== 'EEXIST') throw error;
  }
  return 'done';
}
