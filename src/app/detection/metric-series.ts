import type { Samples } from '../../domain/triggers/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** One row of a recorded series: the instant and each metric's value (absent = no data). */
export interface SeriesRow {
  readonly at: EpochMs;
  readonly samples: Samples;
  /** Where the row came from (a CSV line), for messages. */
  readonly line?: number;
}

/** Recorded metrics, e.g. from a CSV file; rows in any order, at most one per instant. */
export interface MetricSeries {
  readonly metrics: readonly string[];
  readonly rows: readonly SeriesRow[];
}
