// Alerts from monitoring tools: the one AlertSignal every ingest source produces, label matchers and the
// routing table, and the pure decisions (dedup, grouping, flapping, silences, auto-resolve) with reasons.
export { ALERT_ACTIONS } from './alert-signal.js';
export type { AlertAction, AlertLink, AlertNote, AlertSignal, ChangeEvent } from './alert-signal.js';
export { labelFingerprint } from './label-fingerprint.js';
export { MATCH_OPERATORS, parseLabelMatcher, matchesLabel, matchesAll, matchesEverything, formatMatcher } from './label-matcher.js';
export type { LabelMatcher, MatchOperator } from './label-matcher.js';
export { severityFromWord } from './severity-word.js';
export { ordinal } from './ordinal.js';
export { routeSignal } from './route-signal.js';
export type { RoutableSignal, RoutedSignal, RoutingRule, RoutingTable } from './route-signal.js';
export { ALERT_STATUSES, alertIdentity, decideDedup } from './decide-dedup.js';
export type { AlertRecord, AlertStatus, DedupDecision } from './decide-dedup.js';
export { computeGroupLabels, decideGrouping } from './decide-grouping.js';
export type { GroupableAlert, GroupingDecision, GroupingPolicy, IncidentGroup } from './decide-grouping.js';
export { STABLE, decideFlap } from './decide-flap.js';
export type { FlapDecision, FlapPolicy, FlapState } from './decide-flap.js';
export { decideSilence } from './decide-silence.js';
export type { MaintenanceWindow, Silence, SilenceDecision, SilenceableAlert } from './decide-silence.js';
export { decideAutoResolve } from './decide-auto-resolve.js';
export type { AutoResolveDecision, AutoResolvePolicy } from './decide-auto-resolve.js';
