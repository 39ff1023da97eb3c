// Opsgenie Alert API `POST /v2/alerts` and its close / acknowledge / add-note actions → AlertSignals and notes.
export { opsgenieSource } from './opsgenie-source.js';
export { parseOpsgenie, OPSGENIE } from './opsgenie-parser.js';
export { opsgenieCreateSchema, opsgenieActionSchema, OPSGENIE_LIMITS, OPSGENIE_PRIORITIES } from './opsgenie-schema.js';
export type { OpsgenieCreate, OpsgenieAction } from './opsgenie-schema.js';
