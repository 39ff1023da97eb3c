import type { AccessRole } from '../../domain/access/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** What a token may do over the API: read (GET), ingest (alerts, metric samples, heartbeats), write (everything else). */
export const TOKEN_SCOPES = ['read', 'ingest', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A machine token (`token create`), or the session of a person signed in through OpenID Connect. */
export const TOKEN_KINDS = ['machine', 'session'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

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
  readonly scopes: readonly TokenScope[];
  readonly kind: TokenKind;
  /** When a session token stops working; machine tokens live until revoked. */
  readonly expiresAt: EpochMs | undefined;
}

export interface TokenStore {
  /** Stores a new token; CONFLICT when the name is already used by a live machine token. */
  createToken(record: ApiTokenRecord): Promise<void>;
  findTokenByHash(secretHash: string): Promise<ApiTokenRecord | undefined>;
  /** All machine tokens, newest first, revoked ones included (sessions are not listed). */
  listTokens(): Promise<ApiTokenRecord[]>;
  /** Revokes by id (any kind) or by the name of a live machine token; returns the record, or undefined when none matched. */
  revokeToken(idOrName: string, at: EpochMs): Promise<ApiTokenRecord | undefined>;
  markTokenUsed(id: string, at: EpochMs): Promise<void>;
}
