import type { AccessRole } from '../../domain/access/index.js';
import type { ApiTokenRecord, TokenScope } from '../ports/index.js';

/** A token as listed: never the secret, never its hash; instants as ISO-8601, absent as null. */
export interface ApiTokenDto {
  id: string;
  name: string;
  role: AccessRole;
  teams: string[];
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  scopes: TokenScope[];
}

const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export function toApiTokenDto(r: ApiTokenRecord): ApiTokenDto {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    teams: [...r.teams],
    prefix: r.prefix,
    createdAt: new Date(r.createdAt).toISOString(),
    createdBy: r.createdBy,
    revokedAt: isoOrNull(r.revokedAt),
    lastUsedAt: isoOrNull(r.lastUsedAt),
    scopes: [...r.scopes],
  };
}
