import type { PagingConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import type { PagingService } from '../../app/paging/index.js';
import type { IncidentStore, PagingStore, StoreWriteTx } from '../../app/ports/index.js';
import type { IncidentEventData } from '../../domain/incident/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { errorText, type EngineLog } from './engine-log.js';

export interface TimerFiringDeps {
  readonly store: IncidentStore & PagingStore;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly paging: Pick<PagingService, 'fireTakenTimers' | 'fireClaimedTimers'>;
  readonly config: PagingConfig;
  readonly owner: string;
  readonly log: EngineLog;
}

/** Timers per claim: fired together in one write transaction. */
export const TIMER_BATCH = 200;
export const ENGINE_ACTOR = { name: 'paging' };

/**
 * Fires due timers, up to TIMER_BATCH at a time, each batch in one write transaction that takes
 * the due timers itself (no lease to write and commit first) — one read of each table for all of
 * them, their messages, escalations and timers written as sets, one append per incident. When a
 * batch fails, its timers are claimed with a lease and fired one by one, so one bad timer does not
 * hold the others back.
 */
export class TimerFiring {
  constructor(private readonly deps: TimerFiringDeps) {}

  /** Fires what is due at `now`; returns how many timers were taken. */
  async fireDue(now: EpochMs): Promise<number> {
    const { store, log } = this.deps;
    try {
      return await store.write(async (tx) => {
        const timers = await tx.paging.takeDueTimers(now, TIMER_BATCH);
        if (timers.length > 0) await this.#record(tx, await this.deps.paging.fireTakenTimers(tx, timers, now), now);
        return timers.length;
      });
    } catch (error) {
      log.warn({ err: errorText(error) }, 'timer batch failed; firing one by one');
      return this.#fireOneByOne(now);
    }
  }

  async #fireOneByOne(now: EpochMs): Promise<number> {
    const { store, config, owner, log } = this.deps;
    const timers = await store.claimTimers(owner, now, config.engine.leaseMs, TIMER_BATCH);
    for (const t of timers) {
      await store.write(async (tx) => this.#record(tx, await this.deps.paging.fireClaimedTimers(tx, [t], now), now)).catch((e: unknown) => log.error({ err: errorText(e), timer: t.id }, 'timer failed; it is retried when its lease runs out'));
    }
    return timers.length;
  }

  async #record(tx: StoreWriteTx, events: ReadonlyMap<string, IncidentEventData[]>, now: EpochMs): Promise<void> {
    for (const [incidentId, list] of events) await this.deps.incidents.recordIn(tx, incidentId, ENGINE_ACTOR, now, () => list);
  }
}
