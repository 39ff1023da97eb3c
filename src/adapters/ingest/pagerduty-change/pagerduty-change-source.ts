import { jsonAnswer, retryAfter } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { PAGERDUTY_CHANGE_LIMITS } from './pagerduty-change-schema.js';
import { PAGERDUTY_CHANGE, parsePagerDutyChange } from './pagerduty-change-parser.js';

/** Same answers as the alert endpoint: 202 success, 400 "invalid event", 429 + Retry-After. */
export const pagerDutyChangeSource: IngestSource = {
  name: PAGERDUTY_CHANGE,
  title: 'PagerDuty change events (deploys, config changes)',
  routes: [{ method: 'POST', path: '/v2/change/enqueue' }],
  contentTypes: ['application/json'],
  maxBodyBytes: PAGERDUTY_CHANGE_LIMITS.bodyBytes,
  parse: parsePagerDutyChange,
  accepted: () => jsonAnswer(202, { status: 'success', message: 'Change event processed' }),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : 400, {
    status: 'invalid event', message: r.reason === 'too-large' ? 'Event object is too large' : 'Event object is invalid', errors: r.errors.map((e) => e.message),
  }),
  overloaded: (seconds) => jsonAnswer(429, { status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.', errors: ['Too many requests'] }, retryAfter(seconds)),
};
