import type { IntegrationRelay, RelayPass } from '../../app/integrations/index.js';
import type { Clock } from '../../app/ports/index.js';

export interface IntegrationLoopLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs the integration relay every interval until stop(): a slow pass delays the next one rather
 * than overlapping it, and a failing pass (the store unreachable) is logged and tried again.
 */
export class IntegrationLoop {
  #cancel: (() => void) | undefined;
  #running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly relay: Pick<IntegrationRelay, 'runOnce'>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly log: IntegrationLoopLog,
  ) {}

  async tick(): Promise<RelayPass> {
    const pass = await this.relay.runOnce(this.clock.now());
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
