import type { IncidentType } from '../../domain/classification/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { Actor } from '../incidents/index.js';
import type { StoredEvent } from '../ports/index.js';
import type { PushedSample, PushOutcome } from './pushed-metrics.js';

/** What the last evaluation read, for a system-health view: values in each metric's base unit. */
export interface SystemHealthReading {
  readonly at: EpochMs;
  readonly samples: Readonly<Record<string, number | boolean>>;
  /** Per metric watched by a baseline detector: the mean of its baseline window. */
  readonly baselines: Readonly<Record<string, number>>;
  /**
   * Rules that fired lately, newest first: what they saw and when, and the type of incident the rule
   * declares (a firing is seen only by those who may see that type; none: by everyone).
   */
  readonly recentFirings: readonly { readonly rule: string; readonly at: EpochMs; readonly holding: readonly string[]; readonly incidentType?: IncidentType }[];
}

/** What live detection offers the API (`POST /api/v1/metrics`, approving a remediation); wired by src/main. */
export interface DetectionEndpoints {
  push(samples: readonly PushedSample[], now: EpochMs): Promise<PushOutcome>;
  /** A commander approves a remediation run that awaits approval (RemediationRuns.approve). */
  approve(incidentId: string, runId: string, approver: Actor): Promise<readonly StoredEvent[]>;
  /** The latest readings of the metric sources; undefined before the first evaluation. */
  health?(): SystemHealthReading | undefined;
}
