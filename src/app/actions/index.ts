// Trigger actions as typed responses: declare the rule's incident, record requests for paging and
// the status page, collect evidence, and run remediations with dry-run, approval and audit.
export { ACTION_KINDS, ACTION_KIND, ACTION_EFFECTS, ACTION_EFFECT_NOTE, actionEffect, isDeclareAction, isRemediationAction } from './action-kind.js';
export type { ActionKind, ActionEffect, DeclareAction } from './action-kind.js';
export { RuleActions } from './rule-actions.js';
export { RequestedActions, isRequestedAction } from './requested-actions.js';
export { StepActions, stepRunId } from './step-actions.js';
export { AutoTickets } from './auto-tickets.js';
export type { EvidenceSetup } from './collect-evidence.js';
export type { RequestContext, RequestedAction } from './requested-actions.js';
export type { Firing, FiringOutcome } from './rule-actions.js';
export { RemediationRuns, describeCall } from './remediation-runs.js';
export type { RemediationRequest } from './remediation-runs.js';
export { findOpenRuleIncident, ruleActor, ruleIncidentType } from './rule-incident.js';
export { checkRuleActions } from './check-rule-actions.js';
