// The remote CLI's transport: IncidentApi over the v1 HTTP API, with server errors mapped back to
// the AppErrors the local CLI reports.
export { HttpIncidentApi } from './http-incident-api.js';
export type { HttpIncidentApiOptions } from './http-incident-api.js';
export { parseBaseUrl } from './parse-base-url.js';
export { watchEventStream } from './event-stream-watch.js';
export type { EventStreamWatchOptions } from './event-stream-watch.js';
export { ApiTransport } from './api-transport.js';
