import type { IncidentRole, IncidentType, PublicStatus, Severity } from '../../domain/classification/index.js';
import { AppError } from '../../domain/errors/index.js';
import {
  applyIncidentEvent, computeSlaClocks, decideAcknowledge, decideAssignRole, decideClose, decideDeclare, decideMitigate,
  decideNote, decideRecordAction, decideReopen, decideResolve, decideSeverityChange, decideStatusUpdate, decideStep, decideTypeChange,
  formatIncidentId, incidentCounterKey, incidentDayKey, incidentIdPrefix, isActiveStatus, decideImpactAssessment, decideSatisfaction, describeImpact,
  type ImpactDefaults, type ImpactInput, type ImpactSummary, type ResolutionReason,
  type ActionRecord, type DecisionContext, type DeclareInput, type IncidentEvent, type IncidentEventData, type IncidentState, type SlaClocks,
} from '../../domain/incident/index.js';
import type { SeverityRule } from '../../domain/policy/index.js';
import { DEFAULT_REVIEW_POLICY, computeReviewDueAt } from '../../domain/review/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { computeChecklist, type Checklist } from '../../domain/workflow/index.js';
import { impactDefaultsFor, type ResponseConfig } from '../config/index.js';
import { DEFAULT_COMPLIANCE_SETTINGS, computeComplianceChecklist, type ComplianceObligation } from '../../domain/compliance/index.js';
import type { Clock, IncidentFilter, IncidentListRow, IncidentStore, StoreWriteTx, StoredEvent } from '../ports/index.js';
import type { IncidentEffects } from '../paging/index.js';

/** An incident as shown to a person: its state, the rule of its severity, its clocks and checklist. */
export interface IncidentView {
  readonly incident: IncidentState;
  readonly rule: SeverityRule;
  readonly clocks: SlaClocks;
  readonly checklist: Checklist;
  /** Compliance obligations of the regimes the incident is flagged with (empty when none). */
  readonly compliance: readonly ComplianceObligation[];
  /** Whether its severity requires a post-incident review, and by when (once resolved; business days). */
  readonly review: { readonly isRequired: boolean; readonly dueAt: EpochMs | undefined };
  /** Business impact from the assessment and the configured figures; undefined when nothing is known. */
  readonly impact: ImpactSummary | undefined;
  /** When the view was computed; overdue marks are relative to it. */
  readonly asOf: EpochMs;
}

/** An incident as a list shows it: its list row and its SLA clocks (no checklist, compliance or review). */
export interface IncidentListView {
  readonly row: IncidentListRow;
  readonly clocks: SlaClocks;
  readonly asOf: EpochMs;
}

/** The outcome of a command: the incident afterwards and what was recorded (empty = nothing changed). */
export interface CommandResult {
  readonly view: IncidentView;
  readonly recorded: readonly StoredEvent[];
}

/**
 * What follows, after commit, from a declaration and from ticking a step done: workflow step
 * actions, tickets opened automatically (src/app/actions). Added by the composition root.
 */
export interface IncidentFollower {
  onDeclared?(incident: IncidentState, now: EpochMs): Promise<unknown>;
  onStepDone?(incident: IncidentState, stepKey: string, actor: Actor, now: EpochMs): Promise<void>;
}

export interface Actor {
  readonly name: string;
}

/**
 * The incident use cases. Every command reads the clock once, loads the incident inside a write
 * transaction, decides purely, and appends the resulting events with the new read model.
 */
export class IncidentService {
  constructor(
    private readonly store: IncidentStore,
    private readonly clock: Clock,
    private readonly config: ResponseConfig,
    private readonly effects?: IncidentEffects,
  ) {}

