import type { HeartbeatConfig } from '../../app/config/index.js';
import type { HeartbeatRecord } from '../../app/ports/index.js';
import { formatDuration, durationMs, type EpochMs } from '../../domain/time/index.js';

export type HeartbeatDecision =
  | { readonly kind: 'start-watching' }
  | { readonly kind: 'open'; readonly reason: string }
  | { readonly kind: 'resolve'; readonly reason: string }
  | { readonly kind: 'none' };

/**
 * A heartbeat is late when nothing was heard for longer than interval + grace, counted from the last
 * ping (or from when it was first watched, if it never pinged). Late with no incident → open one;
 * an incident whose heartbeat pinged after it opened → resolve it. Nothing else, so never twice.
 */
export function decideHeartbeat(config: HeartbeatConfig, record: HeartbeatRecord | undefined, now: EpochMs): HeartbeatDecision {
  if (record === undefined) return { kind: 'start-watching' };
  if (record.incidentId !== undefined) {
    const opened = record.incidentOpenedAt ?? record.watchSince;
    if (record.lastPingAt !== undefined && record.lastPingAt > opened) {
      return { kind: 'resolve', reason: `heartbeat '${config.name}' pinged again at ${new Date(record.lastPingAt).toISOString()}` };
    }
    return { kind: 'none' };
  }
  const lastHeard = record.lastPingAt ?? record.watchSince;
  const allowed = config.intervalMs + config.graceMs;
  if (now - lastHeard <= allowed) return { kind: 'none' };
  const since = record.lastPingAt === undefined ? `no ping since it was first watched at ${new Date(lastHeard).toISOString()}` : `last ping at ${new Date(lastHeard).toISOString()}`;
  return {
    kind: 'open',
    reason: `heartbeat '${config.name}' missed: ${since}, ${formatDuration(durationMs(now - lastHeard))} ago; expected every ${formatDuration(config.intervalMs)} + ${formatDuration(config.graceMs)} grace`,
  };
}
