import type { DurationMs } from '../time/index.js';

/** Mean and median of a set of durations, with how many there were (null when there were none). */
export interface DurationSummary {
  readonly count: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
}

export function summarizeDurations(values: readonly DurationMs[]): DurationSummary {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null };
  // A typed array sorts numerically without a comparator call per pair: a month of 40 000 incidents sorts in milliseconds.
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { count: sorted.length, meanMs: mean, medianMs: median };
}
