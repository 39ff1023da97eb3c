import { AppError, assertNever } from '../../domain/errors/index.js';
import type { OutboundCall, RemediationAction, RemediationConfig } from '../config/index.js';
import type { Actor, IncidentService } from '../incidents/index.js';
import type { IncidentStore, OutboundRunner, StoredEvent } from '../ports/index.js';
import { ruleActor } from './rule-incident.js';

/** "POST https://lb.internal/isolate" or "command /usr/local/bin/failover --region eu". */
export function describeCall(call: OutboundCall): string {
  switch (call.kind) {
    case 'http': return `${call.method} ${call.url}`;
    case 'command': return `command ${call.argv.join(' ')}`;
    default: return assertNever(call);
  }
}

export interface RemediationRequest {
  readonly incidentId: string;
  /** The rule that fired; absent for a workflow step's action (its runId names the step). */
  readonly rule?: string;
  /** Who the run acts as: `rule:<name>` for a rule, the person who ticked the step for a step. */
  readonly actor?: Actor;
  readonly action: RemediationAction;
  /** The canonical call as written in the rule: `failover()`. */
  readonly canonical: string;
  readonly runId: string;
}

/**
 * Remediation with audit: every step of a run is an `action-recorded` event sharing one runId —
 * awaiting-approval (when configured) → approved (by a commander) → running → done / failed, or
 * dry-run instead of running. Runs started by an approval go on in the background; `whenIdle()`
 * resolves when none is left (tests wait on it instead of sleeping).
 */
export class RemediationRuns {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly incidents: IncidentService,
    private readonly store: Pick<IncidentStore, 'readIncidentEvents'>,
    private readonly runner: OutboundRunner,
    private readonly config: Readonly<Partial<Record<RemediationAction, RemediationConfig>>>,
  ) {}

  /** Starts a run for a firing rule or a ticked step: waits for approval, or runs now (dry or for real). */
  async start(req: RemediationRequest): Promise<void> {
    const cfg = this.config[req.action];
    const base = { action: req.canonical, ...(req.rule !== undefined ? { rule: req.rule } : {}), runId: req.runId };
    const actor = req.actor ?? ruleActor(req.rule ?? 'unknown');
    if (cfg === undefined) {
      await this.incidents.recordAction(req.incidentId, { ...base, status: 'skipped', detail: `nothing is configured for ${req.action}; add detection.remediation.${req.action} (an HTTP call or a command)` }, actor);
      return;
    }
    if (cfg.requiresApproval) {
      const approve = `approve with "POST /api/v1/incidents/${req.incidentId}/actions/${req.runId}/approve" (commander)`;
      await this.incidents.recordAction(req.incidentId, { ...base, status: 'awaiting-approval', detail: `${cfg.isDryRun ? 'dry run: ' : ''}${describeCall(cfg.call)}; ${approve}` }, actor);
      return;
    }
    await this.execute(req, cfg, actor);
  }

  /**
   * A commander approves a run that awaits approval: records `approved`, then runs it in the
   * background. NOT_FOUND when no such run awaits approval; INVALID_TRANSITION when it was approved already.
   */
  async approve(incidentId: string, runId: string, approver: Actor): Promise<StoredEvent[]> {
    const events = await this.store.readIncidentEvents(incidentId);
    const run = events.filter((e) => e.data.kind === 'action-recorded' && e.data.runId === runId);
    const waiting = run.find((e) => e.data.kind === 'action-recorded' && e.data.status === 'awaiting-approval');
    if (waiting === undefined || waiting.data.kind !== 'action-recorded') {
      throw new AppError('NOT_FOUND', `No action run ${runId} awaits approval on ${incidentId}. See the incident's timeline with "incident-response timeline ${incidentId}".`);
    }
    const later = run.find((e) => e.data.kind === 'action-recorded' && e.data.status !== 'awaiting-approval');
    if (later !== undefined && later.data.kind === 'action-recorded') {
      throw new AppError('INVALID_TRANSITION', `Cannot approve ${runId} on ${incidentId}: it is already ${later.data.status} (${later.actor}).`);
    }
    const { action, rule } = waiting.data;
    const name = action.replace(/\(.*$/, '') as RemediationAction;
    const cfg = this.config[name];
    if (cfg === undefined) {
      throw new AppError('CONFLICT', `Cannot approve ${runId}: ${name} is no longer configured under detection.remediation.`);
    }
    const ruleOf = rule === undefined ? {} : { rule };
    const result = await this.incidents.recordAction(incidentId, { action, ...ruleOf, runId, status: 'approved', detail: `approved by ${approver.name}` }, approver);
    const req: RemediationRequest = { incidentId, ...ruleOf, action: name, canonical: action, runId };
    // A step's run acts as whoever approved it; a rule's as the rule.
    const work = this.execute(req, cfg, rule === undefined ? approver : ruleActor(rule), approver.name).catch(() => undefined).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
    return [...result.recorded];
  }

  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async execute(req: RemediationRequest, cfg: RemediationConfig, actor: Actor, approvedBy?: string): Promise<void> {
    const base = { action: req.canonical, ...(req.rule !== undefined ? { rule: req.rule } : {}), runId: req.runId };
    const what = describeCall(cfg.call);
    const by = approvedBy === undefined ? '' : ` (approved by ${approvedBy})`;
    if (cfg.isDryRun) {
      await this.incidents.recordAction(req.incidentId, { ...base, status: 'dry-run', detail: `would run ${what}${by}; nothing was run (dry_run is on)` }, actor);
      return;
    }
    await this.incidents.recordAction(req.incidentId, { ...base, status: 'running', detail: `${what}, timeout ${Math.round(cfg.timeoutMs / 1000)} s${by}` }, actor);
    const outcome = await this.runner.run(cfg.call, cfg.timeoutMs);
    await this.incidents.recordAction(req.incidentId, { ...base, status: outcome.ok ? 'done' : 'failed', detail: outcome.ok ? outcome.detail : outcome.reason }, actor);
  }
}
