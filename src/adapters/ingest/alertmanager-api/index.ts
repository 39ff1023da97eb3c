// Alertmanager API v2 `POST /api/v2/alerts` (what Prometheus itself sends) → AlertSignals.
export { alertmanagerApiSource } from './alertmanager-api-source.js';
export { parseAlertmanagerApi, ALERTMANAGER_API } from './alertmanager-api-parser.js';
export { postableAlertsSchema } from './alertmanager-api-schema.js';
export type { PostableAlert } from './alertmanager-api-schema.js';
