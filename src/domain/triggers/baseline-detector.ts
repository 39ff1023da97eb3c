import { assertNever } from '../errors/index.js';
import type { DurationMs, EpochMs } from '../time/index.js';

/** Which side of the baseline counts as unusual. */
export const DEVIATION_DIRECTIONS = ['above', 'below', 'both'] as const;
export type DeviationDirection = (typeof DEVIATION_DIRECTIONS)[number];

/**
 * Flags a sample as unusual when it lies more than `thresholdSigma` standard deviations from the
 * mean of the samples seen in the preceding `windowMs`, once at least `minSamples` are there.
 */
export interface BaselineDetector {
  readonly metric: string;
  readonly windowMs: DurationMs;
  readonly thresholdSigma: number;
  readonly minSamples: number;
  readonly direction: DeviationDirection;
}

export interface BaselineSample {
  readonly at: EpochMs;
  readonly value: number;
}

/** The samples inside the window, oldest first. A plain value: store it, compare it, log it. */
export interface BaselineState {
  readonly samples: readonly BaselineSample[];
}

export const INITIAL_BASELINE_STATE: BaselineState = { samples: [] };

export interface BaselineReading {
  readonly state: BaselineState;
  /** undefined when there was no sample to judge. */
  readonly isUnusual: boolean | undefined;
  /** The baseline the sample was judged against (before the sample joined it). */
  readonly mean: number | undefined;
  readonly std: number | undefined;
  readonly count: number;
  /** Signed distance from the mean in standard deviations; ±Infinity when the baseline is flat. */
  readonly zScore: number | undefined;
}

/**
 * Judges `value` at `now` against the rolling baseline, then adds it to the baseline. Every sample
 * joins the baseline, unusual or not, so a lasting change of level becomes the new normal after
 * about one window (the way a person would stop calling it unusual). A missing value changes
 * nothing but the window's start.
 */
export function evaluateBaseline(detector: BaselineDetector, state: BaselineState, value: number | undefined, now: EpochMs): BaselineReading {
  const from = now - detector.windowMs;
  const window = state.samples.filter((s) => s.at > from && s.at < now);
  const count = window.length;
  const { mean, std } = meanAndStd(window.map((s) => s.value));
  if (value === undefined || !Number.isFinite(value)) {
    return { state: { samples: window }, isUnusual: undefined, mean, std, count, zScore: undefined };
  }
  const next: BaselineState = { samples: [...window, { at: now, value }] };
  if (count < detector.minSamples || mean === undefined || std === undefined) {
    return { state: next, isUnusual: false, mean, std, count, zScore: undefined };
  }
  const diff = value - mean;
  // A flat baseline (std 0) makes any change infinitely many sigmas away: that is unusual.
  const zScore = std === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / std;
  return { state: next, isUnusual: isBeyond(detector.direction, zScore, detector.thresholdSigma), mean, std, count, zScore };
}

function isBeyond(direction: DeviationDirection, zScore: number, sigma: number): boolean {
  switch (direction) {
    case 'above': return zScore > sigma;
    case 'below': return zScore < -sigma;
    case 'both': return Math.abs(zScore) > sigma;
    default: return assertNever(direction);
  }
}

/** Mean and sample standard deviation (n − 1); undefined below two values. */
function meanAndStd(values: readonly number[]): { mean: number | undefined; std: number | undefined } {
  if (values.length === 0) return { mean: undefined, std: undefined };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, std: undefined };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}
