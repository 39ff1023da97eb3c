// The public status page, purely: what of an incident the public may see, component statuses,
// the page indicator, uptime over 90 days, maintenance windows, and the publish decisions.
export {
  COMPONENT_STATUSES, INDICATORS, MAINTENANCE_STATUSES, IMPACT_COMPONENT_STATUS, COMPONENT_STATUS_INDICATOR,
  INDICATOR_DESCRIPTION, COMPONENT_STATUS_LABEL, UPTIME_WEIGHT, worstImpact, worstComponentStatus,
} from './status-page-words.js';
export type { ComponentStatus, Indicator, MaintenanceStatus } from './status-page-words.js';
export type { PageComponent, PublicUpdate, PublicIncident, MaintenanceWindow } from './status-page-model.js';
export { projectPublicIncident, RESOLVED_BODY, REOPENED_BODY } from './project-public-incident.js';
export { decidePublish, decideUnpublish } from './decide-publication.js';
export type { PublishInput } from './decide-publication.js';
export { computeComponentStatuses } from './compute-component-statuses.js';
export { computeIndicator } from './compute-indicator.js';
export type { PageStatus } from './compute-indicator.js';
export { computeUptime } from './compute-uptime.js';
export type { Uptime, UptimeDay } from './compute-uptime.js';
export { maintenanceStatusAt } from './maintenance-status.js';
