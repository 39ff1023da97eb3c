import type { AlarmClock, PagingStore } from '../../app/ports/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { errorText, type EngineLog } from './engine-log.js';

export interface LeaseKeeperDeps {
  readonly store: Pick<PagingStore, 'renewMessageLeases'>;
  readonly clock: AlarmClock;
  readonly owner: string;
  readonly leaseMs: number;
  readonly log: EngineLog;
}

/** A claim of outbox messages in flight, as the lease keeper holds it. */
export interface HeldClaim {
  /** Whether the message may be sent now: its lease is ours and will be for a while yet. */
  maySend(id: string): boolean;
  /** Whether a renewal found the message taken over by another instance. */
  isLost(id: string): boolean;
  /** Stops renewing these (they were given back). */
  forget(ids: readonly string[]): void;
  /**
   * The claim's results are being written: its leases are still renewed (the write may wait for the
   * writer lock), and a renewal that finds them finished says nothing of another instance.
   */
  recording(): void;
  /** Stops renewing the claim: its results are written (or given up). */
  release(): void;
}

/**
 * Keeps the claims of outbox messages this instance works on its own. A claim's lease lets another
 * instance take the messages over once it runs out (their instance died); a slow but alive
 * instance — sending to a slow endpoint, waiting for the writer lock, starved of CPU — must not let
 * that happen, or the messages are sent twice. So while any claim is held, every lease held is
 * renewed every third of the lease, with one statement for all of them; and a message is sent only
 * while its lease is surely still ours: not after a renewal found it taken over, and not when
 * renewals are late by more than a third of the lease (the process is too starved to be sure).
 * Timers need none of this: firing re-checks the timer inside the write transaction, so firing one
 * twice decides nothing twice.
 */
export class LeaseKeeper {
  readonly #claims = new Set<Claim>();
  #cancel: (() => void) | undefined;

  constructor(private readonly deps: LeaseKeeperDeps) {}

  hold(ids: readonly string[], claimedAt: EpochMs): HeldClaim {
    const claim = new Claim(this, ids, epochMs(claimedAt + this.deps.leaseMs), this.deps);
    this.#claims.add(claim);
    if (this.#cancel === undefined) this.#schedule(claimedAt);
    return claim;
  }

  /** @internal A claim was released. */
  drop(claim: Claim): void {
    this.#claims.delete(claim);
    if (this.#claims.size > 0) return;
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #schedule(from: EpochMs): void {
    this.#cancel = this.deps.clock.setAlarm(epochMs(from + this.deps.leaseMs / 3), () => this.#renew());
  }

  async #renew(): Promise<void> {
    this.#cancel = undefined;
    if (this.#claims.size === 0) return;
    const claims = [...this.#claims];
    const now = this.deps.clock.now();
    const until = epochMs(now + this.deps.leaseMs);
    const ids = claims.flatMap((c) => c.renewable());
    try {
      const held = ids.length === 0 ? new Set<string>() : await this.deps.store.renewMessageLeases(ids, this.deps.owner, until);
      let lost = 0;
      for (const claim of claims) lost += claim.renewed(held, until);
      if (lost > 0) this.deps.log.warn({ lost }, 'another instance took over messages of a claim still in flight; they are not sent from here');
    } catch (error) {
      this.deps.log.warn({ err: errorText(error) }, 'could not renew the leases of claims in flight; retrying');
    }
    if (this.#claims.size > 0 && this.#cancel === undefined) this.#schedule(this.deps.clock.now());
  }
}

class Claim implements HeldClaim {
  readonly #ids: Set<string>;
  readonly #lost = new Set<string>();
  #isReleased = false;
  #isRecording = false;

  constructor(
    private readonly keeper: LeaseKeeper,
    ids: readonly string[],
    private leaseUntil: EpochMs,
    private readonly deps: Pick<LeaseKeeperDeps, 'clock' | 'leaseMs'>,
  ) {
    this.#ids = new Set(ids);
  }

  maySend(id: string): boolean {
    return !this.#isReleased && this.#ids.has(id) && !this.#lost.has(id) && this.leaseUntil - this.deps.clock.now() >= this.deps.leaseMs / 3;
  }

  isLost(id: string): boolean {
    return this.#lost.has(id);
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.#ids.delete(id);
  }

  recording(): void {
    this.#isRecording = true;
  }

  release(): void {
    this.#isReleased = true;
    this.keeper.drop(this);
  }

  /** The ids to renew: held, not known lost. */
  renewable(): string[] {
    return [...this.#ids].filter((id) => !this.#lost.has(id));
  }

  /**
   * A renewal to `until` answered: ids missing from `held` were taken over, unless the claim's own
   * results were written meanwhile. Returns how many were taken over.
   */
  renewed(held: ReadonlySet<string>, until: EpochMs): number {
    if (this.#isReleased || this.#isRecording) return 0;
    let lost = 0;
    for (const id of this.renewable()) {
      if (held.has(id)) continue;
      this.#lost.add(id);
      lost++;
    }
    this.leaseUntil = until;
    return lost;
  }
}
