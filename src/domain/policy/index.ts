// The severity policy: response targets, escalation and update cadence per severity.
export { DEFAULT_SEVERITY_POLICY, ESCALATION_MODES, ESCALATION_DESCRIPTION } from './severity-policy.js';
export type { SeverityPolicy, SeverityRule, EscalationMode } from './severity-policy.js';
