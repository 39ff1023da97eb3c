import { assertNever } from '../errors/index.js';
import {
  checkSchedule, CONTACT_METHOD_LABEL, findCoverageGaps, findWorkingContactMethod, hasWorkingContactMethod, teamPeople,
  type Person, type Schedule, type Team,
} from '../oncall/index.js';
import { isoUtc, type EpochMs } from '../time/index.js';
import { describeTarget, type EscalationPolicy, type EscalationTarget } from './escalation-policy.js';

export const ESCALATION_PROBLEM_CODES = [
  'coverage-gap',
  'invalid-schedule',
  'no-working-contact',
  'rule-without-method',
  'policy-without-steps',
  'step-without-targets',
  'unknown-target',
  'empty-team-role',
] as const;
export type EscalationProblemCode = (typeof ESCALATION_PROBLEM_CODES)[number];

export interface EscalationProblem {
  readonly code: EscalationProblemCode;
  /** What it concerns: "schedule:primary", "person:alice", "policy:payments step 2". */
  readonly subject: string;
  readonly message: string;
  readonly startAt?: EpochMs;
  readonly endAt?: EpochMs;
}

/**
 * Everything that would make a page go nowhere, checked before it matters: hours in [from, to)
 * with nobody on call, people nobody can reach, policies with no steps, steps that name people,
 * schedules or teams that do not exist (or team roles with nobody in them).
 */
export function lintEscalation(
  people: readonly Person[], teams: readonly Team[], schedules: readonly Schedule[], policies: readonly EscalationPolicy[],
  from: EpochMs, to: EpochMs,
): EscalationProblem[] {
  const problems: EscalationProblem[] = [];
  const personIds = new Set(people.map((p) => p.id));
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const scheduleIds = new Set(schedules.map((s) => s.id));

  for (const schedule of schedules) {
    const subject = `schedule:${schedule.id}`;
    const issues = checkSchedule(schedule);
    for (const issue of issues) problems.push({ code: 'invalid-schedule', subject, message: `${issue.path}: ${issue.message}` });
    if (issues.length > 0) continue;
    for (const gap of findCoverageGaps(schedule, from, to)) {
      const hours = Math.round(((gap.endAt - gap.startAt) / 3_600_000) * 10) / 10;
      problems.push({
        code: 'coverage-gap', subject, startAt: gap.startAt, endAt: gap.endAt,
        message: `nobody is on call for ${schedule.name} from ${isoUtc(gap.startAt)} to ${isoUtc(gap.endAt)} (${hours} h); add a layer or an override`,
      });
    }
    for (const layer of schedule.layers) {
      for (const id of layer.rotation.participantIds) {
        if (!personIds.has(id)) problems.push({ code: 'unknown-target', subject, message: `layer ${layer.id} rotates through unknown person '${id}'` });
      }
    }
  }

  for (const person of people) {
    const subject = `person:${person.id}`;
    if (!hasWorkingContactMethod(person)) {
      problems.push({ code: 'no-working-contact', subject, message: `${person.name} has no verified contact method, so pages to them go nowhere; verify one` });
      continue;
    }
    for (const rule of person.notificationRules) {
      if (!findWorkingContactMethod(person, rule.method)) {
        problems.push({ code: 'rule-without-method', subject, message: `${person.name}'s rule "${CONTACT_METHOD_LABEL[rule.method]} at ${rule.afterMinutes} min" has no verified ${rule.method} method` });
      }
    }
  }

  for (const policy of policies) {
    const subject = `policy:${policy.id}`;
    if (policy.steps.length === 0) {
      problems.push({ code: 'policy-without-steps', subject, message: `escalation policy ${policy.name} has no steps, so nobody is paged` });
      continue;
    }
    policy.steps.forEach((step, i) => {
      const where = `${subject} step ${i + 1}`;
      if (step.targets.length === 0) problems.push({ code: 'step-without-targets', subject: where, message: `step ${i + 1} of ${policy.name} has no targets` });
      for (const target of step.targets) {
        const problem = checkTarget(target, personIds, scheduleIds, teamById);
        if (problem) problems.push({ code: problem.code, subject: where, message: `step ${i + 1} of ${policy.name}: ${problem.message}` });
      }
    });
  }
  return problems;
}

function checkTarget(
  target: EscalationTarget, personIds: Set<string>, scheduleIds: Set<string>, teams: Map<string, Team>,
): { code: EscalationProblemCode; message: string } | undefined {
  switch (target.kind) {
    case 'person':
      return personIds.has(target.personId) ? undefined : { code: 'unknown-target', message: `unknown ${describeTarget(target)}` };
    case 'schedule':
      return scheduleIds.has(target.scheduleId) ? undefined : { code: 'unknown-target', message: `unknown ${describeTarget(target)}` };
    case 'team': {
      const team = teams.get(target.teamId);
      if (!team) return { code: 'unknown-target', message: `unknown ${describeTarget(target)}` };
      return teamPeople(team, target.who).length > 0 ? undefined : { code: 'empty-team-role', message: `${describeTarget(target)} has nobody in it` };
    }
    default:
      return assertNever(target);
  }
}
