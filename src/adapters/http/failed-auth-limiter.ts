import type { AuthFailureWindow, SharedStateStore } from '../../app/ports/index.js';
import { epochMs } from '../../domain/time/index.js';

/** Where the counts are shared between server instances (the store), and the wall clock they are kept in. */
export interface SharedAuthFailures {
  readonly store: Pick<SharedStateStore, 'recordAuthFailure' | 'listAuthFailuresOver' | 'pruneSharedState'>;
  readonly now: () => number;
  /** How often locked-out addresses are read back from the store. Default 500 ms. */
  readonly refreshMs?: number;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Counts failed authentications per client address in fixed windows. Only presented-but-wrong
 * credentials count: a missing header guesses nothing. It slows guessing; it is not an account
 * lockout.
 *
 * With `shared`, the windows live in the store: every failure is counted there (one upsert, so
 * instances racing still count each one), and the addresses over the limit are read back every
 * `refreshMs`. The check on each request stays in memory — an address is refused by the instance
 * that counted its last failure at once, and by every other instance within `refreshMs` — so the
 * limit holds across instances and restarts without a query per request. Without `shared`, the
 * count is per process.
 */
export class FailedAuthLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #lastPruneAt = 0;
  #isStopped = false;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly shared?: SharedAuthFailures,
    now: () => number = () => performance.now(),
  ) {
    this.#now = shared?.now ?? now;
  }

  /** Milliseconds until this address may try again, or undefined when it may now. */
  retryAfterMs(address: string): number | undefined {
    const w = this.#windows.get(address);
    if (w === undefined) return undefined;
    const left = w.resetAt - this.#now();
    if (left <= 0) {
      this.#windows.delete(address);
      return undefined;
    }
    return w.count >= this.max ? left : undefined;
  }

  /** Counts one failure; with `shared`, resolves once the store has counted it. Never rejects. */
  async recordFailure(address: string): Promise<void> {
    const now = this.#now();
    if (this.shared !== undefined) {
      try {
        this.#merge(address, await this.shared.store.recordAuthFailure(address, epochMs(now), this.windowMs));
        return;
      } catch {
        // The store is unreachable: count here, so this instance still slows the guessing down.
      }
    }
    const w = this.#windows.get(address);
    if (w === undefined || w.resetAt <= now) {
      if (this.#windows.size >= 10_000) this.#prune(now);
      this.#windows.set(address, { count: 1, resetAt: now + this.windowMs });
    } else {
      w.count += 1;
    }
  }

  /** Reads the addresses over the limit from the store (and now and then deletes ended windows). */
  async refresh(): Promise<void> {
    if (this.shared === undefined) return;
    const now = this.#now();
    this.#prune(now);
    for (const [address, w] of await this.shared.store.listAuthFailuresOver(this.max, epochMs(now))) this.#merge(address, w);
    if (now - this.#lastPruneAt >= PRUNE_EVERY_MS) {
      this.#lastPruneAt = now;
      await this.shared.store.pruneSharedState(epochMs(now));
    }
  }

  /** Loads the locked-out addresses, then keeps reading them every `refreshMs` until stop(). */
  async start(): Promise<void> {
    if (this.shared === undefined) return;
    this.#isStopped = false;
    await this.refresh().catch(() => undefined);
    const every = this.shared.refreshMs ?? 500;
    const loop = () => {
      this.#timer = setTimeout(() => {
        void this.refresh().catch(() => undefined).finally(() => {
          if (!this.#isStopped) loop();
        });
      }, every);
      this.#timer.unref();
    };
    if (!this.#isStopped) loop();
  }

  stop(): void {
    this.#isStopped = true;
    clearTimeout(this.#timer);
  }

  #merge(address: string, w: AuthFailureWindow): void {
    const known = this.#windows.get(address);
    if (known === undefined || known.resetAt !== w.expiresAt || known.count < w.count) this.#windows.set(address, { count: w.count, resetAt: w.expiresAt });
  }

  #prune(now: number): void {
    for (const [address, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(address);
  }
}
