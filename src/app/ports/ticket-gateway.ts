import type { Environment, Severity } from '../../domain/classification/index.js';
import type { ActionItemPriority, TicketSystem } from '../../domain/incident/index.js';

/** What a ticket is created from: the incident, and the action item when the ticket tracks one. */
export interface TicketRequest {
  readonly incidentId: string;
  readonly severity: Severity;
  readonly environment: Environment;
  readonly service: string | undefined;
  readonly summary: string;
  /** Paragraphs of the description (rendered as ADF paragraphs for Jira, lines elsewhere). */
  readonly description: readonly string[];
  readonly priority: ActionItemPriority;
  /** "INC-…-A2" when the ticket tracks an action item. */
  readonly actionItemRef?: string;
  readonly owner?: string;
  readonly dueOn?: string;
}

export interface CreatedTicket {
  /** Jira issue key (INC-12), ServiceNow number (INC0010001) or the webhook's id. */
  readonly key: string;
  /** The system's own id when it differs from the key (ServiceNow's sys_id). */
  readonly externalId?: string;
  readonly url?: string;
  readonly status: string;
}

export interface TicketState {
  readonly status: string;
  readonly isDone: boolean;
}

/**
 * Ticket systems reached over HTTP. Failures are UPSTREAM_FAILED (or RATE_LIMITED for 429) AppErrors
 * naming the system, the status and the system's own reason; secrets never appear in them.
 */
export interface TicketGateway {
  /** The systems configured (with their secrets present or not: creating checks). */
  readonly systems: readonly TicketSystem[];
  create(system: TicketSystem, request: TicketRequest): Promise<CreatedTicket>;
  /** The ticket's status now; `externalId` as returned by create. */
  readStatus(system: TicketSystem, ticket: { readonly key: string; readonly externalId?: string }): Promise<TicketState>;
}

/** Links a ticket back to its incident in the ticket system (Jira remote links); linking twice keeps one link. */
export interface TicketLinker {
  readonly systems: readonly TicketSystem[];
  linkBack(system: TicketSystem, key: string, link: { readonly url: string; readonly title: string; readonly globalId: string }): Promise<void>;
}
