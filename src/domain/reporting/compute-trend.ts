/** Which report metrics are compared with the previous month, and how each is worded. */
export const TREND_METRICS = ['detection', 'response', 'resolution', 'sla'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export type TrendDirection = 'improved' | 'worse' | 'unchanged' | 'no-data';

export interface Trend {
  readonly metric: TrendMetric;
  readonly current: number | null;
  readonly previous: number | null;
  /** Relative change in percent, rounded (durations); percentage points for `sla`. Null without both values. */
  readonly change: number | null;
  readonly direction: TrendDirection;
  /** "Response time improved by 15% vs. October". */
  readonly text: string;
}

const SUBJECT: Record<TrendMetric, string> = {
  detection: 'Detection time',
  response: 'Response time',
  resolution: 'Resolution time',
  sla: 'Share resolved within SLA',
};

/**
 * Compares this month's value with the previous month's. Durations improve when they shrink
 * (change in percent of the previous value); the SLA share improves when it grows (change in
 * percentage points, since a percent of a percent reads badly).
 */
export function computeTrend(metric: TrendMetric, current: number | null, previous: number | null, previousName: string): Trend {
  const subject = SUBJECT[metric];
  if (current === null || previous === null) {
    const missing = current === null ? 'this month' : previousName;
    return { metric, current, previous, change: null, direction: 'no-data', text: `${subject}: no data for ${missing} to compare` };
  }
  if (metric === 'sla') {
    const points = Math.round((current - previous) * 100);
    const direction: TrendDirection = points > 0 ? 'improved' : points < 0 ? 'worse' : 'unchanged';
    const text = direction === 'unchanged'
      ? `${subject} unchanged vs. ${previousName}`
      : `${subject} ${direction === 'improved' ? 'improved' : 'worsened'} by ${Math.abs(points)} point${Math.abs(points) === 1 ? '' : 's'} vs. ${previousName}`;
    return { metric, current, previous, change: points, direction, text };
  }
  if (previous === 0) {
    const direction: TrendDirection = current === 0 ? 'unchanged' : 'worse';
    return { metric, current, previous, change: null, direction, text: direction === 'unchanged' ? `${subject} unchanged vs. ${previousName}` : `${subject} worsened vs. ${previousName} (was zero)` };
  }
  const percent = Math.round(((current - previous) / previous) * 100);
  const direction: TrendDirection = percent < 0 ? 'improved' : percent > 0 ? 'worse' : 'unchanged';
  const text = direction === 'unchanged'
    ? `${subject} unchanged vs. ${previousName}`
    : `${subject} ${direction === 'improved' ? 'improved' : 'worsened'} by ${Math.abs(percent)}% vs. ${previousName}`;
  return { metric, current, previous, change: percent, direction, text };
}
