import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a session cookie carries: which token signed in (its SHA-256, as stored), until when, and a nonce. */
export interface Session {
  readonly tokenHash: string;
  readonly expiresAt: number;
  readonly nonce: string;
}

export const SESSION_COOKIE = 'ir_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

/**
 * Stateless sessions: the cookie is the session, HMAC-SHA256-signed with a server secret, so the
 * server stores nothing and no raw token is ever kept (the cookie names the token by the hash the
 * database already holds). Each request re-reads the token, so revoking it ends its sessions.
 * Signing out remembers the nonce until the session would have expired; with several servers
 * behind one name, sign-out is per server until then, and revoking the token ends it everywhere.
 * The CSRF token of a session is an HMAC of its nonce, checked on every form post.
 */
export class SessionKeeper {
  readonly #secret: Buffer;
  readonly #signedOut = new Map<string, number>();

  constructor(secret: string | undefined) {
    this.#secret = secret !== undefined && secret.length >= 32 ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  create(tokenHash: string, now: number): { cookie: string; session: Session } {
    const session: Session = { tokenHash, expiresAt: now + SESSION_TTL_MS, nonce: randomBytes(16).toString('base64url') };
    const payload = Buffer.from(JSON.stringify([session.tokenHash, session.expiresAt, session.nonce]), 'utf8').toString('base64url');
    return { cookie: `${payload}.${this.#mac(`session:${payload}`)}`, session };
  }

  /** The session a cookie value carries, or undefined when it is forged, expired or signed out. */
  open(cookie: string | undefined, now: number): Session | undefined {
    if (cookie === undefined || cookie.length > 1000) return undefined;
    const [payload, mac, ...rest] = cookie.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) return undefined;
    if (!equal(mac, this.#mac(`session:${payload}`))) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [tokenHash, expiresAt, nonce] = parsed as unknown[];
    if (typeof tokenHash !== 'string' || typeof expiresAt !== 'number' || typeof nonce !== 'string') return undefined;
    if (expiresAt <= now || this.#signedOut.has(nonce)) return undefined;
    return { tokenHash, expiresAt, nonce };
  }

  signOut(session: Session, now: number): void {
    for (const [nonce, until] of this.#signedOut) if (until <= now) this.#signedOut.delete(nonce);
    this.#signedOut.set(session.nonce, session.expiresAt);
  }

  csrfToken(session: Session): string {
    return this.#mac(`csrf:${session.nonce}`);
  }

  isCsrfValid(session: Session, given: string | undefined): boolean {
    return given !== undefined && equal(given, this.csrfToken(session));
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('base64url');
  }
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
