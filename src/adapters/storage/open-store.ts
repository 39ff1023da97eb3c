import { openPostgresStore } from './postgres/postgres-incident-store.js';
import type { Store } from './shared/kysely-store.js';
import { SQLITE_BUSY_TIMEOUT_MS, openSqliteStore } from './sqlite/sqlite-incident-store.js';

export interface StoreTarget {
  /** A postgres:// or postgresql:// URL selects PostgreSQL; anything else (or nothing) selects SQLite. */
  readonly databaseUrl?: string;
  readonly sqlitePath: string;
  readonly pgSchema?: string;
  /** Who waits on a locked SQLite file: a command (long) or the server (briefly). Default: command. */
  readonly opener?: keyof typeof SQLITE_BUSY_TIMEOUT_MS;
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** Opens the store the configuration points at. */
export function openStore(target: StoreTarget): Promise<Store> {
  if (target.databaseUrl !== undefined && POSTGRES_URL.test(target.databaseUrl)) {
    return openPostgresStore(target.databaseUrl, target.pgSchema === undefined ? {} : { schema: target.pgSchema });
  }
  return openSqliteStore(target.sqlitePath, { busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS[target.opener ?? 'command'] });
}
