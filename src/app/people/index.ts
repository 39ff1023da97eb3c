// People as they sign in: an identity provider's claims mapped to a configured person, role and teams.
export { resolveSignIn } from './resolve-sign-in.js';
export type { SignInResolution } from './resolve-sign-in.js';
