import type { ActionItemInput, ActionItemPatch } from '../../domain/action-items/index.js';
import type { TicketSystem } from '../../domain/incident/index.js';
import type { ReviewScheduleInput } from '../../domain/review/index.js';
import type { ActionItemDto, ReviewAgendaDto, TicketDto, TicketSyncDto } from './follow-up-dto.js';
import type { ActionItemFilter } from './follow-up-service.js';

/**
 * Reviews, action items and tickets acting as one principal, in the API's answers (docs/api.md):
 * what the HTTP routes serve and what the CLI prints, locally and against a server alike.
 */
export interface FollowUpClient {
  readonly displayTimeZone: string;
  agenda(id: string): Promise<ReviewAgendaDto>;
  /** The .ics invite of the scheduled review. */
  invite(id: string): Promise<string>;
  scheduleReview(id: string, input: ReviewScheduleInput): Promise<{ changed: boolean; agenda: ReviewAgendaDto }>;
  noteReview(id: string, text: string): Promise<{ changed: boolean; agenda: ReviewAgendaDto }>;
  decideReview(id: string, text: string): Promise<{ changed: boolean; agenda: ReviewAgendaDto }>;
  finishReview(id: string, summary: string | undefined): Promise<{ changed: boolean; agenda: ReviewAgendaDto }>;
  listActionItems(filter: ActionItemFilter): Promise<ActionItemDto[]>;
  addActionItem(id: string, input: ActionItemInput): Promise<ActionItemDto>;
  updateActionItem(ref: string, patch: ActionItemPatch): Promise<{ changed: boolean; item: ActionItemDto }>;
  importRcaActions(id: string): Promise<ActionItemDto[]>;
  createTicket(id: string, system: TicketSystem, itemRef: string | undefined): Promise<TicketDto>;
  syncTickets(): Promise<TicketSyncDto[]>;
}
