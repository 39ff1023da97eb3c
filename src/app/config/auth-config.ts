import type { AccessRole } from '../../domain/access/index.js';

/** What an identity provider's groups give a person: a role (the highest of their groups wins) and teams. */
export interface OidcGroupGrant {
  readonly role: AccessRole | undefined;
  readonly teams: readonly string[];
}

/** What a signed-in person who is not in `people:` becomes: refused, or a viewer. */
export const UNKNOWN_USER_POLICIES = ['refuse', 'viewer'] as const;
export type UnknownUserPolicy = (typeof UNKNOWN_USER_POLICIES)[number];

/**
 * `auth.oidc`: sign-in with an OpenID Connect provider (authorization code + PKCE). The client
 * secret is named, never written here: an environment variable or a file.
 */
export interface OidcConfig {
  /** The issuer URL; its `/.well-known/openid-configuration` is read at start. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecretEnv: string | undefined;
  readonly clientSecretFile: string | undefined;
  /** Exactly as registered with the provider: `https://ir.example.com/app/auth/oidc/callback`. */
  readonly redirectUrl: string;
  readonly scopes: readonly string[];
  readonly claims: {
    /** The claim whose value is a person id of `people:`. */
    readonly person: string;
    /** The claim holding the e-mail address, matched against people's email contact methods. */
    readonly email: string;
    /** The claim listing the person's groups (an array of names), or undefined when groups are not used. */
    readonly groups: string | undefined;
  };
  /** Group name (as the provider sends it) → role and teams. */
  readonly groups: Readonly<Record<string, OidcGroupGrant>>;
  /** The role of a known person whose groups grant none. */
  readonly defaultRole: AccessRole;
  readonly unknownUsers: UnknownUserPolicy;
  /** The sign-in button's words, e.g. "Sign in with Okta". */
  readonly buttonLabel: string;
}

export interface AuthConfig {
  readonly oidc: OidcConfig | undefined;
}
