import type { EpochMs } from '../../domain/time/index.js';
import type { StoreWriteTx } from './incident-store.js';

/** What the store keeps of one heartbeat monitor, so a restart neither loses a ping nor repeats an incident. */
export interface HeartbeatRecord {
  readonly name: string;
  /** When the monitor was first seen (first ping or first check); a heartbeat never pinged is late from here. */
  readonly watchSince: EpochMs;
  readonly lastPingAt?: EpochMs;
  /** The incident a missed heartbeat opened and that has not yet been resolved by a resumed ping. */
  readonly incidentId?: string;
  readonly incidentOpenedAt?: EpochMs;
}

/** The checker's own state, written without touching `lastPingAt` (a ping may land concurrently). */
export interface HeartbeatWatch {
  readonly name: string;
  readonly watchSince: EpochMs;
  readonly incidentId: string | undefined;
  readonly incidentOpenedAt: EpochMs | undefined;
}

export interface HeartbeatWriteTx extends StoreWriteTx {
  findHeartbeat(name: string): Promise<HeartbeatRecord | undefined>;
  saveHeartbeatWatch(watch: HeartbeatWatch): Promise<void>;
}

export interface HeartbeatStore {
  /** Durable before it returns; creates the record on the first ping. */
  recordPing(name: string, at: EpochMs): Promise<void>;
  findHeartbeat(name: string): Promise<HeartbeatRecord | undefined>;
  /** The same single write transaction as the incident writes, so an incident and its heartbeat state commit together. */
  writeHeartbeats<T>(work: (tx: HeartbeatWriteTx) => Promise<T>): Promise<T>;
}