  /** Appends `events`, then the events their effects (paging, reminders) add, in the caller's transaction. */
  async #appendWithEffects(tx: StoreWriteTx, before: IncidentState | undefined, events: IncidentEvent[], now: EpochMs): Promise<{ state: IncidentState; recorded: StoredEvent[] }> {
    let state = events.reduce<IncidentState | undefined>((s, e) => applyIncidentEvent(s, e), before)!;
    const recorded = await tx.append(events, state);
    if (this.effects === undefined) return { state, recorded };
    const extra = await this.effects.afterRecord(tx, before, state, events, now);
    if (extra.length === 0) return { state, recorded };
    const more = extra.map((d, i): IncidentEvent => ({ incidentId: state.id, version: state.version + i + 1, at: now, actor: 'paging', data: d }));
    state = more.reduce<IncidentState>((s, e) => applyIncidentEvent(s, e), state);
    recorded.push(...await tx.append(more, state));
    return { state, recorded };
  }

  private context(now: EpochMs): DecisionContext {
    return { now, policy: this.config.policy, calendar: this.config.calendar, workflows: this.config.workflows };
  }

  view(incident: IncidentState, now: EpochMs): IncidentView {
    const template = incident.workflow;
    return {
      incident,
      rule: this.config.policy[incident.severity],
      clocks: computeSlaClocks(incident, now),
      checklist: computeChecklist(template, incident.workflowStartedAt, incident.completedSteps, now, isActiveStatus(incident.status)),
      compliance: computeComplianceChecklist(incident.compliance, this.config.compliance ?? DEFAULT_COMPLIANCE_SETTINGS, now),
      review: {
        isRequired: (this.config.reviews ?? DEFAULT_REVIEW_POLICY).requiredFor.includes(incident.severity),
        dueAt: computeReviewDueAt(incident.severity, incident.resolvedAt, this.config.reviews ?? DEFAULT_REVIEW_POLICY, this.config.calendar),
      },
      impact: describeImpact(incident, impactDefaultsFor(this.config.impact, incident.service), now),
      asOf: now,
    };
  }

  async declare(input: DeclareInput, actor: Actor): Promise<CommandResult> {
    const services = this.config.services;
    if (input.service !== undefined && Object.keys(services).length > 0 && services[input.service] === undefined) {
      throw new AppError('VALIDATION', `unknown service '${input.service}' (configured: ${Object.keys(services).join(', ')})`, {
        issues: [{ path: 'service', message: 'not a configured service' }],
      });
    }
    const now = this.clock.now();
    const declared = decideDeclare(input, this.context(now));
    const result: CommandResult = await this.store.write(async (tx) => {
      const { state, recorded } = await this.#declareIn(tx, declared, actor, now);
      return { view: this.view(state, now), recorded };
    });
    if (this.#followers.length === 0) return result;
    for (const f of this.#followers) await f.onDeclared?.(result.view.incident, now);
    return this.#withLaterEvents(result);
  }

  /**
   * Declares inside a write transaction the caller holds (alert ingest declares and links in one
   * transaction). Service names are not checked against the configured list: alerts name services
   * the configuration may not know, and refusing them would lose the alert.
   */
  async declareIn(tx: StoreWriteTx, input: DeclareInput, actor: Actor, now: EpochMs): Promise<IncidentState> {
    return (await this.#declareIn(tx, decideDeclare(input, this.context(now)), actor, now)).state;
  }

  async #declareIn(tx: StoreWriteTx, declared: IncidentEventData, actor: Actor, now: EpochMs): Promise<{ state: IncidentState; recorded: StoredEvent[] }> {
    // Security incidents are numbered apart (SEC-…), so the INC numbers show no gaps for hidden incidents.
    const prefix = declared.kind === 'declared' ? incidentIdPrefix(declared.incidentType) : 'INC';
    const day = incidentDayKey(now);
    const id = formatIncidentId(day, await tx.nextIncidentNumber(incidentCounterKey(prefix, day)), prefix);
    const event: IncidentEvent = { incidentId: id, version: 1, at: now, actor: actor.name, data: declared };
    return this.#appendWithEffects(tx, undefined, [event], now);
  }

  /**
   * Records what `decide` chooses for an incident inside a write transaction the caller holds;
   * returns the state afterwards (unchanged when `decide` chose nothing).
   */
  async recordIn(tx: StoreWriteTx, id: string, actor: Actor, now: EpochMs, decide: (state: IncidentState, ctx: DecisionContext) => IncidentEventData[]): Promise<IncidentState> {
    return (await this.#recordIn(tx, id, actor, now, decide)).state;
  }

  async #recordIn(tx: StoreWriteTx, id: string, actor: Actor, now: EpochMs, decide: (state: IncidentState, ctx: DecisionContext) => IncidentEventData[]): Promise<{ state: IncidentState; recorded: StoredEvent[] }> {
    const current = await tx.findIncident(id);
    if (current === undefined) throw notFound(id);
    const data = decide(current, this.context(now));
    if (data.length === 0) return { state: current, recorded: [] };
    const events = data.map((d, i): IncidentEvent => ({ incidentId: id, version: current.version + i + 1, at: now, actor: actor.name, data: d }));
    return this.#appendWithEffects(tx, current, events, now);
  }

  /** Loads the incident in a write transaction, lets `decide` choose events, and records them. */
  private async command(id: string, actor: Actor, decide: (state: IncidentState, ctx: DecisionContext) => IncidentEventData[]): Promise<CommandResult> {
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      const { state, recorded } = await this.#recordIn(tx, id, actor, now, decide);
      return { view: this.view(state, now), recorded };
    });
  }

  acknowledge(id: string, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideAcknowledge(s));
  }

  mitigate(id: string, note: string | undefined, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideMitigate(s, note));
  }

  postStatusUpdate(id: string, status: PublicStatus, message: string, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s, ctx) => decideStatusUpdate(s, status, message, ctx));
  }

  assignRole(id: string, role: IncidentRole, person: string, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideAssignRole(s, role, person));
  }

  readonly #followers: IncidentFollower[] = [];

  /** Runs `follower` after each committed declaration and ticked step, in the order added. */
  follow(follower: IncidentFollower): void {
    this.#followers.push(follower);
  }

  /** Ticks or unticks a step; a step ticked done runs its action, whose outcome is in `recorded` too. */
  async setStep(id: string, step: string, done: boolean, actor: Actor): Promise<CommandResult> {
    const result = await this.command(id, actor, (s) => decideStep(s, step, done));
    const ticked = result.recorded.find((e) => e.data.kind === 'step-completed');
    if (this.#followers.length === 0 || ticked === undefined || ticked.data.kind !== 'step-completed') return result;
    for (const f of this.#followers) await f.onStepDone?.(result.view.incident, ticked.data.stepKey, actor, this.clock.now());
    return this.#withLaterEvents(result);
  }

  /** The result with what was recorded on the incident after it (a step action's outcome) and the view as of now. */
  async #withLaterEvents(result: CommandResult): Promise<CommandResult> {
    const version = result.view.incident.version;
    const later = (await this.store.readIncidentEvents(result.view.incident.id)).filter((e) => e.version > version);
    if (later.length === 0) return result;
    const incident = await this.store.findIncident(result.view.incident.id);
    return { view: incident === undefined ? result.view : this.view(incident, this.clock.now()), recorded: [...result.recorded, ...later] };
  }

  changeSeverity(id: string, to: Severity, reason: string | undefined, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s, ctx) => decideSeverityChange(s, to, reason, ctx));
  }

  changeType(id: string, to: IncidentType, reason: string | undefined, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s, ctx) => decideTypeChange(s, to, reason, ctx));
  }

  resolve(id: string, summary: string, actor: Actor, reason: ResolutionReason = 'fixed'): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideResolve(s, summary, reason));
  }

  reopen(id: string, reason: string | undefined, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s, ctx) => decideReopen(s, reason, ctx));
  }

  close(id: string, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideClose(s, (this.config.reviews ?? DEFAULT_REVIEW_POLICY).requiredFor));
  }

  /** The configured impact figures for a service (`impact:`), where an assessment is silent. */
  impactDefaults(service: string | undefined): ImpactDefaults {
    return impactDefaultsFor(this.config.impact, service);
  }

  assessImpact(id: string, input: ImpactInput, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideImpactAssessment(s, input, this.impactDefaults(s.service)));
  }

  /** A customer's survey answer (from a signed survey link; the respondent is a stable hash of who was asked). */
  rateSatisfaction(id: string, score: number, respondent: string): Promise<CommandResult> {
    return this.command(id, { name: 'customer survey' }, (s) => decideSatisfaction(s, score, respondent));
  }

  addNote(id: string, text: string, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideNote(s, text));
  }

  /** Puts an automated or requested action's progress on the timeline (any incident state). */
  recordAction(id: string, record: ActionRecord, actor: Actor): Promise<CommandResult> {
    return this.command(id, actor, (s) => decideRecordAction(s, record));
  }

  /** The incident as of now; `isVisible` refuses it as NOT_FOUND (the caller's visibility rule), from the same read. */
  async get(id: string, isVisible: (incident: IncidentState) => boolean = () => true): Promise<IncidentView> {
    const incident = await this.store.findIncident(id);
    if (incident === undefined || !isVisible(incident)) throw notFound(id);
    return this.view(incident, this.clock.now());
  }

  /** The incidents a list shows, with their SLA clocks as of now; read from the list columns only. */
  async list(filter: IncidentFilter): Promise<IncidentListView[]> {
    const now = this.clock.now();
    const rows = await this.store.listIncidentRows(filter);
    return rows.map((row) => ({
      row,
      clocks: computeSlaClocks({ ...row, lastUpdate: row.lastUpdateAt === undefined ? undefined : { at: row.lastUpdateAt } }, now),
      asOf: now,
    }));
  }

  async timeline(id: string): Promise<StoredEvent[]> {
    const events = await this.store.readIncidentEvents(id);
    if (events.length === 0) throw notFound(id);
    return events;
  }
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No incident ${id}. List incidents with "incident-response list".`);
}

