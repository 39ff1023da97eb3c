import type { EpochMs } from '../../domain/time/index.js';
import {
  evaluateBaseline, evaluateRule, INITIAL_BASELINE_STATE, INITIAL_RULE_STATE,
  type BaselineState, type DataProblem, type RuleState, type Samples, type TransitionKind, type TriggerRuleSet,
} from '../../domain/triggers/index.js';

/** Every rule's and detector's state between evaluations: plain values, kept by the caller. */
export interface DetectionState {
  readonly rules: Readonly<Record<string, RuleState>>;
  readonly baselines: Readonly<Record<string, BaselineState>>;
}

export const INITIAL_DETECTION_STATE: DetectionState = { rules: {}, baselines: {} };

export interface PlannedTransition {
  readonly rule: string;
  readonly kind: TransitionKind;
  readonly at: EpochMs;
  /** The conditions (as written) that held; empty for `resolved`. */
  readonly holding: readonly string[];
  /** When the conditions started holding (the pending instant); for a firing, the impact start. */
  readonly activeAt: EpochMs | undefined;
}

export interface DetectionTickPlan {
  readonly state: DetectionState;
  readonly transitions: readonly PlannedTransition[];
  readonly problems: readonly (DataProblem & { readonly rule: string })[];
}

/**
 * One live evaluation at `now`: signals from their baseline detectors first, then every rule with
 * Prometheus `for:` semantics. Pure; the engine reads the clock and the sources, keeps the state
 * and runs the actions of the transitions.
 */
export function planDetectionTick(ruleSet: TriggerRuleSet, state: DetectionState, samples: Samples, now: EpochMs): DetectionTickPlan {
  const all: Record<string, number | boolean | undefined> = { ...samples };
  const baselines: Record<string, BaselineState> = { ...state.baselines };
  for (const s of ruleSet.signals) {
    const raw = samples[s.detector.metric];
    const reading = evaluateBaseline(s.detector, state.baselines[s.name] ?? INITIAL_BASELINE_STATE, typeof raw === 'number' ? raw : undefined, now);
    baselines[s.name] = reading.state;
    all[s.name] = reading.isUnusual;
  }
  const rules: Record<string, RuleState> = { ...state.rules };
  const transitions: PlannedTransition[] = [];
  const problems: (DataProblem & { rule: string })[] = [];
  for (const rule of ruleSet.triggers) {
    const before = state.rules[rule.name] ?? INITIAL_RULE_STATE;
    const result = evaluateRule(rule, before, all as Samples, now);
    rules[rule.name] = result.state;
    const holding = rule.conditions.filter((_, i) => result.outcomes[i] === 'holds').map((c) => c.text);
    const activeAt = result.state.phase === 'inactive' ? (before.phase === 'inactive' ? undefined : before.activeAt) : result.state.activeAt;
    for (const t of result.transitions) {
      transitions.push({ rule: rule.name, kind: t.kind, at: t.at, holding: t.kind === 'resolved' ? [] : holding, activeAt });
    }
    for (const p of result.problems) problems.push({ ...p, rule: rule.name });
  }
  return { state: { rules, baselines }, transitions, problems };
}
