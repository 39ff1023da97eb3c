// The monthly incident report as pure computation: month boundaries in a zone, per-incident facts
// (time to detect, acknowledge, resolve; SLA), means and medians, trends against the previous month.
export { computeReportMonth, previousReportMonth, reportMonthOf } from './report-month.js';
export type { ReportMonth } from './report-month.js';
export { summarizeDurations } from './summarize-durations.js';
export type { DurationSummary } from './summarize-durations.js';
export { computeIncidentFacts } from './incident-facts.js';
export type { IncidentFacts, ReportedIncident } from './incident-facts.js';
export { advanceReportFacts, factsFromReportRow, reportedIncident } from './report-facts.js';
export type { ReportFactsRow } from './report-facts.js';
export { computeTrend, TREND_METRICS } from './compute-trend.js';
export type { Trend, TrendDirection, TrendMetric } from './compute-trend.js';
export { computeMonthlyReport, computeMonthMetrics } from './compute-monthly-report.js';
export type { MonthlyReport, MonthlyReportInput, MonthMetrics, BreakdownRow, ReportIncidentRow } from './compute-monthly-report.js';
