import type { DurationMs } from '../time/index.js';
import type { BaselineDetector } from './baseline-detector.js';
import type { Condition } from './condition.js';
import type { TriggerAction } from './trigger-action.js';

/** `any`: one condition holding is enough; `all`: every condition must hold. */
export const MATCH_MODES = ['any', 'all'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/**
 * A detection rule: when its conditions (any or all) have held continuously for `forMs`, it fires
 * and its actions would run. `forMs` 0 fires on the first evaluation that holds.
 */
export interface TriggerRule {
  readonly name: string;
  readonly description?: string;
  readonly conditions: readonly Condition[];
  readonly match: MatchMode;
  readonly forMs: DurationMs;
  readonly actions: readonly TriggerAction[];
}

/** A named boolean signal computed from a numeric metric by a baseline detector. */
export interface SignalDefinition {
  readonly name: string;
  readonly description?: string;
  readonly detector: BaselineDetector;
  /** Added because a rule reads it and the file does not define it (BUILT_IN_SIGNALS). */
  readonly isBuiltIn?: boolean;
}

/** A rules file: the triggers in file order, and the signals they may read. */
export interface TriggerRuleSet {
  readonly triggers: readonly TriggerRule[];
  readonly signals: readonly SignalDefinition[];
}
