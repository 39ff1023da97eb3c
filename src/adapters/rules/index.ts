// Trigger rules from files: the rules YAML and recorded CSV series with file:line:column errors,
// and `rules test` (replay a series, render when each rule would have fired).
export { rulesTestCommand } from './rules-test-command.js';
export { parseTriggerRulesYaml, loadTriggerRulesFile } from './load-trigger-rules.js';
export { parseSeriesCsv, loadSeriesCsvFile } from './load-series-csv.js';
export { renderReplay } from './render-replay.js';
export { replayReport } from './replay-report.js';
export type { ReplayReport } from './replay-report.js';
