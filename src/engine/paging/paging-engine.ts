import type { PagingConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import { messageIncident, type PagingService, type ReminderSource } from '../../app/paging/index.js';
import type {
  Clock, DeliveryOutcome, IncidentStore, Notifier, OutboxFinish, OutboxRecord, PagingStore, StoreWriteTx, TimerRecord, WarRoomProvider,
} from '../../app/ports/index.js';
import { isRestrictedIncidentType } from '../../domain/access/index.js';
import { planContactCap, planRetry } from '../../domain/delivery/index.js';
import type { IncidentEventData, MessageDeliveryStatus } from '../../domain/incident/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';

export interface EngineLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PagingEngineDeps {
  readonly store: IncidentStore & PagingStore;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly paging: PagingService;
  readonly notifier: Notifier;
  readonly warRoom?: WarRoomProvider;
  readonly clock: Clock;
  readonly config: PagingConfig;
  /** This instance's name on leases: unique per process. */
  readonly owner: string;
  /** In [0, 1): jitter for retries. */
  readonly random: () => number;
  readonly newId: () => string;
  readonly log?: EngineLog;
  /** Pings the outbound heartbeat URL; resolves when answered 2xx, rejects otherwise. */
  readonly ping?: (url: string) => Promise<void>;
  readonly onDelivery?: (channel: string, status: string) => void;
  readonly onOverdue?: (count: number) => void;
  /** Asked every minute for reminders that fell due (overdue action items, compliance deadlines). */
  readonly reminderSources?: readonly ReminderSource[];
}

/** What one tick did. */
export interface TickReport {
  readonly at: EpochMs;
  readonly timersFired: number;
  readonly messagesClaimed: number;
  readonly delivered: number;
  readonly failed: number;
  readonly retried: number;
  readonly cancelled: number;
  readonly deferred: number;
  readonly bundled: number;
}

const TIMER_BATCH = 200;
const MESSAGE_BATCH = 200;
const SEND_CONCURRENCY = 32;
const ENGINE_ACTOR = { name: 'paging' };
const STRUCTURED_CHANNELS: ReadonlySet<string> = new Set(['webhook', 'pagerduty', 'slack', 'teams']);

type Result = { readonly message: OutboxRecord; readonly finish: OutboxFinish; readonly event?: { status: MessageDeliveryStatus; detail: string }; readonly disable?: string };

const NOOP_LOG: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The engine: fires due timers and delivers the outbox. Any number of instances may run on one
 * database; work is claimed with leases, decisions happen in write transactions, and a result is
 * written only while the claim is still this instance's. `tick()` is one pass (tests drive it on a
 * manual clock); `start()` runs passes until `stop()`.
 */
export class PagingEngine {
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #lastPingAt = 0;
  #lastAuditAt = 0;
  #lastRemindAt = 0;
  readonly #log: EngineLog;

  constructor(private readonly deps: PagingEngineDeps) {
    this.#log = deps.log ?? NOOP_LOG;
  }

  async tick(): Promise<TickReport> {
    const now = this.deps.clock.now();
    const fired = await this.#fireTimers(now);
    const report = await this.#deliver(now);
    return { at: now, timersFired: fired, ...report };
  }

  async #fireTimers(now: EpochMs): Promise<number> {
    const { store, config, owner } = this.deps;
    const timers = await store.claimTimers(owner, now, config.engine.leaseMs, TIMER_BATCH);
    if (timers.length === 0) return 0;
    try {
      await store.write(async (tx) => {
        for (const t of timers) await this.#fire(tx, t, now);
      });
    } catch (error) {
      // One bad timer must not hold the others back: fire them one by one and report the culprit.
      this.#log.warn({ err: String(error), timers: timers.length }, 'timer batch failed; firing one by one');
      for (const t of timers) {
        await store.write((tx) => this.#fire(tx, t, now)).catch((e: unknown) => this.#log.error({ err: String(e), timer: t.id }, 'timer failed; it is retried when its lease runs out'));
      }
    }
    return timers.length;
  }

