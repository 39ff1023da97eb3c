import type { PagingConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import { bundleKey, messageIncident, type PagingService } from '../../app/paging/index.js';
import type {
  AlarmClock, DeliveryChannel, DeliveryOutcome, IncidentStore, MessageIncident, Notifier, OutboxFinish, OutboxRecord, PagingStore, WarRoomProvider,
} from '../../app/ports/index.js';
import { isRestrictedIncidentType } from '../../domain/access/index.js';
import type { IncidentType } from '../../domain/classification/index.js';
import { planContactCap, planRetry } from '../../domain/delivery/index.js';
import type { IncidentEventData, MessageDeliveryStatus } from '../../domain/incident/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { errorText, type EngineLog } from './engine-log.js';
import { ENGINE_ACTOR } from './fire-timers.js';
import { LeaseKeeper } from './held-claim.js';

export interface OutboxDeliveryDeps {
  readonly store: IncidentStore & PagingStore;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly paging: Pick<PagingService, 'deliveryAddress' | 'stopStaleDeliveredPages'>;
  readonly notifier: Notifier;
  readonly warRoom?: WarRoomProvider;
  readonly clock: AlarmClock;
  readonly config: PagingConfig;
  readonly owner: string;
  /** In [0, 1): jitter for retries. */
  readonly random: () => number;
  readonly newId: () => string;
  readonly log: EngineLog;
  readonly onDelivery?: (channel: string, status: string) => void;
}

/** How one claim ended. */
export interface DeliveryCounts {
  readonly delivered: number;
  readonly failed: number;
  readonly retried: number;
  readonly cancelled: number;
  readonly deferred: number;
  readonly bundled: number;
}

export const NO_DELIVERIES: DeliveryCounts = { delivered: 0, failed: 0, retried: 0, cancelled: 0, deferred: 0, bundled: 0 };

/** Messages per claim. */
export const MESSAGE_BATCH = 100;
/** Attempts in flight at once per instance, across claims. */
const SEND_CONCURRENCY = 32;
/** Channels that carry the incident's facts as structured data (e-mail: its X-Incident-Id and thread headers; push: the link a tap opens). */
const CARRIES_INCIDENT_FACTS: Readonly<Record<DeliveryChannel, boolean>> = {
  webhook: true, pagerduty: true, slack: true, teams: true, email: true, push: true, ntfy: true, pushover: true, telegram: true, sms: false, voice: false,
};
/** Writing a claim's results is tried this often (while its leases are renewed) before the claim is left to run out. */
const RECORD_ATTEMPTS = 3;
const RECORD_RETRY_MS = 250;

type Result = {
  readonly message: OutboxRecord;
  readonly finish: OutboxFinish;
  readonly event?: { readonly status: MessageDeliveryStatus; readonly detail: string };
  readonly disable?: string;
};

/** At most `limit` calls of `run` at once; the others wait their turn in order. */
class Turns {
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) next();
      else this.#active--;
    }
  }
}

/**
 * Delivers the outbox a claim at a time: claims due messages with a lease, leaves out stale pages
 * and disabled endpoints, applies per-contact caps, sends through the notifier (SEND_CONCURRENCY
 * attempts at once across every claim in flight) with the facts the message carries, and writes
 * every result with its timeline event in one write transaction. Leases are renewed while the
 * claim is in flight (HeldClaim), and a result is written only while the lease is still ours.
 */
export class OutboxDelivery {
  readonly #turns = new Turns(SEND_CONCURRENCY);
  readonly #leases: LeaseKeeper;

  constructor(private readonly deps: OutboxDeliveryDeps) {
    this.#leases = new LeaseKeeper({ store: deps.store, clock: deps.clock, owner: deps.owner, leaseMs: deps.config.engine.leaseMs, log: deps.log });
  }

  claim(now: EpochMs, limit: number): Promise<OutboxRecord[]> {
    return this.deps.store.claimMessages(this.deps.owner, now, this.deps.config.engine.leaseMs, limit);
  }

