import type { Command } from 'commander';
import type { AuditTrailResult } from '../../app/audit/index.js';
import { printAuditResult } from './audit-commands.js';
import { EXIT_AUDIT_BROKEN } from './exit-codes.js';

/** A backup made, or (PostgreSQL) the pg_dump command that makes one. */
export type BackupOutcome =
  | { readonly kind: 'sqlite'; readonly source: string; readonly path: string; readonly headSeq: number; readonly incidents: number }
  | { readonly kind: 'postgres'; readonly schema: string; readonly dump: string; readonly restore: string; readonly passwordOmitted: boolean };

export interface RestoreOutcome {
  /** False when the copy failed verification: nothing was restored and the target is untouched. */
  readonly restored: boolean;
  readonly file: string;
  readonly target: string;
  readonly verification: AuditTrailResult;
  /**
   * The last checkpoint the signing key remembers is newer than the backup's last: expected for a
   * backup (it is older), so restore notes it instead of failing; `audit verify` will report it.
   */
  readonly newerCheckpointKnown?: { readonly ordinal: number; readonly seq: number; readonly stateFile: string };
}

/** Backups of the local store. */
export interface BackupDesk {
  backup(out: string): Promise<BackupOutcome>;
  restore(file: string, options: { readonly checkpointsFile?: string }): Promise<RestoreOutcome>;
}

export interface BackupCommandDeps {
  backupDesk(cmd: Command): BackupDesk;
  out(text: string): void;
  setExitCode(code: number): void;
}

export function registerBackupCommands(program: Command, deps: BackupCommandDeps): void {
  program
    .command('backup')
    .description('copy the database consistently while servers keep writing (SQLite); print the pg_dump command (PostgreSQL)')
    .requiredOption('--out <file>', 'backup file to create (never overwritten)')
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; json?: boolean }, cmd: Command) => {
      const r = await deps.backupDesk(cmd).backup(opts.out);
      if (opts.json) return deps.out(JSON.stringify(r, null, 2));
      if (r.kind === 'sqlite') {
        deps.out(`Backed up ${r.source} to ${r.path} (mode 0600): ${r.incidents} incident${r.incidents === 1 ? '' : 's'}, chain head at sequence ${r.headSeq}, as of one commit.`);
        deps.out(`Restore it into an empty database with "incident-response restore ${opts.out} --db NEW.db"; the signing key is not in it (docs/deploy.md).`);
        return;
      }
      deps.out(`PostgreSQL is backed up with pg_dump, which reads schema ${r.schema} in one consistent snapshot while servers keep writing:`);
      deps.out(`  ${r.dump}`);
      if (r.passwordOmitted) deps.out('The password is left out: pg_dump reads it from PGPASSWORD or ~/.pgpass.');
      deps.out('Restore the archive into an empty database, then check it:');
      deps.out(`  ${r.restore}`);
      deps.out('  DATABASE_URL=…/DATABASE?schema=' + r.schema + ' incident-response audit verify');
    });

  program
    .command('restore')
    .description('restore a backup into an empty SQLite database (--db), then verify the audit chain and signed checkpoints before reporting success')
    .argument('<file>', 'a file written by "incident-response backup"')
    .option('--checkpoints <file>', 'verify against checkpoints exported earlier (audit checkpoints export), trusting the keys in that file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { checkpoints?: string; json?: boolean }, cmd: Command) => {
      const r = await deps.backupDesk(cmd).restore(file, opts.checkpoints === undefined ? {} : { checkpointsFile: opts.checkpoints });
      if (!r.restored) deps.setExitCode(EXIT_AUDIT_BROKEN);
      if (opts.json) return deps.out(JSON.stringify(r, null, 2));
      printAuditResult(r.verification, deps.out);
      if (!r.restored) {
        deps.out(`The backup ${r.file} failed verification, so it was not restored: ${r.target} is unchanged.`);
        return;
      }
      deps.out(`Restored ${r.file} into ${r.target}.`);
      const k = r.newerCheckpointKnown;
      if (k !== undefined) {
        deps.out(`The signing key last signed checkpoint #${k.ordinal} at sequence ${k.seq}, after this backup was taken: the records after the backup are not in it.`);
        deps.out(`"audit verify" reports them as removed until you move ${k.stateFile} aside (the next checkpoint writes it again).`);
      }
    });
}
