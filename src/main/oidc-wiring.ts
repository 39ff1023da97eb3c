// Wires OpenID Connect sign-in (auth.oidc) to the server: the provider client through the SSRF
// guard, people from the configuration as it is now, session tokens, and the web app's sessions.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { AddressGuard } from '../adapters/outbound-net/index.js';
import { OIDC_START_PATH, createOidcSignIn, registerOidcRoutes } from '../adapters/web/oidc/index.js';
import type { OidcConfig } from '../app/config/index.js';
import { resolveSignIn } from '../app/people/index.js';
import type { App } from './create-app.js';

/** How long a session started by the provider lasts, as a token session does (the web app's 12 hours). */
const OIDC_SESSION_TTL_MS = 12 * 3_600_000;

export interface OidcWebSessions {
  /** Sets the web app's session cookie naming the session token. */
  startSession(reply: FastifyReply, subject: { readonly tokenHash: string }): void;
}

/**
 * Registers /app/auth/oidc/start and /callback when auth.oidc is configured and its client secret
 * can be read; otherwise logs why sign-in with the provider is off (the secret itself never).
 * Returns whether the routes are served, for the sign-in page's button.
 */
export function registerOidcSignIn(server: FastifyInstance, app: App, web: OidcWebSessions, logger: Logger): boolean {
  const oidc = app.config.auth?.oidc;
  if (oidc === undefined) return false;
  const secret = readClientSecret(oidc, app);
  if ('problem' in secret) {
    logger.warn(`Sign-in with the provider is off: ${secret.problem}`);
    return false;
  }
  const signIn = createOidcSignIn(oidc, secret.value, { guard: new AddressGuard([], 'auth.oidc.issuer', [oidc.issuer]), clock: app.clock });
  registerOidcRoutes(server, {
    signIn,
    clock: app.clock,
    secret: app.env['IR_SESSION_SECRET'],
    // The mapping, people and teams as configured now: a reload applies to the next sign-in (the
    // provider and client are fixed at start).
    resolve: (claims) => resolveSignIn(claims, app.config.auth?.oidc ?? oidc, app.config.people, app.config.teams),
    async startSession(reply, principal, detail) {
      const { tokenHash } = await app.tokens.startSession({ principal, ttlMs: OIDC_SESSION_TTL_MS, detail });
      web.startSession(reply, { tokenHash });
    },
    auditRefusal: (who, detail) => app.store.recordAdminAudit({ at: app.clock.now(), actor: who, action: 'sign-in.refused', subject: who, detail: { ...detail } }),
  });
  return true;
}

/** The sign-in page's button when sign-in with the provider is served (configured, and its secret readable). */
export function oidcSignInButton(app: App): { readonly label: string; readonly href: string } | undefined {
  const oidc = app.config.auth?.oidc;
  if (oidc === undefined || 'problem' in readClientSecret(oidc, app)) return undefined;
  return { label: oidc.buttonLabel, href: OIDC_START_PATH };
}

function readClientSecret(oidc: OidcConfig, app: App): { value: string } | { problem: string } {
  if (oidc.clientSecretEnv !== undefined) {
    const value = app.env[oidc.clientSecretEnv]?.trim();
    return value ? { value } : { problem: `the environment variable ${oidc.clientSecretEnv} (auth.oidc.client_secret_env) is not set` };
  }
  const file = resolve(app.configPath === undefined ? process.cwd() : dirname(resolve(app.configPath)), oidc.clientSecretFile ?? '');
  try {
    const value = readFileSync(file, 'utf8').trim();
    return value ? { value } : { problem: `the file ${file} (auth.oidc.client_secret_file) is empty` };
  } catch (error) {
    return { problem: `the file ${file} (auth.oidc.client_secret_file) cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
