// Where incidents live: an append-only, hash-chained event log with a read model, on SQLite
// (a file, the default) or PostgreSQL, with the API tokens beside them. Drivers load on first
// open, so SQLite runs never load pg.
export { openStore, postgresUrlOf } from './open-store.js';
export type { StoreTarget } from './open-store.js';
export { openSqliteStore } from './sqlite/sqlite-incident-store.js';
export { openPostgresStore } from './postgres/postgres-incident-store.js';
export type { PostgresStoreOptions } from './postgres/postgres-incident-store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite-incident-store.js';
export type { Store, StoreReadiness } from './shared/kysely-store.js';
export { sha256Hex } from './shared/sha256-hex.js';
export { backupSqliteFile, copySqliteBackup, inspectSqliteFile, removeDatabaseFiles, settleSqliteFile } from './sqlite/sqlite-backup.js';
export type { SqliteContents } from './sqlite/sqlite-backup.js';
export { postgresBackupCommands } from './postgres/postgres-backup.js';
export type { PostgresBackupCommands } from './postgres/postgres-backup.js';
