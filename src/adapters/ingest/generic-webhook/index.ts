// A JSON webhook from anything, mapped to AlertSignals by configured dotted paths, optionally signed
// with Standard Webhooks (webhook-id / webhook-timestamp / webhook-signature).
export { createGenericWebhookSource } from './generic-webhook-source.js';
export { createGenericWebhookParser, GENERIC_WEBHOOK } from './generic-webhook-parser.js';
export type { FindGenericWebhook } from './generic-webhook-parser.js';
export { genericWebhookConfigSchema } from './generic-webhook-schema.js';
export type { GenericWebhookConfig } from './generic-webhook-schema.js';
export { verifyStandardWebhook, signStandardWebhook, decodeWebhookSecret, STANDARD_WEBHOOK_TOLERANCE_SECONDS } from './verify-standard-webhook.js';
export type { StandardWebhookResult } from './verify-standard-webhook.js';
export { readPath } from './read-path.js';
