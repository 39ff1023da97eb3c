import { DAY, type EpochMs } from '../time/index.js';
import { IMPACT_COMPONENT_STATUS, UPTIME_WEIGHT, worstComponentStatus, type ComponentStatus } from './status-page-words.js';
import type { PublicIncident } from './status-page-model.js';

export interface UptimeDay {
  /** Start of the UTC day. */
  readonly dayStart: EpochMs;
  /** The worst status any published incident gave the component that day. */
  readonly worst: ComponentStatus;
  /** Weighted outage time that day (see UPTIME_WEIGHT). */
  readonly downMs: number;
}

export interface Uptime {
  /** 0–100 over the whole period, rounded to two decimals. */
  readonly percent: number;
  /** Oldest first; the last is today (up to now). */
  readonly days: readonly UptimeDay[];
}

/**
 * A component's uptime over the last `days` UTC days up to `now`, from the impact windows of
 * published incidents affecting it: from when impact started to resolution (or now). Overlapping
 * incidents are not double-counted: each instant counts with the worst weight covering it.
 */
export function computeUptime(componentId: string, incidents: readonly PublicIncident[], now: EpochMs, days = 90): Uptime {
  const todayStart = Math.floor(now / DAY) * DAY;
  const periodStart = todayStart - (days - 1) * DAY;
  const windows = incidents
    .filter((i) => i.componentIds.includes(componentId))
    .map((i) => ({ from: i.startedAt, to: Math.min(i.resolvedAt ?? now, now), status: IMPACT_COMPONENT_STATUS[i.impact] }))
    .filter((w) => w.to > w.from && w.to > periodStart);
  const out: UptimeDay[] = [];
  let down = 0;
  for (let d = 0; d < days; d++) {
    const start = periodStart + d * DAY;
    const end = Math.min(start + DAY, now);
    const inDay = windows.filter((w) => w.from < end && w.to > start).map((w) => ({ from: Math.max(w.from, start), to: Math.min(w.to, end), status: w.status }));
    const downMs = weightedDown(inDay);
    down += downMs;
    out.push({ dayStart: start as EpochMs, worst: worstComponentStatus(inDay.map((w) => w.status)), downMs });
  }
  const total = now - periodStart;
  const percent = total <= 0 ? 100 : Math.round(((total - down) / total) * 10_000) / 100;
  return { percent, days: out };
}

/** Sweeps the window edges; between two edges the heaviest covering window counts. */
function weightedDown(windows: readonly { from: number; to: number; status: ComponentStatus }[]): number {
  const edges = [...new Set(windows.flatMap((w) => [w.from, w.to]))].sort((a, b) => a - b);
  let sum = 0;
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    const weight = Math.max(0, ...windows.filter((w) => w.from <= a && w.to >= b).map((w) => UPTIME_WEIGHT[w.status]));
    sum += weight * (b - a);
  }
  return sum;
}
