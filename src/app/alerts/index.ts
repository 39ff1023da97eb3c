// Alerts into incidents: the ingest use case (one transaction per batch), group commit, integration
// keys and silences.
export { AlertIngest } from './ingest-signals.js';
export { AlertReader } from './alert-reader.js';
export { DEFAULT_ALERT_POLICY, isAutoResolveOn } from './alert-policy.js';
export type { AlertPolicy } from './alert-policy.js';
export { emptyReport, requestWeight } from './ingest-request.js';
export type { IngestReport, IngestRequest } from './ingest-request.js';
export { DEFAULT_BATCHER_TUNING, SignalBatcher } from './signal-batcher.js';
export type { BatcherTuning, SubmitOutcome } from './signal-batcher.js';
export { INTEGRATION_KEY_PREFIX, IntegrationService, toIntegrationDto } from './integration-service.js';
export type { CreateIntegrationInput, CreatedIntegration, IntegrationDto, RoutingRuleInput } from './integration-service.js';
export { SilenceService, toSilenceDto } from './silence-service.js';
export type { CreateSilenceInput, SilenceDto } from './silence-service.js';
