import type { AddressAllowList } from './detection-config.js';

/**
 * `channels:`: how notifications leave the product. A section left out means that channel is not
 * available (a delivery through it fails with a message naming the key). Secrets are named by
 * environment variable, never held here.
 */
export interface ChannelsConfig {
  readonly email?: EmailChannelConfig;
  readonly slack?: SlackChannelConfig;
  /** SMS and voice calls through a Twilio-compatible REST API. */
  readonly twilio?: TwilioChannelConfig;
  readonly teams?: TeamsChannelConfig;
  readonly pagerduty?: PagerDutyChannelConfig;
  readonly webhooks?: WebhookChannelConfig;
  /** Phone push through an ntfy server (self-hosted or ntfy.sh); a person's address is their topic. */
  readonly ntfy?: NtfyChannelConfig;
  /** Phone push through Pushover (emergency priority); a person's address is their user key. */
  readonly pushover?: PushoverChannelConfig;
  /** A Telegram bot's messages; a person's address is their chat id. */
  readonly telegram?: TelegramChannelConfig;
  /** Web Push to the web app installed on a person's devices (their subscriptions are stored). */
  readonly webPush?: WebPushChannelConfig;
  /** CIDR ranges outbound HTTP may reach although loopback, private or link-local. */
  readonly allowPrivateAddresses: AddressAllowList;
}

export interface EmailChannelConfig {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  readonly requireTls: boolean;
  /** "Incident Response <incidents@example.com>" */
  readonly from: string;
  readonly usernameEnv?: string;
  readonly passwordEnv?: string;
}

export interface SlackChannelConfig {
  /** Environment variable holding the bot token (xoxb-…). */
  readonly botTokenEnv: string;
  /** Slack Web API base URL, without a trailing slash. */
  readonly apiUrl: string;
}

export interface TwilioChannelConfig {
  readonly accountSid: string;
  readonly authTokenEnv: string;
  /** The sending number, E.164. */
  readonly from: string;
  /** REST API base URL, without a trailing slash. */
  readonly apiUrl: string;
}

/** Teams needs nothing beyond the person's incoming-webhook URL; the section switches the channel on. */
export type TeamsChannelConfig = Readonly<Record<string, never>>;

export interface PagerDutyChannelConfig {
  /** Events API base URL, without a trailing slash; events go to <url>/v2/enqueue. */
  readonly eventsUrl: string;
  /** `payload.source` of each event. */
  readonly source: string;
}

export interface WebhookChannelConfig {
  /** Environment variable holding the Standard Webhooks secret (whsec_…) deliveries are signed with. */
  readonly signingSecretEnv: string;
}

export interface NtfyChannelConfig {
  /** The ntfy server, without a trailing slash; a message to topic T is POSTed to <url>/T. */
  readonly serverUrl: string;
  /** Environment variable holding an access token (tk_…) for a server that requires one. */
  readonly accessTokenEnv?: string;
}

export interface PushoverChannelConfig {
  /** Environment variable holding the application's API token. */
  readonly appTokenEnv: string;
  /** API base URL, without a trailing slash; messages go to <url>/1/messages.json. */
  readonly apiUrl: string;
  /** Emergency priority: how often Pushover repeats an unacknowledged page (30 s or more). */
  readonly retrySeconds: number;
  /** Emergency priority: how long it keeps repeating (at most 10,800 s). */
  readonly expireSeconds: number;
}

export interface TelegramChannelConfig {
  /** Environment variable holding the bot token (123456:ABC…). */
  readonly botTokenEnv: string;
  /** Environment variable holding the secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token (the webhook is served only with it). */
  readonly webhookSecretEnv?: string;
  /** Bot API base URL, without a trailing slash; calls go to <url>/bot<token>/<method>. */
  readonly apiUrl: string;
}

export interface WebPushChannelConfig {
  /** The VAPID subject push services may contact: a mailto: or https: URL. */
  readonly subject: string;
  /**
   * Environment variables holding the VAPID key pair (base64url, as web-push generates them); when
   * left out, a pair is generated on the first `serve` and kept beside the database.
   */
  readonly vapidPublicKeyEnv?: string;
  readonly vapidPrivateKeyEnv?: string;
}
