// The incident monitoring dashboard as one view for every screen (terminal, API, web).
export { composeDashboard, compareUrgency, describeElapsed, metricHintsOf, DASHBOARD_ACTIVITY_KINDS } from './dashboard-view.js';
export type { DashboardView, DashboardIncident, DashboardLine, DashboardInput } from './dashboard-view.js';
export { readDashboard, DASHBOARD_INCIDENTS } from './read-dashboard.js';
export type { DashboardSources } from './read-dashboard.js';
