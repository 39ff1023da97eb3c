import { jsonAnswer, retryAfter } from '../http-answer.js';
import type { IngestRejected, IngestSource } from '../ingest-source.js';
import { PAGERDUTY_LIMITS } from './pagerduty-events-schema.js';
import { PAGERDUTY_EVENTS, parsePagerDutyEvent } from './pagerduty-events-parser.js';

/** PagerDuty's 400 body: `{status: "invalid event", message: "Event object is invalid", errors: [...]}`. */
export function pagerDutyInvalid(r: IngestRejected): { status: string; message: string; errors: string[] } {
  const message = r.reason === 'too-large' ? 'Event object is too large' : r.reason === 'unauthenticated' ? 'Invalid routing key' : 'Event object is invalid';
  return { status: 'invalid event', message, errors: r.errors.map((e) => e.message) };
}

/**
 * 202 `{status: "success", message: "Event processed", dedup_key}` (v1 clients read `incident_key`);
 * invalid events 400 in PagerDuty's shape; 429 with Retry-After under load, which Alertmanager and
 * PagerDuty's SDKs retry with backoff.
 */
export const pagerDutyEventsSource: IngestSource = {
  name: PAGERDUTY_EVENTS,
  title: 'PagerDuty Events API v2 (and v1 create_event) clients, Alertmanager pagerduty_configs',
  routes: [{ method: 'POST', path: '/v2/enqueue' }, { method: 'POST', path: '/generic/2010-04-15/create_event.json' }],
  contentTypes: ['application/json'],
  maxBodyBytes: PAGERDUTY_LIMITS.bodyBytes,
  parse: parsePagerDutyEvent,
  accepted: (o) => jsonAnswer(202, { status: 'success', message: 'Event processed', ...o.echo }),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : 400, pagerDutyInvalid(r)),
  overloaded: (seconds) => jsonAnswer(429, { status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.', errors: ['Too many requests'] }, retryAfter(seconds)),
};
