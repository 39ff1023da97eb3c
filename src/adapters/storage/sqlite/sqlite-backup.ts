// Backups of a SQLite store: a consistent copy taken with SQLite's online backup API while servers
// keep writing, and the checks restore makes (is a file a backup of ours, is a target empty).
import { chmodSync, existsSync, linkSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../domain/errors/index.js';
import { errorReason } from '../shared/error-reason.js';

/** What a backup or a database holds, from its own tables. */
export interface SqliteContents {
  /** The chain head: how many records (incident events and admin audit lines) the chain holds. */
  readonly headSeq: number;
  readonly incidents: number;
  /** Rows in every table but the migration list and the chain head, which a fresh database has too. */
  readonly rows: number;
}

/** Tables a database has rows in from its first open, before anything was recorded. */
const BOOKKEEPING_TABLES = new Set(['ir_schema_migrations', 'ir_chain_head']);
const PAGES_AT_ONCE = 0x7fffffff;

async function openFile(path: string, options: { readonly readonly: boolean }): Promise<BetterSqlite3.Database> {
  const { default: Sqlite } = await import('better-sqlite3');
  return new Sqlite(path, { fileMustExist: true, readonly: options.readonly, timeout: 15_000 });
}

/**
 * Copies the database at `source` to `out` (which must not exist) with the online backup API, in
 * one step: the whole copy is read inside one read transaction, so it is the database as of one
 * commit however many processes write meanwhile (WAL readers do not block writers). The copy is
 * written beside `out` first, switched to a self-contained rollback-journal file, made 0600 (it
 * holds everything the database does), and only then linked into place: a failed backup never
 * leaves a partial file under the name asked for.
 */
export async function backupSqliteFile(source: string, out: string): Promise<SqliteContents> {
  if (!existsSync(source)) {
    throw new AppError('NOT_FOUND', `There is no database at ${source}, so there is nothing to back up. Point --db (or IR_DB) at the database file, or set DATABASE_URL for PostgreSQL.`, {
      issues: [{ path: 'db', message: 'no such file' }],
    });
  }
  if (existsSync(out)) {
    throw new AppError('VALIDATION', `${out} already exists, and a backup never overwrites a file. Choose another --out.`, { issues: [{ path: 'out', message: 'exists' }] });
  }
  const partial = `${out}.${process.pid}.partial`;
  const db = await openFile(source, { readonly: false });
  try {
    await describeIfOurs(db, source);
    await db.backup(partial, { progress: () => PAGES_AT_ONCE });
  } catch (error) {
    removeDatabaseFiles(partial);
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', `Cannot write the backup ${out}: ${errorReason(error)}. Check that its directory exists and is writable.`, {
      cause: error, issues: [{ path: 'out', message: 'cannot write' }],
    });
  } finally {
    db.close();
  }
  try {
    chmodSync(partial, 0o600);
    const copy = await openFile(partial, { readonly: false });
    let contents: SqliteContents;
    try {
      copy.pragma('journal_mode = DELETE');
      contents = await describeIfOurs(copy, partial);
    } finally {
      copy.close();
    }
    linkSync(partial, out);
    return contents;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', `Cannot write the backup ${out}: ${errorReason(error)}.`, { cause: error, issues: [{ path: 'out', message: 'cannot write' }] });
  } finally {
    removeDatabaseFiles(partial);
  }
}

/**
 * What the SQLite file at `path` holds, refusing files that are not incident-response databases
 * (a pg_dump archive is named as such). `undefined` when there is no file.
 */
export async function inspectSqliteFile(path: string): Promise<SqliteContents | undefined> {
  if (!existsSync(path)) return undefined;
  const magic = readMagic(path);
  if (magic.startsWith('PGDMP')) {
    throw new AppError('VALIDATION', `${path} is a PostgreSQL archive made by pg_dump, not a SQLite backup. Restore it into an empty PostgreSQL database with pg_restore (docs/deploy.md), then run "incident-response audit verify".`, {
      issues: [{ path: 'file', message: 'a pg_dump archive' }],
    });
  }
  if (magic !== '' && !magic.startsWith('SQLite format 3')) {
    throw new AppError('VALIDATION', `${path} is not a SQLite database, so incident-response cannot restore from or into it. Backups are the files "incident-response backup --out FILE" writes.`, {
      issues: [{ path: 'file', message: 'not a SQLite database' }],
    });
  }
  if (magic === '') return { headSeq: 0, incidents: 0, rows: 0 };
  const db = await openFile(path, { readonly: true });
  try {
    return await describeIfOurs(db, path);
  } finally {
    db.close();
  }
}

/**
 * Copies the backup at `from` to the new file `to` (same online backup API), so the backup itself
 * is never opened for writing (migrations run on the copy).
 */
export async function copySqliteBackup(from: string, to: string): Promise<void> {
  const db = await openFile(from, { readonly: true });
  try {
    await db.backup(to, { progress: () => PAGES_AT_ONCE });
    chmodSync(to, 0o600);
  } catch (error) {
    removeDatabaseFiles(to);
    throw new AppError('VALIDATION', `Cannot copy the backup ${from} to ${to}: ${errorReason(error)}. Check that the target directory exists and is writable.`, {
      cause: error, issues: [{ path: 'db', message: 'cannot write' }],
    });
  } finally {
    db.close();
  }
}

/**
 * Folds the WAL of the closed database at `path` into the file and leaves it in rollback-journal
 * mode, so the one file holds everything and can be renamed (the store turns WAL on again when it
 * opens it).
 */
export async function settleSqliteFile(path: string): Promise<void> {
  const db = await openFile(path, { readonly: false });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Removes a database file with its WAL and shared-memory files. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function readMagic(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const n = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

async function describeIfOurs(db: BetterSqlite3.Database, path: string): Promise<SqliteContents> {
  let tables: string[];
  try {
    tables = (db.prepare("select name from sqlite_master where type = 'table' and name like 'ir\\_%' escape '\\'").all() as { name: string }[]).map((t) => t.name);
  } catch (error) {
    throw new AppError('VALIDATION', `${path} cannot be read as a SQLite database: ${errorReason(error)}.`, { cause: error, issues: [{ path: 'file', message: 'unreadable' }] });
  }
  if (!tables.includes('ir_schema_migrations') || !tables.includes('ir_chain_head')) {
    throw new AppError('VALIDATION', `${path} is a SQLite database but not an incident-response one (it has no incident tables). Backups are the files "incident-response backup --out FILE" writes.`, {
      issues: [{ path: 'file', message: 'not an incident-response database' }],
    });
  }
  const head = db.prepare('select max(seq) as seq from ir_chain_head').get() as { seq: number | bigint | null };
  const count = (table: string) => Number((db.prepare(`select count(*) as n from "${table}"`).get() as { n: number | bigint }).n);
  let rows = 0;
  for (const table of tables) if (!BOOKKEEPING_TABLES.has(table)) rows += count(table);
  return { headSeq: Number(head.seq ?? 0), incidents: tables.includes('ir_incidents') ? count('ir_incidents') : 0, rows };
}
