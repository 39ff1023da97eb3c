import { loadConfigFile } from '../adapters/config/index.js';
import { summarizeConfigChange, type ConfigChangeSummary, type ConfigHolder } from '../app/config/index.js';
import type { AuditTrailStore, Clock } from '../app/ports/index.js';
import { AppError, isAppError } from '../domain/errors/index.js';

export interface ConfigReload {
  readonly holder: ConfigHolder;
  /** The file `serve` was started with (absolute); undefined when it runs on the defaults. */
  readonly path: string | undefined;
  readonly audit: Pick<AuditTrailStore, 'recordAdminAudit'>;
  readonly clock: Clock;
  readonly actor: string;
}

/**
 * Reads the configuration file again, validates all of it, writes the `config.reload` audit line
 * with what changed, and only then swaps it in. A file that does not validate throws VALIDATION
 * naming each line and key, and leaves the running configuration as it was.
 */
export async function reloadConfigFile(reload: ConfigReload): Promise<ConfigChangeSummary> {
  if (reload.path === undefined) {
    throw new AppError('VALIDATION', 'Cannot reload the configuration: serve was started without a configuration file. Start it with --config (or IR_CONFIG) to reload one.', {
      issues: [{ path: 'config', message: 'no configuration file' }],
    });
  }
  let next;
  try {
    next = loadConfigFile(reload.path);
  } catch (error) {
    // Refused input from the person who edited the file: a 400 that names each line, not a server fault.
    if (!isAppError(error) || error.code !== 'CONFIG_INVALID') throw error;
    throw new AppError('VALIDATION', `The configuration was not reloaded; serve keeps the one it had. ${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}`, {
      issues: error.issues.map((i) => ({ path: i.path === '' ? 'config' : i.path, message: i.line === undefined ? i.message : `line ${i.line}, column ${i.column ?? 1}: ${i.message}`, ...(i.line !== undefined ? { line: i.line } : {}), ...(i.column !== undefined ? { column: i.column } : {}) })),
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      cause: error,
    });
  }
  const summary = summarizeConfigChange(reload.holder.current, next);
  // Audited first: a change that cannot be recorded is not made.
  await reload.audit.recordAdminAudit({
    at: reload.clock.now(), actor: reload.actor, action: 'config.reload', subject: reload.path,
    detail: { ...summary },
  });
  reload.holder.replace(next);
  return summary;
}
