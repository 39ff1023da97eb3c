import type { EpochMs } from '../../domain/time/index.js';
import type { Actor } from '../incidents/index.js';
import type { StoredEvent } from '../ports/index.js';
import type { PushedSample, PushOutcome } from './pushed-metrics.js';

/** What live detection offers the API (`POST /api/v1/metrics`, approving a remediation); wired by src/main. */
export interface DetectionEndpoints {
  push(samples: readonly PushedSample[], now: EpochMs): PushOutcome;
  /** A commander approves a remediation run that awaits approval (RemediationRuns.approve). */
  approve(incidentId: string, runId: string, approver: Actor): Promise<readonly StoredEvent[]>;
}
