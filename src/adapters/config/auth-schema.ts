import { z } from 'zod';
import { UNKNOWN_USER_POLICIES, type AuthConfig, type OidcConfig } from '../../app/config/index.js';
import { ACCESS_ROLES } from '../../domain/access/index.js';
import { expectedError } from './config-error-map.js';

const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
const TEAM_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

const text = () => z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');

function httpUrl(example: string) {
  return z
    .string({ error: expectedError(`a URL such as ${example}`) })
    .trim()
    .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), `expected an http(s) URL such as ${example}`)
    .meta({ examples: [example] });
}

const roleSchema = z.enum(ACCESS_ROLES, { error: expectedError(ACCESS_ROLES.join(', ')) });

const groupSchema = z.strictObject({
  role: roleSchema.meta({ description: 'The role members of the group get (the highest of a person\'s groups wins).' }).optional(),
  teams: z.array(text().regex(TEAM_ID_PATTERN, 'a team id: letters, digits, ".", "_" or "-"'), { error: expectedError('a list of team ids such as [security]') })
    .meta({ description: 'Teams members of the group belong to, e.g. [security] for the security team.' }).optional(),
});

const oidcSchema = z.strictObject({
  issuer: httpUrl('https://login.example.com/realms/acme').meta({ description: 'The provider\'s issuer URL; its /.well-known/openid-configuration is read when the server starts.' }),
  client_id: text().meta({ description: 'The client id registered with the provider.' }),
  client_secret_env: z.string({ error: expectedError('the name of an environment variable such as OIDC_CLIENT_SECRET') })
    .regex(ENV_NAME_PATTERN, 'give the name of an environment variable (capital letters, digits and "_", e.g. OIDC_CLIENT_SECRET), not the secret itself')
    .meta({ description: 'Environment variable holding the client secret.', examples: ['OIDC_CLIENT_SECRET'] }).optional(),
  client_secret_file: text().meta({ description: 'File holding the client secret (e.g. a mounted Kubernetes secret); relative to the configuration file.' }).optional(),
  redirect_url: httpUrl('https://ir.example.com/app/auth/oidc/callback')
    .refine((u) => new URL(u).pathname === '/app/auth/oidc/callback', 'the redirect URL ends in /app/auth/oidc/callback, e.g. https://ir.example.com/app/auth/oidc/callback')
    .meta({ description: 'The callback URL exactly as registered with the provider.' }),
  scopes: z.array(text(), { error: expectedError('a list of scopes such as [openid, email, profile]') })
    .refine((s) => s.includes('openid'), 'the scopes must include openid')
    .meta({ description: 'Scopes asked for. Default: [openid, email, profile].' }).optional(),
  claims: z.strictObject({
    person: text().meta({ description: 'Claim whose value is a person id of people:. Default: preferred_username.' }).optional(),
    email: text().meta({ description: 'Claim holding the e-mail address, matched against people\'s email contact methods. Default: email.' }).optional(),
    groups: text().meta({ description: 'Claim listing the person\'s groups (Okta, Keycloak: groups; Entra ID: groups or roles). Default: none.' }).optional(),
  }).meta({ description: 'Which claims name the person and their groups.' }).optional(),
  groups: z.record(text(), groupSchema.nullish()).meta({ description: 'Group name as the provider sends it → role and teams.' }).optional(),
  default_role: roleSchema.meta({ description: 'The role of a person in people: whose groups give no role. Default: responder.' }).optional(),
  unknown_users: z.enum(UNKNOWN_USER_POLICIES, { error: expectedError(UNKNOWN_USER_POLICIES.join(' or ')) })
    .meta({ description: 'Someone the provider signs in who is not in people: is refused (default) or signed in as a viewer.' }).optional(),
  button_label: text().meta({ description: 'The sign-in button\'s words. Default: "Sign in with single sign-on".' }).optional(),
}).superRefine((o, ctx) => {
  if ((o.client_secret_env === undefined) === (o.client_secret_file === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'give the client secret as exactly one of client_secret_env or client_secret_file', path: ['client_secret_env'], input: o });
  }
}).transform((o): OidcConfig => ({
  issuer: o.issuer,
  clientId: o.client_id,
  clientSecretEnv: o.client_secret_env,
  clientSecretFile: o.client_secret_file,
  redirectUrl: o.redirect_url,
  scopes: o.scopes ?? ['openid', 'email', 'profile'],
  claims: { person: o.claims?.person ?? 'preferred_username', email: o.claims?.email ?? 'email', groups: o.claims?.groups },
  groups: Object.fromEntries(Object.entries(o.groups ?? {}).map(([name, g]) => [name, { role: g?.role, teams: g?.teams ?? [] }])),
  defaultRole: o.default_role ?? 'responder',
  unknownUsers: o.unknown_users ?? 'refuse',
  buttonLabel: o.button_label ?? 'Sign in with single sign-on',
}));

/** `auth:` — how people sign in to the web app besides pasting an API token. */
export function authSchema() {
  return z
    .strictObject({ oidc: oidcSchema.meta({ description: 'Sign-in with an OpenID Connect provider (Okta, Entra ID, Google, Keycloak, …).' }).optional() })
    .meta({ description: 'How people sign in to the web app.' })
    .transform((a): AuthConfig => ({ oidc: a.oidc }));
}
