// What a principal may see: the one rule (security incidents are the security team's and admins')
// applied to incidents and to everything that belongs to them — alerts, silences, activity.
export { IncidentVisibility } from './incident-visibility.js';
export { readRecentActivity } from './recent-activity.js';
export { visibleReading } from './visible-reading.js';
