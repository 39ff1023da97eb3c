import { compare, conditionInput, type Condition } from './condition.js';

/** One evaluation's samples: metric or signal name → value. An absent name is missing data. */
export type Samples = Readonly<Record<string, number | boolean | undefined>>;

/**
 * `holds` / `fails`, or why the condition could not be judged: `missing` (no sample),
 * `not-a-number` (a comparison got true/false), `not-a-boolean` (a signal got a number other than 0 or 1).
 */
export const CONDITION_OUTCOMES = ['holds', 'fails', 'missing', 'not-a-number', 'not-a-boolean'] as const;
export type ConditionOutcome = (typeof CONDITION_OUTCOMES)[number];

export function evaluateCondition(condition: Condition, samples: Samples): ConditionOutcome {
  const input = conditionInput(condition);
  // hasOwn: a metric named like an Object.prototype member ('constructor') is missing, not a function.
  const value = Object.hasOwn(samples, input) ? samples[input] : undefined;
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return 'missing';
  if (condition.kind === 'compare') {
    if (typeof value !== 'number') return 'not-a-number';
    return compare(value, condition.operator, condition.threshold.value) ? 'holds' : 'fails';
  }
  // Signals arrive as true/false, or as 1/0 from CSV files and Prometheus queries.
  let isOn: boolean;
  if (typeof value === 'boolean') isOn = value;
  else if (value === 0 || value === 1) isOn = value === 1;
  else return 'not-a-boolean';
  return isOn !== condition.isNegated ? 'holds' : 'fails';
}
