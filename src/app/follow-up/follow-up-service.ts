import { canSeeIncidentType, hiddenIncidentTypes, requirePermission, type Permission, type Principal } from '../../domain/access/index.js';
import {
  decideAddActionItem, decideUpdateActionItem, foldActionItems, isActionItemOverdue, parseActionItemRef, planActionItemReminders, planActionItemsFromRca,
  type ActionItem, type ActionItemReminder, type ActionItemInput, type ActionItemPatch, type TicketLink,
} from '../../domain/action-items/index.js';
import { AppError } from '../../domain/errors/index.js';
import {
  TICKET_SYSTEMS, type IncidentEventData, type IncidentState, type TicketSystem,
} from '../../domain/incident/index.js';
import { computeRcaDocument, foldRcaContent } from '../../domain/rca/index.js';
import {
  computeReviewAgenda, computeReviewDueAt, decideReviewDecision, decideReviewDone, decideReviewNote, decideReviewSchedule, foldReview,
  renderReviewInvite, DEFAULT_REVIEW_POLICY, type ReviewAgenda, type ReviewRecord, type ReviewScheduleInput,
} from '../../domain/review/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { ResponseConfig } from '../config/index.js';
import { notFound, type IncidentService } from '../incidents/index.js';
import type { Clock, IncidentStore, StoredEvent, TicketGateway } from '../ports/index.js';

export interface ActionItemFilter {
  readonly isOverdue?: boolean;
  readonly owner?: string;
  readonly incidentId?: string;
  /** Done and cancelled items too (default: open and in progress only). */
  readonly includeClosed?: boolean;
}

export interface ActionItemView extends ActionItem {
  readonly isOverdue: boolean;
}

export interface TicketSyncResult {
  readonly ticket: TicketLink;
  readonly status: string;
  readonly isDone: boolean;
  readonly changed: boolean;
  /** The action item marked done because its ticket is done. */
  readonly closedItem?: string;
  readonly error?: string;
}

const ATTEMPTS = 3;
class StaleRead extends Error {}

/**
 * After the fire is out: post-incident reviews, action items and tickets, all recorded as incident
 * events (so every change is in the audit chain). Reads need incident:read, edits incident:work,
 * finishing a review incident:command; an incident the principal may not see is NOT_FOUND.
 */
export class FollowUpService {
  constructor(
    private readonly store: IncidentStore,
    private readonly incidents: IncidentService,
    private readonly clock: Clock,
    private readonly config: ResponseConfig,
    private readonly tickets?: TicketGateway,
  ) {}

  private get zone(): string {
    return this.config.displayTimeZone;
  }

  // ---- post-incident review

  async agenda(id: string, principal: Principal): Promise<ReviewAgenda> {
    requirePermission(principal, 'incident:read');
    return this.#agenda(await this.#visibleEvents(id, principal));
  }

  /** The .ics invite of the scheduled review (VALIDATION when none is scheduled). */
  async invite(id: string, principal: Principal): Promise<string> {
    const agenda = await this.agenda(id, principal);
    if (agenda.review.scheduled === undefined) {
      throw new AppError('INVALID_TRANSITION', `The review of ${id} is not scheduled yet. Schedule it with "incident-response pir schedule ${id} --at …".`);
    }
    return renderReviewInvite(agenda, { generatedAt: this.clock.now(), zone: this.zone });
  }

  async scheduleReview(id: string, input: ReviewScheduleInput, principal: Principal): Promise<{ changed: boolean; agenda: ReviewAgenda }> {
    return this.#reviewCommand(id, principal, 'incident:work', (state, review, now) => decideReviewSchedule(state, review, input, now));
  }

  async noteReview(id: string, text: string, principal: Principal): Promise<{ changed: boolean; agenda: ReviewAgenda }> {
    return this.#reviewCommand(id, principal, 'incident:work', (state, review) => decideReviewNote(state, review, text));
  }

  async decideReview(id: string, text: string, principal: Principal): Promise<{ changed: boolean; agenda: ReviewAgenda }> {
    return this.#reviewCommand(id, principal, 'incident:work', (state, review) => decideReviewDecision(state, review, text));
  }

