// Response workflows per incident type and the timed checklist they become on a real incident.
export { DEFAULT_WORKFLOWS } from './default-workflows.js';
export { computeChecklist, findStep } from './checklist.js';
export { checkStepAction } from './check-step-action.js';
export { STEP_RUN_AT } from './workflow-template.js';
export type { StepRunAt, WorkflowTemplate, WorkflowPhase, WorkflowStep, WorkflowSet } from './workflow-template.js';
export type { Checklist, ChecklistPhase, ChecklistStep, StepStatus, StepCompletion } from './checklist.js';
