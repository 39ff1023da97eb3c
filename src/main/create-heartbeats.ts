import { durationMs } from '../domain/time/index.js';
import { HeartbeatChecker, type HeartbeatLog } from '../engine/heartbeats/index.js';
import type { App } from './create-app.js';

/** How often `serve` checks the heartbeats; a late heartbeat opens its incident at most this much after interval + grace. */
export const HEARTBEAT_CHECK_EVERY_MS = durationMs(10_000);

/** The heartbeat checker for `serve`, or undefined when no `heartbeats:` are configured. */
export function createHeartbeats(app: App, log?: HeartbeatLog): HeartbeatChecker | undefined {
  if (app.config.heartbeats.length === 0) return undefined;
  return new HeartbeatChecker({
    heartbeats: app.config.heartbeats,
    store: app.store,
    incidents: app.incidents,
    clock: app.clock,
    intervalMs: HEARTBEAT_CHECK_EVERY_MS,
    ...(log ? { log } : {}),
  });
}
