import { z } from 'zod';
import type { IntegrationsConfig, SlackIntegrationConfig, SlackUserMapping, WebhookIntegrationConfig } from '../../app/config/index.js';
import { ALERT_ACTIONS, type AlertAction } from '../../domain/alerts/index.js';
import { SEVERITIES, type Severity } from '../../domain/classification/index.js';
import { ACCESS_ROLES } from '../../domain/access/index.js';
import { expectedError } from './config-error-map.js';
import { cidrSchema } from './detection-schema.js';
import {
  emailSwitchesSchema, jiraSwitchesSchema, slackSwitchKeys, smsSwitchesSchema, type IntegrationSwitches,
} from './integration-switches.js';
import { grafanaIntegrationSchema, statuspageIntegrationSchema } from './outbound-integrations-schema.js';

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
    signing_secret_env: envNameSchema('Environment variable holding the Slack app\'s signing secret (Basic Information → App Credentials). Without it the slash command is not served.').optional(),
    bot_token_env: envNameSchema('Optional: environment variable holding a bot token (xoxb-…, scopes users:read and users:read.email) used to match users by email.').optional(),
    api_url: apiUrlSchema.optional(),
    users: z.array(slackUserSchema, { error: expectedError('a list of users') }).meta({ description: 'Who may use the slash command, and as whom.' }).optional(),
    allow_private_addresses: z.array(cidrSchema, { error: expectedError('a list of addresses or CIDR ranges such as [10.0.0.0/8]') }).optional()
      .meta({ description: 'Loopback, private and link-local addresses users.info may be redirected to (refused otherwise). The api_url origin itself needs no entry.' }),
    ...slackSwitchKeys,
  })
  .meta({ description: 'The /incident-response slash command, served at POST /integrations/slack/commands (with signing_secret_env), and the product description\'s Slack switches.' })
  .transform((s, ctx): { command: SlackIntegrationConfig | undefined; switches: IntegrationSwitches['slack'] } => {
    const users = s.users ?? [];
    checkUnique(users, 'slackUserId', 'slack_user_id', ctx);
    checkUnique(users, 'email', 'email', ctx);
    const switches = { incidentChannel: s.incident_channel, warRoomCreation: s.war_room_creation, statusUpdates: s.status_updates };
    if (s.signing_secret_env === undefined) {
      const commandKeys = (['bot_token_env', 'api_url', 'users', 'allow_private_addresses'] as const).filter((k) => s[k] !== undefined);
      if (commandKeys.length > 0) ctx.addIssue({ code: 'custom', message: `${commandKeys.join(', ')} configure${commandKeys.length === 1 ? 's' : ''} the slash command, which needs signing_secret_env: add the name of the variable holding the Slack signing secret`, path: ['signing_secret_env'], input: s });
      return { command: undefined, switches };
    }
    return { switches, command: {
      signingSecretEnv: s.signing_secret_env,
      ...(s.bot_token_env === undefined ? {} : { botTokenEnv: s.bot_token_env }),
      apiUrl: s.api_url ?? DEFAULT_SLACK_API_URL,
      users,
      ...(s.allow_private_addresses === undefined ? {} : { allowPrivateAddresses: s.allow_private_addresses }),
    } };
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

const WEBHOOK_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

function pathSchema(description: string) {
  return z
    .string({ error: expectedError('a dotted path into the JSON body such as alert.title') })
    .regex(/^[^\s.][^\s]*$/, 'a dotted path into the JSON body such as alert.title or items.0.id')
    .meta({ description });
}

const wordList = z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String), { error: expectedError('a list of values such as [firing]') });

const webhookMappingSchema = z.strictObject({
  summary: pathSchema('Path of the alert title (required in every payload).'),
  dedup_key: pathSchema('Path of the value that identifies the alert across deliveries (required in every payload).'),
  items: pathSchema('Optional: path of an array in the body; each element is one alert and the other paths are relative to it.').optional(),
  action: z.strictObject({
    path: pathSchema('Path of the state field.'),
    trigger: wordList.meta({ description: 'Values that mean firing.' }).optional(),
    acknowledge: wordList.meta({ description: 'Values that mean acknowledged.' }).optional(),
    resolve: wordList.meta({ description: 'Values that mean resolved.' }).optional(),
  }).meta({ description: 'Which body values trigger, acknowledge or resolve; other values are refused (400). Without action every delivery triggers.' }).optional(),
  severity: z.strictObject({
    path: pathSchema('Path of the severity field.'),
    map: z.record(z.string(), z.enum(SEVERITIES)).meta({ description: 'Body value → critical, high, medium or low. Unmapped values fall back to routing.' }).optional(),
  }).meta({ description: 'Severity from the body.' }).optional(),
  service: pathSchema('Path of the service name.').optional(),
  environment: pathSchema('Path of the environment.').optional(),
  description: pathSchema('Path of a longer description.').optional(),
  starts_at: pathSchema('Path of when the problem started (ISO-8601 or epoch).').optional(),
  link: pathSchema('Path of a link to the alert in the sending tool.').optional(),
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a label name: letters, digits and "_"'), pathSchema('Path of the label value.'))
    .meta({ description: 'Label name → path; labels feed routing, grouping and silences.' }).optional(),
}).meta({ id: 'WebhookMapping', description: 'Dotted paths into the JSON body for each alert field.' });

