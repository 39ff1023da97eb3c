// Tickets in other systems over HTTP: Jira Cloud REST v3, the ServiceNow Table API, BMC Helix ITSM /
// Remedy, Cherwell (with closure sync), and a generic ITSM webhook signed per Standard Webhooks.
// Errors name the system and its reason, never a secret.
export { createTicketGateway } from './create-ticket-gateway.js';
export { createTicketCloser } from './ticket-closer.js';
export { createTicketLinker } from './ticket-linker.js';
export { toAdf, readJiraReason } from './jira-tickets.js';
export { signStandardWebhook } from './webhook-tickets.js';
