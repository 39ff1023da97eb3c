// Kibana / Elastic alerting webhook connector payloads (the template in docs/integrations.md) → AlertSignals.
export { elasticSource } from './elastic-source.js';
export { parseElastic, ELASTIC } from './elastic-parser.js';
export { elasticSchema, ELASTIC_RECOVERED } from './elastic-schema.js';
export type { ElasticPayload } from './elastic-schema.js';
