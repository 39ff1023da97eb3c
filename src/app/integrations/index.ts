// Incident changes carried to outside systems by following the event log: a hosted status page,
// dashboard annotations and ITSM closure sync, each target idempotent on its own side.
export { IntegrationRelay, INTEGRATIONS_ACTOR } from './integration-relay.js';
export type { IntegrationRelayDeps, RelayPass } from './integration-relay.js';
export { ANNOTATION_MOMENTS } from './integration-sinks.js';
export type { AnnotationMoment, AnnotationSink, IncidentMoment, PublicIncidentSink, SyncOutcome, TicketCloser } from './integration-sinks.js';
