import type { EpochMs } from '../../domain/time/index.js';

/** What one source could read at one evaluation. */
export interface MetricRead {
  /** Metric name → value in the metric's base unit (percent, milliseconds, per second, or 0/1). */
  readonly samples: Readonly<Record<string, number | boolean>>;
  /** Metrics the source should provide but could not, and why; they count as missing data. */
  readonly problems: readonly { readonly metric: string; readonly message: string }[];
}

/**
 * Where trigger rules get their numbers: a Prometheus server, pushed samples, health checks.
 * read: the value of each metric the source provides as of `now`; never throws for an unreachable
 * backend (that is a problem in the result), and finishes within the source's own timeout.
 */
export interface MetricSource {
  readonly name: string;
  /** The metric names this source provides (fixed when it is built). */
  readonly metrics: readonly string[];
  read(now: EpochMs): Promise<MetricRead>;
}
