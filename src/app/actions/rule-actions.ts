import { elapsed, formatDuration, isoUtc, type EpochMs } from '../../domain/time/index.js';
import { formatAction, type TriggerAction, type TriggerRule } from '../../domain/triggers/index.js';
import type { IncidentService } from '../incidents/index.js';
import type { IncidentStore } from '../ports/index.js';
import { ACTION_KIND, describeRequest, isDeclareAction, isRemediationAction } from './action-kind.js';
import { collectEvidence, type EvidenceSetup } from './collect-evidence.js';
import type { RemediationRuns } from './remediation-runs.js';
import { isRequestedAction, type RequestedActions } from './requested-actions.js';
import { findOpenRuleIncident, ruleActor, ruleDeclaration } from './rule-incident.js';

export interface Firing {
  readonly firedAt: EpochMs;
  /** When the conditions started holding: the incident's impact start. */
  readonly activeAt: EpochMs | undefined;
  readonly holding: readonly string[];
}

export interface FiringOutcome {
  /** The rule's incident: declared now, or still open from before; undefined when the rule declares none. */
  readonly incidentId: string | undefined;
  readonly isNewIncident: boolean;
  /** Actions run now (canonical form); the others had run for this incident already. */
  readonly ran: readonly string[];
  readonly skipped: readonly string[];
}

/** The run of one action for one firing: its idempotency key on the timeline (and in remediation approvals). */
const firingRunId = (action: TriggerAction, firing: Firing): string => `${action.name}-${firing.firedAt}`;

const ACTS = new Set(Object.entries(ACTION_KIND).flatMap(([name, kind]) => (kind === 'act' ? [name] : [])));

/** Statuses after which an action counts as done for its incident (a failed or skipped one may run again). */
const SETTLED = new Set(['requested', 'awaiting-approval', 'approved', 'running', 'done', 'dry-run']);

/**
 * Runs a firing rule's actions, as `rule:<name>`. Idempotent per incident: a rule whose incident
 * is still open does not declare again, and an action already recorded on that incident by this
 * rule does not run again — so a retried tick, a flapping rule or a restarted server repeats
 * nothing. Both checks read the store, not memory.
 */
export class RuleActions {
  constructor(
    private readonly incidents: IncidentService,
    private readonly store: Pick<IncidentStore, 'listIncidents' | 'readIncidentEvents'>,
    private readonly remediation: RemediationRuns,
    private readonly evidence: EvidenceSetup | undefined,
    /** Paging, the war room and the status page. */
    private readonly requests: RequestedActions,
  ) {}

  async onFiring(rule: TriggerRule, firing: Firing): Promise<FiringOutcome> {
    const actor = ruleActor(rule.name);
    const declare = rule.actions.find(isDeclareAction);
    if (declare === undefined) return { incidentId: undefined, isNewIncident: false, ran: [], skipped: rule.actions.map(formatAction) };
    let incident = await findOpenRuleIncident(this.store, rule.name);
    const isNewIncident = incident === undefined;
    if (incident === undefined) {
      incident = (await this.incidents.declare(ruleDeclaration(rule, declare, firing.holding, firing.activeAt), actor)).view.incident;
    }
    const id = incident.id;
    const { settled: done, runs } = await this.settledActions(id, rule.name);
    const ran: string[] = [];
    const skipped: string[] = [];
    if (!isNewIncident) {
      // The timeline shows that the rule fired again into the incident that is still open.
      await this.incidents.recordAction(id, { action: formatAction(declare), rule: rule.name, status: 'skipped', detail: `fired again at ${isoUtc(firing.firedAt)}; ${id} is still open, so no new incident` }, actor);
    }
    for (const action of rule.actions) {
      if (isDeclareAction(action)) continue;
      const canonical = formatAction(action);
      // Settled for this incident, or already run for this very firing (a retried tick): nothing again.
      if (done.has(canonical) || runs.has(firingRunId(action, firing))) {
        skipped.push(canonical);
        continue;
      }
      await this.run(action, canonical, rule, id, incident.service, firing);
      ran.push(canonical);
    }
    return { incidentId: id, isNewIncident, ran, skipped };
  }

  /** Notes on the rule's open incident that its conditions stopped holding; resolving stays with people. */
  async onResolved(rule: TriggerRule, at: EpochMs, firedAt: EpochMs | undefined): Promise<string | undefined> {
    const incident = await findOpenRuleIncident(this.store, rule.name);
    if (incident === undefined) return undefined;
    const spell = firedAt === undefined ? '' : ` after ${formatDuration(elapsed(firedAt, at))} firing`;
    await this.incidents.addNote(incident.id, `Trigger rule ${rule.name} resolved at ${isoUtc(at)}${spell}: its conditions no longer hold.`, ruleActor(rule.name));
    return incident.id;
  }

  /** Resolves when no approved remediation is still running. */
  whenIdle(): Promise<void> {
    return this.remediation.whenIdle();
  }

  private async settledActions(id: string, rule: string): Promise<{ settled: Set<string>; runs: Set<string> }> {
    const last = new Map<string, string>();
    const runs = new Set<string>();
    for (const e of await this.store.readIncidentEvents(id)) {
      if (e.data.kind !== 'action-recorded' || e.data.rule !== rule) continue;
      last.set(e.data.action, e.data.status);
      if (e.data.runId !== undefined) runs.add(e.data.runId);
    }
    // An act skipped for want of configuration (no policy, no Slack, no status page) stays skipped:
    // a running server's configuration does not change, so firing again would only say it again.
    const isSettled = (action: string, status: string) => SETTLED.has(status) || (status === 'skipped' && ACTS.has(action.slice(0, action.indexOf('('))));
    return { settled: new Set([...last].filter(([action, status]) => isSettled(action, status)).map(([action]) => action)), runs };
  }

  private async run(action: TriggerAction, canonical: string, rule: TriggerRule, id: string, service: string | undefined, firing: Firing): Promise<void> {
    const actor = ruleActor(rule.name);
    const base = { action: canonical, rule: rule.name };
    const kind = ACTION_KIND[action.name];
    if (kind === 'act' && isRequestedAction(action)) {
      await this.requests.run(action, { incidentId: id, action: canonical, rule: rule.name, actor, runId: firingRunId(action, firing) });
      return;
    }
    if (kind === 'request') {
      await this.incidents.recordAction(id, { ...base, status: 'requested', detail: describeRequest(action, service) }, actor);
      return;
    }
    if (kind === 'collect-logs') {
      await collectEvidence(this.incidents, this.evidence, { incidentId: id, canonical, origin: rule.name, rule: rule.name, at: firing.firedAt, actor });
      return;
    }
    if (isRemediationAction(action.name)) {
      await this.remediation.start({ incidentId: id, rule: rule.name, action: action.name, canonical, runId: firingRunId(action, firing) });
    }
  }
}
