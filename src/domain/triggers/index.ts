// Detection rules: the trigger language (conditions with units, action calls), rule files as data,
// Prometheus-style `for:` evaluation over time, and baseline detectors for boolean signals. Pure.
export { parseCondition } from './parse-condition.js';
export type { ConditionParse } from './parse-condition.js';
export { COMPARISON_OPERATORS, conditionInput } from './condition.js';
export type { Condition, ComparisonOperator } from './condition.js';
export { QUANTITY_KINDS, formatSample } from './quantity.js';
export type { Quantity, QuantityKind } from './quantity.js';
export type { TextError } from './text-error.js';
export { parseAction } from './parse-action.js';
export type { ActionParse } from './parse-action.js';
export { TRIGGER_ACTION_NAMES, ACTION_PARAMS, formatAction } from './trigger-action.js';
export type { TriggerAction, TriggerActionName, ActionParam } from './trigger-action.js';
export { MATCH_MODES } from './trigger-rule.js';
export type { MatchMode, TriggerRule, TriggerRuleSet, SignalDefinition } from './trigger-rule.js';
export { parseTriggerRules, formatPath, SIGNAL_DEFAULTS, BUILT_IN_SIGNALS } from './parse-trigger-rules.js';
export type { RuleIssue, RulePath, RuleSetParse } from './parse-trigger-rules.js';
export { CONDITION_OUTCOMES, evaluateCondition } from './evaluate-condition.js';
export type { ConditionOutcome, Samples } from './evaluate-condition.js';
export { INITIAL_RULE_STATE, TRANSITION_KINDS, evaluateRule } from './evaluate-rule.js';
export type { RuleState, RuleTransition, RuleEvaluation, DataProblem, TransitionKind } from './evaluate-rule.js';
export { DEVIATION_DIRECTIONS, INITIAL_BASELINE_STATE, evaluateBaseline } from './baseline-detector.js';
export type { BaselineDetector, BaselineState, BaselineReading, BaselineSample, DeviationDirection } from './baseline-detector.js';
