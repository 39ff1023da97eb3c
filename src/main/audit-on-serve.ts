// What `serve` does for the audit trail: records a configuration that changed since the last start,
// and signs checkpoints of the chain (at start, on an interval, at stop).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { signAuditCheckpoint } from './audit-desk.js';
import { findAuditKey, type AuditKey } from './audit-key.js';
import type { App } from './create-app.js';

/** As in the configuration's default (`audit.checkpoint_every`), also without an `audit:` section. */
const DEFAULT_CHECKPOINT_EVERY_MS = 3_600_000;

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Compares the SHA-256 of the configuration file (or "defaults") with the one recorded at the last
 * start; when it differs, appends `config.changed` to the admin audit trail with both hashes.
 */
export async function auditConfigAtStart(app: App, actor: string, cwd: string): Promise<{ changed: boolean; sha256: string }> {
  const path = app.configPath === undefined ? undefined : resolve(cwd, app.configPath);
  const sha256 = path === undefined ? 'defaults' : createHash('sha256').update(readFileSync(path)).digest('hex');
  const recent = await app.store.readAdminAudit({ limit: 1000 });
  const last = recent.find((r) => r.action === 'config.changed');
  const previous = typeof last?.detail['sha256'] === 'string' ? last.detail['sha256'] : null;
  if (previous === sha256) return { changed: false, sha256 };
  await app.store.recordAdminAudit({ at: app.clock.now(), actor, action: 'config.changed', subject: path ?? '(built-in defaults)', detail: { sha256, previous } });
  return { changed: true, sha256 };
}

/**
 * Signs a checkpoint at start, every `checkpoint_every` (default 1 hour) and once more at stop,
 * with the configured key or, by default, a key created on the first start outside the database
 * (audit-key.ts). Returns undefined when `checkpoint_every` is "never". Failures are logged and
 * retried at the next tick; the key is never logged, only where it is.
 */
export function startCheckpointTimer(app: App, cwd: string, log: Log): { readonly key: AuditKey; stop(): Promise<void> } | undefined {
  const everyMs = app.config.audit?.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
  if (everyMs <= 0) return undefined;
  const key = findAuditKey(app, cwd, { create: true });
  if (key === undefined) return undefined;
  log.info(
    { keyFile: key.location, keyId: key.signer.keyId, created: key.created, lastCheckpointFile: key.stateFile },
    `audit checkpoints are signed with the key in ${key.location}${key.created ? ' (created now; keep a copy of its .pub and export checkpoints off this machine)' : ''}`,
  );
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const { checkpoint, created } = await signAuditCheckpoint(app, key);
        if (created) log.info({ seq: checkpoint.seq, ordinal: checkpoint.ordinal, keyId: checkpoint.keyId }, 'audit checkpoint signed');
      } catch (error) {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'audit checkpoint failed; retrying at the next interval');
      }
    });
    return running;
  };
  void tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    key,
    async stop() {
      clearInterval(timer);
      // The last events before shutdown get a checkpoint too.
      await tick();
    },
  };
}
