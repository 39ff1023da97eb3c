import type { OidcConfig } from '../config/index.js';
import { ACCESS_ROLES, type AccessRole, type Principal } from '../../domain/access/index.js';
import type { Person, Team } from '../../domain/oncall/index.js';

/** Who a provider's claims sign in as, or why they are refused (said to the person, and audited). */
export type SignInResolution =
  | { readonly isAllowed: true; readonly principal: Principal; readonly personId: string | undefined }
  | { readonly isAllowed: false; readonly reason: string };

/**
 * Maps the claims of a verified ID token to a principal: the person is the one whose id is the
 * `claims.person` claim, else the one with an email contact method equal to the (verified) email
 * claim; their role is the highest their groups grant (else `defaultRole`), their teams those of
 * `teams:` they belong to plus those their groups grant. Someone not in `people:` is refused, or a
 * viewer without teams when `unknown_users: viewer` (a team, the security team above all, is
 * only ever given to a known person).
 */
export function resolveSignIn(claims: Readonly<Record<string, unknown>>, oidc: OidcConfig, people: readonly Person[], teams: readonly Team[]): SignInResolution {
  const person = findPerson(claims, oidc, people);
  const email = verifiedEmail(claims, oidc);
  if (person === undefined) {
    const who = email ?? stringClaim(claims, oidc.claims.person) ?? stringClaim(claims, 'sub') ?? 'unknown';
    if (oidc.unknownUsers === 'viewer') return { isAllowed: true, principal: { name: who, role: 'viewer', teams: [] }, personId: undefined };
    return {
      isAllowed: false,
      reason: `${who} signed in with the provider but is not one of the people configured here (matched by the '${oidc.claims.person}' claim or an email contact method). Ask an admin to add you to people: in incident-response.yaml.`,
    };
  }
  const groups = groupNames(claims, oidc);
  let role: AccessRole | undefined;
  const granted = new Set<string>();
  for (const group of groups) {
    const grant = oidc.groups[group];
    if (grant === undefined) continue;
    if (grant.role !== undefined && (role === undefined || ACCESS_ROLES.indexOf(grant.role) > ACCESS_ROLES.indexOf(role))) role = grant.role;
    for (const t of grant.teams) granted.add(t);
  }
  for (const team of teams) {
    if (team.memberIds.includes(person.id) || team.leadIds.includes(person.id) || team.executiveIds.includes(person.id)) granted.add(team.id);
  }
  return { isAllowed: true, principal: { name: person.id, role: role ?? oidc.defaultRole, teams: [...granted].sort() }, personId: person.id };
}

function findPerson(claims: Readonly<Record<string, unknown>>, oidc: OidcConfig, people: readonly Person[]): Person | undefined {
  const id = stringClaim(claims, oidc.claims.person);
  const byId = id === undefined ? undefined : people.find((p) => p.id === id);
  if (byId !== undefined) return byId;
  const email = verifiedEmail(claims, oidc)?.toLowerCase();
  if (email === undefined) return undefined;
  return people.find((p) => p.contactMethods.some((m) => m.kind === 'email' && m.address.trim().toLowerCase() === email));
}

/** The email claim, unless the provider says it is not verified (`email_verified: false`). */
function verifiedEmail(claims: Readonly<Record<string, unknown>>, oidc: OidcConfig): string | undefined {
  if (claims['email_verified'] === false) return undefined;
  return stringClaim(claims, oidc.claims.email);
}

function groupNames(claims: Readonly<Record<string, unknown>>, oidc: OidcConfig): string[] {
  if (oidc.claims.groups === undefined) return [];
  const value = claims[oidc.claims.groups];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

function stringClaim(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
