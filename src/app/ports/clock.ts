import type { EpochMs } from '../../domain/time/index.js';

/** The only source of "now". Read it once per operation and pass the instant down. */
export interface Clock {
  now(): EpochMs;
}
