import { z } from 'zod';
import type {
  ChannelsConfig, EmailChannelConfig, PagerDutyChannelConfig, SlackChannelConfig, TeamsChannelConfig, TwilioChannelConfig, WebhookChannelConfig,
} from '../../app/config/index.js';
import { expectedError } from './config-error-map.js';
import { cidrSchema } from './detection-schema.js';

const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export const CHANNEL_DEFAULTS = {
  slackApiUrl: 'https://slack.com/api',
  twilioApiUrl: 'https://api.twilio.com',
  pagerDutyEventsUrl: 'https://events.pagerduty.com',
  pagerDutySource: 'incident-response',
} as const;

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

function envNameSchema(description: string, example: string) {
  return z
    .string({ error: expectedError(`the name of an environment variable such as ${example}`) })
    .regex(ENV_NAME_PATTERN, `give the name of an environment variable (capital letters, digits and "_", e.g. ${example}), not the secret itself`)
    .meta({ description, examples: [example] });
}

function baseUrlSchema(what: string, defaultUrl: string) {
  return z
    .string({ error: expectedError(`a URL such as ${defaultUrl}`) })
    .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), `expected an http(s) URL such as ${defaultUrl}`)
    .transform((u) => u.replace(/\/+$/, ''))
    .meta({ description: `${what} base URL (for proxies and tests). Default: ${defaultUrl}.` });
}

