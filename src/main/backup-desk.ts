// Wires `backup` and `restore`: a consistent SQLite copy (or the pg_dump command for PostgreSQL), and
// a restore into an empty SQLite database that runs audit verify's checks before it counts.
import { existsSync, renameSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkEd25519Signature } from '../adapters/audit-signing/index.js';
import type { BackupDesk, RestoreOutcome } from '../adapters/cli/index.js';
import {
  backupSqliteFile, copySqliteBackup, inspectSqliteFile, postgresBackupCommands, postgresUrlOf, removeDatabaseFiles, settleSqliteFile, sha256Hex,
} from '../adapters/storage/index.js';
import { verifyAuditTrail, type AuditTrailResult } from '../app/audit/index.js';
import type { Clock } from '../app/ports/index.js';
import { AppError } from '../domain/errors/index.js';
import { openAuditDesk } from './audit-desk.js';
import { configuredTrust, findAuditKey } from './audit-key.js';
import { createApp, type App } from './create-app.js';

export interface BackupDeskOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly dbPath?: string;
  readonly configPath?: string;
}

/** The admin audit line a backup leaves in the database it copied (doctor reads the newest). */
export const BACKUP_AUDIT_ACTION = 'backup.created';

/** After the copy is complete: a line in the source's admin audit trail, so doctor knows when the last backup was taken. */
async function recordBackup(options: BackupDeskOptions, backup: { path: string; headSeq: number; incidents: number }): Promise<void> {
  const { DATABASE_URL: _url, ...sqliteEnv } = options.env;
  const app = await createApp({ cwd: options.cwd, env: sqliteEnv, clock: options.clock, ...(options.dbPath ? { dbPath: options.dbPath } : {}), ...(options.configPath ? { configPath: options.configPath } : {}) });
  try {
    const actor = options.env['IR_USER']?.trim() || 'cli';
    await app.store.recordAdminAudit({ at: options.clock.now(), actor, action: BACKUP_AUDIT_ACTION, subject: backup.path, detail: { headSeq: backup.headSeq, incidents: backup.incidents } });
  } finally {
    await app.close();
  }
}

export function openBackupDesk(options: BackupDeskOptions): BackupDesk {
  const { cwd, env } = options;
  const sqlitePath = () => resolve(cwd, options.dbPath ?? env['IR_DB'] ?? 'incident-response.db');
  return {
    async backup(out) {
      const url = postgresUrlOf(env['DATABASE_URL']);
      if (url !== undefined) return { kind: 'postgres', ...postgresBackupCommands(url, out) };
      const source = sqlitePath();
      const path = resolve(cwd, out);
      const contents = await backupSqliteFile(source, path);
      await recordBackup(options, { path, headSeq: contents.headSeq, incidents: contents.incidents });
      return { kind: 'sqlite', source, path, headSeq: contents.headSeq, incidents: contents.incidents };
    },

    async restore(file, restoreOptions) {
      const url = postgresUrlOf(env['DATABASE_URL']);
      if (url !== undefined) {
        throw new AppError('VALIDATION', `restore writes a SQLite database, but DATABASE_URL points at PostgreSQL. Restore a pg_dump archive with "${postgresBackupCommands(url, file).restore}" into an empty database, then run "incident-response audit verify"; or unset DATABASE_URL to restore into a SQLite file (--db).`, {
          issues: [{ path: 'DATABASE_URL', message: 'PostgreSQL is restored with pg_restore' }],
        });
      }
      const from = resolve(cwd, file);
      const target = sqlitePath();
      if (!existsSync(from)) {
        throw new AppError('NOT_FOUND', `There is no backup at ${from}. Give the file "incident-response backup --out FILE" wrote.`, { issues: [{ path: 'file', message: 'no such file' }] });
      }
      if (statSync(from).size === 0) {
        throw new AppError('VALIDATION', `${from} is empty, so it is not a backup. Give the file "incident-response backup --out FILE" wrote.`, { issues: [{ path: 'file', message: 'empty' }] });
      }
      await inspectSqliteFile(from);
      const existing = await inspectSqliteFile(target);
      if (from === target || (existing !== undefined && (existing.rows > 0 || existing.headSeq > 0))) {
        const holds = existing === undefined ? 'it is the backup itself' : `it already holds ${existing.incidents} incident${existing.incidents === 1 ? '' : 's'} and ${existing.headSeq} audit chain record${existing.headSeq === 1 ? '' : 's'}`;
        throw new AppError('CONFLICT', `Cannot restore into ${target}: ${holds}, and restore only writes into an empty database. Give a new file with --db (or IR_DB), or move ${target} aside first.`, {
          issues: [{ path: 'db', message: 'not empty' }],
        });
      }

      // Restore into a file beside the target, verify it there, and only then put it in place.
      const staging = `${target}.restoring-${process.pid}`;
      removeDatabaseFiles(staging);
      await copySqliteBackup(from, staging);
      let outcome: Omit<RestoreOutcome, 'restored' | 'file' | 'target'>;
      try {
        // Opening migrates the copy, so a backup from an older version is brought up to date first.
        const { DATABASE_URL: _url, ...sqliteEnv } = env;
        const app = await createApp({ cwd, env: sqliteEnv, clock: options.clock, dbPath: staging, ...(options.configPath ? { configPath: options.configPath } : {}) });
        try {
          // Keys and trust are looked up as for the target, where the database will live.
          outcome = await verifyRestored({ ...app, database: { kind: 'sqlite', path: target } }, cwd, restoreOptions.checkpointsFile);
        } finally {
          await app.close();
        }
      } catch (error) {
        removeDatabaseFiles(staging);
        throw error;
      }
      if (!outcome.verification.ok) {
        removeDatabaseFiles(staging);
        return { restored: false, file: from, target, ...outcome };
      }
      await settleSqliteFile(staging);
      if (existing !== undefined) removeDatabaseFiles(target);
      renameSync(staging, target);
      removeDatabaseFiles(staging);
      return { restored: true, file: from, target, ...outcome };
    },
  };
}

/**
 * The checks `audit verify` makes, with one difference: the last checkpoint the key remembers is
 * expected to be newer than a backup (the backup is older by definition), so when it lies beyond
 * the backup's last checkpoint it is noted rather than counted as removed checkpoints.
 */
async function verifyRestored(app: App, cwd: string, checkpointsFile: string | undefined): Promise<{ verification: AuditTrailResult; newerCheckpointKnown?: { ordinal: number; seq: number; stateFile: string } }> {
  if (checkpointsFile !== undefined) return { verification: await openAuditDesk(app, cwd).verify({ checkpointsFile }) };
  const trust = configuredTrust(app, cwd);
  if (trust.kind !== 'configured-key' || trust.known === undefined) {
    return { verification: await verifyAuditTrail(app.store, sha256Hex, checkEd25519Signature, trust) };
  }
  const lastOrdinal = Math.max(0, ...(await app.store.listCheckpoints()).map((c) => c.ordinal));
  if (trust.known.ordinal <= lastOrdinal) return { verification: await verifyAuditTrail(app.store, sha256Hex, checkEd25519Signature, trust) };
  const { known, ...withoutKnown } = trust;
  const stateFile = findAuditKey(app, cwd, { create: false })?.stateFile ?? '';
  return {
    verification: await verifyAuditTrail(app.store, sha256Hex, checkEd25519Signature, withoutKnown),
    newerCheckpointKnown: { ordinal: known.ordinal, seq: known.seq, stateFile },
  };
}
