import type { PagingConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import type { PagingService } from '../../app/paging/index.js';
import type { IncidentStore, PagingStore, StoreWriteTx, TimerRecord } from '../../app/ports/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { errorText, type EngineLog } from './engine-log.js';

export interface TimerFiringDeps {
  readonly store: IncidentStore & PagingStore;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly paging: Pick<PagingService, 'fireTimers'>;
  readonly config: PagingConfig;
  readonly owner: string;
  readonly log: EngineLog;
}

/** Timers per claim: fired together in one write transaction. */
export const TIMER_BATCH = 200;
export const ENGINE_ACTOR = { name: 'paging' };

/**
 * Fires due timers: claims up to TIMER_BATCH of them with a lease, and fires the claim in one
 * write transaction — one read of each table for all of them, their messages, escalations and
 * timers written as sets, one append per incident.
 */
export class TimerFiring {
  constructor(private readonly deps: TimerFiringDeps) {}

  /** Claims and fires what is due at `now`; returns how many timers were claimed. */
  async fireDue(now: EpochMs): Promise<number> {
    const { store, config, owner, log } = this.deps;
    const timers = await store.claimTimers(owner, now, config.engine.leaseMs, TIMER_BATCH);
    if (timers.length === 0) return 0;
    try {
      await store.write((tx) => this.#fire(tx, timers, now));
    } catch (error) {
      // One bad timer must not hold the others back: fire them one by one and report the culprit.
      log.warn({ err: errorText(error), timers: timers.length }, 'timer batch failed; firing one by one');
      for (const t of timers) {
        await store.write((tx) => this.#fire(tx, [t], now)).catch((e: unknown) => log.error({ err: errorText(e), timer: t.id }, 'timer failed; it is retried when its lease runs out'));
      }
    }
    return timers.length;
  }

  async #fire(tx: StoreWriteTx, timers: readonly TimerRecord[], now: EpochMs): Promise<void> {
    const events = await this.deps.paging.fireTimers(tx, timers, now);
    for (const [incidentId, list] of events) await this.deps.incidents.recordIn(tx, incidentId, ENGINE_ACTOR, now, () => list);
  }
}
