import type { EpochMs } from '../../domain/time/index.js';
import type { BaselineState, RuleState } from '../../domain/triggers/index.js';

/** A lease held: the fencing token (grows whenever the lease changes hands or lapses) and until when. */
export interface LeaseGrant {
  readonly token: number;
  readonly expiresAt: EpochMs;
}

/** Names a lease as held under one token: what a fenced write must still match. */
export interface LeaseFence {
  readonly name: string;
  readonly holder: string;
  readonly token: number;
}

/** A firing whose actions have not all run yet (they are retried until they succeed). */
export interface UnfinishedFiring {
  readonly firedAt: EpochMs;
  readonly activeAt: EpochMs | undefined;
  readonly holding: readonly string[];
}

/** One rule's state for one label set (the empty string for a rule without labels). */
export interface StoredRuleState {
  readonly rule: string;
  readonly labelSet: string;
  readonly state: RuleState;
  readonly lastFiredAt: EpochMs | undefined;
  readonly unfinished: UnfinishedFiring | undefined;
}

export interface StoredBaseline {
  readonly signal: string;
  readonly state: BaselineState;
}

/** What the detection engine keeps between evaluations, so that another instance can carry on. */
export interface DetectionSnapshot {
  readonly rules: readonly StoredRuleState[];
  readonly baselines: readonly StoredBaseline[];
}

/** The newest sample pushed for a metric (`POST /api/v1/metrics`) and when it was measured. */
export interface PushedSampleRecord {
  readonly metric: string;
  readonly value: number | boolean;
  readonly at: EpochMs;
}

/** Failed authentications of one client address in its current window. */
export interface AuthFailureWindow {
  readonly count: number;
  readonly expiresAt: EpochMs;
}

/**
 * What several server instances on one database share. Times are the callers' clock readings,
 * bound as parameters (instances are assumed to agree on the time within a few milliseconds).
 */
export interface SharedStateStore {
  /**
   * Takes the lease `name` for `holder` until `now + ttlMs` when it is free, lapsed or already the
   * holder's, and answers the grant; undefined while another holder's lease runs. The token stays
   * the same while one holder renews in time and grows by one otherwise. One statement: atomic.
   */
  acquireLease(name: string, holder: string, now: EpochMs, ttlMs: number): Promise<LeaseGrant | undefined>;
  /** Gives the lease up at once if it is still held under `fence` (another instance may take it now). */
  releaseLease(fence: LeaseFence): Promise<void>;
  /** True while the lease is held under `fence` and has not lapsed at `now`. */
  isLeaseHeld(fence: LeaseFence, now: EpochMs): Promise<boolean>;
  /** Every rule and baseline state written so far. */
  loadDetectionState(): Promise<DetectionSnapshot>;
  /**
   * Keeps the leader's latest reading (what it read, the baselines, recent firings: a plain value
   * it serialises as JSON) under `fence`, for the other instances' health panels; false when stale.
   */
  saveDetectionReading(fence: LeaseFence, reading: unknown, now: EpochMs): Promise<boolean>;
  /** The latest reading a leader kept, or undefined before any. */
  findDetectionReading(): Promise<unknown>;
  /**
   * Keeps the newest pushed sample per metric, whichever instance received it (a sample older than
   * the one kept is ignored). Not fenced: any instance may receive pushes.
   */
  recordPushedSamples(samples: readonly PushedSampleRecord[]): Promise<void>;
  /** The newest pushed sample of each metric measured at or after `since`. */
  listPushedSamples(since: EpochMs): Promise<PushedSampleRecord[]>;
  /**
   * Writes these rows (replacing earlier ones of the same rule and label set, or signal) in one
   * transaction, only while the lease is held under `fence` at `now`; false (nothing written) when
   * the fence is stale.
   */
  saveDetectionState(fence: LeaseFence, changes: DetectionSnapshot, now: EpochMs): Promise<boolean>;
  /** Counts one failed authentication of `address`; a window that ended starts again at one. Atomic. */
  recordAuthFailure(address: string, now: EpochMs, windowMs: number): Promise<AuthFailureWindow>;
  /** Addresses with at least `min` failures in a window still running at `now`. */
  listAuthFailuresOver(min: number, now: EpochMs): Promise<Map<string, AuthFailureWindow>>;
  /** Remembers a signed-out session id until `until` (the instant the session would have ended anyway). */
  revokeSession(id: string, until: EpochMs): Promise<void>;
  /** Ids of the sessions signed out whose sessions have not ended by `now`. */
  listRevokedSessions(now: EpochMs): Promise<string[]>;
  /** Deletes failure windows and revocations that ended before `now`; answers how many rows went. */
  pruneSharedState(now: EpochMs): Promise<number>;
}
