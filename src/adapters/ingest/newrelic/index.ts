// New Relic workflow webhook (default payload template) → AlertSignals keyed by issue id.
export { newRelicSource } from './newrelic-source.js';
export { parseNewRelic, NEWRELIC } from './newrelic-parser.js';
export { newRelicSchema, NEWRELIC_PRIORITIES, NEWRELIC_STATES } from './newrelic-schema.js';
export type { NewRelicPayload } from './newrelic-schema.js';
