import { z } from 'zod';
import type {
  ChannelsConfig, EmailChannelConfig, NtfyChannelConfig, PagerDutyChannelConfig, PushoverChannelConfig, SlackChannelConfig, TeamsChannelConfig, TelegramChannelConfig,
  TwilioChannelConfig, WebhookChannelConfig, WebPushChannelConfig,
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
  ntfyServerUrl: 'https://ntfy.sh',
  pushoverApiUrl: 'https://api.pushover.net',
  pushoverRetrySeconds: 60,
  pushoverExpireSeconds: 3600,
  telegramApiUrl: 'https://api.telegram.org',
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

const ntfySchema = z
  .strictObject({
    server_url: baseUrlSchema('ntfy server', CHANNEL_DEFAULTS.ntfyServerUrl).optional(),
    access_token_env: envNameSchema('Environment variable holding an ntfy access token (tk_…), for a server or topics that require one.', 'NTFY_TOKEN').optional(),
  })
  .meta({ description: 'Phone push through ntfy (self-hosted or ntfy.sh): urgent priority, with an Acknowledge button. A person\'s contact address is their topic. Write "ntfy: {}" for ntfy.sh.' })
  .transform((n): NtfyChannelConfig => ({ serverUrl: n.server_url ?? CHANNEL_DEFAULTS.ntfyServerUrl, ...(n.access_token_env === undefined ? {} : { accessTokenEnv: n.access_token_env }) }));

const pushoverSchema = z
  .strictObject({
    app_token_env: envNameSchema('Environment variable holding the Pushover application\'s API token.', 'PUSHOVER_APP_TOKEN'),
    api_url: baseUrlSchema('Pushover API', CHANNEL_DEFAULTS.pushoverApiUrl).optional(),
    retry_seconds: z.int({ error: expectedError('a whole number of seconds such as 60') }).min(30, 'Pushover repeats no more often than every 30 seconds').max(10800)
      .meta({ description: `Emergency priority: how often an unacknowledged page repeats. Default: ${CHANNEL_DEFAULTS.pushoverRetrySeconds}.` }).optional(),
    expire_seconds: z.int({ error: expectedError('a whole number of seconds such as 3600') }).min(30).max(10800, 'Pushover repeats for at most 10800 seconds (3 hours)')
      .meta({ description: `Emergency priority: how long an unacknowledged page keeps repeating. Default: ${CHANNEL_DEFAULTS.pushoverExpireSeconds}.` }).optional(),
  })
  .meta({ description: 'Phone push through Pushover at emergency priority (repeats until acknowledged; acknowledging in Pushover acknowledges the incident). A person\'s contact address is their user key.' })
  .transform((p): PushoverChannelConfig => ({
    appTokenEnv: p.app_token_env,
    apiUrl: p.api_url ?? CHANNEL_DEFAULTS.pushoverApiUrl,
    retrySeconds: p.retry_seconds ?? CHANNEL_DEFAULTS.pushoverRetrySeconds,
    expireSeconds: p.expire_seconds ?? CHANNEL_DEFAULTS.pushoverExpireSeconds,
  }));

const telegramSchema = z
  .strictObject({
    bot_token_env: envNameSchema('Environment variable holding the bot token from @BotFather.', 'TELEGRAM_BOT_TOKEN'),
    webhook_secret_env: envNameSchema('Environment variable holding the secret_token given to setWebhook; the Acknowledge button works only with it.', 'TELEGRAM_WEBHOOK_SECRET').optional(),
    api_url: baseUrlSchema('Telegram Bot API', CHANNEL_DEFAULTS.telegramApiUrl).optional(),
  })
  .meta({ description: 'Messages from a Telegram bot with an Acknowledge button. A person\'s contact address is their chat id with the bot.' })
  .transform((t): TelegramChannelConfig => ({
    botTokenEnv: t.bot_token_env,
    apiUrl: t.api_url ?? CHANNEL_DEFAULTS.telegramApiUrl,
    ...(t.webhook_secret_env === undefined ? {} : { webhookSecretEnv: t.webhook_secret_env }),
  }));

const webPushSchema = z
  .strictObject({
    subject: z.string({ error: expectedError('a mailto: or https: URL such as mailto:oncall@example.com') })
      .refine((u) => /^(mailto:.+|https:\/\/.+)$/i.test(u), 'the VAPID subject is a mailto: or https: URL that push services may contact, e.g. mailto:oncall@example.com')
      .meta({ description: 'The VAPID subject (RFC 8292): how a push service reaches the operator.' }),
    vapid_public_key_env: envNameSchema('Environment variable holding the VAPID public key (base64url).', 'VAPID_PUBLIC_KEY').optional(),
    vapid_private_key_env: envNameSchema('Environment variable holding the VAPID private key (base64url).', 'VAPID_PRIVATE_KEY').optional(),
  })
  .meta({ description: 'Web Push to the web app installed on people\'s phones and computers (VAPID-signed, encrypted per RFC 8291). Without key variables, a key pair is generated on the first serve and kept beside the database.' })
  .transform((w, ctx): WebPushChannelConfig => {
    if ((w.vapid_public_key_env === undefined) !== (w.vapid_private_key_env === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give both vapid_public_key_env and vapid_private_key_env, or neither', path: [w.vapid_public_key_env === undefined ? 'vapid_public_key_env' : 'vapid_private_key_env'], input: w });
    }
    return {
      subject: w.subject,
      ...(w.vapid_public_key_env === undefined ? {} : { vapidPublicKeyEnv: w.vapid_public_key_env }),
      ...(w.vapid_private_key_env === undefined ? {} : { vapidPrivateKeyEnv: w.vapid_private_key_env }),
    };
  });

export function channelsSchema() {
  return z
    .strictObject({
      email: emailSchema.nullish(),
      slack: slackSchema.nullish(),
      twilio: twilioSchema.nullish(),
      teams: teamsSchema.nullish(),
      pagerduty: pagerDutySchema.nullish(),
      webhooks: webhooksSchema.nullish(),
      ntfy: ntfySchema.nullish(),
      pushover: pushoverSchema.nullish(),
      telegram: telegramSchema.nullish(),
      web_push: webPushSchema.nullish(),
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
      ...(c.ntfy ? { ntfy: c.ntfy } : {}),
      ...(c.pushover ? { pushover: c.pushover } : {}),
      ...(c.telegram ? { telegram: c.telegram } : {}),
      ...(c.web_push ? { webPush: c.web_push } : {}),
      allowPrivateAddresses: c.allow_private_addresses ?? [],
    }));
}
