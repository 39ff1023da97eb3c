// Atlassian Statuspage (statuspage.io) outbound: our public incidents published, updated and
// resolved on a hosted page through REST API v1, with our components mapped to theirs.
export { StatuspageClient, DEFAULT_STATUSPAGE_API_URL } from './statuspage-client.js';
export type { StatuspageOutcome, StatuspageSettings } from './statuspage-client.js';
export { planStatuspageIncident } from './plan-statuspage-incident.js';
export type { StatuspageComponentStatus, StatuspageIncidentPlan } from './plan-statuspage-incident.js';
