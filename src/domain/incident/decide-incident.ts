import { resolvePolicyDuration, type BusinessCalendar } from '../calendar/index.js';
import {
  SEVERITY_LABEL, type Environment, type IncidentRole, type IncidentType, type PublicStatus, type Severity,
} from '../classification/index.js';
import { AppError } from '../errors/index.js';
import type { SeverityPolicy } from '../policy/index.js';
import type { EpochMs } from '../time/index.js';
import { findStep, type WorkflowSet } from '../workflow/index.js';
import type { ActionStatus, IncidentEventData, ResolutionReason } from './incident-events.js';
import type { IncidentState, IncidentStatus } from './incident-state.js';

/** What a decision needs besides the incident: the time, and the policies in force. */
export interface DecisionContext {
  readonly now: EpochMs;
  readonly policy: SeverityPolicy;
  readonly calendar: BusinessCalendar;
  readonly workflows: WorkflowSet;
}

export const TITLE_MAX = 2000;
export const MESSAGE_MAX = 10_000;

export interface DeclareInput {
  readonly severity: Severity;
  readonly incidentType: IncidentType;
  readonly environment: Environment;
  readonly title?: string;
  readonly service?: string;
  readonly summary?: string;
  readonly impactStartedAt?: EpochMs;
}

function requireText(field: string, value: string, max: number): string {
  const t = value.trim();
  if (t === '') throw new AppError('VALIDATION', `${field} must not be empty`, { issues: [{ path: field, message: 'must not be empty' }] });
  if (t.length > max) {
    throw new AppError('VALIDATION', `${field} is ${t.length} characters long; the limit is ${max}`, { issues: [{ path: field, message: `longer than ${max} characters` }] });
  }
  return t;
}

/** A title people recognise when none was given: "SEV-1 outage in production (checkout)". */
export function defaultTitle(input: DeclareInput): string {
  const svc = input.service ? ` (${input.service})` : '';
  return `${SEVERITY_LABEL[input.severity].label} ${input.incidentType} in ${input.environment}${svc}`;
}

export function decideDeclare(input: DeclareInput, ctx: DecisionContext): IncidentEventData {
  const rule = ctx.policy[input.severity];
  const title = requireText('title', input.title ?? defaultTitle(input), TITLE_MAX);
  if (input.service !== undefined && !/^[a-z0-9][a-z0-9._-]{0,99}$/i.test(input.service)) {
    throw new AppError('VALIDATION', `service '${input.service}' must be 1–100 letters, digits, '.', '_' or '-'`, { issues: [{ path: 'service', message: 'invalid service name' }] });
  }
  if (input.impactStartedAt !== undefined && input.impactStartedAt > ctx.now) {
    throw new AppError('VALIDATION', 'impact start lies in the future', { issues: [{ path: 'impactStartedAt', message: 'must not be in the future' }] });
  }
  return {
    kind: 'declared',
    title,
    severity: input.severity,
    incidentType: input.incidentType,
    environment: input.environment,
    ...(input.service === undefined ? {} : { service: input.service }),
    ...(input.summary === undefined ? {} : { summary: requireText('summary', input.summary, MESSAGE_MAX) }),
    ...(input.impactStartedAt === undefined ? {} : { impactStartedAt: input.impactStartedAt }),
    responseDueAt: resolvePolicyDuration(ctx.now, rule.respondWithin, ctx.calendar),
    nextUpdateDueAt: resolvePolicyDuration(ctx.now, rule.updateEvery, ctx.calendar),
    workflow: ctx.workflows[input.incidentType],
  };
}

const reopenHint = (id: string) => `Reopen it with "incident-response reopen ${id}".`;

function notWhen(state: IncidentState, verb: string, statuses: readonly IncidentStatus[]): void {
  if (!statuses.includes(state.status)) return;
  const why = state.status === 'closed' ? 'it is closed' : `it is already ${state.status}`;
  const hint = state.status === 'resolved' || state.status === 'closed' ? ` ${reopenHint(state.id)}` : '';
  throw new AppError('INVALID_TRANSITION', `Cannot ${verb} ${state.id}: ${why}.${hint}`);
}

