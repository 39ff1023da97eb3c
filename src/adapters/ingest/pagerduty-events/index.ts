// PagerDuty Events API v2 `POST /v2/enqueue` (plus v1 events, as Alertmanager's service_key sends them) → AlertSignals.
export { pagerDutyEventsSource, pagerDutyInvalid } from './pagerduty-events-source.js';
export { parsePagerDutyEvent, PAGERDUTY_EVENTS } from './pagerduty-events-parser.js';
export { pagerDutyEventSchema, PAGERDUTY_LIMITS, PAGERDUTY_SEVERITIES, PAGERDUTY_ACTIONS } from './pagerduty-events-schema.js';
export type { PagerDutyEvent } from './pagerduty-events-schema.js';
