import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PendingSignIn } from './oidc-client.js';

export const PENDING_COOKIE = 'ir_oidc';
/** How long the browser has to come back from the provider. */
export const PENDING_TTL_MS = 10 * 60_000;

/**
 * The state, nonce and PKCE verifier of a sign-in in flight, in a cookie HMAC-signed with the
 * server's secret and ending after PENDING_TTL_MS: nothing is stored on the server, and a cookie
 * from another server, edited, or too old is refused.
 */
export function sealPending(pending: PendingSignIn, now: number, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify([pending.state, pending.nonce, pending.verifier, now + PENDING_TTL_MS]), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

export function openPending(cookie: string | undefined, now: number, secret: Buffer): PendingSignIn | undefined {
  if (cookie === undefined || cookie.length > 1000) return undefined;
  const [payload, tag, ...rest] = cookie.split('.');
  if (payload === undefined || tag === undefined || rest.length > 0) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return undefined;
  const [state, nonce, verifier, expiresAt] = parsed as unknown[];
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string' || typeof expiresAt !== 'number') return undefined;
  return expiresAt > now ? { state, nonce, verifier } : undefined;
}

function mac(payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`oidc-pending:${payload}`).digest('base64url');
}
