import type { AccessRole } from '../../domain/access/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** An API token as stored: never the token itself, only its SHA-256. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: AccessRole;
  readonly teams: readonly string[];
  /** Hex SHA-256 of the secret. */
  readonly secretHash: string;
  /** The first characters of the token ("irt_ab12"), to recognise it in lists. */
  readonly prefix: string;
  readonly createdAt: EpochMs;
  readonly createdBy: string;
  readonly revokedAt: EpochMs | undefined;
  readonly lastUsedAt: EpochMs | undefined;
}

export interface TokenStore {
  /** Stores a new token; CONFLICT when the name is already used by a live token. */
  createToken(record: ApiTokenRecord): Promise<void>;
  findTokenByHash(secretHash: string): Promise<ApiTokenRecord | undefined>;
  /** All tokens, newest first, revoked ones included. */
  listTokens(): Promise<ApiTokenRecord[]>;
  /** Revokes by id or name; returns the record, or undefined when none matched. */
  revokeToken(idOrName: string, at: EpochMs): Promise<ApiTokenRecord | undefined>;
  markTokenUsed(id: string, at: EpochMs): Promise<void>;
}
