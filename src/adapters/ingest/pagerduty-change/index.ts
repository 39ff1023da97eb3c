// PagerDuty change events `POST /v2/change/enqueue` → ChangeEvents for the timeline (they never page).
export { pagerDutyChangeSource } from './pagerduty-change-source.js';
export { parsePagerDutyChange, PAGERDUTY_CHANGE } from './pagerduty-change-parser.js';
export { pagerDutyChangeSchema, PAGERDUTY_CHANGE_LIMITS } from './pagerduty-change-schema.js';
export type { PagerDutyChange } from './pagerduty-change-schema.js';
