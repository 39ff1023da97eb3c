import type { AlarmClock, PagingStore } from '../../app/ports/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import type { EngineLog } from './engine-log.js';

export interface HeldClaimDeps {
  readonly store: Pick<PagingStore, 'renewMessageLeases'>;
  readonly clock: AlarmClock;
  readonly owner: string;
  readonly leaseMs: number;
  readonly log: EngineLog;
}

/**
 * Keeps a claim of outbox messages this instance's while it works on it. A claim's lease lets
 * another instance take the messages over once it runs out (their instance died); a slow but alive
 * instance — sending to a slow endpoint, waiting for the writer lock, starved of CPU — must not let
 * that happen, or the messages are sent twice. So the leases are renewed every third of the lease
 * while the claim is held, and a message is sent only while its lease is surely still ours: not
 * after a renewal found it taken over, and not when renewals are late by more than a third of the
 * lease (the process is too starved to be sure). Timers need none of this: firing re-checks the
 * timer inside the write transaction, so firing one twice decides nothing twice.
 */
export class HeldClaim {
  readonly #ids: Set<string>;
  readonly #lost = new Set<string>();
  #leaseUntil: EpochMs;
  #cancel: (() => void) | undefined;
  #isReleased = false;

  constructor(private readonly deps: HeldClaimDeps, ids: readonly string[], claimedAt: EpochMs) {
    this.#ids = new Set(ids);
    this.#leaseUntil = epochMs(claimedAt + deps.leaseMs);
    this.#schedule(claimedAt);
  }

  /** Whether the message may be sent now: its lease is ours and will be for a while yet. */
  maySend(id: string): boolean {
    return !this.#isReleased && this.#ids.has(id) && !this.#lost.has(id) && this.#leaseUntil - this.deps.clock.now() >= this.deps.leaseMs / 3;
  }

  /** Whether a renewal found the message taken over by another instance. */
  isLost(id: string): boolean {
    return this.#lost.has(id);
  }

  /** Stops renewing these (they were given back). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.#ids.delete(id);
  }

  /** Stops renewing: the claim's results are written (or given up). */
  release(): void {
    this.#isReleased = true;
    this.#cancel?.();
  }

  #schedule(from: EpochMs): void {
    if (this.#isReleased) return;
    this.#cancel = this.deps.clock.setAlarm(epochMs(from + this.deps.leaseMs / 3), () => this.#renew());
  }

  async #renew(): Promise<void> {
    if (this.#isReleased) return;
    const now = this.deps.clock.now();
    const ids = [...this.#ids].filter((id) => !this.#lost.has(id));
    try {
      const held = await this.deps.store.renewMessageLeases(ids, this.deps.owner, epochMs(now + this.deps.leaseMs));
      for (const id of ids) if (!held.has(id)) this.#lost.add(id);
      this.#leaseUntil = epochMs(now + this.deps.leaseMs);
      const lost = ids.length - held.size;
      if (lost > 0) this.deps.log.warn({ lost }, 'another instance took over messages of a claim still in flight; they are not sent from here');
    } catch (error) {
      this.deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not renew the leases of a claim in flight; retrying');
    }
    this.#schedule(this.deps.clock.now());
  }
}
