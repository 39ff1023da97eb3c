import { isRestrictedIncidentType, type Principal } from '../../domain/access/index.js';
import type { Severity } from '../../domain/classification/index.js';
import { isActiveStatus, type IncidentState } from '../../domain/incident/index.js';
import type { FollowUpService } from '../follow-up/index.js';
import type { IncidentService } from '../incidents/index.js';
import type { IncidentStore, TicketLinker } from '../ports/index.js';

/** Who opens the issues: it must see every incident it opens one for. */
const AUTOMATION: Principal = { name: 'automation', role: 'admin', teams: [] };
const OPEN = ['triggered', 'acknowledged', 'mitigated'] as const;
export const TICKET_ACTION = 'jira-ticket';
export const LINK_ACTION = 'jira-link';

/**
 * Jira `auto_create`: an incident of a configured severity gets an issue when it is declared
 * (ticket-linked on its timeline, as `ticket create` does), linked back to the incident (a remote
 * link, one per incident). Idempotent: the timeline says what exists, so a retry (every minute, and
 * after a restart) creates and links only what is missing; a failure is recorded once per reason.
 * Closing the issue when the incident resolves is the integration relay's closure sync.
 * Security incidents are never sent: their titles stay with the security team.
 */
export class AutoTickets {
  constructor(
    private readonly deps: {
      readonly followUp: Pick<FollowUpService, 'createTicket'>;
      readonly linker: TicketLinker | undefined;
      readonly incidents: Pick<IncidentService, 'recordAction'>;
      readonly store: Pick<IncidentStore, 'listIncidents' | 'readIncidentEvents'>;
      readonly severities: readonly Severity[];
      /** Where the incident is seen (`paging.app_url`); without it there is nothing to link to. */
      readonly appUrl: string | undefined;
    },
  ) {}

  get isOn(): boolean {
    return this.deps.severities.length > 0;
  }

  async onDeclared(incident: IncidentState): Promise<void> {
    if (this.#wants(incident)) await this.#ensure(incident);
  }

  /** Opens and links what is missing for every open incident of the configured severities; returns how many were touched. */
  async reconcile(): Promise<number> {
    if (!this.isOn) return 0;
    let touched = 0;
    for (const incident of await this.deps.store.listIncidents({ statuses: OPEN, limit: 1000 })) {
      if (this.#wants(incident) && (await this.#ensure(incident))) touched++;
    }
    return touched;
  }

  #wants(incident: IncidentState): boolean {
    return this.deps.severities.includes(incident.severity) && isActiveStatus(incident.status) && !isRestrictedIncidentType(incident.incidentType);
  }

  /** True when something was created, linked or recorded now. */
  async #ensure(incident: IncidentState): Promise<boolean> {
    const events = await this.deps.store.readIncidentEvents(incident.id);
    const lastOf = (action: string) => [...events].reverse().find((e) => e.data.kind === 'action-recorded' && e.data.action === action)?.data;
    const linked = events.find((e) => e.data.kind === 'ticket-linked' && e.data.system === 'jira' && e.data.itemId === undefined)?.data;
    let key = linked?.kind === 'ticket-linked' ? linked.key : undefined;
    if (key === undefined) {
      try {
        key = (await this.deps.followUp.createTicket(incident.id, 'jira', undefined, AUTOMATION)).key;
      } catch (error) {
        return this.#recordFailure(incident.id, TICKET_ACTION, `could not open the Jira issue: ${message(error)}`, lastOf(TICKET_ACTION));
      }
    }
    const link = lastOf(LINK_ACTION);
    if (link?.kind === 'action-recorded' && (link.status === 'done' || link.status === 'skipped')) return linked === undefined;
    if (this.deps.appUrl === undefined || this.deps.linker === undefined || !this.deps.linker.systems.includes('jira')) {
      await this.deps.incidents.recordAction(incident.id, { action: LINK_ACTION, status: 'skipped', detail: `Jira issue ${key} is not linked back: set paging.app_url to the address people open incidents at` }, AUTOMATION);
      return true;
    }
    const url = `${this.deps.appUrl}/app/incidents/${incident.id}`;
    try {
      await this.deps.linker.linkBack('jira', key, { url, title: `${incident.id}: ${incident.title}`, globalId: `incident-response:${incident.id}` });
    } catch (error) {
      return this.#recordFailure(incident.id, LINK_ACTION, `could not link Jira issue ${key} back to ${url}: ${message(error)}`, link);
    }
    await this.deps.incidents.recordAction(incident.id, { action: LINK_ACTION, status: 'done', detail: `Jira issue ${key} links back to ${url}` }, AUTOMATION);
    return true;
  }

  /** Said once while the reason stays the same; tried again at the next pass either way. */
  async #recordFailure(id: string, action: string, detail: string, last: unknown): Promise<boolean> {
    const isSame = typeof last === 'object' && last !== null && (last as { status?: string; detail?: string }).status === 'failed' && (last as { detail?: string }).detail === detail;
    if (!isSame) await this.deps.incidents.recordAction(id, { action, status: 'failed', detail }, AUTOMATION);
    return !isSame;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
