import { replayRules } from '../../app/detection/index.js';
import { loadSeriesCsvFile } from './load-series-csv.js';
import { loadTriggerRulesFile } from './load-trigger-rules.js';
import { renderReplay } from './render-replay.js';
import { replayReport, type ReplayReport } from './replay-report.js';

/**
 * `incident-response rules test RULES.yaml --series data.csv`: loads both files, replays the rules
 * over the series and returns what to print (`text`) or to emit with --json (`json`). Throws
 * AppError CONFIG_INVALID for a bad rules file and VALIDATION for a bad or unreadable series,
 * each listing `file:line:column: problem`.
 */
export function rulesTestCommand(rulesPath: string, seriesPath: string): { text: string; json: ReplayReport } {
  const ruleSet = loadTriggerRulesFile(rulesPath);
  const series = loadSeriesCsvFile(seriesPath);
  const result = replayRules(ruleSet, series);
  const files = { rulesFile: rulesPath, seriesFile: seriesPath };
  return { text: renderReplay(result, ruleSet, files), json: replayReport(result, ruleSet, files) };
}
