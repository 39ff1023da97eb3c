import type { FlapPolicy, GroupingPolicy, RoutingRule } from '../../domain/alerts/index.js';
import type { Environment, IncidentType, Severity } from '../../domain/classification/index.js';
import { DAY, HOUR, MINUTE, durationMs, minutes, type DurationMs } from '../../domain/time/index.js';

/** How alerts become incidents: grouping, flapping, auto-resolve, timeline coalescing, routing. */
export interface AlertPolicy {
  readonly grouping: GroupingPolicy;
  readonly flap: FlapPolicy;
  /** Whether an incident resolves when all its alerts resolved; per service, else `default`. */
  readonly autoResolve: { readonly default: boolean; readonly services: Readonly<Record<string, boolean>> };
  /** A storm of repeats writes the first repeat, then at most one alert-deduplicated event per alert per this span. */
  readonly dedupEventEveryMs: DurationMs;
  /** What an alert becomes when neither its source nor a routing rule says. */
  readonly defaults: { readonly severity: Severity; readonly incidentType: IncidentType; readonly environment: Environment };
  /** Routing rules of the config file (`alerts.routing`), tried after the integration's own rules. */
  readonly routing: readonly RoutingRule[];
  /** Limits on silences by the creator's role (viewers cannot create silences at all). */
  readonly silences: SilencePolicy;
}

/** The longest silence each role may create (from its start to its end). */
export interface SilencePolicy {
  readonly maxDurationMs: { readonly responder: DurationMs; readonly commander: DurationMs; readonly admin: DurationMs };
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  grouping: { windowMs: minutes(30), groupBy: ['alertname'] },
  flap: { maxChanges: 6, windowMs: minutes(30) },
  autoResolve: { default: true, services: {} },
  dedupEventEveryMs: durationMs(MINUTE),
  defaults: { severity: 'high', incidentType: 'outage', environment: 'production' },
  routing: [],
  silences: { maxDurationMs: { responder: durationMs(24 * HOUR), commander: durationMs(7 * DAY), admin: durationMs(90 * DAY) } },
};
