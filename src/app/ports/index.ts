// Ports: what the use cases need from the outside world (a clock, stores, secrets), as interfaces.
export type { Clock } from './clock.js';
export type { IncidentStore, StoreWriteTx, StoredEvent, IncidentFilter } from './incident-store.js';
export type { TokenStore, ApiTokenRecord } from './token-store.js';
export type { SecretSource } from './secret-source.js';
