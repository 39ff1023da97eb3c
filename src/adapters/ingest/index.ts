// Ingest sources: one folder per monitoring tool, each a pure parser from its documented payload to
// AlertSignals plus the HTTP answers its client expects; the registry lists them all for the server.
export { createIngestRegistry } from './ingest-registry.js';
export type { IngestRegistry } from './ingest-registry.js';
export { INGEST_REJECTIONS } from './ingest-source.js';
export type {
  HttpAnswer, IngestAccepted, IngestContext, IngestFollowUp, IngestOutcome, IngestSignature, IngestRejected, IngestRejection, IngestRoute, IngestSource,
} from './ingest-source.js';
export { alertmanagerWebhookSource } from './alertmanager-webhook/index.js';
export { alertmanagerApiSource } from './alertmanager-api/index.js';
export { pagerDutyEventsSource } from './pagerduty-events/index.js';
export { pagerDutyChangeSource } from './pagerduty-change/index.js';
export { opsgenieSource } from './opsgenie/index.js';
export { snsCloudWatchSource, verifySnsSignature, isTrustedSigningCertUrl, snsMessageSchema } from './sns-cloudwatch/index.js';
export type { SnsMessage, SnsSignatureResult } from './sns-cloudwatch/index.js';
export { datadogSource } from './datadog/index.js';
export { newRelicSource } from './newrelic/index.js';
export { splunkSource } from './splunk/index.js';
export { elasticSource } from './elastic/index.js';
export { createGenericWebhookSource, genericWebhookConfigSchema, verifyStandardWebhook, signStandardWebhook } from './generic-webhook/index.js';
export type { FindGenericWebhook, GenericWebhookConfig, StandardWebhookResult } from './generic-webhook/index.js';
export { parseInstant } from './parse-instant.js';
