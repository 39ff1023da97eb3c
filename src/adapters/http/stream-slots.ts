import { AppError } from '../../domain/errors/index.js';

/**
 * Open event streams per token, capped: each stream holds a socket, a replay and a place in the
 * poller's fan-out, so one token (a leaked one, or a script in a loop) must not be able to open
 * them without end. In memory, per server.
 */
export class StreamSlots {
  readonly #open = new Map<string, number>();

  constructor(private readonly maxPerToken: number) {}

  /** Takes a slot for the token, or throws RATE_LIMITED; the function returned gives it back (once). */
  take(token: string): () => void {
    const open = this.#open.get(token) ?? 0;
    if (open >= this.maxPerToken) {
      throw new AppError('RATE_LIMITED', `This token already has ${this.maxPerToken} event streams open, the most one token may hold. Close one (each open web-app tab holds one) or use another token, then connect again.`);
    }
    this.#open.set(token, open + 1);
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const left = (this.#open.get(token) ?? 1) - 1;
      if (left <= 0) this.#open.delete(token);
      else this.#open.set(token, left);
    };
  }
}
