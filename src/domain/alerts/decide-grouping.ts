import { formatDuration } from '../time/index.js';
import type { DurationMs, EpochMs } from '../time/index.js';

/** Alerts with the same service and the same values of `groupBy` labels join one incident for `windowMs`. */
export interface GroupingPolicy {
  readonly windowMs: DurationMs;
  readonly groupBy: readonly string[];
}

/** An open incident that alerts may still join. */
export interface IncidentGroup {
  readonly incidentId: string;
  readonly service?: string;
  /** The `groupBy` label values of the alert that opened it. */
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly firstAlertAt: EpochMs;
}

export type GroupingDecision =
  | { readonly kind: 'group'; readonly incidentId: string; readonly reason: string }
  | { readonly kind: 'new-incident'; readonly service?: string; readonly groupLabels: Readonly<Record<string, string>>; readonly reason: string };

export interface GroupableAlert {
  readonly service?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The alert's own name within its source (`AlertSignal.alertName`): what `alertname` means when the label is missing. */
  readonly alertName?: string;
  /** The alert's identity (source and dedup key): the value of any group-by label it lacks, so it groups only with itself. */
  readonly identity: string;
}

/**
 * The group-by values of one alert. `alertname` falls back to the source's own alert name (Datadog's
 * monitor, New Relic's condition…), and a label the alert does not have is never the empty value:
 * alerts lacking it would otherwise all share one group. It takes the alert's identity instead, so
 * only the alert's own repeats join its incident.
 */
export function computeGroupLabels(alert: GroupableAlert, groupBy: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const n of groupBy) {
    const label = alert.labels[n]?.trim() ?? '';
    const named = n === 'alertname' ? alert.alertName?.trim() ?? '' : '';
    values[n] = label !== '' ? label : named !== '' ? named : `(this alert: ${alert.identity})`;
  }
  return values;
}

function describeKey(service: string | undefined, groupLabels: Readonly<Record<string, string>>, groupBy: readonly string[]): string {
  const parts = [`service=${service ?? '(none)'}`, ...groupBy.map((n) => `${n}=${groupLabels[n] ?? ''}`)];
  return parts.join(', ');
}

/**
 * Joins the alert to the earliest open incident with the same key whose window (counted from its first
 * alert, like PagerDuty's time-based grouping) has not passed; otherwise asks for a new incident.
 */
export function decideGrouping(alert: GroupableAlert, groups: readonly IncidentGroup[], policy: GroupingPolicy, now: EpochMs): GroupingDecision {
  const groupLabels = computeGroupLabels(alert, policy.groupBy);
  const key = describeKey(alert.service, groupLabels, policy.groupBy);
  const sameKey = groups
    .filter((g) => g.service === alert.service && policy.groupBy.every((n) => (g.groupLabels[n] ?? '') === groupLabels[n]))
    .sort((a, b) => a.firstAlertAt - b.firstAlertAt);
  const live = sameKey.find((g) => now - g.firstAlertAt <= policy.windowMs);
  if (live !== undefined) return { kind: 'group', incidentId: live.incidentId, reason: `grouped into ${live.incidentId} by ${key}` };
  const base = { kind: 'new-incident' as const, ...(alert.service !== undefined ? { service: alert.service } : {}), groupLabels };
  const expired = sameKey[sameKey.length - 1];
  if (expired !== undefined) {
    return { ...base, reason: `new incident: ${expired.incidentId} has the same ${key} but its ${formatDuration(policy.windowMs)} grouping window has passed` };
  }
  return { ...base, reason: `new incident for ${key}` };
}