const webhookSchema = z
  .strictObject({
    name: z.string({ error: expectedError('a name') }).regex(WEBHOOK_NAME, 'names are 1-64 letters, digits, \'.\', \'_\' or \'-\'')
      .meta({ description: 'The name of the generic-webhook integration key this mapping applies to.' }),
    mapping: webhookMappingSchema,
    signing_secret_env: envNameSchema('Environment variable holding the Standard Webhooks secret (whsec_…). When set, every delivery must be signed.').optional(),
    tolerance: z.int({ error: expectedError('a number of seconds such as 300') }).positive().meta({ description: 'Replay window for webhook-timestamp, in seconds. Default: 300.' }).optional(),
  })
  .meta({ id: 'Webhook', description: 'A generic JSON webhook, served at POST /integrations/webhook/{integration key}.' })
  .transform((w, ctx): WebhookIntegrationConfig => {
    const values: Record<string, AlertAction> = {};
    for (const action of ALERT_ACTIONS) {
      for (const word of w.mapping.action?.[action] ?? []) {
        if (values[word] !== undefined && values[word] !== action) ctx.addIssue({ code: 'custom', message: `'${word}' is listed under both ${values[word]} and ${action}`, path: ['mapping', 'action', action], input: word });
        values[word] = action;
      }
    }
    const m = w.mapping;
    const severityMap: Record<string, Severity> = { ...m.severity?.map };
    return {
      name: w.name,
      mapping: {
        summary: m.summary,
        dedupKey: m.dedup_key,
        ...(m.items !== undefined ? { itemsPath: m.items } : {}),
        ...(m.action !== undefined ? { action: { path: m.action.path, values } } : {}),
        ...(m.severity !== undefined ? { severity: { path: m.severity.path, map: severityMap } } : {}),
        ...(m.service !== undefined ? { service: m.service } : {}),
        ...(m.environment !== undefined ? { environment: m.environment } : {}),
        ...(m.description !== undefined ? { description: m.description } : {}),
        ...(m.starts_at !== undefined ? { startsAt: m.starts_at } : {}),
        ...(m.link !== undefined ? { link: m.link } : {}),
        labels: m.labels ?? {},
      },
      ...(w.signing_secret_env !== undefined ? { signingSecretEnv: w.signing_secret_env } : {}),
      toleranceSeconds: w.tolerance ?? 300,
    };
  });

export function integrationsSchema() {
  return z
    .strictObject({
      slack: slackSchema.nullish(),
      webhooks: z.array(webhookSchema, { error: expectedError('a list of webhooks') }).meta({ description: 'Generic JSON webhooks: a field mapping per generic-webhook integration key, by name.' }).nullish(),
      jira: jiraSwitchesSchema.nullish(),
      statuspage: statuspageIntegrationSchema.nullish(),
      grafana: grafanaIntegrationSchema.nullish(),
      email: emailSwitchesSchema.nullish(),
      sms: smsSwitchesSchema.nullish(),
    })
    .meta({ description: 'Chat integrations, generic webhooks, the statuspage.io page and Grafana, and the product description\'s integration switches (slack, jira, statuspage, email, sms; see "incident-response config explain").' })
    .transform((i, ctx): { config: IntegrationsConfig; switches: IntegrationSwitches } => {
      const seen = new Map<string, number>();
      (i.webhooks ?? []).forEach((w, n) => {
        const first = seen.get(w.name);
        if (first === undefined) seen.set(w.name, n);
        else ctx.addIssue({ code: 'custom', message: `webhook '${w.name}' is also webhooks[${first}]; names must be unique`, path: ['webhooks', n, 'name'], input: w.name });
      });
      const switches: IntegrationSwitches = {
        ...(i.slack?.switches ? { slack: i.slack.switches } : {}),
        ...(i.jira ? { jira: i.jira } : {}),
        ...(i.statuspage && Object.keys(i.statuspage.switches).length > 0 ? { statuspage: i.statuspage.switches } : {}),
        ...(i.email ? { email: i.email } : {}),
        ...(i.sms ? { sms: i.sms } : {}),
      };
      return { switches, config: {
        ...(i.slack?.command ? { slack: i.slack.command } : {}),
        ...(i.webhooks && i.webhooks.length > 0 ? { webhooks: i.webhooks } : {}),
        ...(i.statuspage?.config ? { statuspage: i.statuspage.config } : {}),
        ...(i.grafana ? { grafana: i.grafana } : {}),
      } };
    });
}
