/**
 * Counts failed authentications per client address in fixed windows. Only presented-but-wrong
 * credentials count: a missing header guesses nothing. In memory, per server: it slows guessing,
 * it is not an account lockout.
 */
export class FailedAuthLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds until this address may try again, or undefined when it may now. */
  retryAfterMs(address: string): number | undefined {
    const w = this.#windows.get(address);
    if (w === undefined) return undefined;
    const left = w.resetAt - this.now();
    if (left <= 0) {
      this.#windows.delete(address);
      return undefined;
    }
    return w.count >= this.max ? left : undefined;
  }

  recordFailure(address: string): void {
    const now = this.now();
    const w = this.#windows.get(address);
    if (w === undefined || w.resetAt <= now) {
      if (this.#windows.size >= 10_000) this.#prune(now);
      this.#windows.set(address, { count: 1, resetAt: now + this.windowMs });
    } else {
      w.count += 1;
    }
  }

  #prune(now: number): void {
    for (const [address, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(address);
  }
}
