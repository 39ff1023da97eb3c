// Datadog Webhooks integration payloads (default or custom with $ALERT_* variables) → AlertSignals.
export { datadogSource } from './datadog-source.js';
export { parseDatadog, DATADOG } from './datadog-parser.js';
export { datadogSchema, DATADOG_TRANSITIONS } from './datadog-schema.js';
export type { DatadogPayload } from './datadog-schema.js';
