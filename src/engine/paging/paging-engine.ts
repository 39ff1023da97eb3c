import type { PagingConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import type { PagingService, ReminderSource } from '../../app/paging/index.js';
import type { AlarmClock, Clock, IncidentStore, Notifier, PagingStore, WarRoomProvider } from '../../app/ports/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { Sleeper, withAlarms } from './alarms.js';
import { MESSAGE_BATCH, NO_DELIVERIES, OutboxDelivery, type DeliveryCounts } from './deliver-outbox.js';
import { errorText, NOOP_LOG, type EngineLog } from './engine-log.js';
import { TimerFiring } from './fire-timers.js';
import { AUDIT_EVERY_MS, EngineWatchdogs, REMIND_EVERY_MS } from './watchdogs.js';

export type { EngineLog } from './engine-log.js';

export interface PagingEngineDeps {
  readonly store: IncidentStore & PagingStore;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly paging: PagingService;
  readonly notifier: Notifier;
  readonly warRoom?: WarRoomProvider;
  /** Every wait of the engine is on this clock: give an AlarmClock (a manual one in tests) to drive its loops. */
  readonly clock: Clock | AlarmClock;
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
export interface TickReport extends DeliveryCounts {
  readonly at: EpochMs;
  readonly timersFired: number;
  readonly messagesClaimed: number;
}

/**
 * Lets network callbacks run before the next pass. A pass on SQLite is a chain of promises the
 * synchronous driver resolves at once: passes run back to back would starve the sends in flight.
 */
const turnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Messages claimed and not yet recorded, per instance: the next claim is made while earlier ones
 * are sent, up to this many. It bounds what a killed instance leaves to be sent again.
 */
const MAX_UNRECORDED = 2 * MESSAGE_BATCH;
/** Connections opened when the engine starts (PostgreSQL), so the first burst does not wait for them. */
const WARM_CONNECTIONS = 10;

/**
 * The engine: fires due timers and delivers the outbox. Any number of instances may run on one
 * database; work is claimed with leases (renewed while it is in flight), decisions happen in write
 * transactions, and a result is written only while the claim is still this instance's.
 *
 * `tick()` is one pass of each part, in order (tests drive it on a manual clock). `start()` runs
 * three loops on the injected clock until `stop()`: timers (fire-timers), the outbox
 * (deliver-outbox, a pipeline: claim → send → record, the next claim made while earlier ones are
 * sent) and the watchdogs. An idle loop sleeps until the earliest due instant the store knows, and
 * wakes early when this process commits new due work or timers fire; `paging.engine.poll_interval`
 * bounds the sleep, for work other processes write.
 */
export class PagingEngine {
  readonly #clock: AlarmClock;
  readonly #log: EngineLog;
  readonly #firing: TimerFiring;
  readonly #delivery: OutboxDelivery;
  readonly #watchdogs: EngineWatchdogs;
  readonly #sleepers: { readonly timers: Sleeper; readonly outbox: Sleeper; readonly watch: Sleeper };
  #isRunning = false;
  #loops: Promise<void>[] = [];
  #unsubscribe: (() => void) | undefined;
  /** Claims being sent or recorded, and how many messages they hold. */
  readonly #inFlight = new Set<Promise<void>>();
  #unrecorded = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: PagingEngineDeps) {
    this.#clock = withAlarms(deps.clock);
    this.#log = deps.log ?? NOOP_LOG;
    const common = { store: deps.store, incidents: deps.incidents, config: deps.config, owner: deps.owner, log: this.#log };
    this.#firing = new TimerFiring({ ...common, paging: deps.paging });
    this.#delivery = new OutboxDelivery({
      ...common, paging: deps.paging, notifier: deps.notifier, clock: this.#clock, random: deps.random, newId: deps.newId,
      ...(deps.warRoom !== undefined ? { warRoom: deps.warRoom } : {}), ...(deps.onDelivery !== undefined ? { onDelivery: deps.onDelivery } : {}),
    });
    this.#watchdogs = new EngineWatchdogs({
      store: deps.store, incidents: deps.incidents, paging: deps.paging, clock: this.#clock, config: deps.config, log: this.#log,
      ...(deps.ping !== undefined ? { ping: deps.ping } : {}), ...(deps.onOverdue !== undefined ? { onOverdue: deps.onOverdue } : {}),
      ...(deps.reminderSources !== undefined ? { reminderSources: deps.reminderSources } : {}),
    });
    this.#sleepers = { timers: new Sleeper(this.#clock), outbox: new Sleeper(this.#clock), watch: new Sleeper(this.#clock) };
  }

  /** One pass: fires what is due, then claims, sends and records one batch of messages. */
  async tick(): Promise<TickReport> {
    const now = this.#clock.now();
    let timersFired: number;
    try {
      timersFired = await this.#firing.fireDue(now);
    } catch (error) {
      this.#watchdogs.passEnded('timers', now, undefined);
      throw error;
    }
    this.#watchdogs.passEnded('timers', now, { timersFired });
    const deliveredFrom = this.#clock.now();
    let claimed;
    let counts: DeliveryCounts = NO_DELIVERIES;
    try {
      claimed = await this.#delivery.claim(deliveredFrom, MESSAGE_BATCH);
      if (claimed.length > 0) counts = await this.#delivery.deliver(claimed, deliveredFrom);
    } catch (error) {
      this.#watchdogs.passEnded('outbox', deliveredFrom, undefined);
      throw error;
    }
    this.#watchdogs.passEnded('outbox', deliveredFrom, { messagesClaimed: claimed.length, ...counts });
    return { at: now, timersFired, messagesClaimed: claimed.length, ...counts };
  }

  /** Queues the reminders the sources report due; each goes out once (its key), however often asked. */
  remind(): Promise<number> {
    return this.#watchdogs.remind();
  }

  /** Timers still unfired `overdue_after` after they fell due: logged and reported. */
  auditOverdue(): Promise<number> {
    return this.#watchdogs.auditOverdue();
  }

  start(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    // Work this process commits (a declaration's pages, a timer moved closer) wakes the loops at its due time.
    this.#unsubscribe = this.deps.store.onDueWork((at) => {
      this.#sleepers.timers.wakeAt(at);
      this.#sleepers.outbox.wakeAt(at);
    });
    this.deps.store.warmUp(WARM_CONNECTIONS).catch((e: unknown) => this.#log.warn({ err: errorText(e) }, 'could not open the database connections ahead of work'));
    this.#loops = [this.#runTimers(), this.#runOutbox(), this.#runWatchdogs()];
  }

  /** Wakes the idle loops (work was queued that this process's store did not write). */
  poke(): void {
    this.#sleepers.timers.wake();
    this.#sleepers.outbox.wake();
  }

  /** Stops the loops and waits for the claims in flight to be sent and recorded. */
  async stop(): Promise<void> {
    if (!this.#isRunning) return;
    this.#isRunning = false;
    this.#unsubscribe?.();
    for (const sleeper of Object.values(this.#sleepers)) sleeper.wake();
    await Promise.all(this.#loops);
    await Promise.all([...this.#inFlight]);
    for (const sleeper of Object.values(this.#sleepers)) sleeper.close();
    this.#notifyIfIdle();
  }

  /** Resolves once every loop sleeps and no claim is in flight (a started engine has done what it can at this time). */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #isIdle(): boolean {
    return this.#inFlight.size === 0 && (!this.#isRunning || Object.values(this.#sleepers).every((s) => s.isAsleep));
  }

  #notifyIfIdle(): void {
    // Checked after the current turn: a loop that just ended a pass goes to sleep in the same turn.
    setImmediate(() => {
      if (!this.#isIdle()) return;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    });
  }

  /** Sleeps until `until` (at most the poll interval from now) and says when it is idle. */
  #sleep(sleeper: Sleeper, until: number | undefined): Promise<void> {
    const now = this.#clock.now();
    const bound = now + this.deps.config.engine.pollMs;
    const sleep = sleeper.sleepUntil(epochMs(until === undefined ? bound : Math.min(Math.max(until, now), bound)));
    this.#notifyIfIdle();
    return sleep;
  }

  async #runTimers(): Promise<void> {
    while (this.#isRunning) {
      const startedAt = this.#clock.now();
      let fired = 0;
      let next: number | undefined;
      try {
        // Read first: a pass with nothing due takes no write lock.
        next = (await this.deps.store.nextDueAt(startedAt)).timers;
        if (next !== undefined && next <= startedAt) {
          fired = await this.#firing.fireDue(startedAt);
          // Their messages are due now.
          if (fired > 0) this.#sleepers.outbox.wake();
          // Due already but nothing taken: another instance is firing it; look again after the poll interval.
          next = fired > 0 ? startedAt : undefined;
        }
        this.#watchdogs.passEnded('timers', startedAt, { timersFired: fired });
      } catch (error) {
        this.#log.error({ err: errorText(error) }, 'firing timers failed');
        this.#watchdogs.passEnded('timers', startedAt, undefined);
      }
      if (!this.#isRunning) break;
      if (fired > 0) {
        await turnOfTheEventLoop();
        continue;
      }
      await this.#sleep(this.#sleepers.timers, next);
    }
  }

  async #runOutbox(): Promise<void> {
    while (this.#isRunning) {
      const room = MAX_UNRECORDED - this.#unrecorded;
      if (room <= 0) {
        // Woken when a claim in flight is recorded.
        await this.#sleep(this.#sleepers.outbox, undefined);
        continue;
      }
      const startedAt = this.#clock.now();
      let claimed = 0;
      let next: number | undefined;
      try {
        // Read first: a pass with nothing due takes no write lock.
        next = (await this.deps.store.nextDueAt(startedAt)).messages;
        if (next !== undefined && next <= startedAt) {
          const messages = await this.#delivery.claim(startedAt, Math.min(room, MESSAGE_BATCH));
          claimed = messages.length;
          if (claimed > 0) this.#track(claimed, this.#deliverClaim(messages, startedAt));
          // Due already but nothing claimed: another instance is claiming it; look again after the poll interval.
          else next = undefined;
        }
        this.#watchdogs.passEnded('outbox', startedAt, { messagesClaimed: claimed });
      } catch (error) {
        this.#log.error({ err: errorText(error) }, 'claiming messages failed');
        this.#watchdogs.passEnded('outbox', startedAt, undefined);
      }
      if (!this.#isRunning) break;
      // More may be due: claim again while this claim is sent.
      if (claimed > 0) {
        await turnOfTheEventLoop();
        continue;
      }
      await this.#sleep(this.#sleepers.outbox, next);
    }
  }

  async #deliverClaim(messages: Parameters<OutboxDelivery['deliver']>[0], claimedAt: EpochMs): Promise<void> {
    try {
      const counts = await this.#delivery.deliver(messages, claimedAt);
      const tookMs = this.#clock.now() - claimedAt;
      if (tookMs > this.deps.config.engine.slowTickMs) this.#log.warn({ loop: 'outbox', tookMs, messagesClaimed: messages.length, ...counts }, 'slow engine tick');
    } catch (error) {
      this.#log.error({ err: errorText(error), messages: messages.length }, 'delivering a claim failed; its messages are retried when their leases run out');
    }
  }

  #track(messages: number, work: Promise<void>): void {
    this.#unrecorded += messages;
    const tracked = work.finally(() => {
      this.#unrecorded -= messages;
      this.#inFlight.delete(tracked);
      this.#sleepers.outbox.wake();
      this.#notifyIfIdle();
    });
    this.#inFlight.add(tracked);
  }

  async #runWatchdogs(): Promise<void> {
    let auditAt = this.#clock.now();
    let remindAt = this.#clock.now();
    while (this.#isRunning) {
      const now = this.#clock.now();
      if (now >= auditAt) {
        auditAt = epochMs(now + AUDIT_EVERY_MS);
        await this.#watchdogs.auditOverdue().catch((e: unknown) => this.#log.error({ err: errorText(e) }, 'the overdue auditor failed'));
      }
      if (now >= remindAt) {
        remindAt = epochMs(now + REMIND_EVERY_MS);
        await this.#watchdogs.remind().catch((e: unknown) => this.#log.error({ err: errorText(e) }, 'queuing reminders failed'));
      }
      if (!this.#isRunning) break;
      const sleep = this.#sleepers.watch.sleepUntil(epochMs(Math.min(auditAt, remindAt)));
      this.#notifyIfIdle();
      await sleep;
    }
  }
}
