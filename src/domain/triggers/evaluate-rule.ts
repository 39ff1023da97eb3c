import { AppError, assertNever } from '../errors/index.js';
import { isoUtc, type EpochMs } from '../time/index.js';
import { conditionInput } from './condition.js';
import { evaluateCondition, type ConditionOutcome, type Samples } from './evaluate-condition.js';
import type { TriggerRule } from './trigger-rule.js';

/**
 * Where a rule stands between evaluations, like a Prometheus alert: `inactive`, `pending` since
 * `activeAt` (the conditions hold, not yet for long enough), or `firing` since `firedAt`.
 */
export type RuleState =
  | { readonly phase: 'inactive'; readonly lastEvaluatedAt: EpochMs | undefined }
  | { readonly phase: 'pending'; readonly activeAt: EpochMs; readonly lastEvaluatedAt: EpochMs }
  | { readonly phase: 'firing'; readonly activeAt: EpochMs; readonly firedAt: EpochMs; readonly lastEvaluatedAt: EpochMs };

export const INITIAL_RULE_STATE: RuleState = { phase: 'inactive', lastEvaluatedAt: undefined };

export const TRANSITION_KINDS = ['pending', 'firing', 'resolved'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

export interface RuleTransition {
  readonly kind: TransitionKind;
  readonly at: EpochMs;
}

/** A condition that could not be judged at this evaluation, and why; it counted as not holding. */
export interface DataProblem {
  readonly input: string;
  readonly problem: Exclude<ConditionOutcome, 'holds' | 'fails'>;
}

export interface RuleEvaluation {
  readonly state: RuleState;
  readonly transitions: readonly RuleTransition[];
  readonly isHolding: boolean;
  /** Per condition, in the rule's order. */
  readonly outcomes: readonly ConditionOutcome[];
  readonly problems: readonly DataProblem[];
  /** Set when a pending rule stopped holding before it fired (Prometheus drops such an alert silently). */
  readonly clearedPendingSince?: EpochMs;
}

/**
 * One evaluation of `rule` at `now` (Prometheus `for:` semantics):
 * - the conditions (any/all) hold: inactive → pending at `now`; pending → firing once
 *   `now − activeAt ≥ forMs` (with `forMs` 0, pending and firing at the same instant);
 * - they do not hold: pending → inactive (one miss resets the wait), firing → resolved → inactive.
 * Missing or mistyped samples count as "condition not true" and are reported in `problems`.
 * Evaluations must come in time order.
 */
export function evaluateRule(rule: TriggerRule, state: RuleState, samples: Samples, now: EpochMs): RuleEvaluation {
  if (state.lastEvaluatedAt !== undefined && now <= state.lastEvaluatedAt) {
    throw new AppError('VALIDATION', `rule '${rule.name}' evaluated at ${isoUtc(now)}, not after its previous evaluation at ${isoUtc(state.lastEvaluatedAt)}; evaluate in time order`);
  }
  const outcomes = rule.conditions.map((c) => evaluateCondition(c, samples));
  const problems: DataProblem[] = [];
  outcomes.forEach((o, i) => {
    const c = rule.conditions[i];
    if (c !== undefined && o !== 'holds' && o !== 'fails') problems.push({ input: conditionInput(c), problem: o });
  });
  const isHolding = rule.match === 'any' ? outcomes.some((o) => o === 'holds') : outcomes.length > 0 && outcomes.every((o) => o === 'holds');
  const base = { isHolding, outcomes, problems };
  const phase = state.phase;
  switch (phase) {
    case 'inactive': {
      if (!isHolding) return { ...base, state: { phase: 'inactive', lastEvaluatedAt: now }, transitions: [] };
      if (rule.forMs <= 0) {
        return { ...base, state: { phase: 'firing', activeAt: now, firedAt: now, lastEvaluatedAt: now }, transitions: [{ kind: 'pending', at: now }, { kind: 'firing', at: now }] };
      }
      return { ...base, state: { phase: 'pending', activeAt: now, lastEvaluatedAt: now }, transitions: [{ kind: 'pending', at: now }] };
    }
    case 'pending': {
      if (!isHolding) return { ...base, state: { phase: 'inactive', lastEvaluatedAt: now }, transitions: [], clearedPendingSince: state.activeAt };
      if (now - state.activeAt >= rule.forMs) {
        return { ...base, state: { phase: 'firing', activeAt: state.activeAt, firedAt: now, lastEvaluatedAt: now }, transitions: [{ kind: 'firing', at: now }] };
      }
      return { ...base, state: { ...state, lastEvaluatedAt: now }, transitions: [] };
    }
    case 'firing': {
      if (isHolding) return { ...base, state: { ...state, lastEvaluatedAt: now }, transitions: [] };
      return { ...base, state: { phase: 'inactive', lastEvaluatedAt: now }, transitions: [{ kind: 'resolved', at: now }] };
    }
    default:
      return assertNever(phase);
  }
}
