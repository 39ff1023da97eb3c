// Detection use cases: replaying trigger rules over a recorded series (`rules test`), planning one
// live evaluation of the rules, and the samples pushed to POST /api/v1/metrics.
export { replayRules } from './replay-rules.js';
export type { ReplayResult, ReplayEvent, RuleEpisode, RuleReplaySummary, SignalReplaySummary, DataProblemCount } from './replay-rules.js';
export type { MetricSeries, SeriesRow } from './metric-series.js';
export { planDetectionTick, INITIAL_DETECTION_STATE } from './plan-detection-tick.js';
export type { DetectionState, DetectionTickPlan, PlannedTransition } from './plan-detection-tick.js';
export { PushedMetrics } from './pushed-metrics.js';
export type { PushedSample, PushOutcome } from './pushed-metrics.js';
export type { DetectionEndpoints, SystemHealthReading } from './detection-endpoints.js';