const emailSchema = z
  .strictObject({
    host: text().meta({ description: 'SMTP server host name.', examples: ['smtp.example.com'] }),
    port: z.int({ error: expectedError('a port number such as 587') }).min(1).max(65535).meta({ description: 'SMTP port. Default: 465 when secure, else 587.' }).optional(),
    secure: z.boolean({ error: expectedError('true or false') }).meta({ description: 'TLS from the first byte (port 465). Default: true on port 465, else false (STARTTLS when offered).' }).optional(),
    require_tls: z.boolean({ error: expectedError('true or false') }).meta({ description: 'Without secure: refuse to send mail without credentials unless the server upgrades the connection with STARTTLS. With username_env/password_env, TLS (secure or STARTTLS) is always required. Default: false.' }).optional(),
    from: text().meta({ description: 'The From header.', examples: ['Incident Response <incidents@example.com>'] }),
    username_env: envNameSchema('Environment variable holding the SMTP user name (leave out for a server without authentication).', 'SMTP_USERNAME').optional(),
    password_env: envNameSchema('Environment variable holding the SMTP password.', 'SMTP_PASSWORD').optional(),
  })
  .meta({ description: 'E-mail through an SMTP server (nodemailer).' })
  .transform((e, ctx): EmailChannelConfig => {
    if ((e.username_env === undefined) !== (e.password_env === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give both username_env and password_env, or neither', path: [e.username_env === undefined ? 'username_env' : 'password_env'], input: e });
    }
    const secure = e.secure ?? e.port === 465;
    return {
      host: e.host,
      port: e.port ?? (secure ? 465 : 587),
      secure,
      requireTls: e.require_tls ?? false,
      from: e.from,
      ...(e.username_env === undefined ? {} : { usernameEnv: e.username_env }),
      ...(e.password_env === undefined ? {} : { passwordEnv: e.password_env }),
    };
  });

const slackSchema = z
  .strictObject({
    bot_token_env: envNameSchema('Environment variable holding the bot token (xoxb-…; scopes chat:write, im:write, channels:manage, channels:read, channels:join).', 'SLACK_BOT_TOKEN'),
    api_url: baseUrlSchema('Slack Web API', CHANNEL_DEFAULTS.slackApiUrl).optional(),
  })
  .meta({ description: 'Slack messages (channels, "#name", direct messages) and incident war-room channels.' })
  .transform((s): SlackChannelConfig => ({ botTokenEnv: s.bot_token_env, apiUrl: s.api_url ?? CHANNEL_DEFAULTS.slackApiUrl }));

const twilioSchema = z
  .strictObject({
    account_sid: z.string({ error: expectedError('an account SID such as AC0123…') }).regex(/^AC[0-9a-fA-F]{32}$/, 'an account SID is AC followed by 32 hexadecimal digits (Twilio console → Account info)'),
    auth_token_env: envNameSchema('Environment variable holding the auth token.', 'TWILIO_AUTH_TOKEN'),
    from: z.string({ error: expectedError('a phone number such as +15551234567') }).regex(E164_PATTERN, 'the sending number in E.164 form: + and country code, e.g. +15551234567')
      .meta({ description: 'The number SMS and calls come from (E.164).' }),
    api_url: baseUrlSchema('Twilio REST API', CHANNEL_DEFAULTS.twilioApiUrl).optional(),
  })
  .meta({ description: 'SMS and voice calls through the Twilio REST API (or a compatible one).' })
  .transform((t): TwilioChannelConfig => ({ accountSid: t.account_sid, authTokenEnv: t.auth_token_env, from: t.from, apiUrl: t.api_url ?? CHANNEL_DEFAULTS.twilioApiUrl }));

const teamsSchema = z
  .strictObject({})
  .meta({ description: 'Microsoft Teams through incoming webhooks (the person\'s contact address is the webhook URL). Write "teams: {}" to switch it on.' })
  .transform((): TeamsChannelConfig => ({}));

const pagerDutySchema = z
  .strictObject({
    events_url: baseUrlSchema('PagerDuty Events API', CHANNEL_DEFAULTS.pagerDutyEventsUrl).optional(),
    source: text().meta({ description: `payload.source of each event. Default: ${CHANNEL_DEFAULTS.pagerDutySource}.` }).optional(),
  })
  .meta({ description: 'Pages forwarded to PagerDuty services (Events API v2); the contact address is the service\'s routing key. Write "pagerduty: {}" for the defaults.' })
  .transform((p): PagerDutyChannelConfig => ({ eventsUrl: p.events_url ?? CHANNEL_DEFAULTS.pagerDutyEventsUrl, source: p.source ?? CHANNEL_DEFAULTS.pagerDutySource }));

const webhooksSchema = z
  .strictObject({
    signing_secret_env: envNameSchema('Environment variable holding the Standard Webhooks secret (whsec_ + base64) every delivery is signed with.', 'WEBHOOK_SIGNING_SECRET'),
  })
  .meta({ description: 'Outbound webhooks, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).' })
  .transform((w): WebhookChannelConfig => ({ signingSecretEnv: w.signing_secret_env }));

export function channelsSchema() {
  return z
    .strictObject({
      email: emailSchema.nullish(),
      slack: slackSchema.nullish(),
      twilio: twilioSchema.nullish(),
      teams: teamsSchema.nullish(),
      pagerduty: pagerDutySchema.nullish(),
      webhooks: webhooksSchema.nullish(),
      allow_private_addresses: z.array(cidrSchema, { error: expectedError('a list of addresses or CIDR ranges such as [10.0.0.0/8]') }).optional()
        .meta({ description: 'Loopback, private and link-local addresses notifications, the SMTP server and the engine heartbeat may reach (refused otherwise, also after a redirect), e.g. [10.0.0.0/8].' }),
    })
    .meta({ description: 'Notification channels: how pages and updates leave the product. A channel left out is not available.' })
    .transform((c): ChannelsConfig => ({
      ...(c.email ? { email: c.email } : {}),
      ...(c.slack ? { slack: c.slack } : {}),
      ...(c.twilio ? { twilio: c.twilio } : {}),
      ...(c.teams ? { teams: c.teams } : {}),
      ...(c.pagerduty ? { pagerduty: c.pagerduty } : {}),
      ...(c.webhooks ? { webhooks: c.webhooks } : {}),
      allowPrivateAddresses: c.allow_private_addresses ?? [],
    }));
}
