// The remote CLI: every verb over the v1 HTTP API (incidents, reports, reviews, compliance, status page,
// integrations, silences), with server errors mapped back to the AppErrors the local CLI reports.
export { HttpIncidentApi } from './http-incident-api.js';
export type { HttpIncidentApiOptions } from './http-incident-api.js';
export { parseBaseUrl } from './parse-base-url.js';
export { watchEventStream } from './event-stream-watch.js';
export type { EventStreamWatchOptions } from './event-stream-watch.js';
export { ApiTransport } from './api-transport.js';
export { openHttpCliClient } from './http-cli-client.js';
export type { ApiTransportOptions } from './api-transport.js';
export { HttpOnCallChanges } from './http-oncall-changes.js';
