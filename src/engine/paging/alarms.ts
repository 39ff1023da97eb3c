import type { AlarmClock, Clock } from '../../app/ports/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The injected clock with alarms: its own when it has them (a manual clock in tests), else real
 * timers for as long as the clock says is left (unref'd: they never keep a process alive).
 */
export function withAlarms(clock: Clock | AlarmClock): AlarmClock {
  if ('setAlarm' in clock) return clock;
  return {
    now: () => clock.now(),
    setAlarm(at, ring) {
      const timer = setTimeout(() => void ring(), Math.min(MAX_TIMER_MS, Math.max(0, at - clock.now())));
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}

/**
 * A loop's sleep on the alarm clock: until an instant, or until woken early. A wake while the loop
 * is busy is kept, so its next sleep returns at once and no wake is lost. The alarm's ring answers
 * when the pass it started has ended (the loop sleeps again), so a manual clock that awaits its
 * alarms moves on only after the work it caused.
 */
export class Sleeper {
  #end: (() => Promise<void>) | undefined;
  #cancel: (() => void) | undefined;
  #until: EpochMs | undefined;
  #isWoken = false;
  #passEnded: (() => void) | undefined;
  #passDone: Promise<void> | undefined;

  constructor(private readonly clock: AlarmClock) {}

  /** True while the loop waits here. */
  get isAsleep(): boolean {
    return this.#end !== undefined;
  }

  /** Resolves at `until` on the clock, or when woken, whichever comes first. */
  sleepUntil(until: EpochMs): Promise<void> {
    this.#endPass();
    if (this.#isWoken) {
      this.#isWoken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const end = () => {
        this.#cancel?.();
        this.#end = this.#cancel = this.#until = undefined;
        this.#passDone = new Promise<void>((done) => (this.#passEnded = done));
        resolve();
        return this.#passDone;
      };
      this.#end = end;
      this.#until = until;
      this.#cancel = this.clock.setAlarm(until, end);
    });
  }

  /** Ends the sleep now, or the next one at once when the loop is busy. */
  wake(): void {
    if (this.#end !== undefined) void this.#end();
    else this.#isWoken = true;
  }

  /** Ends the sleep at `at` when that is sooner than it would end (at once when `at` has come). */
  wakeAt(at: EpochMs): void {
    if (at <= this.clock.now()) {
      this.wake();
      return;
    }
    // A busy loop reads the next due instant before it sleeps again: nothing to keep.
    if (this.#end === undefined || this.#until === undefined || at >= this.#until) return;
    this.#cancel?.();
    this.#until = at;
    this.#cancel = this.clock.setAlarm(at, this.#end);
  }

  /** The loop has stopped: whoever waits for its pass to end stops waiting. */
  close(): void {
    this.#endPass();
  }

  #endPass(): void {
    this.#passEnded?.();
    this.#passEnded = this.#passDone = undefined;
  }
}
