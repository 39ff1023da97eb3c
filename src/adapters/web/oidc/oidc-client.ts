import * as oidc from 'openid-client';
import type { OidcConfig } from '../../../app/config/index.js';
import type { Clock } from '../../../app/ports/index.js';
import { AppError } from '../../../domain/errors/index.js';
import { guardedRequest, type AddressGuard } from '../../outbound-net/index.js';

/** What the browser carries between the redirect to the provider and the callback (in a signed cookie). */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  /** The PKCE code verifier; only its S256 challenge goes to the provider. */
  readonly verifier: string;
}

/** The relying-party half of an OpenID Connect sign-in (authorization code + PKCE). */
export interface OidcSignIn {
  /** Where to send the browser, and what to remember until it comes back. */
  start(): Promise<{ readonly url: string; readonly pending: PendingSignIn }>;
  /**
   * The verified ID token's claims for the callback URL the provider sent the browser to: state,
   * issuer, audience, nonce, signature and times are checked (on the injected clock), and the code
   * is exchanged with the PKCE verifier. Throws UNAUTHENTICATED saying what failed.
   */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<Readonly<Record<string, unknown>>>;
}

export interface OidcClientOptions {
  /** Every request to the provider goes through the SSRF guard; the issuer's own origin is trusted as configured. */
  readonly guard: AddressGuard;
  readonly clock: Clock;
  readonly timeoutMs?: number;
}

/**
 * The provider is discovered from its issuer on first use (and again after a failed discovery),
 * so a provider that is down when the server starts does not stop the server.
 */
export function createOidcSignIn(config: OidcConfig, clientSecret: string, options: OidcClientOptions): OidcSignIn {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let discovered: Promise<oidc.ServerMetadata> | undefined;
  const insecure = new URL(config.issuer).protocol === 'http:';

  const throughGuard = async (url: string, init: { method: string; headers: Record<string, string>; body?: unknown }): Promise<Response> => {
    const body = init.body instanceof URLSearchParams ? init.body.toString() : typeof init.body === 'string' ? init.body : undefined;
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const reply = await guardedRequest(
      { method: init.method as 'GET' | 'POST', url, headers, ...(body === undefined ? {} : { body }) },
      { guard: options.guard, timeoutMs, maxRedirects: 0, maxBodyBytes: 1024 * 1024 },
    );
    if ('failure' in reply) throw new AppError('UNAUTHENTICATED', `The sign-in provider could not be reached (${reply.reason}). Try again later, or ask an admin to check auth.oidc.issuer.`);
    const out = new Headers();
    for (const [k, v] of Object.entries(reply.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
    }
    const hasBody = reply.status !== 204 && reply.status !== 304;
    return new Response(hasBody ? reply.body : null, { status: reply.status, headers: out });
  };

  function configuration(server: oidc.ServerMetadata): oidc.Configuration {
    // openid-client judges token times against Date.now(); the skew makes that the injected clock.
    const skewSeconds = Math.round((options.clock.now() - Date.now()) / 1000);
    const c = new oidc.Configuration(server, config.clientId, { client_secret: clientSecret, [oidc.clockSkew]: skewSeconds }, oidc.ClientSecretBasic(clientSecret));
    c[oidc.customFetch] = throughGuard as oidc.CustomFetch;
    if (insecure) oidc.allowInsecureRequests(c);
    return c;
  }

  async function server(): Promise<oidc.ServerMetadata> {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, { client_secret: clientSecret }, oidc.ClientSecretBasic(clientSecret), {
        [oidc.customFetch]: throughGuard as oidc.CustomFetch,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .then((c) => c.serverMetadata());
    try {
      return await discovered;
    } catch (error) {
      discovered = undefined;
      if (error instanceof AppError) throw error;
      throw new AppError('UNAUTHENTICATED', `The sign-in provider's discovery document at ${config.issuer} could not be read: ${describe(error)}. Ask an admin to check auth.oidc.issuer.`, { cause: error });
    }
  }

  return {
    async start() {
      const c = configuration(await server());
      const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: config.redirectUrl,
        scope: config.scopes.join(' '),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },
    async finish(callbackUrl, pending) {
      const c = configuration(await server());
      // The provider sent the browser to the registered redirect URL; behind a proxy the request's
      // own URL may differ in scheme or host, so the parameters are read onto the registered one.
      const current = new URL(config.redirectUrl);
      current.search = callbackUrl.search;
      try {
        const tokens = await oidc.authorizationCodeGrant(c, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
        const claims = tokens.claims();
        if (claims === undefined) throw new AppError('UNAUTHENTICATED', 'The sign-in provider answered without an ID token. Ask an admin to check that auth.oidc.scopes includes openid.');
        // Many providers put e-mail and groups only in the UserInfo answer: read it for the same subject, the ID token's own claims winning.
        const userInfo = c.serverMetadata().userinfo_endpoint === undefined ? {} : await oidc.fetchUserInfo(c, tokens.access_token, claims.sub);
        return { ...userInfo, ...claims };
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('UNAUTHENTICATED', `Sign-in failed: ${describe(error)}. Start again from the sign-in page.`, { cause: error });
      }
    },
  };
}

/** A provider or protocol failure in words, never a token, code or secret. */
function describe(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError) return `the provider refused (${error.error}${error.error_description ? `: ${error.error_description}` : ''})`;
  if (error instanceof oidc.ResponseBodyError) return `the provider refused the code (${error.error}${error.error_description ? `: ${error.error_description}` : ''})`;
  if (error instanceof Error) {
    // openid-client wraps the check that failed ("unexpected JWT exp claim value…") in a general error; the inner one says what.
    const inner = error.cause instanceof Error && error.cause.message !== '' ? error.cause : error;
    const code = (inner as { code?: unknown }).code ?? (error as { code?: unknown }).code;
    return `${inner.message.replace(/\.$/, '')}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  return 'unknown error';
}
