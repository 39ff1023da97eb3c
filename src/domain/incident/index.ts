// Incidents as the fold of their append-only events: ids, events, state, lifecycle decisions, SLA clocks.
export { INCIDENT_ID_PREFIXES, INCIDENT_ID_SOURCE, incidentDayKey, incidentIdPrefix, incidentCounterKey, formatIncidentId, isIncidentId, parseIncidentId } from './incident-id.js';
export type { IncidentIdPrefix } from './incident-id.js';
export { INCIDENT_EVENT_KINDS, ACTION_STATUSES, MESSAGE_DELIVERY_STATUSES, RESOLUTION_REASONS, PUBLIC_IMPACTS, RCA_ACTION_CATEGORIES } from './incident-events.js';
export type { IncidentEvent, IncidentEventData, IncidentEventKind, ActionStatus, MessageDeliveryStatus, ResolutionReason, PublicImpact, RcaActionCategory, RcaCorrectiveAction } from './incident-events.js';
export { INCIDENT_STATUSES, isActiveStatus, applyIncidentEvent, foldIncident } from './incident-state.js';
export type { IncidentState, IncidentStatus, StatusUpdate, Publication, ImpactAssessment } from './incident-state.js';
export { decideImpactAssessment, describeImpact, impactMinutes, decideSatisfaction, satisfactionOf } from './impact.js';
export type { ImpactInput, ImpactDefaults, ImpactSummary } from './impact.js';
export {
  decideDeclare, decideAcknowledge, decideMitigate, decideStatusUpdate, decideAssignRole, decideStep,
  decideSeverityChange, decideTypeChange, decideResolve, decideReopen, decideClose, decideNote, decideRecordAction, defaultTitle,
  TITLE_MAX, MESSAGE_MAX,
} from './decide-incident.js';
export type { DecisionContext, DeclareInput, ActionRecord } from './decide-incident.js';
export { computeSlaClocks, dueSoonAt } from './sla-clocks.js';
export type { SlaClock, SlaClockFacts, SlaClocks, ClockState } from './sla-clocks.js';
export { describeIncidentEvent } from './describe-event.js';
export { ACTION_ITEM_STATUSES, ACTION_ITEM_PRIORITIES, ACTION_ITEM_SOURCES, TICKET_SYSTEMS, FOLLOW_UP_EVENT_KINDS } from './follow-up-events.js';
export type { ActionItemStatus, ActionItemPriority, ActionItemSource, TicketSystem, ReviewAttendee, FollowUpEventData } from './follow-up-events.js';
