// `incident-response dashboard`: the live terminal dashboard (ink) and its plain-text form.
export { dashboardLines, plainText } from './dashboard-lines.js';
export type { Line, Segment, Tone, LinesOptions } from './dashboard-lines.js';
export { runLiveDashboard } from './live-dashboard.js';
export type { DashboardSource, LiveOptions } from './live-dashboard.js';
