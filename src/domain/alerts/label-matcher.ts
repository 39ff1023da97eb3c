import { AppError } from '../errors/index.js';

/** Alertmanager's matcher operators: equal, not equal, regex match, regex non-match. */
export const MATCH_OPERATORS = ['=', '!=', '=~', '!~'] as const;
export type MatchOperator = (typeof MATCH_OPERATORS)[number];

export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOperator;
  readonly value: string;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]*))\s*$/;

/** `severity="critical"`, `team!=payments`, `alertname=~"High.*"` (unquoted values allowed). */
export function parseLabelMatcher(input: string): LabelMatcher {
  const m = MATCHER.exec(input);
  if (m === null) {
    throw new AppError('VALIDATION', `"${input}" is not a label matcher; write it like severity="critical" or alertname=~"High.*"`, {
      issues: [{ path: 'matchers', message: `not a matcher: ${input}` }],
    });
  }
  const op = m[2] as MatchOperator;
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? '');
  const matcher = { name: m[1]!, op, value };
  if (op === '=~' || op === '!~') compile(matcher);
  return matcher;
}

const cache = new Map<string, RegExp>();

// Anchored like Alertmanager: `=~"High.*"` must match the whole value.
function compile(m: LabelMatcher): RegExp {
  const cached = cache.get(m.value);
  if (cached !== undefined) return cached;
  try {
    const re = new RegExp(`^(?:${m.value})$`);
    cache.set(m.value, re);
    return re;
  } catch (cause) {
    throw new AppError('VALIDATION', `the regular expression in ${m.name}${m.op}"${m.value}" does not compile`, {
      issues: [{ path: 'matchers', message: `invalid regular expression: ${m.value}` }],
      cause,
    });
  }
}

/** A missing label reads as the empty string, as in Alertmanager (`foo!="bar"` matches when foo is absent). */
export function matchesLabel(m: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[m.name] ?? '';
  switch (m.op) {
    case '=': return actual === m.value;
    case '!=': return actual !== m.value;
    case '=~': return compile(m).test(actual);
    case '!~': return !compile(m).test(actual);
  }
}

/** Every matcher must hold. An empty list matches everything; callers that forbid that check it. */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => matchesLabel(m, labels));
}

/**
 * True when every matcher also holds for an alert that lacks its label (`=~".*"`, `=""`, `!="x"`): such a
 * set matches practically everything. Alertmanager refuses silences like that; so do we below admin.
 */
export function matchesEverything(matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => matchesLabel(m, {}));
}

export function formatMatcher(m: LabelMatcher): string {
  return `${m.name}${m.op}"${m.value.replace(/["\\]/g, '\\$&')}"`;
}
