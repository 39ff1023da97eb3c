import type { Severity } from '../classification/index.js';
import { DEFAULT_SEVERITY_POLICY, type EscalationMode, type SeverityPolicy } from '../policy/index.js';
import type { EpochMs } from '../time/index.js';
import type { EscalationPolicy } from './escalation-policy.js';

/**
 * The escalation policy as it was when escalation started, frozen onto the incident: editing the
 * policy (or the severity table) later never changes a page already in flight.
 */
export interface EscalationSnapshot {
  readonly incidentId: string;
  readonly severity: Severity;
  readonly mode: EscalationMode;
  readonly policy: EscalationPolicy;
  readonly frozenAt: EpochMs;
  /** When the incident must be acknowledged; unacknowledged past it, the next step fires at once. */
  readonly responseDueAt?: EpochMs;
  /** The owning team: its leads (SEV-2) or executives (SEV-1) are added at T+0. */
  readonly teamId?: string;
  /** The assigned member, the only person notified for SEV-3. */
  readonly assigneeId?: string;
}

export interface FreezeContext {
  readonly incidentId: string;
  readonly severity: Severity;
  readonly frozenAt: EpochMs;
  readonly responseDueAt?: EpochMs;
  readonly teamId?: string;
  readonly assigneeId?: string;
  readonly severityPolicy?: SeverityPolicy;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A deep, frozen copy of `policy` with the severity's escalation mode, ready to store on the incident. */
export function freezeEscalationPolicy(policy: EscalationPolicy, context: FreezeContext): EscalationSnapshot {
  const { severityPolicy = DEFAULT_SEVERITY_POLICY, ...rest } = context;
  const copy = JSON.parse(JSON.stringify(policy)) as EscalationPolicy;
  return deepFreeze({ ...rest, mode: severityPolicy[context.severity].escalation, policy: copy });
}
