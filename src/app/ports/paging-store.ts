import type { EscalationSnapshot, EscalationState } from '../../domain/escalation/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { DeliveryChannel, MessagePurpose } from './notifier.js';

/** An incident's escalation: the policy frozen onto it and where paging stands. */
export interface EscalationRecord {
  readonly incidentId: string;
  readonly snapshot: EscalationSnapshot;
  readonly state: EscalationState;
}

/** What a timer does when it falls due. */
export const TIMER_KINDS = ['escalation', 'update-reminder'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * A durable timer: one row per kind and incident (`escalation:INC-…`). `generation` is the
 * escalation generation it was set for; a timer whose generation is no longer current does nothing.
 */
export interface TimerRecord {
  readonly id: string;
  readonly kind: TimerKind;
  readonly incidentId: string;
  readonly generation: number;
  readonly dueAt: EpochMs;
}

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed', 'cancelled', 'bundled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A message to send, as planned inside the transaction that decided it. */
export interface NewOutboxMessage {
  readonly id: string;
  /** One row per key, ever: planning the same message twice inserts it once. */
  readonly idempotencyKey: string;
  readonly incidentId?: string;
  /** For pages: the escalation generation; an acknowledgement makes the message stale and it is cancelled. */
  readonly generation?: number;
  readonly channel: DeliveryChannel;
  readonly address: string;
  readonly purpose: MessagePurpose;
  readonly personId?: string;
  readonly recipientName: string;
  readonly subject: string;
  readonly text: string;
  /** Not before this instant. */
  readonly sendAt: EpochMs;
  readonly createdAt: EpochMs;
}

export interface OutboxRecord extends NewOutboxMessage {
  readonly status: OutboxStatus;
  /** Attempts started so far (a claim counts one). */
  readonly attempts: number;
  readonly nextAttemptAt: EpochMs;
  readonly lastError?: string;
  readonly providerId?: string;
  readonly finishedAt?: EpochMs;
}

/** How a claimed attempt ended, written only while the claim's lease is still this instance's. */
export type OutboxFinish =
  | { readonly status: 'delivered'; readonly at: EpochMs; readonly detail: string; readonly providerId?: string }
  | { readonly status: 'failed' | 'cancelled' | 'bundled'; readonly at: EpochMs; readonly detail: string }
  | { readonly status: 'pending'; readonly nextAttemptAt: EpochMs; readonly detail: string };

/** The paging tables inside the shared write transaction (with the incident events it records). */
export interface PagingWriteTx {
  findEscalation(incidentId: string): Promise<EscalationRecord | undefined>;
  saveEscalation(record: EscalationRecord): Promise<void>;
  findTimer(id: string): Promise<TimerRecord | undefined>;
  /** Inserts or moves the timer; clears any lease on it. */
  setTimer(timer: TimerRecord): Promise<void>;
  deleteTimer(id: string): Promise<void>;
  /** Inserts the messages whose idempotency key is new; returns those inserted. */
  enqueue(messages: readonly NewOutboxMessage[]): Promise<NewOutboxMessage[]>;
  /** Pending pages of the incident made for a generation before `generation`: marked cancelled and returned. */
  cancelStalePages(incidentId: string, generation: number, at: EpochMs, detail: string): Promise<OutboxRecord[]>;
  /** False when the lease was lost (another instance took the message over): nothing is written then. */
  finishMessage(id: string, leaseOwner: string, finish: OutboxFinish): Promise<boolean>;
  disableEndpoint(channel: DeliveryChannel, address: string, at: EpochMs, reason: string): Promise<void>;
}

export interface MessageFilter {
  readonly incidentId?: string;
  readonly statuses?: readonly OutboxStatus[];
  readonly limit?: number;
}

/**
 * Claiming due work. Any number of server instances may claim at once: a claimed row carries a
 * lease (owner, until); rows whose lease ran out (their instance died) are claimed again.
 * PostgreSQL claims with FOR UPDATE SKIP LOCKED, so instances never wait on each other's rows.
 */
export interface PagingStore {
  claimTimers(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<TimerRecord[]>;
  /** Due pending messages; each claim counts one attempt. */
  claimMessages(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<OutboxRecord[]>;
  /** Gives claimed messages back unsent (deferred by a cap), without counting the attempt. */
  deferMessages(ids: readonly string[], owner: string, until: EpochMs): Promise<void>;
  /** Escalation generations of these incidents (missing = no escalation). */
  escalationGenerations(incidentIds: readonly string[]): Promise<Map<string, number>>;
  /** Instants of messages delivered on a channel to an address since `since` (for per-contact caps). */
  deliveredSince(channel: DeliveryChannel, address: string, since: EpochMs): Promise<EpochMs[]>;
  isEndpointDisabled(channel: DeliveryChannel, address: string): Promise<boolean>;
  /** Timers due before `dueBefore` that nobody holds a live lease on (the overdue auditor). */
  countOverdueTimers(dueBefore: EpochMs, now: EpochMs): Promise<number>;
  findEscalation(incidentId: string): Promise<EscalationRecord | undefined>;
  /** Outbox rows per status (every status present, zeros included), for monitoring. */
  countMessagesByStatus(): Promise<Record<OutboxStatus, number>>;
  listMessages(filter: MessageFilter): Promise<OutboxRecord[]>;
  /** The war room's channel id, once a war-room message was delivered for the incident. */
  findWarRoom(incidentId: string): Promise<{ channelId: string; channelName: string } | undefined>;
}
