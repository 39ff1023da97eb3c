import type {
  ActionItemPriority, ActionItemSource, ActionItemStatus, IncidentEvent, RcaActionCategory, TicketSystem,
} from '../incident/index.js';
import type { EpochMs } from '../time/index.js';

export interface TicketLink {
  readonly incidentId: string;
  readonly system: TicketSystem;
  readonly key: string;
  readonly externalId: string | undefined;
  readonly url: string | undefined;
  readonly status: string;
  readonly isDone: boolean;
  /** The action item it tracks; undefined for a ticket of the incident itself. */
  readonly itemId: string | undefined;
  readonly linkedAt: EpochMs;
  readonly syncedAt: EpochMs | undefined;
}

/** One action item now: the fold of its `action-item-*` events, with its tickets. */
export interface ActionItem {
  /** "INC-2026-1128-003-A2": what `actions done` and `actions update` take. */
  readonly ref: string;
  readonly incidentId: string;
  readonly itemId: string;
  readonly title: string;
  readonly category: RcaActionCategory;
  readonly priority: ActionItemPriority;
  readonly owner: string | undefined;
  /** YYYY-MM-DD. */
  readonly dueOn: string | undefined;
  readonly status: ActionItemStatus;
  readonly source: ActionItemSource;
  readonly createdAt: EpochMs;
  readonly createdBy: string;
  readonly updatedAt: EpochMs;
  /** When it became done or cancelled; undefined while open. */
  readonly closedAt: EpochMs | undefined;
  readonly tickets: readonly TicketLink[];
}

export function actionItemRef(incidentId: string, itemId: string): string {
  return `${incidentId}-${itemId}`;
}

export interface FollowUpFold {
  readonly items: readonly ActionItem[];
  /** Tickets of the incident itself (not of an action item). */
  readonly incidentTickets: readonly TicketLink[];
}

/**
 * Folds the action-item and ticket events of one or more incidents (events of each incident in
 * version order). Items come out in the order they were added.
 */
export function foldActionItems(events: readonly IncidentEvent[]): FollowUpFold {
  const items = new Map<string, ActionItem>();
  const tickets = new Map<string, TicketLink>();
  for (const e of events) {
    const d = e.data;
    switch (d.kind) {
      case 'action-item-added': {
        const ref = actionItemRef(e.incidentId, d.itemId);
        items.set(ref, {
          ref, incidentId: e.incidentId, itemId: d.itemId, title: d.title, category: d.category, priority: d.priority,
          owner: d.owner, dueOn: d.dueOn, status: 'open', source: d.source, createdAt: e.at, createdBy: e.actor, updatedAt: e.at,
          closedAt: undefined, tickets: [],
        });
        break;
      }
      case 'action-item-updated': {
        const ref = actionItemRef(e.incidentId, d.itemId);
        const item = items.get(ref);
        if (item === undefined) break;
        const status = d.status ?? item.status;
        const isClosed = status === 'done' || status === 'cancelled';
        items.set(ref, {
          ...item,
          title: d.title ?? item.title,
          category: d.category ?? item.category,
          priority: d.priority ?? item.priority,
          owner: d.owner ?? item.owner,
          dueOn: d.dueOn ?? item.dueOn,
          status,
          updatedAt: e.at,
          closedAt: isClosed ? (item.closedAt ?? e.at) : undefined,
        });
        break;
      }
      case 'ticket-linked':
        tickets.set(`${d.system}:${d.key}`, {
          incidentId: e.incidentId, system: d.system, key: d.key, externalId: d.externalId, url: d.url, status: d.status, isDone: false, itemId: d.itemId, linkedAt: e.at, syncedAt: undefined,
        });
        break;
      case 'ticket-synced': {
        const t = tickets.get(`${d.system}:${d.key}`);
        if (t !== undefined) tickets.set(`${d.system}:${d.key}`, { ...t, status: d.status, isDone: d.isDone, syncedAt: e.at });
        break;
      }
      default:
        break;
    }
  }
  const withTickets = [...items.values()].map((item) => ({
    ...item,
    tickets: [...tickets.values()].filter((t) => t.itemId === item.itemId && t.incidentId === item.incidentId),
  }));
  const incidentTickets = [...tickets.values()].filter((t) => t.itemId === undefined);
  return { items: withTickets, incidentTickets };
}
