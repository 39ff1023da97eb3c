import type { Severity } from '../classification/index.js';
import { hours, minutes, type PolicyDuration } from '../time/index.js';

/** Who is drawn in automatically when an incident of a severity is declared. */
export const ESCALATION_MODES = ['leadership', 'team-lead-and-oncall', 'assigned-member', 'none'] as const;
export type EscalationMode = (typeof ESCALATION_MODES)[number];

export const ESCALATION_DESCRIPTION: Record<EscalationMode, string> = {
  leadership: 'automatic escalation to leadership',
  'team-lead-and-oncall': 'team lead and on-call engineer',
  'assigned-member': 'assigned team member',
  none: 'normal prioritization, no page',
};

export interface SeverityRule {
  readonly impact: string;
  readonly customerImpact: string;
  readonly revenueImpact: string;
  readonly respondWithin: PolicyDuration;
  readonly escalation: EscalationMode;
  readonly updateEvery: PolicyDuration;
  /** How the update cadence reads to a person, e.g. "every 30 min", "daily". */
  readonly updateCadenceLabel: string;
}

export type SeverityPolicy = Readonly<Record<Severity, SeverityRule>>;

/** The severity table of the product description; every number can be overridden in config. */
export const DEFAULT_SEVERITY_POLICY: SeverityPolicy = {
  critical: {
    impact: 'Complete service outage or critical functionality unavailable',
    customerImpact: 'All or majority of customers affected',
    revenueImpact: 'Direct revenue loss occurring',
    respondWithin: { kind: 'wall', ms: minutes(15) },
    escalation: 'leadership',
    updateEvery: { kind: 'wall', ms: minutes(30) },
    updateCadenceLabel: 'every 30 min',
  },
  high: {
    impact: 'Major functionality degraded or limited outage',
    customerImpact: 'Significant portion of customers affected',
    revenueImpact: 'Potential revenue impact',
    respondWithin: { kind: 'wall', ms: hours(1) },
    escalation: 'team-lead-and-oncall',
    updateEvery: { kind: 'wall', ms: hours(2) },
    updateCadenceLabel: 'every 2 hours',
  },
  medium: {
    impact: 'Minor functionality issues or performance degradation',
    customerImpact: 'Small subset of customers affected',
    revenueImpact: 'Minimal revenue impact',
    respondWithin: { kind: 'business-hours', hours: 4 },
    escalation: 'assigned-member',
    updateEvery: { kind: 'business-days', days: 1 },
    updateCadenceLabel: 'daily',
  },
  low: {
    impact: 'Cosmetic issues or non-critical functionality',
    customerImpact: 'Minimal or no customer impact',
    revenueImpact: 'No revenue impact',
    respondWithin: { kind: 'business-days', days: 5 },
    escalation: 'none',
    updateEvery: { kind: 'business-days', days: 5 },
    updateCadenceLabel: 'weekly',
  },
};