  async #fire(tx: StoreWriteTx, timer: TimerRecord, now: EpochMs): Promise<void> {
    const events = await this.deps.paging.fireTimer(tx, timer, now);
    if (events.length > 0) await this.deps.incidents.recordIn(tx, timer.incidentId, ENGINE_ACTOR, now, () => events);
  }

  async #deliver(now: EpochMs): Promise<Omit<TickReport, 'at' | 'timersFired'>> {
    const { store, config, owner } = this.deps;
    const claimed = await store.claimMessages(owner, now, config.engine.leaseMs, MESSAGE_BATCH);
    const counts = { messagesClaimed: claimed.length, delivered: 0, failed: 0, retried: 0, cancelled: 0, deferred: 0, bundled: 0 };
    if (claimed.length === 0) return counts;

    const results: Result[] = [];
    const generations = await store.escalationGenerations(claimed.filter((m) => m.generation !== undefined).map((m) => m.incidentId!));
    const live: OutboxRecord[] = [];
    const disabled = new Map<string, Promise<boolean>>();
    const isDisabled = (m: OutboxRecord) => {
      const key = `${m.channel}\u0000${m.address}`;
      let known = disabled.get(key);
      if (known === undefined) disabled.set(key, (known = store.isEndpointDisabled(m.channel, m.address)));
      return known;
    };
    for (const m of claimed) {
      const current = m.incidentId === undefined ? undefined : generations.get(m.incidentId);
      if (m.generation !== undefined && current !== undefined && m.generation < current) {
        results.push({ message: m, finish: { status: 'cancelled', at: now, detail: 'paging stopped before it was sent' }, event: { status: 'cancelled', detail: 'paging stopped (acknowledged or resolved) before it was sent' } });
      } else if (m.purpose !== 'war-room' && await isDisabled(m)) {
        results.push({ message: m, finish: { status: 'failed', at: now, detail: 'endpoint disabled' }, event: { status: 'failed', detail: 'the endpoint answered 410 Gone earlier and is disabled' } });
      } else {
        live.push(m);
      }
    }

    const { send, deferred, bundles } = await this.#applyCaps(live, now);
    counts.deferred = deferred.length;
    if (deferred.length > 0) {
      for (const [until, ids] of groupBy(deferred, (d) => d.until)) await store.deferMessages(ids.map((d) => d.id), owner, epochMs(until));
    }
    for (const b of bundles) {
      for (const m of b.bundled) results.push({ message: m, finish: { status: 'bundled', at: now, detail: `bundled into ${b.bundle.id}` }, event: { status: 'bundled', detail: `bundled: ${b.bundle.subject}` } });
    }

    const sent = await mapLimit(send, SEND_CONCURRENCY, (m) => this.#attempt(m, now));
    results.push(...sent);

    await this.#record(results, bundles.map((b) => b.bundle), now);
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

  /** Per-contact caps on SMS and voice: send, bundle the excess into one message, or wait for room. */
  async #applyCaps(messages: readonly OutboxRecord[], now: EpochMs): Promise<{
    send: OutboxRecord[]; deferred: { id: string; until: EpochMs }[]; bundles: { bundle: OutboxRecord; bundled: OutboxRecord[] }[];
  }> {
    const send: OutboxRecord[] = [];
    const deferred: { id: string; until: EpochMs }[] = [];
    const bundles: { bundle: OutboxRecord; bundled: OutboxRecord[] }[] = [];
    for (const [, group] of groupBy(messages, (m) => `${m.channel}\u0000${m.address}`)) {
      const first = group[0]!;
      const cap = this.deps.config.capsPerHour[first.channel];
      if (cap === undefined || first.purpose === 'war-room') {
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
          idempotencyKey: `bundle:${bundled[0]!.id}`,
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

  async #attempt(m: OutboxRecord, now: EpochMs): Promise<Result> {
    const outcome = await this.#send(m).catch((e: unknown): DeliveryOutcome => ({ kind: 'retry', reason: `unexpected error: ${String(e)}` }));
    switch (outcome.kind) {
      case 'delivered':
        return { message: m, finish: { status: 'delivered', at: now, detail: outcome.detail, ...(outcome.providerId !== undefined ? { providerId: outcome.providerId } : {}) }, event: { status: 'delivered', detail: outcome.detail } };
      case 'failed':
        return { message: m, finish: { status: 'failed', at: now, detail: outcome.reason }, event: { status: 'failed', detail: outcome.reason } };
      case 'endpoint-gone':
        return { message: m, finish: { status: 'failed', at: now, detail: outcome.reason }, event: { status: 'endpoint-disabled', detail: outcome.reason }, disable: outcome.reason };
      case 'retry': {
        const retry = planRetry({ attempt: m.attempts, queuedAt: m.createdAt, now, random: this.deps.random(), policy: this.deps.config.retry, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) });
        if (retry.kind === 'give-up') return { message: m, finish: { status: 'failed', at: now, detail: `${outcome.reason}; ${retry.reason}` }, event: { status: 'failed', detail: `${outcome.reason}; ${retry.reason}` } };
        return { message: m, finish: { status: 'pending', nextAttemptAt: retry.at, detail: outcome.reason } };
      }
    }
  }

  async #send(m: OutboxRecord): Promise<DeliveryOutcome> {
    const timeoutMs = this.deps.config.attemptTimeoutMs;
    const { warRoom, store } = this.deps;
    if (m.purpose !== 'war-room') {
      const address = this.deps.paging.deliveryAddress(m.channel, m.address);
      if (address === undefined) return { kind: 'failed', reason: `the ${m.channel} contact of ${m.recipientName} is no longer in the configuration` };
      // Channels that carry structured data get the incident's facts as they are now.
      const incident = m.incidentId !== undefined && STRUCTURED_CHANNELS.has(m.channel) ? await store.findIncident(m.incidentId) : undefined;
      return this.deps.notifier.deliver({ ...toOutbound(m), address, ...(incident !== undefined ? { incident: messageIncident(incident, this.deps.config.appUrl) } : {}) }, timeoutMs);
    }
    if (warRoom === undefined) return { kind: 'failed', reason: 'no Slack channel configured for war rooms (channels.slack in the config)' };
    const incident = m.incidentId === undefined ? undefined : await store.findIncident(m.incidentId);
    if (incident === undefined) return { kind: 'failed', reason: 'the incident no longer exists' };
    const existing = await store.findWarRoom(incident.id);
    try {
      if (existing !== undefined) {
        await warRoom.postToWarRoom(existing, m.text);
        return { kind: 'delivered', detail: `posted to #${existing.channelName}` };
      }
      if (m.idempotencyKey !== `war-room:${incident.id}`) return { kind: 'retry', reason: 'the war room is not open yet' };
      const room = await warRoom.startWarRoom({
        incident: messageIncident(incident, this.deps.config.appUrl), summaryText: m.text, inviteUserIds: m.address.split(',').filter((id) => id !== ''),
        isPrivate: isRestrictedIncidentType(incident.incidentType),
      });
      return { kind: 'delivered', detail: `opened #${room.channelName}`, providerId: `${room.channelId} ${room.channelName}` };
    } catch (error) {
      return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Writes every result whose claim is still ours, with its timeline event, in one transaction. */
  async #record(results: readonly Result[], bundles: readonly OutboxRecord[], now: EpochMs): Promise<void> {
    if (results.length === 0 && bundles.length === 0) return;
    await this.deps.store.write(async (tx) => {
      if (bundles.length > 0) await tx.paging.enqueue(bundles);
      const events = new Map<string, IncidentEventData[]>();
      for (const r of results) {
        const ours = await tx.paging.finishMessage(r.message.id, this.deps.owner, r.finish);
        if (!ours) {
          this.#log.warn({ message: r.message.id }, 'a message claim was taken over by another instance before its result was written');
          continue;
        }
        if (r.disable !== undefined) await tx.paging.disableEndpoint(r.message.channel, r.message.address, now, r.disable);
        if (r.event === undefined || r.message.incidentId === undefined) continue;
        const list = events.get(r.message.incidentId) ?? [];
        list.push({
          kind: 'message-delivery', messageId: r.message.id, channel: r.message.channel, purpose: r.message.purpose, recipient: r.message.recipientName,
          status: r.event.status, attempt: r.message.attempts, detail: r.event.detail,
        });
        events.set(r.message.incidentId, list);
      }
      for (const [incidentId, list] of events) await this.deps.incidents.recordIn(tx, incidentId, ENGINE_ACTOR, now, () => list);
    });
  }

  /** Queues the reminders the sources report due; each goes out once (its key), however often asked. */
  async remind(): Promise<number> {
    const sources = this.deps.reminderSources ?? [];
    if (sources.length === 0) return 0;
    const now = this.deps.clock.now();
    const due = (await Promise.all(sources.map((source) => source(now)))).flat();
    if (due.length === 0) return 0;
    return this.deps.store.write(async (tx) => {
      const events = await this.deps.paging.enqueueReminders(tx, due, now);
      for (const [incidentId, list] of events) await this.deps.incidents.recordIn(tx, incidentId, ENGINE_ACTOR, now, () => list);
      return [...events.values()].reduce((n, l) => n + l.length, 0);
    });
  }

  /** Timers still unfired `overdueAfter` after they fell due: logged and reported. */
  async auditOverdue(): Promise<number> {
    const now = this.deps.clock.now();
    const count = await this.deps.store.countOverdueTimers(epochMs(now - this.deps.config.engine.overdueAfterMs), now);
    this.deps.onOverdue?.(count);
    if (count > 0) this.#log.error({ overdue: count }, `${count} timer(s) are overdue: due more than ${Math.round(this.deps.config.engine.overdueAfterMs / 1000)} s ago and not fired`);
    return count;
  }

  /** Runs ticks until stop(): at once again while there is work, else after the poll interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Wakes an idle loop (a declaration just queued pages). */
  poke(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { engine } = this.deps.config;
    while (this.#running) {
      const started = performance.now();
      let busy = false;
      try {
        const report = await this.tick();
        busy = report.timersFired > 0 || report.messagesClaimed > 0;
        const took = performance.now() - started;
        if (took > engine.slowTickMs) this.#log.warn({ tookMs: Math.round(took), ...report }, 'slow engine tick');
        const now = this.deps.clock.now();
        if (now - this.#lastAuditAt >= 10_000) {
          this.#lastAuditAt = now;
          await this.auditOverdue();
        }
        if (now - this.#lastRemindAt >= 60_000) {
          this.#lastRemindAt = now;
          await this.remind();
        }
        this.#heartbeat(now);
      } catch (error) {
        this.#log.error({ err: error instanceof Error ? error.message : String(error) }, 'engine tick failed');
      }
      if (!busy && this.#running) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, engine.pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  #heartbeat(now: number): void {
    const { heartbeatUrl, heartbeatIntervalMs } = this.deps.config.engine;
    if (heartbeatUrl === undefined || this.deps.ping === undefined || now - this.#lastPingAt < heartbeatIntervalMs) return;
    this.#lastPingAt = now;
    this.deps.ping(heartbeatUrl).catch((e: unknown) => this.#log.warn({ err: e instanceof Error ? e.message : String(e) }, 'engine heartbeat ping failed'));
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

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
