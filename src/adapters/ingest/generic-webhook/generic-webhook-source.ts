import { jsonAnswer, retryAfter } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { GENERIC_WEBHOOK, GENERIC_WEBHOOK_MAX_BODY_BYTES, createGenericWebhookParser } from './generic-webhook-parser.js';
import type { FindGenericWebhook } from './generic-webhook-parser.js';

/**
 * 202 with how many alerts were taken; 400 invalid, 401 unknown key or bad signature; 429 +
 * Retry-After under load (Standard Webhooks senders retry any non-2xx with backoff).
 */
export function createGenericWebhookSource(find: FindGenericWebhook): IngestSource {
  return {
    name: GENERIC_WEBHOOK,
    title: 'Any JSON webhook, mapped by configuration (Standard Webhooks signatures)',
    routes: [{ method: 'POST', path: '/integrations/webhook/:key' }],
    contentTypes: ['application/json'],
    maxBodyBytes: GENERIC_WEBHOOK_MAX_BODY_BYTES,
    parse: createGenericWebhookParser(find),
    accepted: (o) => jsonAnswer(202, { status: 'accepted', signals: o.signals.length }),
    rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
    overloaded: (seconds) => jsonAnswer(429, { status: 'error', errors: [{ path: '', message: 'overloaded, retry later' }] }, retryAfter(seconds)),
  };
}
