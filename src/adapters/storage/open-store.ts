import { AppError } from '../../domain/errors/index.js';
import { openPostgresStore } from './postgres/postgres-incident-store.js';
import type { Store } from './shared/kysely-store.js';
import { SQLITE_BUSY_TIMEOUT_MS, openSqliteStore } from './sqlite/sqlite-incident-store.js';

export interface StoreTarget {
  /**
   * A postgres:// or postgresql:// URL selects PostgreSQL; nothing (or an empty string) selects
   * SQLite; any other text is refused rather than quietly writing a new local file.
   */
  readonly databaseUrl?: string;
  readonly sqlitePath: string;
  readonly pgSchema?: string;
  /** Who waits on a locked SQLite file: a command (long) or the server (briefly). Default: command. */
  readonly opener?: keyof typeof SQLITE_BUSY_TIMEOUT_MS;
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** Opens the store the configuration points at. */
export async function openStore(target: StoreTarget): Promise<Store> {
  const url = postgresUrlOf(target.databaseUrl);
  if (url === undefined) return openSqliteStore(target.sqlitePath, { busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS[target.opener ?? 'command'] });
  return openPostgresStore(url, target.pgSchema === undefined ? {} : { schema: target.pgSchema });
}

/**
 * The PostgreSQL URL a database URL setting selects, or undefined for SQLite (unset or empty).
 * Throws CONFIG_INVALID for any other text.
 */
export function postgresUrlOf(databaseUrl: string | undefined): string | undefined {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') return undefined;
  if (!POSTGRES_URL.test(url)) throw unknownScheme(url);
  return url;
}

/** Names the scheme it saw (never the rest: a URL may carry a password). */
function unknownScheme(url: string): AppError {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1];
  const seen = scheme === undefined ? 'it has no scheme' : `its scheme is '${scheme}://'`;
  return new AppError('CONFIG_INVALID', `The database URL (DATABASE_URL) is not a PostgreSQL URL: ${seen}, but only postgres:// or postgresql:// are accepted.`, {
    issues: [{ path: 'DATABASE_URL', message: 'unknown scheme' }],
    hint: 'Fix the URL (postgres://USER:PASSWORD@HOST:5432/DATABASE), or unset DATABASE_URL to use the SQLite file (IR_DB, default ./incident-response.db).',
  });
}
