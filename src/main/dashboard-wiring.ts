// The monitoring dashboard's sources: the incident API and the event log as a principal, and the
// detection engine's readings when it runs in this process (serve); the CLI has no live readings.
import { metricHintsOf, readDashboard, type DashboardSources, type DashboardView } from '../app/dashboard/index.js';
import type { DetectionEndpoints } from '../app/detection/index.js';
import { IncidentVisibility, readRecentActivity, visibleReading } from '../app/visibility/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';

export function dashboardSources(app: App, detection: DetectionEndpoints | undefined): DashboardSources {
  const health = detection?.health;
  return {
    apiFor: (principal) => app.apiFor(principal),
    recentActivity: (principal, kinds, window) => readRecentActivity(app.store, new IncidentVisibility(app.store, principal), kinds, window),
    health: health === undefined ? undefined : (principal) => visibleReading(health.call(detection), new IncidentVisibility(app.store, principal)),
    metricHints: metricHintsOf(app.config.detection),
    clock: app.clock,
  };
}

export function dashboardFor(app: App, detection: DetectionEndpoints | undefined): (principal: Principal) => Promise<DashboardView> {
  const sources = dashboardSources(app, detection);
  return (principal) => readDashboard(sources, principal);
}
