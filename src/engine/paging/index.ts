// The paging engine: durable timers and the outbox, claimed with leases by any number of instances.
export { PagingEngine } from './paging-engine.js';
export type { EngineLog, PagingEngineDeps, TickReport } from './paging-engine.js';
