// Sign-in with an OpenID Connect provider (authorization code + PKCE, openid-client): the start and
// callback routes of the web app, the provider client through the SSRF guard, the signed in-flight cookie.
export { createOidcSignIn } from './oidc-client.js';
export type { OidcSignIn, PendingSignIn, OidcClientOptions } from './oidc-client.js';
export { registerOidcRoutes, OIDC_CALLBACK_PATH, OIDC_START_PATH } from './oidc-routes.js';
export type { OidcRouteDeps } from './oidc-routes.js';
