// The responder web app: server-rendered pages (dashboard, incident room, declare, list, on-call,
// reports) behind a signed session cookie, live through the API's event stream; served by `serve`.
export { createWebApp } from './web-app.js';
export type { WebApp } from './web-app.js';
export type { WebDeps } from './web-deps.js';
export type { SessionRevocations } from './web-session.js';
