import type { IncidentState } from '../../domain/incident/index.js';
import { isActiveStatus } from '../../domain/incident/index.js';
import { MINUTE, type EpochMs } from '../../domain/time/index.js';
import { formatAction, parseAction } from '../../domain/triggers/index.js';
import type { WorkflowStep } from '../../domain/workflow/index.js';
import type { Actor, IncidentService } from '../incidents/index.js';
import type { IncidentStore } from '../ports/index.js';
import { ACTION_KIND, describeRequest, isRemediationAction } from './action-kind.js';
import { collectEvidence, type EvidenceSetup } from './collect-evidence.js';
import type { RemediationRuns } from './remediation-runs.js';
import { isRequestedAction, type RequestedActions } from './requested-actions.js';

/** The run of a step's action on its incident, once: its idempotency key on the timeline and in approvals. */
export const stepRunId = (stepKey: string): string => `step-${stepKey}`;

/** Statuses after which a step's action counts as run (a failed or skipped one runs again when ticked again). */
const SETTLED = new Set(['requested', 'awaiting-approval', 'approved', 'running', 'done', 'dry-run']);
const OPEN = ['triggered', 'acknowledged', 'mitigated'] as const;

/**
 * Workflow steps that carry an action run it: when a person ticks the step done (as that person),
 * or, for `run_at: phase_start`, when the step's phase starts (as `workflow`). The same actions,
 * approval rules and outcomes on the timeline as trigger rules; each step's action runs once per
 * incident (its runId is `step-<key>`), so ticking, unticking and ticking again does not page twice.
 */
export class StepActions {
  #remediation: RemediationRuns;
  #evidence: EvidenceSetup | undefined;

  constructor(
    private readonly deps: {
      readonly incidents: Pick<IncidentService, 'recordAction'>;
      readonly store: Pick<IncidentStore, 'readIncidentEvents' | 'listIncidents'>;
      readonly requests: RequestedActions;
      readonly remediation: RemediationRuns;
      readonly evidence: EvidenceSetup | undefined;
    },
  ) {
    this.#remediation = deps.remediation;
    this.#evidence = deps.evidence;
  }

  /**
   * Remediations and log sources live under `detection:`; the server that runs detection hands its
   * own here, so a step's failover() or begin_log_collection() uses the same runner and sources.
   */
  equip(remediation: RemediationRuns, evidence: EvidenceSetup | undefined): void {
    this.#remediation = remediation;
    this.#evidence = evidence;
  }

  /** A new incident: the actions of steps that run when the first phase starts. */
  onDeclared(incident: IncidentState, now: EpochMs): Promise<number> {
    return this.runPhaseStarts(now, incident);
  }

  /** After `step` was ticked done on the incident: runs its action unless it runs at its phase's start. */
  async onStepDone(incident: IncidentState, stepKey: string, actor: Actor, now: EpochMs): Promise<void> {
    const step = incident.workflow.phases.flatMap((p) => p.steps).find((s) => s.key === stepKey);
    if (step?.action === undefined || step.runAt === 'phase-start') return;
    await this.#runOnce(incident, step, step.action, actor, now);
  }

  /**
   * Runs the `phase_start` actions of open incidents whose phase has started by `now` and that have
   * not run yet. Called by the server every minute and right after a declaration; returns how many ran.
   */
  async runPhaseStarts(now: EpochMs, only?: IncidentState): Promise<number> {
    const incidents = only !== undefined ? [only] : await this.deps.store.listIncidents({ statuses: OPEN, limit: 1000 });
    let ran = 0;
    for (const incident of incidents) {
      if (!isActiveStatus(incident.status)) continue;
      for (const phase of incident.workflow.phases) {
        if (incident.workflowStartedAt + phase.startMin * MINUTE > now) continue;
        for (const step of phase.steps) {
          if (step.action === undefined || step.runAt !== 'phase-start') continue;
          if (await this.#runOnce(incident, step, step.action, { name: 'workflow' }, now)) ran++;
        }
      }
    }
    return ran;
  }

  /** True when the action ran now; false when it had run (or is running) for this incident already. */
  async #runOnce(incident: IncidentState, step: WorkflowStep, written: string, actor: Actor, now: EpochMs): Promise<boolean> {
    const runId = stepRunId(step.key);
    const runs = (await this.deps.store.readIncidentEvents(incident.id)).flatMap((e) => (e.data.kind === 'action-recorded' && e.data.runId === runId ? [e.data.status] : []));
    const last = runs[runs.length - 1];
    if (last !== undefined && SETTLED.has(last)) return false;
    const parsed = parseAction(written);
    const id = incident.id;
    if (!parsed.ok) {
      // The configuration is checked when loaded; an incident keeps the workflow it was declared with.
      await this.deps.incidents.recordAction(id, { action: written, runId, status: 'failed', detail: `step ${step.key}: ${parsed.error.message}` }, actor);
      return true;
    }
    const action = parsed.action;
    const canonical = formatAction(action);
    switch (ACTION_KIND[action.name]) {
      case 'act':
        if (isRequestedAction(action)) await this.deps.requests.run(action, { incidentId: id, action: canonical, actor, runId, origin: `step ${step.key}` });
        break;
      case 'request':
        await this.deps.incidents.recordAction(id, { action: canonical, runId, status: 'requested', detail: `step ${step.key}: ${describeRequest(action, incident.service)}` }, actor);
        break;
      case 'collect-logs':
        await collectEvidence(this.deps.incidents, this.#evidence, { incidentId: id, canonical, origin: `step:${step.key}`, runId, at: now, actor });
        break;
      case 'remediate':
        if (isRemediationAction(action.name)) await this.#remediation.start({ incidentId: id, action: action.name, canonical, runId, actor });
        break;
      case 'declare':
        await this.deps.incidents.recordAction(id, { action: canonical, runId, status: 'skipped', detail: `step ${step.key}: a step does not declare another incident` }, actor);
        break;
    }
    return true;
  }
}
