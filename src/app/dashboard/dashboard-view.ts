// The incident monitoring dashboard as data: active incidents (most urgent first, with elapsed
// time), system health against baseline, recent anomalies and active remediation. One view for
// the terminal dashboard, the API (GET /api/v1/dashboard) and any other screen; pure.
import { SEVERITIES } from '../../domain/classification/index.js';
import { describeHealth, type HealthGroupRows, type MetricHints } from '../../domain/health/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { DetectionConfig } from '../config/index.js';
import type { SystemHealthReading } from '../detection/index.js';
import type { FeedEvent, IncidentSummaryDto } from '../incidents/index.js';

export interface DashboardIncident {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly severityLabel: string;
  readonly status: string;
  readonly service: string | null;
  readonly commander: string | null;
  readonly declaredAt: string;
  /** "45 minutes", from declaration to the view's instant. */
  readonly elapsed: string;
  /** The response target passed without an acknowledgement. */
  readonly isResponseBreached: boolean;
  /** A status update is overdue. */
  readonly isUpdateOverdue: boolean;
}

export interface DashboardLine {
  readonly at: string;
  readonly text: string;
  readonly incidentId?: string;
}

export interface DashboardView {
  readonly at: string;
  readonly activeIncidents: readonly DashboardIncident[];
  /** Active incidents per severity, every severity present. */
  readonly counts: Readonly<Record<string, number>>;
  readonly health: {
    /** A metric source (Prometheus, health checks, pushed metrics) is configured. */
    readonly isConfigured: boolean;
    /** When the shown readings were taken; absent before the first reading. */
    readonly at?: string;
    readonly groups: readonly HealthGroupRows[];
  };
  readonly anomalies: readonly DashboardLine[];
  readonly remediation: readonly DashboardLine[];
}

/** The event kinds the anomaly and remediation panels are made of. */
export const DASHBOARD_ACTIVITY_KINDS: ReadonlySet<string> = new Set(['alert-linked', 'change-noted', 'action-recorded']);
const SHOWN = 8;

export interface DashboardInput {
  readonly now: EpochMs;
  /** Active incidents the viewer may see. */
  readonly incidents: readonly IncidentSummaryDto[];
  /** Recent events of DASHBOARD_ACTIVITY_KINDS the viewer may see, oldest first. */
  readonly activity: readonly FeedEvent[];
  readonly health: SystemHealthReading | undefined;
  readonly isHealthConfigured: boolean;
  readonly metricHints: Readonly<Record<string, MetricHints>>;
}

const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));

/** Most urgent first: severity, then a breached response target or overdue update, then the oldest. */
export function compareUrgency(a: IncidentSummaryDto, b: IncidentSummaryDto): number {
  const sev = (SEVERITY_RANK.get(a.severity) ?? SEVERITIES.length) - (SEVERITY_RANK.get(b.severity) ?? SEVERITIES.length);
  if (sev !== 0) return sev;
  const breach = Number(isBreached(b)) - Number(isBreached(a));
  if (breach !== 0) return breach;
  return a.declaredAt.localeCompare(b.declaredAt) || a.id.localeCompare(b.id);
}

function isBreached(i: IncidentSummaryDto): boolean {
  return i.clocks.response.state === 'overdue' || i.clocks.nextUpdate.state === 'overdue';
}

export function composeDashboard(input: DashboardInput): DashboardView {
  const { now } = input;
  const activeIncidents = [...input.incidents].sort(compareUrgency).map((i): DashboardIncident => ({
    id: i.id, title: i.title, severity: i.severity, severityLabel: i.severityLabel, status: i.status,
    service: i.service, commander: i.commander, declaredAt: i.declaredAt,
    elapsed: describeElapsed(Math.max(0, now - Date.parse(i.declaredAt))),
    isResponseBreached: i.clocks.response.state === 'overdue',
    isUpdateOverdue: i.clocks.nextUpdate.state === 'overdue',
  }));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<string, number>;
  for (const i of input.incidents) counts[i.severity] = (counts[i.severity] ?? 0) + 1;

  const activeIds = new Set(input.incidents.map((i) => i.id));
  const newest = [...input.activity].reverse();
  const anomalies: DashboardLine[] = [
    ...newest.filter((e) => e.entry.kind === 'alert-linked' || e.entry.kind === 'change-noted').map((e) => ({ at: e.entry.at, text: e.entry.text, incidentId: e.incidentId })),
    ...(input.health?.recentFirings ?? []).map((f) => ({ at: new Date(f.at).toISOString(), text: `rule ${f.rule} fired: ${f.holding.join(' and ')}` })),
  ].sort((a, b) => b.at.localeCompare(a.at)).slice(0, SHOWN);
  const remediation = newest
    .filter((e) => e.entry.kind === 'action-recorded' && activeIds.has(e.incidentId))
    .slice(0, SHOWN)
    .map((e) => ({ at: e.entry.at, text: e.entry.text, incidentId: e.incidentId }));

  const health = input.health;
  return {
    at: new Date(now).toISOString(),
    activeIncidents,
    counts,
    health: {
      isConfigured: input.isHealthConfigured,
      ...(health === undefined ? {} : { at: new Date(health.at).toISOString() }),
      groups: health === undefined ? [] : describeHealth(health.samples, health.baselines, input.metricHints),
    },
    anomalies,
    remediation,
  };
}

/**
 * How the health panel shows each configured metric: the hints written under detection.metrics, and
 * each health check's two metrics as an external dependency named after the check.
 */
export function metricHintsOf(detection: DetectionConfig | undefined): Record<string, MetricHints> {
  const hints: Record<string, MetricHints> = {};
  if (detection === undefined) return hints;
  for (const m of detection.prometheus?.metrics ?? []) if (m.hints !== undefined) hints[m.metric] = m.hints;
  for (const c of detection.healthChecks) {
    hints[c.availabilityMetric] = { group: 'external', unit: 'percent', label: `${c.name} availability` };
    hints[c.responseTimeMetric] = { group: 'external', unit: 'ms', label: `${c.name} response time` };
  }
  return hints;
}

/** "45 minutes", "2 hours", "3 hours 5 minutes", "2 days 4 hours": as the product's dashboard says it. */
export function describeElapsed(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? unit(days, 'day') : `${unit(days, 'day')} ${unit(hours % 24, 'hour')}`;
}
