import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/access/index.js';
import { SESSION_COOKIE, SESSION_TTL_MS, SessionKeeper, readCookie, type Session, type SessionRevocations, type SessionSubject } from './web-session.js';

/** The signed-in principal of a request, its session and the session's CSRF token. */
export interface SignedIn {
  readonly principal: Principal;
  readonly session: Session;
  readonly csrf: string;
  /** The SHA-256 of the token that signed in, or a name of the session when another sign-in established it. */
  readonly tokenHash: string;
}

export interface SessionPluginOptions {
  readonly secret: string | undefined;
  readonly now: () => number;
  /** The principal of a live (not revoked) token, by its stored hash. */
  readonly principalForTokenHash: (tokenHash: string) => Promise<Principal | undefined>;
  /** Routes (as registered, e.g. `/app/assets/:name`) that need no session. */
  readonly publicRoutes: ReadonlySet<string>;
  /** Answers a refused form post (no CSRF token, another site): a page saying so. */
  readonly refuseForm: (request: FastifyRequest, reply: FastifyReply, signed: SignedIn) => Promise<FastifyReply>;
  /** Sign-outs shared with the other instances through the store; per process without it. */
  readonly revocations?: SessionRevocations | undefined;
}

/** What the plugin offers the routes, and other sign-in paths (an identity provider's callback). */
export interface WebSessions {
  /** The signed-in principal of a request that passed the preHandler; throws on a public route without a session. */
  signedIn(request: FastifyRequest): SignedIn;
  /** The signed-in principal of a request, or undefined (public routes). */
  findSignedIn(request: FastifyRequest): Promise<SignedIn | undefined>;
  /** The signed-in principal of a Cookie header (the API's event stream), or undefined. */
  fromCookie(cookieHeader: string | undefined): Promise<SignedIn | undefined>;
  /**
   * Starts a session: sets the session cookie on `reply`. Give `{ tokenHash }` for a pasted API
   * token (checked again on every request), or the `Principal` another sign-in established (an
   * OIDC callback: `startSession(reply, { name: email, role, teams })`), trusted until it expires
   * (12 hours). The caller then redirects, e.g. `reply.redirect('/app', 303)`.
   */
  startSession(reply: FastifyReply, subject: SessionSubject | Principal): void;
  /** Ends the request's session (sign-out) and clears the cookie. */
  endSession(request: FastifyRequest, reply: FastifyReply): void;
  /** Whether a form post comes from this app's own pages (Sec-Fetch-Site, else Origin). */
  isSameOrigin(request: FastifyRequest): boolean;
}

/**
 * Sessions and CSRF as one preHandler over the web app's routes: every route but the public ones
 * needs a session (pages redirect to sign-in, live fragments answer 401), and every POST needs the
 * session's CSRF token (`_csrf`, a form field) and a same-origin request. Routes read the result
 * with `signedIn(request)` instead of checking for themselves.
 */
export function sessionPlugin(scope: FastifyInstance, options: SessionPluginOptions): WebSessions {
  const keeper = new SessionKeeper(options.secret, options.revocations);
  const found = new WeakMap<FastifyRequest, SignedIn>();

  async function fromCookie(cookieHeader: string | undefined): Promise<SignedIn | undefined> {
    const session = keeper.open(readCookie(cookieHeader, SESSION_COOKIE), options.now());
    if (session === undefined) return undefined;
    const principal = 'tokenHash' in session ? await options.principalForTokenHash(session.tokenHash) : session.principal;
    if (principal === undefined) return undefined;
    const tokenHash = 'tokenHash' in session ? session.tokenHash : `session:${session.nonce}`;
    return { principal, session, csrf: keeper.csrfToken(session), tokenHash };
  }

  async function findSignedIn(request: FastifyRequest): Promise<SignedIn | undefined> {
    const known = found.get(request);
    if (known !== undefined) return known;
    const signed = await fromCookie(request.headers.cookie);
    if (signed !== undefined) found.set(request, signed);
    return signed;
  }

  scope.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url ?? '';
    if (options.publicRoutes.has(route)) return;
    const signed = await findSignedIn(request);
    if (signed === undefined) {
      if (route.startsWith('/app/fragments/')) {
        return reply.code(401).header('cache-control', 'no-store').type('text/html; charset=utf-8')
          .send('<p class="error">Your session ended. <a href="/app/sign-in">Sign in again</a>.</p>');
      }
      return reply.redirect('/app/sign-in', 303);
    }
    if (request.method === 'POST') {
      const form = (request.body ?? {}) as Record<string, unknown>;
      if (!isSameOrigin(request) || !keeper.isCsrfValid(signed.session, form['_csrf'])) return await options.refuseForm(request, reply, signed);
    }
    return undefined;
  });

  return {
    signedIn(request) {
      const signed = found.get(request);
      if (signed === undefined) throw new Error(`No session on ${request.url}: the route is public or the preHandler did not run.`);
      return signed;
    },
    findSignedIn,
    fromCookie,
    startSession(reply, subject) {
      const { cookie } = keeper.create('tokenHash' in subject || 'principal' in subject ? subject : { principal: subject }, options.now());
      reply.header('set-cookie', cookieHeader(cookie, reply.request.protocol === 'https', SESSION_TTL_MS / 1000));
    },
    endSession(request, reply) {
      const signed = found.get(request);
      if (signed !== undefined) keeper.signOut(signed.session, options.now());
      reply.header('set-cookie', cookieHeader('', request.protocol === 'https', 0));
    },
    isSameOrigin,
  };
}

/**
 * A form post from another site is refused: browsers send Sec-Fetch-Site, and Origin (pages are
 * served with Referrer-Policy same-origin, so it is not "null"). The session's CSRF token is
 * checked as well; this also covers the sign-in form, which has no session yet.
 */
function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

function cookieHeader(value: string, isSecure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isSecure ? '; Secure' : ''}`;
}