  async finishReview(id: string, summary: string | undefined, principal: Principal): Promise<{ changed: boolean; agenda: ReviewAgenda }> {
    return this.#reviewCommand(id, principal, 'incident:command', (state, review) => decideReviewDone(state, review, summary));
  }

  // ---- action items

  async listActionItems(filter: ActionItemFilter, principal: Principal): Promise<ActionItemView[]> {
    requirePermission(principal, 'incident:read');
    const now = this.clock.now();
    const events = filter.incidentId === undefined
      ? await this.store.readEventsOfKinds(['action-item-added', 'action-item-updated', 'ticket-linked', 'ticket-synced'], hiddenIncidentTypes(principal))
      : await this.#visibleEvents(filter.incidentId, principal);
    const owner = filter.owner?.trim().replace(/^@/, '').toLowerCase();
    return foldActionItems(events).items
      .map((i) => ({ ...i, isOverdue: isActionItemOverdue(i, now, this.zone) }))
      .filter((i) => filter.includeClosed === true || filter.isOverdue === true ? true : i.status === 'open' || i.status === 'in-progress')
      .filter((i) => filter.isOverdue !== true || i.isOverdue)
      .filter((i) => owner === undefined || i.owner?.toLowerCase() === owner)
      .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.ref.localeCompare(b.ref));
  }

  async addActionItem(id: string, input: ActionItemInput, principal: Principal): Promise<ActionItem> {
    const events = await this.#record(id, principal, 'incident:work', (evs) => decideAddActionItem(foldActionItems(evs).items, input));
    const items = foldActionItems(events).items;
    return items[items.length - 1]!;
  }

  async updateActionItem(ref: string, patch: ActionItemPatch, principal: Principal): Promise<{ changed: boolean; item: ActionItem }> {
    const { incidentId, itemId } = parseActionItemRef(ref);
    let changed = false;
    const events = await this.#record(incidentId, principal, 'incident:work', (evs) => {
      const data = decideUpdateActionItem(findItem(evs, incidentId, itemId), patch);
      changed = data.length > 0;
      return data;
    });
    return { changed, item: findItem(events, incidentId, itemId) };
  }

  /** The RCA's corrective actions not yet tracked become action items (source `rca`). */
  async importRcaActions(id: string, principal: Principal): Promise<ActionItem[]> {
    const before = new Set((await this.listActionItems({ incidentId: id, includeClosed: true }, principal)).map((i) => i.ref));
    const events = await this.#record(id, principal, 'incident:work', (evs) => planActionItemsFromRca(foldActionItems(evs).items, foldRcaContent(evs).actions));
    return foldActionItems(events).items.filter((i) => !before.has(i.ref));
  }

  /**
   * The overdue reminders due now across every incident (for the paging engine to deliver; keys
   * make delivering twice on the same day a no-op). Acts as `principal`, so visibility applies.
   */
  async dueReminders(principal: Principal): Promise<ActionItemReminder[]> {
    requirePermission(principal, 'incident:read');
    const events = await this.store.readEventsOfKinds(['action-item-added', 'action-item-updated'], hiddenIncidentTypes(principal));
    return planActionItemReminders(foldActionItems(events).items, this.clock.now(), this.zone);
  }

  // ---- tickets

  /** Creates a ticket for the incident (or one of its action items) and links it on the timeline. */
  async createTicket(id: string, system: TicketSystem, itemRef: string | undefined, principal: Principal): Promise<TicketLink> {
    requirePermission(principal, 'incident:work');
    // Visibility first: an incident the caller may not see is "not found" whatever else is wrong.
    const events = await this.#visibleEvents(id, principal);
    const gateway = this.#gateway(system);
    const state = (await this.store.findIncident(id))!;
    const item = itemRef === undefined ? undefined : (() => {
      const ref = parseActionItemRef(itemRef);
      if (ref.incidentId !== id) throw new AppError('VALIDATION', `action item ${itemRef} belongs to ${ref.incidentId}, not ${id}`, { issues: [{ path: 'action', message: 'belongs to another incident' }] });
      return findItem(events, id, ref.itemId);
    })();
    const existing = foldActionItems(events);
    const already = (item === undefined ? existing.incidentTickets : item.tickets).find((t) => t.system === system);
    if (already !== undefined) return already;
    const doc = computeRcaDocument(events);
    const created = await gateway.create(system, {
      incidentId: id,
      severity: state.severity,
      environment: state.environment,
      service: state.service,
      summary: item === undefined ? `${id}: ${state.title}` : `${item.ref}: ${item.title}`,
      description: [
        item === undefined ? `Incident ${id} (${state.severity}, ${state.incidentType}, ${state.environment}${state.service ? `, ${state.service}` : ''}): ${state.title}` : `Action item ${item.ref} [${item.category}] of incident ${id}: ${state.title}`,
        `Impact: ${doc.impact}`,
        ...(doc.rootCause ? [`Root cause: ${doc.rootCause}`] : []),
        ...(item?.owner ? [`Owner: ${item.owner}`] : []),
        ...(item?.dueOn ? [`Due: ${item.dueOn}`] : []),
      ],
      priority: item?.priority ?? state.severity,
      ...(item === undefined ? {} : { actionItemRef: item.ref, ...(item.owner ? { owner: item.owner } : {}), ...(item.dueOn ? { dueOn: item.dueOn } : {}) }),
    });
    const linked: IncidentEventData = {
      kind: 'ticket-linked', system, key: created.key, status: created.status,
      ...(created.externalId === undefined ? {} : { externalId: created.externalId }),
      ...(created.url === undefined ? {} : { url: created.url }), ...(item === undefined ? {} : { itemId: item.itemId }),
    };
    const after = await this.#record(id, principal, 'incident:work', () => [linked]);
    const fold = foldActionItems(after);
    return [...fold.incidentTickets, ...fold.items.flatMap((i) => i.tickets)].find((t) => t.system === system && t.key === created.key)!;
  }

  /**
   * Reads the status of every linked ticket not yet done, records changes, and marks an action
   * item done when its ticket is. A system that fails is reported per ticket; the others go on.
   */
  async syncTickets(principal: Principal): Promise<TicketSyncResult[]> {
    requirePermission(principal, 'incident:work');
    const events = await this.store.readEventsOfKinds(['action-item-added', 'action-item-updated', 'ticket-linked', 'ticket-synced'], hiddenIncidentTypes(principal));
    const fold = foldActionItems(events);
    const open = [...fold.incidentTickets, ...fold.items.flatMap((i) => i.tickets)].filter((t) => !t.isDone);
    const results: TicketSyncResult[] = [];
    for (const ticket of open) {
      const gateway = this.tickets;
      if (gateway === undefined || !gateway.systems.includes(ticket.system)) {
        results.push({ ticket, status: ticket.status, isDone: false, changed: false, error: `${ticket.system} is not configured under tickets:` });
        continue;
      }
      try {
        const now = await gateway.readStatus(ticket.system, { key: ticket.key, ...(ticket.externalId === undefined ? {} : { externalId: ticket.externalId }) });
        const changed = now.status !== ticket.status || now.isDone !== ticket.isDone;
        let closedItem: string | undefined;
        if (changed) {
          await this.#record(ticket.incidentId, principal, 'incident:work', (evs) => {
            const data: IncidentEventData[] = [{ kind: 'ticket-synced', system: ticket.system, key: ticket.key, status: now.status, isDone: now.isDone }];
            if (now.isDone && ticket.itemId !== undefined) {
              const item = findItem(evs, ticket.incidentId, ticket.itemId);
              const update = decideUpdateActionItem(item, { status: 'done', note: `ticket ${ticket.key} is ${now.status}` });
              if (update.length > 0) closedItem = item.ref;
              data.push(...update);
            }
            return data;
          });
        }
        results.push({ ticket, status: now.status, isDone: now.isDone, changed, ...(closedItem ? { closedItem } : {}) });
      } catch (e) {
        results.push({ ticket, status: ticket.status, isDone: false, changed: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return results;
  }

  // ---- internals

  #gateway(system: TicketSystem): TicketGateway {
    if (this.tickets === undefined || !this.tickets.systems.includes(system)) {
      throw new AppError('VALIDATION', `${system} is not configured: add tickets.${system} to the configuration (docs/reviews.md). Configured: ${this.tickets?.systems.join(', ') || 'none'}`, {
        issues: [{ path: 'system', message: `not configured (${TICKET_SYSTEMS.join(', ')})` }],
      });
    }
    return this.tickets;
  }

  #agenda(events: readonly StoredEvent[]): ReviewAgenda {
    const doc = computeRcaDocument(events);
    const policy = this.config.reviews ?? DEFAULT_REVIEW_POLICY;
    const review = foldReview(events);
    const items = foldActionItems(events).items.filter((i) => i.status !== 'cancelled');
    return computeReviewAgenda(doc, review, {
      isRequired: policy.requiredFor.includes(doc.severity),
      dueAt: computeReviewDueAt(doc.severity, doc.resolvedAt, policy, this.config.calendar),
      actionItems: items.map((i) => ({ ref: i.ref, text: `[${i.category}] ${i.title}${i.owner ? ` @${i.owner}` : ''}${i.dueOn ? ` due ${i.dueOn}` : ''} (${i.status}, ${i.priority})` })),
      zone: this.zone,
    });
  }

  async #reviewCommand(
    id: string, principal: Principal, permission: Permission,
    decide: (state: IncidentState, review: ReviewRecord, now: EpochMs) => IncidentEventData[],
  ): Promise<{ changed: boolean; agenda: ReviewAgenda }> {
    let changed = false;
    const events = await this.#record(id, principal, permission, (evs, state, now) => {
      const data = decide(state, foldReview(evs), now);
      changed = data.length > 0;
      return data;
    });
    return { changed, agenda: this.#agenda(events) };
  }

  /**
   * Decides from the incident's events read outside the write transaction, then appends inside it
   * if nobody wrote in between (otherwise decides again). Returns the events afterwards.
   */
  async #record(
    id: string, principal: Principal, permission: Permission,
    decide: (events: readonly StoredEvent[], state: IncidentState, now: EpochMs) => IncidentEventData[],
  ): Promise<StoredEvent[]> {
    requirePermission(principal, permission);
    for (let attempt = 1; ; attempt++) {
      const events = await this.#visibleEvents(id, principal);
      const version = events[events.length - 1]!.version;
      const now = this.clock.now();
      let wrote = false;
      const done = await this.store.write((tx) => this.incidents.recordIn(tx, id, { name: principal.name }, now, (state) => {
        if (state.version !== version) throw new StaleRead();
        const data = decide(events, state, now);
        wrote = data.length > 0;
        return data;
      })).then(() => true).catch((e: unknown) => {
        if (e instanceof StaleRead && attempt < ATTEMPTS) return false;
        if (e instanceof StaleRead) throw new AppError('CONFLICT', `${id} kept changing while this was saved; run the command again.`);
        throw e;
      });
      if (done) return wrote ? this.store.readIncidentEvents(id) : events;
    }
  }

  async #visibleEvents(id: string, principal: Principal): Promise<StoredEvent[]> {
    const events = await this.store.readIncidentEvents(id);
    const state = events.length === 0 ? undefined : await this.store.findIncident(id);
    if (state === undefined || !canSeeIncidentType(principal, state.incidentType)) throw notFound(id);
    return events;
  }
}

function findItem(events: readonly StoredEvent[], incidentId: string, itemId: string): ActionItem {
  const item = foldActionItems(events).items.find((i) => i.incidentId === incidentId && i.itemId === itemId);
  if (item === undefined) {
    throw new AppError('NOT_FOUND', `No action item ${incidentId}-${itemId}. List them with "incident-response actions --all".`);
  }
  return item;
}
