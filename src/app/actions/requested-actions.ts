import type { Severity } from '../../domain/classification/index.js';
import type { DecisionContext, IncidentEventData, IncidentState, PublicImpact } from '../../domain/incident/index.js';
import { decideStatusUpdate } from '../../domain/incident/index.js';
import { decidePublish } from '../../domain/status-page/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { TriggerAction } from '../../domain/triggers/index.js';
import type { StatusPageConfig } from '../config/index.js';
import type { Actor, IncidentService } from '../incidents/index.js';
import type { PagingService, RequestOutcome } from '../paging/index.js';
import type { Clock, IncidentStore, StoreWriteTx } from '../ports/index.js';

/** The actions that act through paging, the war room and the status page. */
export type RequestedAction = Extract<TriggerAction, { name: 'page_oncall_engineer' | 'start_war_room' | 'update_status_page' }>;

export function isRequestedAction(a: TriggerAction): a is RequestedAction {
  return a.name === 'page_oncall_engineer' || a.name === 'start_war_room' || a.name === 'update_status_page';
}

/** What customers are told the impact is when a rule publishes an incident of a severity. */
const PUBLIC_IMPACT_OF: Record<Severity, PublicImpact> = { critical: 'critical', high: 'major', medium: 'minor', low: 'minor' };

/** The effect's events (decided on the incident as it is in the recording transaction) and the outcome to record. */
interface Acted {
  readonly events: (state: IncidentState, ctx: DecisionContext) => IncidentEventData[];
  readonly outcome: RequestOutcome;
}

export interface RequestContext {
  readonly incidentId: string;
  /** The canonical action, as the timeline names it. */
  readonly action: string;
  /** The rule (or workflow step) that asked, for the timeline record. */
  readonly rule?: string;
  readonly actor: Actor;
  /** Names this run on the timeline (a rule's firing), so a retried firing finds it. */
  readonly runId?: string;
  /** Said before the outcome when no rule asked ("step activate-team"). */
  readonly origin?: string;
}

/**
 * Runs page_oncall_engineer(), start_war_room() and update_status_page() for an incident: the effect
 * (escalation and pages, the war-room message, the publication and status update) and the
 * `action-recorded` outcome are written in ONE transaction, so a retried firing finds the record and
 * repeats nothing, and a failed one leaves neither. Messages leave through the outbox after commit.
 */
export class RequestedActions {
  constructor(
    private readonly deps: {
      readonly incidents: Pick<IncidentService, 'recordIn'>;
      readonly store: Pick<IncidentStore, 'write'>;
      readonly paging: Pick<PagingService, 'pageOnRequest' | 'openWarRoomOnRequest'>;
      readonly statusPage: StatusPageConfig | undefined;
      readonly clock: Clock;
    },
  ) {}

  async run(action: RequestedAction, ctx: RequestContext): Promise<RequestOutcome> {
    return this.deps.store.write(async (tx) => {
      const now = this.deps.clock.now();
      const incident = await tx.findIncident(ctx.incidentId);
      if (incident === undefined) return { status: 'failed' as const, detail: `${ctx.incidentId} does not exist` };
      const { events, outcome } = await this.#act(tx, action, incident, now);
      const record: IncidentEventData = {
        kind: 'action-recorded', action: ctx.action, status: outcome.status, detail: ctx.origin !== undefined ? `${ctx.origin}: ${outcome.detail}` : outcome.detail,
        ...(ctx.rule !== undefined ? { rule: ctx.rule } : {}), ...(ctx.runId !== undefined ? { runId: ctx.runId } : {}),
      };
      await this.deps.incidents.recordIn(tx, ctx.incidentId, ctx.actor, now, (state, decision) => [...events(state, decision), record]);
      return outcome;
    });
  }

  async #act(tx: StoreWriteTx, action: RequestedAction, incident: IncidentState, now: EpochMs): Promise<Acted> {
    switch (action.name) {
      case 'page_oncall_engineer': {
        const { events, outcome } = await this.deps.paging.pageOnRequest(tx, incident, action.service, now);
        return { events: () => events, outcome };
      }
      case 'start_war_room':
        return { events: () => [], outcome: await this.deps.paging.openWarRoomOnRequest(tx, incident, now) };
      case 'update_status_page':
        return this.#publish(action, incident);
    }
  }

  /** Publishes with the rule's public title and components, then posts the status when it is a change (or a message is given). */
  #publish(action: Extract<RequestedAction, { name: 'update_status_page' }>, incident: IncidentState): Acted {
    if (action.status === 'resolved') {
      return { events: () => [], outcome: { status: 'failed', detail: "not published: a rule does not post 'resolved'; resolving the incident posts the final update" } };
    }
    const page = this.deps.statusPage;
    if (page === undefined || page.components.length === 0) {
      return { events: () => [], outcome: { status: 'skipped', detail: 'not published: no status page is configured (add a status_page section with its components)' } };
    }
    const known = page.components.map((c) => c.id);
    const named = action.components?.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const componentIds = named ?? (incident.service !== undefined && known.includes(incident.service) ? [incident.service] : []);
    const input = { ...(action.title !== undefined ? { title: action.title } : {}), componentIds, impact: PUBLIC_IMPACT_OF[incident.severity] };
    try {
      const published = decidePublish(incident, input, known);
      const title = action.title ?? incident.title;
      const isChange = action.status !== incident.publicStatus || action.message !== undefined;
      const message = action.message ?? `${title}: ${action.status}.`;
      // Checked now, so a refusal is recorded as the outcome instead of failing the transaction.
      const update = (state: IncidentState, ctx: DecisionContext) => (isChange ? decideStatusUpdate(state, action.status, message, ctx) : []);
      const where = componentIds.length > 0 ? ` (components: ${componentIds.join(', ')})` : '';
      const detail = published.length === 0 && !isChange
        ? `already on the status page as "${title}", ${incident.publicStatus}`
        : `published "${title}"${where} with impact ${input.impact}, status ${action.status}`;
      return { events: (state, ctx) => [...published, ...update(state, ctx)], outcome: { status: 'done', detail } };
    } catch (error) {
      return { events: () => [], outcome: { status: 'failed', detail: `not published: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }
}
