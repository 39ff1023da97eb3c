import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignInResolution } from '../../../app/people/index.js';
import type { Clock } from '../../../app/ports/index.js';
import type { Principal } from '../../../domain/access/index.js';
import { isAppError } from '../../../domain/errors/index.js';
import type { OidcSignIn } from './oidc-client.js';
import { readCookie } from '../web-session.js';
import { PENDING_COOKIE, PENDING_TTL_MS, openPending, sealPending } from './pending-cookie.js';

export const OIDC_START_PATH = '/app/auth/oidc/start';
export const OIDC_CALLBACK_PATH = '/app/auth/oidc/callback';

export interface OidcRouteDeps {
  readonly signIn: OidcSignIn;
  readonly clock: Clock;
  /** Signs the sign-in-in-flight cookie; 32+ characters, shared by every server behind one name (random per process otherwise). */
  readonly secret: string | undefined;
  /** The verified claims as a principal, or why they are refused. */
  readonly resolve: (claims: Readonly<Record<string, unknown>>) => SignInResolution;
  /** Starts the web session of the principal (sets the session cookie on `reply`); `detail` is what the sign-in audit line records. */
  readonly startSession: (reply: FastifyReply, principal: Principal, detail: Readonly<Record<string, unknown>>) => Promise<void>;
  /** Records a refused sign-in of someone the provider vouched for on the admin audit trail. */
  readonly auditRefusal: (who: string, detail: Readonly<Record<string, unknown>>) => Promise<void>;
}

/**
 * `GET /app/auth/oidc/start` sends the browser to the provider (state, nonce and PKCE verifier in a
 * short-lived signed cookie); `GET /app/auth/oidc/callback` checks what comes back, maps the
 * claims to a person and starts a web session. Failures answer a page saying what to do.
 */
export function registerOidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const secret = deps.secret !== undefined && deps.secret.length >= 32 ? Buffer.from(deps.secret, 'utf8') : randomBytes(32);

  app.get(OIDC_START_PATH, async (request, reply) => {
    try {
      const { url, pending } = await deps.signIn.start();
      reply.header('set-cookie', pendingCookie(sealPending(pending, deps.clock.now(), secret), isHttps(request), PENDING_TTL_MS / 1000));
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    } catch (error) {
      return failure(reply, 502, 'Sign-in is unavailable', error);
    }
  });

  app.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    // One use only: whatever happens next, the browser forgets this sign-in.
    reply.header('set-cookie', pendingCookie('', isHttps(request), 0));
    const pending = openPending(readCookie(request.headers.cookie, PENDING_COOKIE), deps.clock.now(), secret);
    if (pending === undefined) {
      return page(reply, 400, 'Sign-in expired', 'This sign-in was not started from this app, or took longer than 10 minutes. Start again from the sign-in page.');
    }
    const query = request.query as Record<string, unknown>;
    if (typeof query['error'] === 'string') {
      const described = typeof query['error_description'] === 'string' ? `: ${query['error_description'].slice(0, 200)}` : '';
      return page(reply, 401, 'Sign-in refused', `The sign-in provider refused (${query['error'].slice(0, 60)}${described}). Start again from the sign-in page, or ask an admin.`);
    }
    let claims: Readonly<Record<string, unknown>>;
    try {
      claims = await deps.signIn.finish(new URL(request.url, 'http://callback.invalid'), pending);
    } catch (error) {
      return failure(reply, 401, 'Sign-in failed', error);
    }
    const resolution = deps.resolve(claims);
    const detail = { via: 'oidc', issuer: claims['iss'], subject: claims['sub'] };
    if (!resolution.isAllowed) {
      await deps.auditRefusal(typeof claims['email'] === 'string' ? claims['email'] : String(claims['sub']), detail);
      return page(reply, 403, 'Not allowed', resolution.reason);
    }
    await deps.startSession(reply, resolution.principal, { ...detail, ...(resolution.personId === undefined ? { unknownUser: true } : {}) });
    // A page of our own that moves on to the dashboard, not a redirect: this request came from the
    // provider's site, and a browser does not send the SameSite=Strict session cookie on a redirect
    // of a navigation another site started; a navigation this page starts is same-site.
    return page(reply, 200, 'Signed in', `Signed in as ${resolution.principal.name}. Opening the dashboard…`, { refreshTo: '/app' });
  });
}

function failure(reply: FastifyReply, status: number, title: string, error: unknown): FastifyReply {
  if (!isAppError(error)) throw error;
  return page(reply, status, title, error.message);
}

function page(reply: FastifyReply, status: number, title: string, message: string, next?: { refreshTo: string }): FastifyReply {
  const refresh = next === undefined ? '' : `<meta http-equiv="refresh" content="0;url=${escape(next.refreshTo)}">`;
  const body = next === undefined
    ? `<div class="error" role="alert">${escape(message)}</div><p><a href="/app/sign-in">Back to sign-in</a></p>`
    : `<p role="status">${escape(message)}</p><p><a href="${escape(next.refreshTo)}">Continue</a></p>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>${escape(title)} · incident-response</title><link rel="stylesheet" href="/app/assets/app.css"></head>`
    + `<body><main class="sign-in"><h1>${escape(title)}</h1>${body}</main></body></html>`;
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(html);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** Lax, not Strict: the provider's redirect back is a top-level navigation from another site, and must carry it. */
function pendingCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return `${PENDING_COOKIE}=${value}; Path=/app/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
