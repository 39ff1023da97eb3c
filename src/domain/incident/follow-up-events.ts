import type { EpochMs } from '../time/index.js';
import type { RcaActionCategory } from './rca-action-category.js';

// The events of closing the loop after an incident: the post-incident review, action items, the
// tickets that track them elsewhere, and the link to a past incident with the same cause.

/** Where an action item stands. */
export const ACTION_ITEM_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const ACTION_ITEM_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/** Where an action item came from: typed in, or a corrective action of the RCA. */
export const ACTION_ITEM_SOURCES = ['manual', 'rca'] as const;
export type ActionItemSource = (typeof ACTION_ITEM_SOURCES)[number];

/** The systems a ticket can live in; `webhook` is any ITSM reached by a generic JSON webhook. */
export const TICKET_SYSTEMS = ['jira', 'servicenow', 'remedy', 'cherwell', 'webhook'] as const;
export type TicketSystem = (typeof TICKET_SYSTEMS)[number];

export interface ReviewAttendee {
  readonly name: string;
  readonly email?: string;
}

export type FollowUpEventData =
  /** The post-incident review was (re)scheduled; `sequence` counts reschedules (the invite's SEQUENCE). */
  | {
      readonly kind: 'review-scheduled';
      readonly startsAt: EpochMs;
      readonly durationMinutes: number;
      readonly attendees: readonly ReviewAttendee[];
      readonly sequence: number;
    }
  | { readonly kind: 'review-noted'; readonly text: string }
  | { readonly kind: 'review-decided'; readonly text: string }
  /** The review took place; a SEV-1/2 incident may close from now on. */
  | { readonly kind: 'review-done'; readonly summary?: string }
  /** `itemId` is "A1", "A2", … within the incident; the item's reference is `INC-…-A1`. */
  | {
      readonly kind: 'action-item-added';
      readonly itemId: string;
      readonly title: string;
      readonly category: RcaActionCategory;
      readonly priority: ActionItemPriority;
      readonly owner?: string;
      /** A calendar day, YYYY-MM-DD. */
      readonly dueOn?: string;
      readonly source: ActionItemSource;
    }
  /** Only the fields present change. */
  | {
      readonly kind: 'action-item-updated';
      readonly itemId: string;
      /** The item's title when the event was written (after this change), so the event reads on its own (timeline, reports). */
      readonly itemTitle?: string;
      readonly title?: string;
      readonly category?: RcaActionCategory;
      readonly priority?: ActionItemPriority;
      readonly owner?: string;
      readonly dueOn?: string;
      readonly status?: ActionItemStatus;
      readonly note?: string;
    }
  /** A ticket created for the incident or one of its action items. */
  | {
      readonly kind: 'ticket-linked';
      readonly system: TicketSystem;
      readonly key: string;
      /** The system's own id when it differs from the key (ServiceNow's sys_id). */
      readonly externalId?: string;
      readonly url?: string;
      readonly itemId?: string;
      readonly status: string;
    }
  /** The ticket's status as read back from its system; `isDone` when that status counts as finished. */
  | { readonly kind: 'ticket-synced'; readonly system: TicketSystem; readonly key: string; readonly status: string; readonly isDone: boolean }
  /** A past incident of the same service and alert fingerprint, with an RCA. */
  | {
      readonly kind: 'seen-before';
      readonly pastIncidentId: string;
      readonly service: string;
      readonly fingerprint: string;
      readonly rootCause?: string;
    };

export const FOLLOW_UP_EVENT_KINDS = [
  'review-scheduled', 'review-noted', 'review-decided', 'review-done',
  'action-item-added', 'action-item-updated', 'ticket-linked', 'ticket-synced', 'seen-before',
] as const satisfies readonly FollowUpEventData['kind'][];
