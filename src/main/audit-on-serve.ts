// What `serve` does for the audit trail: records a configuration that changed since the last start,
// and signs a checkpoint of the event chain on an interval.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCheckpoint } from '../app/audit/index.js';
import type { AuditSigner } from '../app/ports/index.js';
import type { App } from './create-app.js';
import { configuredSigner } from './audit-desk.js';

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
 * Signs a checkpoint every `everyMs` (and once at start). Returns undefined when no key is
 * configured or the interval is 0. Failures are logged and retried at the next tick; the key is
 * never logged.
 */
export function startCheckpointTimer(app: App, cwd: string, log: Log): { stop(): Promise<void> } | undefined {
  const everyMs = app.config.audit?.checkpointEveryMs ?? 0;
  if (everyMs <= 0) return undefined;
  const signer: AuditSigner | undefined = configuredSigner(app, cwd);
  if (signer === undefined) return undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const { checkpoint, created } = await createCheckpoint(app.store, signer, app.clock);
        if (created) log.info({ seq: checkpoint.seq, keyId: checkpoint.keyId }, 'audit checkpoint signed');
      } catch (error) {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'audit checkpoint failed; retrying at the next interval');
      }
    });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
