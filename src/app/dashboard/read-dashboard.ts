import type { Principal } from '../../domain/access/index.js';
import { INCIDENT_STATUSES, isActiveStatus } from '../../domain/incident/index.js';
import type { MetricHints } from '../../domain/health/index.js';
import { epochMs } from '../../domain/time/index.js';
import type { SystemHealthReading } from '../detection/index.js';
import type { FeedEvent, IncidentApi } from '../incidents/index.js';
import type { Clock } from '../ports/index.js';
import { DASHBOARD_ACTIVITY_KINDS, composeDashboard, type DashboardView } from './dashboard-view.js';

/** Where the dashboard reads from, as a principal: every read keeps that principal's visibility. */
export interface DashboardSources {
  readonly apiFor: (principal: Principal) => IncidentApi;
  readonly recentActivity: (principal: Principal, kinds: ReadonlySet<string>, window: number) => Promise<FeedEvent[]>;
  /** Latest metric readings as the principal may see them; undefined when no metric source is configured. */
  readonly health: ((principal: Principal) => SystemHealthReading | undefined) | undefined;
  readonly metricHints: Readonly<Record<string, MetricHints>>;
  readonly clock: Clock;
}

const ACTIVE = INCIDENT_STATUSES.filter(isActiveStatus);
/** At most this many active incidents are shown (most urgent first). */
export const DASHBOARD_INCIDENTS = 200;
/** How far back in the event log the anomaly and remediation panels look. */
const ACTIVITY_WINDOW = 2000;

export async function readDashboard(sources: DashboardSources, principal: Principal): Promise<DashboardView> {
  const [incidents, activity] = await Promise.all([
    sources.apiFor(principal).list({ statuses: ACTIVE, limit: DASHBOARD_INCIDENTS }),
    sources.recentActivity(principal, DASHBOARD_ACTIVITY_KINDS, ACTIVITY_WINDOW),
  ]);
  return composeDashboard({
    now: epochMs(sources.clock.now()),
    incidents,
    activity,
    health: sources.health?.(principal),
    isHealthConfigured: sources.health !== undefined,
    metricHints: sources.metricHints,
  });
}
