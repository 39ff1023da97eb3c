// Detection use cases: replaying trigger rules over a recorded metric series to see when each
// would have gone pending, fired and resolved (`incident-response rules test`).
export { replayRules } from './replay-rules.js';
export type { ReplayResult, ReplayEvent, RuleEpisode, RuleReplaySummary, SignalReplaySummary, DataProblemCount } from './replay-rules.js';
export type { MetricSeries, SeriesRow } from './metric-series.js';
