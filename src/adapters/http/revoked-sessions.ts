import type { SharedStateStore } from '../../app/ports/index.js';
import { epochMs } from '../../domain/time/index.js';

/** How often the revocations are read back from the store: a sign-out elsewhere holds here within this. */
export const REVOCATION_REFRESH_MS = 500;

/**
 * Signed-out sessions, kept in the store so that a sign-out holds on every instance and after a
 * restart. `isSessionRevoked` is answered from memory (the hot path of every signed-in request):
 * a sign-out through this instance at once, one through another within `refreshMs` (the set of
 * live revocations is read back whole; sign-outs are few and each row ends when its session would
 * have). start() resolves once the revocations are loaded, so a restarted server never lets a
 * signed-out cookie through.
 */
export class RevokedSessions {
  #ids = new Set<string>();
  /** False until the store was read once: until then every session counts as signed out (fail closed). */
  #isLoaded = false;
  readonly #local = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #isStopped = false;

  constructor(
    private readonly store: Pick<SharedStateStore, 'revokeSession' | 'listRevokedSessions'>,
    private readonly now: () => number,
    private readonly refreshMs: number = REVOCATION_REFRESH_MS,
  ) {}

  /** Revokes the session `id` until `until` (when it would have ended anyway); resolves once stored. */
  async revokeSession(id: string, until: number): Promise<void> {
    this.#local.set(id, until);
    await this.store.revokeSession(id, epochMs(until));
  }

  /** True when the session was signed out here, or on any instance up to `refreshMs` ago. */
  isSessionRevoked(id: string): boolean {
    return !this.#isLoaded || this.#ids.has(id) || this.#local.has(id);
  }

  async refresh(): Promise<void> {
    const now = this.now();
    this.#ids = new Set(await this.store.listRevokedSessions(epochMs(now)));
    this.#isLoaded = true;
    // Kept until the store has been read with them in it, and forgotten once their session ended.
    for (const [id, until] of this.#local) if (this.#ids.has(id) || until <= now) this.#local.delete(id);
  }

  async start(): Promise<void> {
    this.#isStopped = false;
    // A store that cannot be read yet (down, busy, damaged) does not stop the server from starting:
    // it answers 503 meanwhile, and sessions stay refused until the revocations have been read.
    await this.refresh().catch(() => undefined);
    const loop = () => {
      this.#timer = setTimeout(() => {
        void this.refresh().catch(() => undefined).finally(() => {
          if (!this.#isStopped) loop();
        });
      }, this.refreshMs);
      this.#timer.unref();
    };
    if (!this.#isStopped) loop();
  }

  stop(): void {
    this.#isStopped = true;
    clearTimeout(this.#timer);
  }
}
