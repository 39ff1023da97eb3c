// `rules test` leaves a line in the admin audit trail of the database beside it (never creating
// one), naming the rules file and its SHA-256, so doctor can tell rules never replayed, or changed
// since their last replay, from rules tested as they stand.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Clock } from '../app/ports/index.js';
import type { App } from './create-app.js';

export const RULES_REPLAY_ACTION = 'rules.replayed';

export function fileSha256(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Records the replay where a database already is; a database that cannot be opened leaves the replay unrecorded, not failed. */
export async function recordRulesReplay(options: { cwd: string; env: Readonly<Record<string, string | undefined>>; clock: Clock }, rulesPath: string, firings: number): Promise<boolean> {
  const databaseUrl = options.env['DATABASE_URL']?.trim();
  const sqlitePath = resolve(options.cwd, options.env['IR_DB'] ?? 'incident-response.db');
  if ((databaseUrl === undefined || databaseUrl === '') && !existsSync(sqlitePath)) return false;
  const sha256 = fileSha256(rulesPath);
  if (sha256 === undefined) return false;
  try {
    const { createApp } = await import('./create-app.js');
    const app = await createApp({ cwd: options.cwd, env: options.env, clock: options.clock });
    try {
      const actor = options.env['IR_USER']?.trim() || 'cli';
      await app.store.recordAdminAudit({ at: options.clock.now(), actor, action: RULES_REPLAY_ACTION, subject: rulesPath, detail: { sha256, firings } });
      return true;
    } finally {
      await app.close();
    }
  } catch {
    return false;
  }
}

/** The configured rules file (resolved against the configuration file's folder), for doctor. */
export function configuredRulesPath(app: Pick<App, 'config' | 'configPath'>, cwd: string): string | undefined {
  const file = app.config.detection?.rulesFile;
  if (file === undefined) return undefined;
  return resolve(app.configPath === undefined ? cwd : dirname(resolve(cwd, app.configPath)), file);
}
