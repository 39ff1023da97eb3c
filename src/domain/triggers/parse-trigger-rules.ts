import { unknownValueMessage } from '../errors/index.js';
import { durationMs, parseDuration, type DurationMs } from '../time/index.js';
import { DEVIATION_DIRECTIONS, type BaselineDetector, type DeviationDirection } from './baseline-detector.js';
import type { Condition } from './condition.js';
import { parseAction } from './parse-action.js';
import { parseCondition } from './parse-condition.js';
import type { TriggerAction } from './trigger-action.js';
import { MATCH_MODES, type MatchMode, type SignalDefinition, type TriggerRule, type TriggerRuleSet } from './trigger-rule.js';

export type RulePath = readonly (string | number)[];

/**
 * A problem in a rules document. `path` leads to the value (or, with `isKey`, to the key itself);
 * `column` is 1-based inside that value's text when the problem is inside a condition or action.
 */
export interface RuleIssue {
  readonly path: RulePath;
  readonly message: string;
  readonly column?: number;
  readonly isKey?: boolean;
}

export type RuleSetParse = { readonly ok: true; readonly ruleSet: TriggerRuleSet } | { readonly ok: false; readonly issues: readonly RuleIssue[] };

const TOP_KEYS = ['triggers', 'incident_triggers', 'signals'] as const;
/** The two names of the rules mapping: ours, and the product description's (`incident_triggers = {…}`). */
const RULES_KEYS = ['triggers', 'incident_triggers'] as const;
type RulesKey = (typeof RULES_KEYS)[number];
const RULE_KEYS = ['description', 'conditions', 'match', 'duration', 'actions'] as const;
const SIGNAL_KEYS = ['description', 'metric', 'window', 'threshold', 'min_samples', 'direction'] as const;
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_:-]*$/;
const DURATION_EXAMPLE = 'a duration such as "5 minutes", "90s" or "1h"';

export const SIGNAL_DEFAULTS = { window: '1 hour', threshold: 3, minSamples: 10, direction: 'both' } as const;

/**
 * Signals that work without a `signals:` entry: a rule that reads `unusual_traffic_patterns` and
 * does not define it gets a baseline detector over the request rate with the defaults above. An
 * entry under `signals:` replaces it; a series column or pushed metric of that name feeds it instead.
 */
export const BUILT_IN_SIGNALS: Readonly<Record<string, Omit<BaselineDetector, 'windowMs'> & { readonly window: string }>> = {
  unusual_traffic_patterns: { metric: 'requests_per_second', window: SIGNAL_DEFAULTS.window, thresholdSigma: SIGNAL_DEFAULTS.threshold, minSamples: SIGNAL_DEFAULTS.minSamples, direction: SIGNAL_DEFAULTS.direction },
};

/** What a name is used as: a signal, or a metric compared as one kind of quantity. */
type Usage = { readonly as: string; readonly path: RulePath };

/**
 * Builds the rule set from a rules document already read from YAML (plain data):
 *
 *   triggers: { <name>: { conditions: [..], match: any|all, duration: "5 minutes", actions: [..] } }
 *   signals:  { <name>: { metric, window, threshold, min_samples, direction } }   # optional
 *
 * `incident_triggers:` (the product description's name) is read exactly like `triggers:`.
 *
 * Collects every problem rather than stopping at the first.
 */
export function parseTriggerRules(data: unknown): RuleSetParse {
  const issues: RuleIssue[] = [];
  const doc = data ?? {};
  if (!isRecord(doc)) return { ok: false, issues: [{ path: [], message: "expected a mapping with a 'triggers' key" }] };
  checkKeys(doc, TOP_KEYS, [], issues);

  const signals: SignalDefinition[] = [];
  const signalsData = doc['signals'];
  if (signalsData !== undefined && signalsData !== null) {
    if (!isRecord(signalsData)) issues.push({ path: ['signals'], message: 'expected a mapping of signal names to detectors' });
    else for (const [name, body] of Object.entries(signalsData)) {
      const s = parseSignal(name, body, issues);
      if (s) signals.push(s);
    }
  }

  const triggers: TriggerRule[] = [];
  const given = RULES_KEYS.filter((k) => doc[k] !== undefined);
  if (given.length > 1) issues.push({ path: ['incident_triggers'], isKey: true, message: "give the rules under 'triggers' or under 'incident_triggers', not both" });
  const key: RulesKey = given[0] ?? 'triggers';
  const triggersData = doc[key];
  if (triggersData === undefined || triggersData === null) {
    issues.push({ path: triggersData === null ? [key] : [], message: `expected at least one trigger under '${key}'` });
  } else if (!isRecord(triggersData)) {
    issues.push({ path: [key], message: 'expected a mapping of trigger names to rules' });
  } else {
    if (Object.keys(triggersData).length === 0) issues.push({ path: [key], message: `expected at least one trigger under '${key}'` });
    for (const [name, body] of Object.entries(triggersData)) {
      const rule = parseRule(key, name, body, issues);
      if (rule) triggers.push(rule);
    }
  }

  addBuiltInSignals(triggers, signals);
  checkConsistentUse(key, triggers, signals, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ruleSet: { triggers, signals } };
}

