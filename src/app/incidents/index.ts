// Incident use cases: declare, work, re-classify, resolve, and read incidents; their DTOs and client API.
export { IncidentService, notFound } from './incident-service.js';
export type { IncidentView, IncidentListView, CommandResult, Actor, IncidentFollower } from './incident-service.js';
export { toIncidentDto, toIncidentSummaryDto, toTimelineEntryDto } from './incident-dto.js';
export type { IncidentDto, IncidentSummaryDto, TimelineEntryDto } from './incident-dto.js';
export { isDeclarationReceipt } from './incident-api.js';
export type { IncidentApi, CommandOutcome, DeclarationReceipt, DeclareOutcome, DeclaredOutcome } from './incident-api.js';
export { describeDeclarationPaging } from './declaration-paging.js';
export type { DeclarationPagingDto } from './declaration-paging.js';
export { LocalIncidentApi } from './local-incident-api.js';
export { readEventFeed } from './read-event-feed.js';
export type { FeedEvent } from './read-event-feed.js';
export { expandActionItemRef, expandIncidentId } from './expand-incident-id.js';
