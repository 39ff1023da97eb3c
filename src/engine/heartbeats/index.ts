// Heartbeat monitors (dead man's switches): a tick-driven checker with an injected clock that opens one
// incident when pings stop for longer than interval + grace, and resolves it when they resume.
export { HeartbeatChecker } from './heartbeat-checker.js';
export type { HeartbeatCheckerDeps, HeartbeatLog, HeartbeatTickReport } from './heartbeat-checker.js';
export { decideHeartbeat } from './decide-heartbeat.js';
export type { HeartbeatDecision } from './decide-heartbeat.js';
