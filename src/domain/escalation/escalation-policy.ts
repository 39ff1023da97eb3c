import { assertNever } from '../errors/index.js';
import type { TeamRole } from '../oncall/index.js';

export const ESCALATION_TARGET_KINDS = ['person', 'schedule', 'team'] as const;
export type EscalationTargetKind = (typeof ESCALATION_TARGET_KINDS)[number];

export type EscalationTarget =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'schedule'; readonly scheduleId: string }
  | { readonly kind: 'team'; readonly teamId: string; readonly who: TeamRole };

export interface EscalationStep {
  /** Minutes after the previous step (after escalation starts, for the first step). */
  readonly delayMinutes: number;
  readonly targets: readonly EscalationTarget[];
}

/**
 * Ordered steps. After the last step the whole policy runs again `repeat` more times (so
 * `repeat: 2` means three passes), each pass starting `repeatAfterMinutes` after the last step.
 */
export interface EscalationPolicy {
  readonly id: string;
  readonly name: string;
  readonly steps: readonly EscalationStep[];
  readonly repeat: number;
  readonly repeatAfterMinutes: number;
}

export function describeTarget(target: EscalationTarget): string {
  switch (target.kind) {
    case 'person': return `person ${target.personId}`;
    case 'schedule': return `schedule ${target.scheduleId}`;
    case 'team': return `team ${target.teamId} (${target.who})`;
    default: return assertNever(target);
  }
}
