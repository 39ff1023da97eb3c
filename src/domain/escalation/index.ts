// Escalation: policies frozen onto an incident, the pure planner that decides who to notify now
// (fenced by generation, idempotent message keys), a preview for the CLI, and a lint for gaps.
export { ESCALATION_TARGET_KINDS, describeTarget } from './escalation-policy.js';
export type { EscalationPolicy, EscalationStep, EscalationTarget, EscalationTargetKind } from './escalation-policy.js';
export { freezeEscalationPolicy } from './escalation-snapshot.js';
export type { EscalationSnapshot, FreezeContext } from './escalation-snapshot.js';
export { DONE_REASONS, isStale, messageIdempotencyKey } from './escalation-decision.js';
export type { DoneReason, EscalationDecision, EscalationState, PlannedMessage, UnreachablePerson } from './escalation-decision.js';
export { planEscalationSlots } from './escalation-slots.js';
export type { EscalationSlot } from './escalation-slots.js';
export { planEscalation } from './plan-escalation.js';
export { createTargetResolver } from './resolve-targets.js';
export type { OnCallDirectory, Recipient, ResolveTargets } from './resolve-targets.js';
export { previewEscalation, formatOffset } from './preview-escalation.js';
export type { EscalationPreview, EscalationPreviewRow } from './preview-escalation.js';
export { ESCALATION_PROBLEM_CODES, lintEscalation } from './lint-escalation.js';
export type { EscalationProblem, EscalationProblemCode } from './lint-escalation.js';
