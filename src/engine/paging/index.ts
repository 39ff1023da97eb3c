// The paging engine: durable timers and the outbox, claimed with leases by any number of instances.
// fire-timers, deliver-outbox and watchdogs are its parts; paging-engine runs them on the injected clock.
export { PagingEngine } from './paging-engine.js';
export type { EngineLog, PagingEngineDeps, TickReport } from './paging-engine.js';
