import type { EpochMs } from '../../domain/time/index.js';

/** The only source of "now". Read it once per operation and pass the instant down. */
export interface Clock {
  now(): EpochMs;
}

/**
 * A clock that also rings: background loops sleep on it instead of on real timers, so tests drive
 * them by moving a manual clock. `setAlarm` calls `ring` once the clock reads `at` or later (soon,
 * when it already does) and returns a function that cancels the alarm.
 */
export interface AlarmClock extends Clock {
  setAlarm(at: EpochMs, ring: () => unknown): () => void;
}
