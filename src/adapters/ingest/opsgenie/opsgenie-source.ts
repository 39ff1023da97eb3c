import { jsonAnswer, retryAfter } from '../http-answer.js';
import type { IngestContext, IngestSource } from '../ingest-source.js';
import { OPSGENIE_LIMITS } from './opsgenie-schema.js';
import { OPSGENIE, parseOpsgenie } from './opsgenie-parser.js';

// Opsgenie reports `took` in seconds; we answer before doing any work, so it is ~0.
const meta = (ctx: IngestContext) => ({ took: 0.001, requestId: ctx.newId() });

/**
 * 202 `{result: "Request will be processed", took, requestId}`; validation errors 422 with
 * `{message, errors, took, requestId}`; 429 + Retry-After under load (Alertmanager retries 429).
 */
export const opsgenieSource: IngestSource = {
  name: OPSGENIE,
  title: 'Opsgenie Alert API clients (create, close, acknowledge, add note), Alertmanager opsgenie_configs',
  // Opsgenie takes every path with a trailing slash too, and its Node SDK (opsgenie-sdk) sends them so.
  routes: [
    { method: 'POST', path: '/v2/alerts' }, { method: 'POST', path: '/v2/alerts/' },
    { method: 'POST', path: '/v2/alerts/:identifier/:action' }, { method: 'POST', path: '/v2/alerts/:identifier/:action/' },
  ],
  contentTypes: ['application/json'],
  maxBodyBytes: OPSGENIE_LIMITS.bodyBytes,
  parse: parseOpsgenie,
  accepted: (_o, ctx) => jsonAnswer(202, { result: 'Request will be processed', ...meta(ctx) }),
  rejected: (r, ctx) => {
    if (r.reason === 'unauthenticated') return jsonAnswer(401, { message: 'Could not authenticate', ...meta(ctx) });
    if (r.reason === 'too-large') return jsonAnswer(413, { message: 'Request body is too large', ...meta(ctx) });
    const errors = Object.fromEntries(r.errors.map((e) => [e.path || 'body', e.message]));
    const message = r.errors.length === 1 ? r.errors[0]!.message : 'Request body is not processable. Please check the errors.';
    return jsonAnswer(422, { message, errors, ...meta(ctx) });
  },
  overloaded: (seconds, ctx) => jsonAnswer(429, { message: 'You are making too many requests! To avoid errors, we recommend you limit requests.', ...meta(ctx) }, retryAfter(seconds)),
};
