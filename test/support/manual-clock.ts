// A clock tests move by hand. Background loops sleep on its alarms (AlarmClock), so a test drives
// them by advancing it — "fast-forward 30 seconds" — and never waits in real time.
import type { AlarmClock } from '../../src/app/ports/index.js';
import { epochMs, type EpochMs } from '../../src/domain/time/index.js';

interface Alarm {
  readonly at: EpochMs;
  readonly order: number;
  readonly ring: () => unknown;
}

/** Lets promise chains started by a rung alarm run (a few turns of the event loop, no time passes). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

export class ManualClock implements AlarmClock {
  #now: EpochMs;
  #alarms: Alarm[] = [];
  #order = 0;

  constructor(start: EpochMs) {
    this.#now = start;
  }

  now(): EpochMs {
    return this.#now;
  }

  /** An alarm already due rings on the next turn of the event loop; a later one when the clock is moved past it. */
  setAlarm(at: EpochMs, ring: () => unknown): () => void {
    const alarm: Alarm = { at, order: ++this.#order, ring };
    this.#alarms.push(alarm);
    if (at <= this.#now) setImmediate(() => void this.#ring(alarm));
    return () => {
      this.#alarms = this.#alarms.filter((a) => a !== alarm);
    };
  }

  /** Alarms set and not yet rung or cancelled. */
  get pendingAlarms(): number {
    return this.#alarms.length;
  }

  /**
   * Moves the clock `ms` forward, stopping at each alarm on the way: the clock reads the alarm's
   * instant while it rings, and the work it returns (a promise) is awaited before moving on.
   */
  async advance(ms: number): Promise<void> {
    const to = epochMs(this.#now + ms);
    for (;;) {
      const next = this.#alarms.filter((a) => a.at <= to).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (next === undefined) break;
      if (next.at > this.#now) this.#now = next.at;
      await this.#ring(next);
    }
    this.#now = to;
    await settle();
  }

  async #ring(alarm: Alarm): Promise<void> {
    if (!this.#alarms.includes(alarm)) return;
    this.#alarms = this.#alarms.filter((a) => a !== alarm);
    await alarm.ring();
    await settle();
  }
}
