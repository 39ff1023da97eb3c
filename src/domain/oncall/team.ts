import { assertNever } from '../errors/index.js';

/** Which part of a team an escalation step or a severity rule reaches. */
export const TEAM_ROLES = ['lead', 'members', 'executives'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly memberIds: readonly string[];
  readonly leadIds: readonly string[];
  /** The leadership group drawn in at T+0 for SEV-1. */
  readonly executiveIds: readonly string[];
}

export function teamPeople(team: Team, role: TeamRole): readonly string[] {
  switch (role) {
    case 'lead': return team.leadIds;
    case 'members': return team.memberIds;
    case 'executives': return team.executiveIds;
    default: return assertNever(role);
  }
}
