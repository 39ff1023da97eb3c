import type { IntegrationRelay, RelayPass } from '../../app/integrations/index.js';
import type { Clock, SharedStateStore } from '../../app/ports/index.js';

export interface IntegrationLoopLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The lease the instances on one database compete for: only its holder relays. */
export const RELAY_LEASE = 'integration-relay';

/**
 * Runs the integration relay every interval until stop(): a slow pass delays the next one rather
 * than overlapping it, and a failing pass (the store unreachable) is logged and tried again. With
 * `leadership`, only the instance holding the relay lease passes, so several servers on one
 * database do not race each other to the same outside system; another takes over within three
 * intervals of the holder stopping, and replays the log's recent events (repeats change nothing).
 */
export class IntegrationLoop {
  #cancel: (() => void) | undefined;
  #running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly relay: Pick<IntegrationRelay, 'runOnce'>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly log: IntegrationLoopLog,
    private readonly leadership?: { readonly store: Pick<SharedStateStore, 'acquireLease'>; readonly holder: string },
  ) {}

  /** One pass, or undefined when another instance holds the relay lease. */
  async tick(): Promise<RelayPass | undefined> {
    const now = this.clock.now();
    if (this.leadership !== undefined && await this.leadership.store.acquireLease(RELAY_LEASE, this.leadership.holder, now, 3 * this.intervalMs) === undefined) return undefined;
    const pass = await this.relay.runOnce(now);
    if (pass.done + pass.failed + pass.retrying > 0) this.log.info({ ...pass }, 'integrations relayed');
    return pass;
  }

  start(): void {
    const loop = () => {
      this.#running = this.tick().catch((error: unknown) => this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'integration relay pass failed')).then(() => {
        if (this.#cancel !== undefined) schedule();
      });
    };
    const schedule = () => {
      const timer = setTimeout(loop, this.intervalMs);
      timer.unref();
      this.#cancel = () => clearTimeout(timer);
    };
    this.#cancel = () => undefined;
    loop();
  }

  async stop(): Promise<void> {
    const cancel = this.#cancel;
    this.#cancel = undefined;
    cancel?.();
    await this.#running;
  }
}
