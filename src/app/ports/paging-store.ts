import type { EscalationSnapshot, EscalationState } from '../../domain/escalation/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { StoredOverride } from '../../domain/oncall/index.js';
import type { DeliveryChannel, MessageIncident, MessagePurpose } from './notifier.js';

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

/**
 * What the engine does with an outbox row: deliver it through its channel to its address
 * (`message`), open the incident's war room and invite the Slack users the address lists
 * (`war-room-open`), post it to the war room once that is open (`war-room-post`), or stop a page
 * still repeating at its provider, whose id (Pushover's receipt) the address holds (`receipt-cancel`).
 */
export const OUTBOX_KINDS = ['message', 'war-room-open', 'war-room-post', 'receipt-cancel'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** A message to send, as planned inside the transaction that decided it. */
export interface NewOutboxMessage {
  readonly id: string;
  readonly kind: OutboxKind;
  /** One row per key, ever: planning the same message twice inserts it once (keys are built in app/paging/outbox-keys). */
  readonly idempotencyKey: string;
  readonly incidentId?: string;
  /**
   * The incident's facts as they were when the message was planned: channels that send structured
   * data (webhooks, PagerDuty, Slack, Teams) and the war room get them without reading the incident
   * again. Absent on rows queued by versions before it was stored.
   */
  readonly incident?: MessageIncident;
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

/** How one claimed message ended. */
export interface MessageFinish {
  readonly id: string;
  readonly finish: OutboxFinish;
}

/**
 * The paging tables inside the shared write transaction (with the incident events it records).
 * Methods taking lists write them with a statement per chunk, not per row.
 */
export interface PagingWriteTx {
  /**
   * Up to `limit` timers due at `now` that no claim holds, oldest first (escalations before
   * reminders due at the same instant). Write transactions take turns, so firing them in the same
   * transaction (which moves or deletes each) needs no lease.
   */
  takeDueTimers(now: EpochMs, limit: number): Promise<TimerRecord[]>;
  findEscalation(incidentId: string): Promise<EscalationRecord | undefined>;
  /** The escalations of these incidents that exist, by incident id. */
  findEscalations(incidentIds: readonly string[]): Promise<Map<string, EscalationRecord>>;
  saveEscalation(record: EscalationRecord): Promise<void>;
  saveEscalations(records: readonly EscalationRecord[]): Promise<void>;
  /** The timers with these ids that exist, by id. */
  findTimers(ids: readonly string[]): Promise<Map<string, TimerRecord>>;
  /** Inserts or moves the timer; clears any lease on it. */
  setTimer(timer: TimerRecord): Promise<void>;
  setTimers(timers: readonly TimerRecord[]): Promise<void>;
  deleteTimer(id: string): Promise<void>;
  deleteTimers(ids: readonly string[]): Promise<void>;
  /** Inserts the messages whose idempotency key is new; returns those inserted. */
  enqueue(messages: readonly NewOutboxMessage[]): Promise<NewOutboxMessage[]>;
  /** Pending pages of the incident made for a generation before `generation`: marked cancelled and returned. */
  cancelStalePages(incidentId: string, generation: number, at: EpochMs, detail: string): Promise<OutboxRecord[]>;
  /**
   * Pages of the incident delivered through `channel` since `since` with a provider id, leaving out
   * those whose provider id was claimed as a signed delivery of `acknowledgedScope` (the person
   * acknowledged that page at the provider).
   */
  deliveredPages(incidentId: string, channel: DeliveryChannel, since: EpochMs, acknowledgedScope: string): Promise<OutboxRecord[]>;
  /**
   * Writes how claimed messages ended, each only while its lease is still `leaseOwner`'s; returns
   * the ids written. A message missing from the answer was taken over by another instance.
   */
  finishMessages(leaseOwner: string, finishes: readonly MessageFinish[]): Promise<Set<string>>;
  disableEndpoint(channel: DeliveryChannel, address: string, at: EpochMs, reason: string): Promise<void>;
  /** On-call overrides stored at runtime that end after `endsAfter`, oldest made first: who is on call is decided with them. */
  listOverrides(endsAfter: EpochMs): Promise<StoredOverride[]>;
}

/** Told, after a write transaction commits, the earliest instant the work it queued falls due. */
export type DueWorkListener = (dueAt: EpochMs) => void;

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
  /**
   * Extends the leases of claimed messages that are still pending and still `owner`'s to `until`;
   * returns the ids extended. An id missing from the answer is no longer this owner's to send.
   */
  renewMessageLeases(ids: readonly string[], owner: string, until: EpochMs): Promise<Set<string>>;
  /** Gives claimed messages back unsent (deferred by a cap, or not sent in time), without counting the attempt. */
  deferMessages(ids: readonly string[], owner: string, until: EpochMs): Promise<void>;
  /**
   * The earliest instant at which a timer (`timers`) or a pending message (`messages`) nobody holds
   * a live lease on falls due; undefined when there is none. At or before `now`: due already.
   */
  nextDueAt(now: EpochMs): Promise<{ readonly timers: EpochMs | undefined; readonly messages: EpochMs | undefined }>;
  /**
   * Calls `listener` after each write transaction through this store commits that set a timer or
   * queued a message, with the earliest instant that work falls due. Returns the unsubscribe.
   */
  onDueWork(listener: DueWorkListener): () => void;
  /** Opens up to `connections` database connections now and keeps them open (PostgreSQL), so a burst of work does not wait for new ones. */
  warmUp(connections: number): Promise<void>;
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
