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
