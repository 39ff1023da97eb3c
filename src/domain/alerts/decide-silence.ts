import { RESTRICTED_TYPES } from '../access/index.js';
import type { IncidentType } from '../classification/index.js';
import { isoUtc } from '../time/index.js';
import type { EpochMs } from '../time/index.js';
import { formatMatcher, matchesAll } from './label-matcher.js';
import type { LabelMatcher } from './label-matcher.js';

/** Alertmanager-style silence: active from `startsAt` until `endsAt`, matching by labels. */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly LabelMatcher[];
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
  readonly comment?: string;
  readonly createdBy?: string;
}

/** Planned work: alerts for these services (all when empty) that match `matchers` are held. */
export interface MaintenanceWindow {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly matchers: readonly LabelMatcher[];
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
}

export type SilenceDecision =
  | { readonly kind: 'active'; readonly reason?: string }
  | { readonly kind: 'silenced'; readonly by: 'silence' | 'maintenance'; readonly id: string; readonly reason: string };

export interface SilenceableAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly service?: string;
  /** The incident type the alert is routed to. */
  readonly incidentType?: IncidentType;
}

const isLive = (w: { startsAt: EpochMs; endsAt: EpochMs }, now: EpochMs): boolean => w.startsAt <= now && now < w.endsAt;

/**
 * Expired and future silences are ignored. A silence without matchers matches nothing (Alertmanager
 * refuses those); the alert's service is matchable as the `service` label.
 *
 * An alert routed to a restricted incident type (security) is never held, by any silence or window:
 * whoever created it, it would hide the alert from the team that owns it. It always reaches its
 * incident, which only that team (and admins) can see.
 */
export function decideSilence(alert: SilenceableAlert, silences: readonly Silence[], windows: readonly MaintenanceWindow[], now: EpochMs): SilenceDecision {
  const team = alert.incidentType === undefined ? undefined : RESTRICTED_TYPES[alert.incidentType];
  if (team !== undefined) return { kind: 'active', reason: `routed to a ${alert.incidentType} incident: silences never hold it (it is the ${team} team's)` };
  const labels = alert.service !== undefined && alert.labels['service'] === undefined ? { ...alert.labels, service: alert.service } : alert.labels;
  for (const s of silences) {
    if (!isLive(s, now) || s.matchers.length === 0 || !matchesAll(s.matchers, labels)) continue;
    return {
      kind: 'silenced', by: 'silence', id: s.id,
      reason: `silenced by ${s.id} (${s.matchers.map(formatMatcher).join(', ')}) until ${isoUtc(s.endsAt)}${s.comment ? `: ${s.comment}` : ''}`,
    };
  }
  for (const w of windows) {
    if (!isLive(w, now)) continue;
    if (w.services.length > 0 && (alert.service === undefined || !w.services.includes(alert.service))) continue;
    if (!matchesAll(w.matchers, labels)) continue;
    return { kind: 'silenced', by: 'maintenance', id: w.id, reason: `held by maintenance window "${w.name}" until ${isoUtc(w.endsAt)}` };
  }
  return { kind: 'active' };
}
