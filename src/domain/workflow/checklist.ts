import { AppError } from '../errors/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import type { WorkflowTemplate } from './workflow-template.js';

export type StepStatus = 'done' | 'overdue' | 'open';

export interface StepCompletion {
  readonly at: EpochMs;
  readonly by: string;
}

export interface ChecklistStep {
  readonly key: string;
  /** Position as "phase.step", 1-based: "2.3". */
  readonly number: string;
  readonly title: string;
  readonly action: string | undefined;
  readonly status: StepStatus;
  readonly dueAt: EpochMs | undefined;
  readonly completedAt: EpochMs | undefined;
  readonly completedBy: string | undefined;
}

export interface ChecklistPhase {
  readonly key: string;
  readonly title: string;
  readonly marker: string;
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs | undefined;
  /** "0–15 min", "30 min–2 h", "2–24 h", "from 60 min (varies)". */
  readonly window: string;
  readonly steps: readonly ChecklistStep[];
}

export interface Checklist {
  readonly title: string;
  readonly phases: readonly ChecklistPhase[];
  readonly done: number;
  readonly total: number;
  readonly overdue: number;
}

function windowLabel(startMin: number, endMin: number | undefined): string {
  const fmt = (m: number) => (m >= 120 && m % 60 === 0 ? `${m / 60} h` : `${m} min`);
  if (endMin === undefined) return `from ${fmt(startMin)} (varies)`;
  const a = fmt(startMin);
  const b = fmt(endMin);
  const unitA = a.split(' ')[1];
  const unitB = b.split(' ')[1];
  return unitA === unitB || startMin === 0 ? `${a.split(' ')[0]}–${b}` : `${a}–${b}`;
}

/**
 * The workflow laid over real time: each phase gets absolute start and end instants from
 * `startedAt`; a step not done after its phase ends is overdue unless `isActive` is false
 * (a resolved incident has no overdue steps).
 */
export function computeChecklist(
  template: WorkflowTemplate,
  startedAt: EpochMs,
  completed: Readonly<Record<string, StepCompletion>>,
  now: EpochMs,
  isActive: boolean,
): Checklist {
  let done = 0;
  let total = 0;
  let overdue = 0;
  const phases = template.phases.map((phase, pi): ChecklistPhase => {
    const startsAt = epochMs(startedAt + phase.startMin * MINUTE);
    const endsAt = phase.endMin === undefined ? undefined : epochMs(startedAt + phase.endMin * MINUTE);
    const steps = phase.steps.map((step, si): ChecklistStep => {
      const completion = completed[step.key];
      const status: StepStatus = completion ? 'done' : isActive && endsAt !== undefined && now > endsAt ? 'overdue' : 'open';
      total++;
      if (status === 'done') done++;
      if (status === 'overdue') overdue++;
      return {
        key: step.key,
        number: `${pi + 1}.${si + 1}`,
        title: step.title,
        action: step.action,
        status,
        dueAt: endsAt,
        completedAt: completion?.at,
        completedBy: completion?.by,
      };
    });
    return { key: phase.key, title: phase.title, marker: phase.marker, startsAt, endsAt, window: windowLabel(phase.startMin, phase.endMin), steps };
  });
  return { title: template.title, phases, done, total, overdue };
}

/** Finds a step by key ("confirm-scope") or by position ("1.3"). */
export function findStep(template: WorkflowTemplate, ref: string): { phaseKey: string; stepKey: string; title: string } {
  const want = ref.trim().toLowerCase();
  const pos = /^(\d+)\.(\d+)$/.exec(want);
  for (const [pi, phase] of template.phases.entries()) {
    for (const [si, step] of phase.steps.entries()) {
      const matches = pos ? Number(pos[1]) === pi + 1 && Number(pos[2]) === si + 1 : step.key === want;
      if (matches) return { phaseKey: phase.key, stepKey: step.key, title: step.title };
    }
  }
  const keys = template.phases.flatMap((p) => p.steps.map((s) => s.key));
  throw new AppError('VALIDATION', `unknown step '${ref}' in the ${template.type} workflow; use a step key or its number such as 1.2 (${keys.join(', ')})`, {
    issues: [{ path: 'step', message: `unknown step '${ref}'` }],
  });
}