/** A built-in signal a rule reads but the file does not define joins the set, marked as built in. */
function addBuiltInSignals(triggers: readonly TriggerRule[], signals: SignalDefinition[]): void {
  const read = new Set(triggers.flatMap((r) => r.conditions.flatMap((c) => (c.kind === 'signal' ? [c.signal] : []))));
  for (const [name, d] of Object.entries(BUILT_IN_SIGNALS)) {
    if (!read.has(name) || signals.some((s) => s.name === name)) continue;
    const windowMs = parseDuration(d.window);
    if (typeof windowMs === 'string') continue;
    signals.push({ name, isBuiltIn: true, detector: { metric: d.metric, windowMs, thresholdSigma: d.thresholdSigma, minSamples: d.minSamples, direction: d.direction } });
  }
}

function parseRule(key: RulesKey, name: string, body: unknown, issues: RuleIssue[]): TriggerRule | undefined {
  const at: RulePath = [key, name];
  const before = issues.length;
  if (!NAME_PATTERN.test(name)) issues.push({ path: at, isKey: true, message: `trigger names are letters, digits, '_', '-' or ':', starting with a letter (e.g. critical_outage)` });
  if (!isRecord(body)) {
    issues.push({ path: at, message: 'expected a mapping with conditions, duration and actions' });
    return undefined;
  }
  checkKeys(body, RULE_KEYS, at, issues);

  const conditions: Condition[] = [];
  const conditionsData = body['conditions'];
  if (!Array.isArray(conditionsData) || conditionsData.length === 0) {
    issues.push({ path: conditionsData === undefined ? at : [...at, 'conditions'], message: conditionsData === undefined ? "missing 'conditions': list at least one, e.g. [\"error_rate > 50%\"]" : 'expected a list of at least one condition' });
  } else {
    conditionsData.forEach((c, i) => {
      const path = [...at, 'conditions', i];
      if (typeof c !== 'string') return void issues.push({ path, message: `expected a condition such as "error_rate > 50%", got ${describe(c)}` });
      const parsed = parseCondition(c);
      if (parsed.ok) conditions.push(parsed.condition);
      else issues.push({ path, message: parsed.error.message, column: parsed.error.column });
    });
  }

  let match: MatchMode = 'any';
  const matchData = body['match'];
  if (matchData !== undefined && matchData !== null) {
    if (typeof matchData === 'string' && (MATCH_MODES as readonly string[]).includes(matchData)) match = matchData as MatchMode;
    else issues.push({ path: [...at, 'match'], message: unknownValueMessage('match', String(matchData), MATCH_MODES) });
  }

  const forMs = readDuration(body['duration'], [...at, 'duration'], issues, true) ?? durationMs(0);

  const actions: TriggerAction[] = [];
  const actionsData = body['actions'];
  if (actionsData !== undefined && actionsData !== null) {
    if (!Array.isArray(actionsData)) issues.push({ path: [...at, 'actions'], message: "expected a list of actions such as [\"page_oncall_engineer()\"]" });
    else actionsData.forEach((a, i) => {
      const path = [...at, 'actions', i];
      if (typeof a !== 'string') return void issues.push({ path, message: `expected an action such as "page_oncall_engineer()", got ${describe(a)}` });
      const parsed = parseAction(a);
      if (parsed.ok) actions.push(parsed.action);
      else issues.push({ path, message: parsed.error.message, column: parsed.error.column });
    });
  }

  const description = body['description'];
  if (description !== undefined && description !== null && typeof description !== 'string') issues.push({ path: [...at, 'description'], message: `expected text, got ${describe(description)}` });
  if (issues.length > before) return undefined;
  return { name, conditions, match, forMs, actions, ...(typeof description === 'string' ? { description } : {}) };
}

