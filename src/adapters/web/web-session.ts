import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ACCESS_ROLES, type AccessRole, type Principal } from '../../domain/access/index.js';

/**
 * Who a session stands for: an API token pasted at sign-in (named by its SHA-256, as stored, and
 * read again on every request so revoking the token ends the session), or a principal established
 * by another sign-in (an identity provider), trusted until the session expires.
 */
export type SessionSubject = { readonly tokenHash: string } | { readonly principal: Principal };

/** What a session cookie carries: its subject, until when, and a nonce (sign-out and CSRF). */
export type Session = SessionSubject & { readonly expiresAt: number; readonly nonce: string };

/**
 * Where sign-outs are kept beyond this process (the store, shared by every instance), so one holds
 * on the other instances and after a restart. `isSessionRevoked` answers from memory.
 */
export interface SessionRevocations {
  revokeSession(id: string, until: number): Promise<void>;
  isSessionRevoked(id: string): boolean;
}

export const SESSION_COOKIE = 'ir_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

/**
 * Stateless sessions: the cookie is the session, HMAC-SHA256-signed with a server secret, so the
 * server stores nothing and no raw token is ever kept (the cookie names the token by the hash the
 * database already holds). Signing out remembers the nonce until the session would have expired,
 * in the store when `revocations` is given (every instance, and restarts, honour it), else per
 * process; revoking the token ends its sessions everywhere. The CSRF token of a session is an HMAC of its nonce, checked on every form post.
 */
export class SessionKeeper {
  readonly #secret: Buffer;
  readonly #signedOut = new Map<string, number>();

  constructor(secret: string | undefined, private readonly revocations?: SessionRevocations) {
    this.#secret = secret !== undefined && secret.length >= 32 ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  create(subject: SessionSubject, now: number): { cookie: string; session: Session } {
    const nonce = randomBytes(16).toString('base64url');
    const expiresAt = now + SESSION_TTL_MS;
    const session: Session = { ...subject, expiresAt, nonce };
    const who = 'tokenHash' in subject ? ['t', subject.tokenHash] : ['p', [subject.principal.name, subject.principal.role, subject.principal.teams]];
    const payload = Buffer.from(JSON.stringify([...who, expiresAt, nonce]), 'utf8').toString('base64url');
    return { cookie: `${payload}.${this.#mac(`session:${payload}`)}`, session };
  }

  /** The session a cookie value carries, or undefined when it is forged, expired or signed out. */
  open(cookie: string | undefined, now: number): Session | undefined {
    if (cookie === undefined || cookie.length > 2000) return undefined;
    const [payload, mac, ...rest] = cookie.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) return undefined;
    if (!equal(mac, this.#mac(`session:${payload}`))) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(parsed) || parsed.length !== 4) return undefined;
    const [kind, who, expiresAt, nonce] = parsed as unknown[];
    if (typeof expiresAt !== 'number' || typeof nonce !== 'string') return undefined;
    if (expiresAt <= now || this.#signedOut.has(nonce) || this.revocations?.isSessionRevoked(nonce) === true) return undefined;
    if (kind === 't' && typeof who === 'string') return { tokenHash: who, expiresAt, nonce };
    const principal = kind === 'p' ? readPrincipal(who) : undefined;
    return principal === undefined ? undefined : { principal, expiresAt, nonce };
  }

  signOut(session: Session, now: number): void {
    for (const [nonce, until] of this.#signedOut) if (until <= now) this.#signedOut.delete(nonce);
    this.#signedOut.set(session.nonce, session.expiresAt);
    // Kept here at once; stored for the other instances and restarts (a failed write leaves it per server).
    void this.revocations?.revokeSession(session.nonce, session.expiresAt).catch(() => undefined);
  }

  csrfToken(session: Session): string {
    return this.#mac(`csrf:${session.nonce}`);
  }

  isCsrfValid(session: Session, given: unknown): boolean {
    return typeof given === 'string' && equal(given, this.csrfToken(session));
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('base64url');
  }
}

function readPrincipal(value: unknown): Principal | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [name, role, teams] = value as unknown[];
  if (typeof name !== 'string' || !(ACCESS_ROLES as readonly unknown[]).includes(role)) return undefined;
  if (!Array.isArray(teams) || !teams.every((t) => typeof t === 'string')) return undefined;
  return { name, role: role as AccessRole, teams: teams as string[] };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
