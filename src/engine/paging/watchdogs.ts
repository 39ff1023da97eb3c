import type { PagingConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import type { PagingService, ReminderSource } from '../../app/paging/index.js';
import type { Clock, IncidentStore, PagingStore } from '../../app/ports/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { errorText, type EngineLog } from './engine-log.js';
import { ENGINE_ACTOR } from './fire-timers.js';

/** The engine's loops the heartbeat vouches for. */
export type EngineLoop = 'timers' | 'outbox';
const LOOPS: readonly EngineLoop[] = ['timers', 'outbox'];

/** How often the overdue auditor counts and the reminder sources are asked. */
export const AUDIT_EVERY_MS = 10_000;
export const REMIND_EVERY_MS = 60_000;

export interface WatchdogsDeps {
  readonly store: IncidentStore & PagingStore;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly paging: Pick<PagingService, 'enqueueReminders'>;
  readonly clock: Clock;
  readonly config: PagingConfig;
  readonly log: EngineLog;
  /** Pings the outbound heartbeat URL; resolves when answered 2xx, rejects otherwise. */
  readonly ping?: (url: string) => Promise<void>;
  readonly onOverdue?: (count: number) => void;
  /** Asked every minute for reminders that fell due (overdue action items, compliance deadlines). */
  readonly reminderSources?: readonly ReminderSource[];
}

/**
 * The engine watching itself, on the injected clock: a pass slower than `slow_tick` is logged with
 * its counts; the overdue auditor counts timers due longer than `overdue_after` that nobody holds;
 * the outbound heartbeat is pinged at most once per interval, and only once every loop has ended a
 * healthy pass since the last ping — a loop that hangs or keeps failing silences it, and the dead
 * man's switch outside notices. Also asks the reminder sources every minute.
 */
export class EngineWatchdogs {
  #lastPingAt: number = Number.NEGATIVE_INFINITY;
  readonly #healthySincePing = new Set<EngineLoop>();

  constructor(private readonly deps: WatchdogsDeps) {}

  /** A pass of `loop` that started at `startedAt` ended; `report` is what it did, undefined when it failed. */
  passEnded(loop: EngineLoop, startedAt: EpochMs, report: object | undefined): void {
    const now = this.deps.clock.now();
    const tookMs = now - startedAt;
    if (report !== undefined && tookMs > this.deps.config.engine.slowTickMs) this.deps.log.warn({ loop, tookMs, ...report }, 'slow engine tick');
    if (report === undefined) this.#healthySincePing.delete(loop);
    else this.#healthySincePing.add(loop);
    this.#heartbeat(now);
  }

  #heartbeat(now: EpochMs): void {
    const { heartbeatUrl, heartbeatIntervalMs } = this.deps.config.engine;
    if (heartbeatUrl === undefined || this.deps.ping === undefined || now - this.#lastPingAt < heartbeatIntervalMs) return;
    if (!LOOPS.every((l) => this.#healthySincePing.has(l))) return;
    this.#lastPingAt = now;
    this.#healthySincePing.clear();
    this.deps.ping(heartbeatUrl).catch((e: unknown) => this.deps.log.warn({ err: errorText(e) }, 'engine heartbeat ping failed'));
  }

  /** Timers still unfired `overdue_after` after they fell due: logged and reported. */
  async auditOverdue(): Promise<number> {
    const { store, config, clock, log } = this.deps;
    const now = clock.now();
    const count = await store.countOverdueTimers(epochMs(now - config.engine.overdueAfterMs), now);
    this.deps.onOverdue?.(count);
    if (count > 0) log.error({ overdue: count }, `${count} timer(s) are overdue: due more than ${Math.round(config.engine.overdueAfterMs / 1000)} s ago and not fired`);
    return count;
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
}
