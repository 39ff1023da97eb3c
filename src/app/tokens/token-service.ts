import { parseAccessRole, requirePermission, type Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import { MINUTE, SECOND, type EpochMs } from '../../domain/time/index.js';
import type { ApiTokenRecord, AuditTrailStore, Clock, SecretSource, TokenScope, TokenStore } from '../ports/index.js';
import { TOKEN_SCOPES } from '../ports/index.js';
import { parseTokenScopes } from './token-scopes.js';
import { toApiTokenDto, type ApiTokenDto } from './token-dto.js';

/** Every token starts with this, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'irt_';
const SECRET_BYTES = 32;
/** `irt_` + 43 base64url characters (32 bytes, unpadded). */
const TOKEN_SHAPE = /^irt_[A-Za-z0-9_-]{43}$/;
/** Shown in lists: `irt_` and the first 8 characters of the secret. */
const PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
const NAME_SHAPE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
/** lastUsedAt is a hint for finding unused tokens, not an access log: one write a minute is plenty. */
const TOUCH_EVERY_MS = MINUTE;
/** A token used again after this long without use is a new sign-in (audited). */
const SIGN_IN_QUIET_MS = 60 * MINUTE;
/**
 * How long a token read from the store is trusted: the bound within which a revocation made
 * elsewhere (another server, the CLI) is honoured. At most one token read a second per token.
 */
export const TOKEN_CACHE_MS = SECOND;
/** Tokens remembered at once; the oldest read is forgotten first. Unknown tokens are never kept. */
const TOKEN_CACHE_MAX = 10_000;

/** Who a bearer token acts as, what it may do, and the token's SHA-256 (as stored): what revocation is checked against. */
export interface Identified {
  readonly principal: Principal;
  readonly tokenHash: string;
  readonly scopes: readonly TokenScope[];
}

/** A person signed in through a sign-in provider, as their session acts. */
export interface SessionStart {
  readonly principal: Principal;
  /** How long the session lasts. */
  readonly ttlMs: number;
  /** What the audit line records about the sign-in (provider, subject); never a secret. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface CreateTokenInput {
  readonly name: string;
  readonly role: string;
  readonly teams?: readonly string[];
  /** read, ingest, write (a list or `read,ingest`); every scope when absent. */
  readonly scopes?: string | readonly string[];
}

export interface CreatedToken {
  /** The only time the token is shown; only its SHA-256 is stored. */
  readonly token: string;
  readonly record: ApiTokenDto;
}

/**
 * API tokens: create, list, revoke (all need token:manage), and authenticate a bearer token to a
 * Principal. Authentication looks the token up by its hash, so comparing secrets is the
 * database's equality on a digest, which leaks nothing about the secret itself.
 */
export class TokenService {
  /** Token reads by SHA-256, each trusted for TOKEN_CACHE_MS; concurrent requests share one read. */
  readonly #cache = new Map<string, { readonly readAt: EpochMs; readonly record: Promise<ApiTokenRecord | undefined> }>();
  readonly #revocationListeners = new Set<(tokenHash: string) => void>();

  constructor(
    private readonly store: TokenStore,
    private readonly clock: Clock,
    private readonly secrets: SecretSource,
    /** Where token changes and sign-ins are recorded with actor and time (the admin audit trail). */
    private readonly audit?: Pick<AuditTrailStore, 'recordAdminAudit'>,
  ) {}

  async create(input: CreateTokenInput, actor: Principal): Promise<CreatedToken> {
    requirePermission(actor, 'token:manage');
    const name = checkName(input.name, 'name');
    const role = parseAccessRole(input.role);
    const teams = [...new Set((input.teams ?? []).map((t) => checkName(t, 'teams')))];
    const scopes = parseTokenScopes(input.scopes);
    const token = TOKEN_PREFIX + this.secrets.randomBase64Url(SECRET_BYTES);
    const record: ApiTokenRecord = {
      id: `tok_${this.secrets.randomBase64Url(9)}`,
      name,
      role,
      teams,
      secretHash: this.secrets.sha256Hex(token),
      prefix: token.slice(0, PREFIX_LENGTH),
      createdAt: this.clock.now(),
      createdBy: actor.name,
      revokedAt: undefined,
      lastUsedAt: undefined,
      scopes,
      kind: 'machine',
      expiresAt: undefined,
    };
    await this.store.createToken(record);
    await this.audit?.recordAdminAudit({ at: record.createdAt, actor: actor.name, action: 'token.create', subject: record.name, detail: { id: record.id, role, teams, scopes } });
    return { token, record: toApiTokenDto(record) };
  }

  async list(actor: Principal): Promise<ApiTokenDto[]> {
    requirePermission(actor, 'token:manage');
    return (await this.store.listTokens()).map(toApiTokenDto);
  }

  async revoke(idOrName: string, actor: Principal): Promise<ApiTokenDto> {
    requirePermission(actor, 'token:manage');
    const record = await this.store.revokeToken(idOrName.trim(), this.clock.now());
    if (record === undefined) {
      throw new AppError('NOT_FOUND', `No live token with id or name '${idOrName}'. List tokens with "incident-response token list".`);
    }
    this.#cache.delete(record.secretHash);
    for (const listener of this.#revocationListeners) listener(record.secretHash);
    await this.audit?.recordAdminAudit({ at: record.revokedAt ?? this.clock.now(), actor: actor.name, action: 'token.revoke', subject: record.name, detail: { id: record.id } });
    return toApiTokenDto(record);
  }

  /**
   * Starts the session of a person a sign-in provider vouched for: a session token (every scope,
   * ending after `ttlMs`) whose secret is never kept or shown, so it works only through the session
   * cookie that names its hash. Audited as a sign-in. Returns the hash for the cookie.
   */
  async startSession(start: SessionStart): Promise<{ tokenHash: string; expiresAt: EpochMs }> {
    const now = this.clock.now();
    const secretHash = this.secrets.sha256Hex(TOKEN_PREFIX + this.secrets.randomBase64Url(SECRET_BYTES));
    const record: ApiTokenRecord = {
      id: `ses_${this.secrets.randomBase64Url(9)}`,
      name: start.principal.name,
      role: start.principal.role,
      teams: [...start.principal.teams],
      secretHash,
      prefix: 'session',
      createdAt: now,
      createdBy: start.principal.name,
      revokedAt: undefined,
      // Used now: the first request of the session is not another sign-in.
      lastUsedAt: now,
      scopes: [...TOKEN_SCOPES],
      kind: 'session',
      expiresAt: (now + start.ttlMs) as EpochMs,
    };
    await this.store.createToken(record);
    await this.audit?.recordAdminAudit({
      at: now, actor: record.name, action: 'sign-in', subject: record.name,
      detail: { ...start.detail, sessionId: record.id, role: record.role, teams: record.teams },
    });
    return { tokenHash: secretHash, expiresAt: record.expiresAt! };
  }

  /** Calls `listener` with the SHA-256 of each token revoked through this service, right after it is revoked. Returns the unsubscribe function. */
  onRevoked(listener: (tokenHash: string) => void): () => void {
    this.#revocationListeners.add(listener);
    return () => {
      this.#revocationListeners.delete(listener);
    };
  }

  /** The principal a bearer token acts as, or undefined for a malformed, unknown or revoked token. */
  async authenticate(token: string): Promise<Principal | undefined> {
    return (await this.identify(token))?.principal;
  }

  /**
   * Like authenticate, with the token's hash. A token read from the store is trusted for
   * TOKEN_CACHE_MS, so a revocation anywhere takes effect within that; one revoked here, at once.
   */
  async identify(token: string): Promise<Identified | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const tokenHash = this.secrets.sha256Hex(token);
    const record = await this.#live(tokenHash);
    return record === undefined ? undefined : { principal: principalOf(record), tokenHash, scopes: record.scopes };
  }

  /** The principal of a live token by its SHA-256 (as a web session names it), within TOKEN_CACHE_MS. */
  async principalForHash(tokenHash: string): Promise<Principal | undefined> {
    const record = await this.#live(tokenHash);
    return record === undefined ? undefined : principalOf(record);
  }

  /** The token by its hash when it is neither revoked nor (a session) past its end, within TOKEN_CACHE_MS. */
  async #live(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const now = this.clock.now();
    const cached = this.#cache.get(tokenHash);
    const record = cached !== undefined && now >= cached.readAt && now - cached.readAt < TOKEN_CACHE_MS ? await cached.record : await this.#read(tokenHash, now);
    return record !== undefined && isLive(record, now) ? record : undefined;
  }

  /**
   * Of these token hashes, the ones no longer live (revoked or deleted), read from the store now,
   * whatever is cached: open event streams are checked with it.
   */
  async findDead(tokenHashes: Iterable<string>): Promise<Set<string>> {
    const now = this.clock.now();
    const dead = new Set<string>();
    for (const hash of new Set(tokenHashes)) {
      const record = await this.#read(hash, now);
      if (record === undefined || !isLive(record, now)) dead.add(hash);
    }
    return dead;
  }

  /** One store read, remembered for TOKEN_CACHE_MS; touches lastUsedAt and audits a sign-in as the read finds it due. */
  #read(tokenHash: string, now: EpochMs): Promise<ApiTokenRecord | undefined> {
    const record = this.#readAndTouch(tokenHash, now);
    this.#cache.delete(tokenHash);
    if (this.#cache.size >= TOKEN_CACHE_MAX) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(tokenHash, { readAt: now, record });
    const forget = () => {
      if (this.#cache.get(tokenHash)?.record === record) this.#cache.delete(tokenHash);
    };
    record.then((r) => {
      if (r === undefined) forget();
    }, forget);
    return record;
  }

  async #readAndTouch(tokenHash: string, now: EpochMs): Promise<ApiTokenRecord | undefined> {
    const record = await this.store.findTokenByHash(tokenHash);
    if (record === undefined || !isLive(record, now)) return record;
    if (record.lastUsedAt !== undefined && now - record.lastUsedAt < TOUCH_EVERY_MS) return record;
    await this.store.markTokenUsed(record.id, now);
    // A sign-in is the first use of a token after a quiet hour: audited without a write per request.
    if (record.lastUsedAt === undefined || now - record.lastUsedAt >= SIGN_IN_QUIET_MS) {
      await this.audit?.recordAdminAudit({ at: now, actor: record.name, action: 'sign-in', subject: record.name, detail: { tokenId: record.id, role: record.role } });
    }
    return { ...record, lastUsedAt: now };
  }
}

function isLive(record: ApiTokenRecord, now: EpochMs): boolean {
  return record.revokedAt === undefined && (record.expiresAt === undefined || now < record.expiresAt);
}

function principalOf(record: ApiTokenRecord): Principal {
  return { name: record.name, role: record.role, teams: record.teams };
}

function checkName(text: string, path: string): string {
  const t = text.trim();
  if (NAME_SHAPE.test(t)) return t;
  throw new AppError('VALIDATION', `${path}: '${t.slice(0, 64)}' must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit`, {
    issues: [{ path, message: 'invalid name' }],
  });
}
