import { assertNever } from '../errors/index.js';
import { teamPeople, whoIsOnCall, type Person, type Schedule, type Team, type TeamRole } from '../oncall/index.js';
import type { EpochMs } from '../time/index.js';
import type { EscalationTarget } from './escalation-policy.js';

export interface Recipient {
  readonly person: Person;
  readonly reason: string;
}

/** Who a target reaches at `at`; empty when nobody (a gap, an unknown id, an empty team role). */
export type ResolveTargets = (target: EscalationTarget, at: EpochMs) => readonly Recipient[];

export interface OnCallDirectory {
  readonly people: readonly Person[];
  readonly teams: readonly Team[];
  readonly schedules: readonly Schedule[];
}

const ROLE_WORD: Record<TeamRole, string> = { lead: 'lead', members: 'member', executives: 'executive' };

/** Resolves targets against people, teams and schedules held in memory. */
export function createTargetResolver(directory: OnCallDirectory): ResolveTargets {
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const teams = new Map(directory.teams.map((t) => [t.id, t]));
  const schedules = new Map(directory.schedules.map((s) => [s.id, s]));
  return (target, at) => {
    switch (target.kind) {
      case 'person': {
        const person = people.get(target.personId);
        return person ? [{ person, reason: 'named in the escalation policy' }] : [];
      }
      case 'schedule': {
        const schedule = schedules.get(target.scheduleId);
        const onCall = schedule ? whoIsOnCall(schedule, at) : undefined;
        const person = onCall ? people.get(onCall.personId) : undefined;
        return person && schedule ? [{ person, reason: `on call for ${schedule.name}` }] : [];
      }
      case 'team': {
        const team = teams.get(target.teamId);
        if (!team) return [];
        return teamPeople(team, target.who).flatMap((id) => {
          const person = people.get(id);
          return person ? [{ person, reason: `${ROLE_WORD[target.who]} of ${team.name}` }] : [];
        });
      }
      default:
        return assertNever(target);
    }
  };
}
