import type { IncidentType } from '../classification/index.js';
import { AppError, unknownValueMessage } from '../errors/index.js';

/** Access roles, each including everything of the ones before it. */
export const ACCESS_ROLES = ['viewer', 'responder', 'commander', 'admin'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** What an API route or CLI verb needs. */
export const PERMISSIONS = ['incident:read', 'incident:work', 'incident:command', 'audit:read', 'token:manage', 'config:manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The least role holding each permission. */
export const PERMISSION_ROLE: Record<Permission, AccessRole> = {
  'incident:read': 'viewer',
  'incident:work': 'responder',
  'incident:command': 'commander',
  'audit:read': 'admin',
  'token:manage': 'admin',
  'config:manage': 'admin',
};

/** Incident types restricted to one team (plus admins). */
export const RESTRICTED_TYPES: Partial<Record<IncidentType, string>> = { security: 'security' };

/** Who is calling: a person or an integration, with an access role and teams. */
export interface Principal {
  readonly name: string;
  readonly role: AccessRole;
  readonly teams: readonly string[];
}

export function parseAccessRole(input: string): AccessRole {
  const t = input.trim().toLowerCase();
  if ((ACCESS_ROLES as readonly string[]).includes(t)) return t as AccessRole;
  throw new AppError('VALIDATION', unknownValueMessage('role', input, ACCESS_ROLES), { issues: [{ path: 'role', message: `unknown role '${input}'` }] });
}

export function hasPermission(p: Principal, permission: Permission): boolean {
  return ACCESS_ROLES.indexOf(p.role) >= ACCESS_ROLES.indexOf(PERMISSION_ROLE[permission]);
}

/** Throws FORBIDDEN naming the role that would be needed. */
export function requirePermission(p: Principal, permission: Permission): void {
  if (!hasPermission(p, permission)) {
    throw new AppError('FORBIDDEN', `${p.name} (${p.role}) may not do this: it needs the ${PERMISSION_ROLE[permission]} role.`);
  }
}

/** Whether the principal may know an incident of this type exists at all. */
export function canSeeIncidentType(p: Principal, type: IncidentType): boolean {
  const team = RESTRICTED_TYPES[type];
  return team === undefined || p.role === 'admin' || p.teams.includes(team);
}

/** Whether incidents of this type are kept to one team (numbered apart, private war rooms, left out of public counts). */
export function isRestrictedIncidentType(type: IncidentType): boolean {
  return RESTRICTED_TYPES[type] !== undefined;
}

/** Incident types hidden from this principal (for list filters, counts and streams). */
export function hiddenIncidentTypes(p: Principal): IncidentType[] {
  return (Object.keys(RESTRICTED_TYPES) as IncidentType[]).filter((t) => !canSeeIncidentType(p, t));
}
