import { assertNever } from '../errors/index.js';
import type { Quantity } from './quantity.js';

export const COMPARISON_OPERATORS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/**
 * One condition of a trigger: a metric compared with a threshold (`error_rate > 50%`), or a boolean
 * signal from a detector (`unusual_traffic_patterns`, `not maintenance_window`). `text` is the
 * condition as written, for messages and reports.
 */
export type Condition =
  | { readonly kind: 'compare'; readonly metric: string; readonly operator: ComparisonOperator; readonly threshold: Quantity; readonly text: string }
  | { readonly kind: 'signal'; readonly signal: string; readonly isNegated: boolean; readonly text: string };

/** The metric or signal a condition reads. */
export function conditionInput(c: Condition): string {
  return c.kind === 'compare' ? c.metric : c.signal;
}

export function compare(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case '>': return value > threshold;
    case '>=': return value >= threshold;
    case '<': return value < threshold;
    case '<=': return value <= threshold;
    case '==': return value === threshold;
    case '!=': return value !== threshold;
    default: return assertNever(operator);
  }
}