  /** Sends a claim made at `claimedAt` and records how each message ended. */
  async deliver(claimed: readonly OutboxRecord[], claimedAt: EpochMs): Promise<DeliveryCounts> {
    const { store, owner, clock, log } = this.deps;
    const held = this.#leases.hold(claimed.map((m) => m.id), claimedAt);
    try {
      const results: Result[] = [];
      const live = await this.#screen(claimed, claimedAt, results);
      const { send, deferred, bundles } = await this.#applyCaps(live, claimedAt);
      for (const [until, ids] of groupBy(deferred, (d) => d.until)) {
        await store.deferMessages(ids.map((d) => d.id), owner, epochMs(until));
        held.forget(ids.map((d) => d.id));
      }
      for (const b of bundles) {
        for (const m of b.bundled) results.push({ message: m, finish: { status: 'bundled', at: claimedAt, detail: `bundled into ${b.bundle.id}` }, event: { status: 'bundled', detail: `bundled: ${b.bundle.subject}` } });
      }
      const unsent: OutboxRecord[] = [];
      const attempts = await Promise.all(send.map((m) => this.#turns.run(async () => {
        if (held.maySend(m.id)) return this.#attempt(m);
        if (!held.isLost(m.id)) unsent.push(m);
        return undefined;
      })));
      for (const r of attempts) if (r !== undefined) results.push(r);
      if (unsent.length > 0) {
        // The lease is too close to running out to be sure nobody else sends them: give them back.
        log.warn({ unsent: unsent.length }, 'the leases of a claim were not renewed in time; its unsent messages are given back');
        await store.deferMessages(unsent.map((m) => m.id), owner, clock.now());
        held.forget(unsent.map((m) => m.id));
      }
      held.recording();
      await this.#recordWhileHeld(results, bundles.map((b) => b.bundle));
      return this.#count(results, deferred.length);
    } finally {
      held.release();
    }
  }

  /** Pages made stale by an acknowledgement are cancelled, messages to disabled endpoints fail; returns the rest. */
  async #screen(claimed: readonly OutboxRecord[], now: EpochMs, results: Result[]): Promise<OutboxRecord[]> {
    const { store } = this.deps;
    const generations = await store.escalationGenerations(claimed.filter((m) => m.generation !== undefined).map((m) => m.incidentId!));
    const disabled = new Map<string, Promise<boolean>>();
    const isDisabled = (m: OutboxRecord) => {
      const key = `${m.channel}\u0000${m.address}`;
      let known = disabled.get(key);
      if (known === undefined) disabled.set(key, (known = store.isEndpointDisabled(m.channel, m.address)));
      return known;
    };
    const live: OutboxRecord[] = [];
    for (const m of claimed) {
      const current = m.incidentId === undefined ? undefined : generations.get(m.incidentId);
      if (m.generation !== undefined && current !== undefined && m.generation < current) {
        results.push({ message: m, finish: { status: 'cancelled', at: now, detail: 'paging stopped before it was sent' }, event: { status: 'cancelled', detail: 'paging stopped (acknowledged or resolved) before it was sent' } });
      } else if (m.kind === 'message' && await isDisabled(m)) {
        results.push({ message: m, finish: { status: 'failed', at: now, detail: 'endpoint disabled' }, event: { status: 'failed', detail: 'the endpoint answered 410 Gone earlier and is disabled' } });
      } else {
        live.push(m);
      }
    }
    return live;
  }

  /** Per-contact caps on SMS and voice: send, bundle the excess into one message, or wait for room. */
  async #applyCaps(messages: readonly OutboxRecord[], now: EpochMs): Promise<{
    send: OutboxRecord[]; deferred: { id: string; until: EpochMs }[]; bundles: { bundle: OutboxRecord; bundled: OutboxRecord[] }[];
  }> {
    const send: OutboxRecord[] = [];
    const deferred: { id: string; until: EpochMs }[] = [];
    const bundles: { bundle: OutboxRecord; bundled: OutboxRecord[] }[] = [];
    for (const [, group] of groupBy(messages, (m) => `${m.kind}\u0000${m.channel}\u0000${m.address}`)) {
      const first = group[0]!;
      const cap = this.deps.config.capsPerHour[first.channel];
      if (cap === undefined || first.kind !== 'message') {
        send.push(...group);
        continue;
      }
      const sentAt = await this.deps.store.deliveredSince(first.channel, first.address, epochMs(now - 3_600_000));
      const decision = planContactCap(group.map((m) => ({ id: m.id, subject: m.subject })), sentAt, now, cap);
      if (decision.kind === 'send') send.push(...group);
      else if (decision.kind === 'defer') deferred.push(...group.map((m) => ({ id: m.id, until: decision.until })));
      else {
        send.push(...group.filter((m) => decision.ids.includes(m.id)));
        const bundled = group.filter((m) => decision.bundled.includes(m.id));
        const bundle: OutboxRecord = {
          ...first,
          id: this.deps.newId(),
          kind: 'message',
          idempotencyKey: bundleKey(bundled[0]!.id),
          purpose: 'page',
          subject: decision.subject,
          text: [decision.subject, ...bundled.map((m) => `- ${m.subject}`)].join('\n'),
          sendAt: now,
          createdAt: now,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
        };
        bundles.push({ bundle: withoutGeneration(bundle), bundled });
      }
    }
    return { send, deferred, bundles };
  }

  async #attempt(m: OutboxRecord): Promise<Result> {
    const outcome = await this.#send(m).catch((e: unknown): DeliveryOutcome => ({ kind: 'retry', reason: `unexpected error: ${String(e)}` }));
    const at = this.deps.clock.now();
    switch (outcome.kind) {
      case 'delivered':
        return { message: m, finish: { status: 'delivered', at, detail: outcome.detail, ...(outcome.providerId !== undefined ? { providerId: outcome.providerId } : {}) }, event: { status: 'delivered', detail: outcome.detail } };
      case 'failed':
        return { message: m, finish: { status: 'failed', at, detail: outcome.reason }, event: { status: 'failed', detail: outcome.reason } };
      case 'endpoint-gone':
        return { message: m, finish: { status: 'failed', at, detail: outcome.reason }, event: { status: 'endpoint-disabled', detail: outcome.reason }, disable: outcome.reason };
      case 'retry': {
        const retry = planRetry({ attempt: m.attempts, queuedAt: m.createdAt, now: at, random: this.deps.random(), policy: this.deps.config.retry, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) });
        if (retry.kind === 'give-up') return { message: m, finish: { status: 'failed', at, detail: `${outcome.reason}; ${retry.reason}` }, event: { status: 'failed', detail: `${outcome.reason}; ${retry.reason}` } };
        return { message: m, finish: { status: 'pending', nextAttemptAt: retry.at, detail: outcome.reason } };
      }
    }
  }

  async #send(m: OutboxRecord): Promise<DeliveryOutcome> {
    switch (m.kind) {
      case 'message': {
        const address = this.deps.paging.deliveryAddress(m.channel, m.address);
        if (address === undefined) return { kind: 'failed', reason: `the ${m.channel} contact of ${m.recipientName} is no longer in the configuration` };
        const incident = CARRIES_INCIDENT_FACTS[m.channel] ? await this.#facts(m) : undefined;
        return this.deps.notifier.deliver({ ...toOutbound(m), address, ...(incident !== undefined ? { incident } : {}) }, this.deps.config.attemptTimeoutMs);
      }
      case 'war-room-open':
      case 'war-room-post':
        return this.#sendToWarRoom(m);
      case 'receipt-cancel':
        // The address is the provider's id for the page that is still repeating.
        return this.deps.notifier.deliver({ ...toOutbound(m), stopRepeating: m.address }, this.deps.config.attemptTimeoutMs);
    }
  }

  async #sendToWarRoom(m: OutboxRecord): Promise<DeliveryOutcome> {
    const { warRoom, store } = this.deps;
    if (warRoom === undefined) return { kind: 'failed', reason: 'no Slack channel configured for war rooms (channels.slack in the config)' };
    // Opening a room reads the incident as it is now: a room opened for an incident reclassified as
    // confidential since the message was queued must be private and named by its id only.
    const incident = m.kind === 'war-room-open' ? await this.#currentFacts(m) : await this.#facts(m);
    if (incident === undefined) return { kind: 'failed', reason: 'the incident no longer exists' };
    const existing = await store.findWarRoom(incident.id);
    try {
      if (existing !== undefined) {
        await warRoom.postToWarRoom(existing, m.text);
        return { kind: 'delivered', detail: `posted to #${existing.channelName}` };
      }
      if (m.kind === 'war-room-post') return { kind: 'retry', reason: 'the war room is not open yet' };
      const room = await warRoom.startWarRoom({
        incident, summaryText: m.text, inviteUserIds: m.address.split(',').filter((id) => id !== ''),
        isPrivate: isRestrictedIncidentType(incident.incidentType as IncidentType),
      });
      return { kind: 'delivered', detail: `opened #${room.channelName}`, providerId: `${room.channelId} ${room.channelName}` };
    } catch (error) {
      return { kind: 'retry', reason: errorText(error) };
    }
  }

  /** The facts the message carries; read from the incident only for rows queued before messages carried them. */
  async #facts(m: OutboxRecord): Promise<MessageIncident | undefined> {
    return m.incident ?? this.#currentFacts(m);
  }

  async #currentFacts(m: OutboxRecord): Promise<MessageIncident | undefined> {
    const incident = m.incidentId === undefined ? undefined : await this.deps.store.findIncident(m.incidentId);
    return incident === undefined ? undefined : messageIncident(incident, this.deps.config.appUrl);
  }

  /**
   * Writes the results, retrying a failed write a few times: the leases are renewed meanwhile, so
   * nobody sends these messages again while the results wait to be written.
   */
  async #recordWhileHeld(results: readonly Result[], bundles: readonly OutboxRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#record(results, bundles);
        return;
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          this.deps.log.error({ err: errorText(error), messages: results.length }, 'could not record delivery results; the messages are sent again when their leases run out');
          return;
        }
        this.deps.log.warn({ err: errorText(error), attempt }, 'recording delivery results failed; retrying');
        await new Promise<void>((resolve) => this.deps.clock.setAlarm(epochMs(this.deps.clock.now() + RECORD_RETRY_MS * attempt), resolve));
      }
    }
  }

  /** Every result whose claim is still ours, with its timeline event (one append per incident), in one transaction. */
  async #record(results: readonly Result[], bundles: readonly OutboxRecord[]): Promise<void> {
    if (results.length === 0 && bundles.length === 0) return;
    const { store, owner, incidents, log } = this.deps;
    const now = this.deps.clock.now();
    await store.write(async (tx) => {
      if (bundles.length > 0) await tx.paging.enqueue(bundles);
      // One instant for the whole claim, so the messages that ended alike share one UPDATE.
      const written = await tx.paging.finishMessages(owner, results.map((r) => ({ id: r.message.id, finish: r.finish.status === 'pending' ? r.finish : { ...r.finish, at: now } })));
      if (written.size < results.length) log.warn({ messages: results.length - written.size }, 'message claims were taken over by another instance before their results were written');
      // Delivered whether or not the result was written: an acknowledgement may have cancelled the row while it was in flight.
      const delivered = results.flatMap((r) => (r.finish.status === 'delivered' && r.finish.providerId !== undefined ? [{ page: r.message, providerId: r.finish.providerId }] : []));
      await this.deps.paging.stopStaleDeliveredPages(tx, delivered, now);
      const events = new Map<string, IncidentEventData[]>();
      for (const r of results) {
        if (!written.has(r.message.id)) continue;
        if (r.disable !== undefined) await tx.paging.disableEndpoint(r.message.channel, r.message.address, now, r.disable);
        if (r.event === undefined || r.message.incidentId === undefined) continue;
        const list = events.get(r.message.incidentId) ?? [];
        list.push({
          kind: 'message-delivery', messageId: r.message.id, channel: r.message.channel, purpose: r.message.purpose, recipient: r.message.recipientName,
          status: r.event.status, attempt: r.message.attempts, detail: r.event.detail,
        });
        events.set(r.message.incidentId, list);
      }
      const known = await tx.findIncidents([...events.keys()]);
      for (const [incidentId, list] of events) {
        if (known.has(incidentId)) await incidents.recordIn(tx, incidentId, ENGINE_ACTOR, now, () => list);
      }
    });
  }

  #count(results: readonly Result[], deferred: number): DeliveryCounts {
    const counts = { ...NO_DELIVERIES, deferred };
    for (const r of results) {
      if (r.finish.status === 'delivered') counts.delivered++;
      else if (r.finish.status === 'failed') counts.failed++;
      else if (r.finish.status === 'pending') counts.retried++;
      else if (r.finish.status === 'cancelled') counts.cancelled++;
      else counts.bundled++;
      this.deps.onDelivery?.(r.message.channel, r.finish.status);
    }
    return counts;
  }
}

/** A bundle stands for pages of several generations and incidents: never cancelled as stale. */
function withoutGeneration(m: OutboxRecord): OutboxRecord {
  const copy: { -readonly [K in keyof OutboxRecord]?: OutboxRecord[K] } = { ...m };
  delete copy.generation;
  return copy as OutboxRecord;
}

function toOutbound(m: OutboxRecord) {
  return {
    id: m.id, idempotencyKey: m.idempotencyKey, channel: m.channel, address: m.address, purpose: m.purpose, subject: m.subject, text: m.text,
    recipientName: m.recipientName, attempt: m.attempts, createdAt: m.createdAt,
    ...(m.purpose === 'page' && m.incidentId !== undefined && m.personId !== undefined && m.generation !== undefined
      ? { page: { incidentId: m.incidentId, personId: m.personId, generation: m.generation } }
      : {}),
  };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
