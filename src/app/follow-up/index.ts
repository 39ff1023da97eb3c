// After the fire is out: post-incident reviews, action items across incidents, tickets in Jira,
// ServiceNow or an ITSM webhook, and linking a new incident to a past one "seen before".
export { FollowUpService } from './follow-up-service.js';
export type { ActionItemFilter, ActionItemView, TicketSyncResult } from './follow-up-service.js';
export { toActionItemDto, toReviewAgendaDto, toTicketDto, toTicketSyncDto } from './follow-up-dto.js';
export type { ActionItemDto, ReviewAgendaDto, TicketDto, TicketSyncDto } from './follow-up-dto.js';
export type { FollowUpClient } from './follow-up-client.js';
