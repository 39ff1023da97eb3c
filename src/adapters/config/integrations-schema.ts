import { z } from 'zod';
import type { IntegrationsConfig, SlackIntegrationConfig, SlackUserMapping } from '../../app/config/index.js';
import { ACCESS_ROLES } from '../../domain/access/index.js';
import { expectedError } from './config-error-map.js';

const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
/** U… for workspace users, W… for Enterprise Grid users. */
const SLACK_USER_ID_PATTERN = /^[UW][A-Z0-9]{2,}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api';

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

function envNameSchema(description: string) {
  return z
    .string({ error: expectedError('the name of an environment variable such as SLACK_SIGNING_SECRET') })
    .regex(ENV_NAME_PATTERN, 'give the name of an environment variable (capital letters, digits and "_", e.g. SLACK_SIGNING_SECRET), not the secret itself')
    .meta({ description, examples: ['SLACK_SIGNING_SECRET'] });
}

const apiUrlSchema = z
  .string({ error: expectedError('a URL such as https://slack.com/api') })
  .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), 'expected an http(s) URL such as https://slack.com/api')
  .transform((u) => u.replace(/\/+$/, ''))
  .meta({ description: `Slack Web API base URL (for proxies and tests). Default: ${DEFAULT_SLACK_API_URL}.` });

const slackUserSchema = z
  .strictObject({
    slack_user_id: z
      .string({ error: expectedError('a Slack user id such as U0123ABCD') })
      .regex(SLACK_USER_ID_PATTERN, 'a Slack user id is U or W followed by capital letters and digits, e.g. U0123ABCD (Slack: profile → ⋮ → Copy member ID)')
      .meta({ description: 'The Slack member id; matched first.' })
      .optional(),
    email: z
      .string({ error: expectedError('an email address') })
      .trim()
      .regex(EMAIL_PATTERN, 'expected an email address such as bob@example.com')
      .meta({ description: 'Matched, ignoring case, against the Slack profile email (needs bot_token_env).' })
      .optional(),
    name: text().meta({ description: 'The incident-response user the command acts as (shown in the timeline).' }),
    role: z.enum(ACCESS_ROLES).meta({ description: 'Access role: viewer, responder, commander or admin.' }),
    teams: z.array(text(), { error: expectedError('a list of team names such as [payments]') }).meta({ description: 'Teams; "security" sees security incidents.' }).optional(),
  })
  .meta({ id: 'SlackUser', description: 'A product user, matched by slack_user_id or email (give at least one).' })
  .transform((u, ctx): SlackUserMapping => {
    if (u.slack_user_id === undefined && u.email === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give slack_user_id or email (or both) so the Slack user can be matched', path: [], input: u });
    }
    return {
      ...(u.slack_user_id === undefined ? {} : { slackUserId: u.slack_user_id }),
      ...(u.email === undefined ? {} : { email: u.email.toLowerCase() }),
      name: u.name,
      role: u.role,
      teams: u.teams ?? [],
    };
  });

const slackSchema = z
  .strictObject({
    signing_secret_env: envNameSchema('Environment variable holding the Slack app\'s signing secret (Basic Information → App Credentials). Without it set, the endpoint is not served.'),
    bot_token_env: envNameSchema('Optional: environment variable holding a bot token (xoxb-…, scopes users:read and users:read.email) used to match users by email.').optional(),
    api_url: apiUrlSchema.optional(),
    users: z.array(slackUserSchema, { error: expectedError('a list of users') }).meta({ description: 'Who may use the slash command, and as whom.' }).optional(),
  })
  .meta({ description: 'The /incident-response slash command, served at POST /integrations/slack/commands.' })
  .transform((s, ctx): SlackIntegrationConfig => {
    const users = s.users ?? [];
    checkUnique(users, 'slackUserId', 'slack_user_id', ctx);
    checkUnique(users, 'email', 'email', ctx);
    return {
      signingSecretEnv: s.signing_secret_env,
      ...(s.bot_token_env === undefined ? {} : { botTokenEnv: s.bot_token_env }),
      apiUrl: s.api_url ?? DEFAULT_SLACK_API_URL,
      users,
    };
  });

function checkUnique(users: readonly SlackUserMapping[], field: 'slackUserId' | 'email', key: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  users.forEach((u, i) => {
    const value = u[field];
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else ctx.addIssue({ code: 'custom', message: `${key} '${value}' is also users[${first}]; each Slack user maps to one product user`, path: ['users', i, key], input: value });
  });
}

export function integrationsSchema() {
  return z
    .strictObject({ slack: slackSchema.nullish() })
    .meta({ description: 'Chat integrations.' })
    .transform((i): IntegrationsConfig => (i.slack ? { slack: i.slack } : {}));
}