/** Acknowledging an incident someone already owns changes nothing and is not an error. */
export function decideAcknowledge(state: IncidentState): IncidentEventData[] {
  notWhen(state, 'acknowledge', ['resolved', 'closed']);
  return state.status === 'triggered' ? [{ kind: 'acknowledged' }] : [];
}

export function decideMitigate(state: IncidentState, note: string | undefined): IncidentEventData[] {
  notWhen(state, 'mark as mitigated', ['resolved', 'closed']);
  if (state.status === 'mitigated') return [];
  const events: IncidentEventData[] = [];
  if (state.status === 'triggered') events.push({ kind: 'acknowledged' });
  events.push(note === undefined ? { kind: 'mitigated' } : { kind: 'mitigated', note: requireText('note', note, MESSAGE_MAX) });
  return events;
}

export function decideStatusUpdate(state: IncidentState, status: PublicStatus, message: string, ctx: DecisionContext): IncidentEventData[] {
  notWhen(state, 'post an update to', ['resolved', 'closed']);
  if (status === 'resolved') {
    throw new AppError('INVALID_TRANSITION', `Cannot post status 'resolved' to ${state.id} while it is ${state.status}. Resolve it with "incident-response resolve ${state.id} --summary …", which posts the final update.`);
  }
  const text = requireText('message', message, MESSAGE_MAX);
  return [{ kind: 'status-updated', publicStatus: status, message: text, nextUpdateDueAt: resolvePolicyDuration(ctx.now, ctx.policy[state.severity].updateEvery, ctx.calendar) }];
}

export function decideAssignRole(state: IncidentState, role: IncidentRole, person: string): IncidentEventData[] {
  notWhen(state, 'assign a role on', ['closed']);
  const who = requireText('person', person, 200);
  const previous = state.roles[role];
  if (previous === who) return [];
  return [previous === undefined ? { kind: 'role-assigned', role, person: who } : { kind: 'role-assigned', role, person: who, previous }];
}

export function decideStep(state: IncidentState, stepRef: string, done: boolean): IncidentEventData[] {
  notWhen(state, 'change the checklist of', ['closed']);
  const step = findStep(state.workflow, stepRef);
  const isDone = state.completedSteps[step.stepKey] !== undefined;
  if (done === isDone) return [];
  return done
    ? [{ kind: 'step-completed', stepKey: step.stepKey, phaseKey: step.phaseKey, title: step.title }]
    : [{ kind: 'step-reopened', stepKey: step.stepKey, title: step.title }];
}

/**
 * Re-classifying keeps the history and recomputes the clocks: the response target from when the
 * response clock started (if nobody responded yet), the next update from the last update.
 */
export function decideSeverityChange(state: IncidentState, to: Severity, reason: string | undefined, ctx: DecisionContext): IncidentEventData[] {
  notWhen(state, 'change the severity of', ['closed']);
  if (state.severity === to) return [];
  const rule = ctx.policy[to];
  const responseDueAt = state.acknowledgedAt === undefined
    ? resolvePolicyDuration(state.responseClockStartedAt, rule.respondWithin, ctx.calendar)
    : state.responseDueAt;
  const nextUpdateDueAt = resolvePolicyDuration(state.lastUpdate?.at ?? state.responseClockStartedAt, rule.updateEvery, ctx.calendar);
  return [{ kind: 'severity-changed', from: state.severity, to, ...(reason ? { reason } : {}), responseDueAt, nextUpdateDueAt }];
}

