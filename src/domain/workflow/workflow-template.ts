import type { IncidentType } from '../classification/index.js';

export interface WorkflowStep {
  /** Stable id used on the command line and in events: `step INC-… confirm-scope done`. */
  readonly key: string;
  readonly title: string;
  /** An automated action the step runs, in the trigger-rule action syntax. */
  readonly action?: string;
  /** When the action runs: when the step is ticked done (absent), or when its phase starts. */
  readonly runAt?: StepRunAt;
}

export const STEP_RUN_AT = ['tick', 'phase-start'] as const;
export type StepRunAt = (typeof STEP_RUN_AT)[number];

export interface WorkflowPhase {
  readonly key: string;
  readonly title: string;
  /** Bracketed marker shown before each step, as in the product description ([OK], [SCAN] …). */
  readonly marker: string;
  /** Window relative to the start of the workflow, in minutes; `endMin` undefined = "varies". */
  readonly startMin: number;
  readonly endMin?: number;
  readonly steps: readonly WorkflowStep[];
}

export interface WorkflowTemplate {
  readonly type: IncidentType;
  readonly title: string;
  readonly phases: readonly WorkflowPhase[];
}

export type WorkflowSet = Readonly<Record<IncidentType, WorkflowTemplate>>;