function parseSignal(name: string, body: unknown, issues: RuleIssue[]): SignalDefinition | undefined {
  const at: RulePath = ['signals', name];
  const before = issues.length;
  if (!NAME_PATTERN.test(name)) issues.push({ path: at, isKey: true, message: `signal names are letters, digits, '_', '-' or ':', starting with a letter (e.g. unusual_traffic_patterns)` });
  if (!isRecord(body)) {
    issues.push({ path: at, message: 'expected a mapping with at least a metric, e.g. { metric: requests_per_second }' });
    return undefined;
  }
  checkKeys(body, SIGNAL_KEYS, at, issues);
  const metric = body['metric'];
  if (typeof metric !== 'string' || !NAME_PATTERN.test(metric)) {
    issues.push({ path: metric === undefined ? at : [...at, 'metric'], message: metric === undefined ? "missing 'metric': the numeric metric whose baseline this signal watches" : `expected a metric name, got ${describe(metric)}` });
  }
  const windowMs = readDuration(body['window'] ?? SIGNAL_DEFAULTS.window, [...at, 'window'], issues, false);
  const threshold = readNumber(body['threshold'], SIGNAL_DEFAULTS.threshold, [...at, 'threshold'], issues, (n) => n > 0, 'a positive number of standard deviations, e.g. 3');
  const minSamples = readNumber(body['min_samples'], SIGNAL_DEFAULTS.minSamples, [...at, 'min_samples'], issues, (n) => Number.isInteger(n) && n >= 2, 'a whole number of samples, at least 2');
  let direction: DeviationDirection = SIGNAL_DEFAULTS.direction;
  const d = body['direction'];
  if (d !== undefined && d !== null) {
    if (typeof d === 'string' && (DEVIATION_DIRECTIONS as readonly string[]).includes(d)) direction = d as DeviationDirection;
    else issues.push({ path: [...at, 'direction'], message: unknownValueMessage('direction', String(d), DEVIATION_DIRECTIONS) });
  }
  const description = body['description'];
  if (description !== undefined && description !== null && typeof description !== 'string') issues.push({ path: [...at, 'description'], message: `expected text, got ${describe(description)}` });
  if (issues.length > before || typeof metric !== 'string' || windowMs === undefined) return undefined;
  const detector: BaselineDetector = { metric, windowMs, thresholdSigma: threshold, minSamples, direction };
  return { name, detector, ...(typeof description === 'string' ? { description } : {}) };
}

/**
 * A name must mean one thing in the whole file: a signal, or a metric compared as one kind of
 * quantity. `response_time > 30s` in one rule and `response_time > 30` in another would compare
 * the same samples as milliseconds and as plain numbers, which is surely a mistake.
 */
function checkConsistentUse(key: RulesKey, triggers: readonly TriggerRule[], signals: readonly SignalDefinition[], issues: RuleIssue[]): void {
  const seen = new Map<string, Usage>();
  signals.filter((s) => s.isBuiltIn !== true).forEach((s) => seen.set(s.name, { as: 'a signal (true or false)', path: ['signals', s.name] }));
  for (const rule of triggers) {
    rule.conditions.forEach((c, i) => {
      const path: RulePath = [key, rule.name, 'conditions', i];
      const name = c.kind === 'compare' ? c.metric : c.signal;
      const as = c.kind === 'compare' ? KIND_WORDS[c.threshold.kind] : 'a signal (true or false)';
      const first = seen.get(name);
      if (first === undefined) return void seen.set(name, { as, path });
      if (first.as !== as) issues.push({ path, message: `'${name}' is used here as ${as} but as ${first.as} in ${formatPath(first.path)}; a name must mean one thing in the whole file` });
    });
  }
  for (const s of signals) {
    const usage = seen.get(s.detector.metric);
    if (usage?.as !== 'a signal (true or false)') continue;
    if (s.isBuiltIn === true) issues.push({ path: usage.path, message: `'${s.detector.metric}' is a signal (true or false) here, but the built-in '${s.name}' watches it as a number; define '${s.name}' under 'signals' with another metric` });
    else issues.push({ path: ['signals', s.name, 'metric'], message: `'${s.detector.metric}' is a signal (true or false); a baseline needs a numeric metric` });
  }
}

const KIND_WORDS = { number: 'a plain number', percent: 'a percentage', duration: 'a duration', rate: 'a rate' } as const;

function readDuration(value: unknown, path: RulePath, issues: RuleIssue[], allowZero: boolean): DurationMs | undefined {
  if (value === undefined || value === null) return undefined;
  if (allowZero && (value === 0 || value === '0')) return durationMs(0);
  if (typeof value !== 'string') {
    issues.push({ path, message: `expected ${DURATION_EXAMPLE}, got ${describe(value)}${typeof value === 'number' ? ' (a bare number has no unit)' : ''}` });
    return undefined;
  }
  const ms = parseDuration(value);
  if (typeof ms === 'string') {
    issues.push({ path, message: ms });
    return undefined;
  }
  return ms;
}

function readNumber(value: unknown, fallback: number, path: RulePath, issues: RuleIssue[], isValid: (n: number) => boolean, expected: string): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && isValid(value)) return value;
  issues.push({ path, message: `expected ${expected}, got ${describe(value)}` });
  return fallback;
}

function checkKeys(body: Readonly<Record<string, unknown>>, known: readonly string[], at: RulePath, issues: RuleIssue[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) issues.push({ path: [...at, key], isKey: true, message: unknownValueMessage('key', key, known) });
  }
}

function isRecord(x: unknown): x is Readonly<Record<string, unknown>> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `text '${value}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** triggers.critical_outage.conditions[0] */
export function formatPath(path: RulePath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z0-9_:-]+$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}