/** A new type brings its own workflow, started now; steps that both workflows share stay done. */
export function decideTypeChange(state: IncidentState, to: IncidentType, reason: string | undefined, ctx: DecisionContext): IncidentEventData[] {
  notWhen(state, 'change the type of', ['closed']);
  if (state.incidentType === to) return [];
  return [{ kind: 'type-changed', from: state.incidentType, to, ...(reason ? { reason } : {}), workflowStartedAt: ctx.now, workflow: ctx.workflows[to] }];
}

export function decideResolve(state: IncidentState, summary: string, reason: ResolutionReason = 'fixed'): IncidentEventData[] {
  notWhen(state, 'resolve', ['resolved', 'closed']);
  return [{ kind: 'resolved', summary: requireText('summary', summary, MESSAGE_MAX), ...(reason === 'fixed' ? {} : { reason }) }];
}

export function decideReopen(state: IncidentState, reason: string | undefined, ctx: DecisionContext): IncidentEventData[] {
  if (state.status !== 'resolved' && state.status !== 'closed') {
    throw new AppError('INVALID_TRANSITION', `Cannot reopen ${state.id}: it is ${state.status}, not resolved.`);
  }
  const rule = ctx.policy[state.severity];
  return [{
    kind: 'reopened',
    ...(reason ? { reason } : {}),
    responseDueAt: resolvePolicyDuration(ctx.now, rule.respondWithin, ctx.calendar),
    nextUpdateDueAt: resolvePolicyDuration(ctx.now, rule.updateEvery, ctx.calendar),
  }];
}

/** `reviewRequiredFor`: severities whose incidents close only after their post-incident review is done. */
export function decideClose(state: IncidentState, reviewRequiredFor: readonly Severity[] = []): IncidentEventData[] {
  if (state.status === 'closed') throw new AppError('INVALID_TRANSITION', `Cannot close ${state.id}: it is already closed.`);
  if (state.status !== 'resolved') {
    throw new AppError('INVALID_TRANSITION', `Cannot close ${state.id}: it is ${state.status}. Resolve it first with "incident-response resolve ${state.id} --summary …".`);
  }
  // An incident declared by mistake has nothing to review.
  if (reviewRequiredFor.includes(state.severity) && state.reviewDoneAt === undefined && state.resolutionReason !== 'declared-by-mistake') {
    const next = state.reviewScheduledAt === undefined
      ? `Schedule it with "incident-response pir schedule ${state.id} --at …", hold it, then run "incident-response pir done ${state.id}".`
      : `Once it has taken place, run "incident-response pir done ${state.id}".`;
    throw new AppError('INVALID_TRANSITION', `Cannot close ${state.id}: a ${SEVERITY_LABEL[state.severity].label} incident closes only after its post-incident review is done. ${next}`);
  }
  return [{ kind: 'closed' }];
}

export function decideNote(_state: IncidentState, text: string): IncidentEventData[] {
  return [{ kind: 'note-added', text: requireText('note', text, MESSAGE_MAX) }];
}

/** An action's progress as it is put on the timeline. */
export interface ActionRecord {
  readonly action: string;
  readonly status: ActionStatus;
  readonly detail?: string;
  readonly rule?: string;
  readonly runId?: string;
  readonly artifact?: { readonly path: string; readonly sha256: string; readonly bytes: number };
}

/** Actions are recorded in any state: a remediation may finish after the incident was resolved. */
export function decideRecordAction(_state: IncidentState, record: ActionRecord): IncidentEventData[] {
  const detail = record.detail === undefined ? undefined : clip(record.detail.trim(), MESSAGE_MAX);
  return [{
    kind: 'action-recorded',
    action: requireText('action', record.action, TITLE_MAX),
    status: record.status,
    ...(detail ? { detail } : {}),
    ...(record.rule === undefined ? {} : { rule: record.rule }),
    ...(record.runId === undefined ? {} : { runId: record.runId }),
    ...(record.artifact === undefined ? {} : { artifact: record.artifact }),
  }];
}

/** Output of commands and HTTP answers can be long; the timeline keeps the start. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
