// How an incident is classified: severity, type, environment, incident roles and public status words.
export { SEVERITIES, SEVERITY_LABEL, findSeverity, parseSeverity, severityLabel } from './severity.js';
export type { Severity } from './severity.js';
export { INCIDENT_TYPES, findIncidentType, parseIncidentType } from './incident-type.js';
export type { IncidentType } from './incident-type.js';
export { ENVIRONMENTS, findEnvironment, parseEnvironment } from './environment.js';
export type { Environment } from './environment.js';
export { INCIDENT_ROLES, INCIDENT_ROLE_TITLE, parseIncidentRole } from './role.js';
export type { IncidentRole } from './role.js';
export { PUBLIC_STATUSES, parsePublicStatus } from './public-status.js';
export type { PublicStatus } from './public-status.js';
