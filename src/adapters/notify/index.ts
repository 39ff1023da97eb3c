// Notification channels: e-mail (SMTP), Slack (messages and war rooms), SMS and voice (Twilio),
// Teams, PagerDuty, signed webhooks, and phone push (Web Push, ntfy, Pushover, Telegram), each one
// attempt per call behind the Notifier port.
import type { ChannelsConfig } from '../../app/config/index.js';
import type { PushSubscriptionStore } from '../../app/push/index.js';
import type { Clock, DeliveryChannel, Notifier, WarRoomProvider } from '../../app/ports/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { ChannelNotifier, scrubSecrets } from './channel-notifier.js';
import { EmailNotifier } from './email-notifier.js';
import type { HttpContext } from './http-delivery.js';
import { PagerDutyNotifier } from './pagerduty-notifier.js';
import { SlackNotifier } from './slack-notifier.js';
import { decodeSigningSecret } from './standard-webhook-signature.js';
import { TeamsNotifier } from './teams-notifier.js';
import { TwilioNotifier } from './twilio-notifier.js';
import { WebhookNotifier } from './webhook-notifier.js';
import { NtfyNotifier } from './ntfy-notifier.js';
import { PushoverNotifier } from './pushover-notifier.js';
import { TelegramNotifier } from './telegram-notifier.js';
import { WebPushNotifier, type VapidIdentity } from './web-push-notifier.js';

export { warRoomChannelName } from './war-room-channel-name.js';
export { signStandardWebhook, decodeSigningSecret } from './standard-webhook-signature.js';
export { pagerDutyDedupKey } from './pagerduty-notifier.js';
export { emailMessageId } from './email-notifier.js';
export { AckLinkNotifier } from './ack-link-notifier.js';
export type { SignAckToken } from './ack-link-notifier.js';
export { readTelegramAckData, telegramAckData } from './telegram-notifier.js';
export { pushPayload } from './web-push-notifier.js';
export type { PushPayload, VapidIdentity } from './web-push-notifier.js';

/** What the channels need from the process: the environment their secrets are read from, and the clock. */
export interface NotifierEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** Web Push: the VAPID key pair in use and where people's browser subscriptions are kept (`src/main` loads or creates the keys). */
  readonly webPush?: {
    readonly vapid: VapidIdentity;
    readonly subscriptions: Pick<PushSubscriptionStore, 'listPushSubscriptions' | 'deletePushSubscription'>;
    readonly appUrl?: string;
  };
}

/**
 * The notifier of every channel configured under `channels:`, and the Slack war-room provider when
 * Slack is configured. A channel left out, or whose secret's environment variable is unset,
 * answers every delivery with `failed` and a message saying what to add. Secrets are read once,
 * here, and never appear in an outcome.
 */
export function createNotifier(config: ChannelsConfig | undefined, environment: NotifierEnvironment): { notifier: Notifier; warRoom?: WarRoomProvider } {
  const secrets: string[] = [];
  const secret = (name: string): string | undefined => {
    const value = environment.env[name]?.trim();
    if (value === undefined || value === '') return undefined;
    secrets.push(value);
    return value;
  };
  const unset = (variable: string, what: string) => `the environment variable ${variable} (${what}) is not set`;
  const none = (what: string, key: string) => `no ${what} channel configured (channels.${key} in the config)`;
  const ctx: HttpContext = { guard: new AddressGuard(config?.allowPrivateAddresses ?? [], 'channels.allow_private_addresses'), clock: environment.clock };

  let email: Notifier | string = none('e-mail', 'email');
  if (config?.email) {
    const e = config.email;
    // The user name is not a secret (and is often a word that reasons legitimately contain).
    const user = e.usernameEnv === undefined ? undefined : environment.env[e.usernameEnv]?.trim() || undefined;
    const pass = e.passwordEnv === undefined ? undefined : secret(e.passwordEnv);
    if (e.usernameEnv !== undefined && user === undefined) email = unset(e.usernameEnv, 'the SMTP user name');
    else if (e.passwordEnv !== undefined && pass === undefined) email = unset(e.passwordEnv, 'the SMTP password');
    else email = new EmailNotifier(e, user === undefined || pass === undefined ? undefined : { user, pass }, { guard: ctx.guard });
  }

  let slack: SlackNotifier | string = none('Slack', 'slack');
  if (config?.slack) {
    const token = secret(config.slack.botTokenEnv);
    slack = token === undefined ? unset(config.slack.botTokenEnv, 'the Slack bot token') : new SlackNotifier(config.slack.apiUrl, token, ctx);
  }

  let sms: Notifier | string = none('SMS', 'twilio');
  let voice: Notifier | string = none('voice', 'twilio');
  if (config?.twilio) {
    const token = secret(config.twilio.authTokenEnv);
    if (token === undefined) sms = voice = unset(config.twilio.authTokenEnv, 'the Twilio auth token');
    else {
      // The Basic credentials as sent, in case a server echoes them.
      secrets.push(Buffer.from(`${config.twilio.accountSid}:${token}`).toString('base64'));
      sms = new TwilioNotifier('sms', config.twilio, token, ctx);
      voice = new TwilioNotifier('voice', config.twilio, token, ctx);
    }
  }

  let webhook: Notifier | string = none('webhook', 'webhooks');
  if (config?.webhooks) {
    const variable = config.webhooks.signingSecretEnv;
    const value = secret(variable);
    const key = value === undefined ? undefined : decodeSigningSecret(value);
    if (value === undefined) webhook = unset(variable, 'the webhook signing secret');
    else if (key === undefined) webhook = `the environment variable ${variable} does not hold a Standard Webhooks secret (whsec_ followed by base64)`;
    else webhook = new WebhookNotifier(key, ctx);
  }

  let ntfy: Notifier | string = none('ntfy', 'ntfy');
  if (config?.ntfy) {
    const variable = config.ntfy.accessTokenEnv;
    const token = variable === undefined ? undefined : secret(variable);
    ntfy = variable !== undefined && token === undefined ? unset(variable, 'the ntfy access token') : new NtfyNotifier(config.ntfy, token, ctx);
  }

  let pushover: Notifier | string = none('Pushover', 'pushover');
  if (config?.pushover) {
    const token = secret(config.pushover.appTokenEnv);
    pushover = token === undefined ? unset(config.pushover.appTokenEnv, 'the Pushover application token') : new PushoverNotifier(config.pushover, token, ctx);
  }

  let telegram: Notifier | string = none('Telegram', 'telegram');
  if (config?.telegram) {
    const token = secret(config.telegram.botTokenEnv);
    telegram = token === undefined ? unset(config.telegram.botTokenEnv, 'the Telegram bot token') : new TelegramNotifier(config.telegram, token, ctx);
  }

  let push: Notifier | string = none('Web Push', 'web_push');
  if (config?.webPush) {
    const web = environment.webPush;
    if (web === undefined) push = 'Web Push keys are not loaded in this process (they are loaded by serve)';
    else {
      secrets.push(web.vapid.privateKey);
      push = new WebPushNotifier(web.vapid, web.subscriptions, ctx, web.appUrl);
    }
  }

  const channels: Record<DeliveryChannel, Notifier | string> = {
    email,
    sms,
    voice,
    slack,
    teams: config?.teams ? new TeamsNotifier(ctx) : none('Teams', 'teams'),
    webhook,
    pagerduty: config?.pagerduty ? new PagerDutyNotifier(config.pagerduty, ctx) : none('PagerDuty', 'pagerduty'),
    push,
    ntfy,
    pushover,
    telegram,
  };
  const notifier = new ChannelNotifier(channels, secrets);
  if (!config?.slack) return { notifier };
  return { notifier, warRoom: warRoomOf(slack, secrets) };
}

/** The war-room provider, its errors scrubbed like outcomes; one that explains itself when the token is missing. */
function warRoomOf(slack: SlackNotifier | string, secrets: readonly string[]): WarRoomProvider {
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      // The original is not attached as `cause`: it is exactly what must not reach a log unscrubbed.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(scrubSecrets(e instanceof Error ? e.message : String(e), secrets));
    }
  };
  if (typeof slack === 'string') {
    const refuse = () => Promise.reject(new Error(`Cannot open the war room: ${slack}.`));
    return { startWarRoom: refuse, postToWarRoom: refuse };
  }
  return {
    startWarRoom: (input) => guarded(() => slack.startWarRoom(input)),
    postToWarRoom: (room, text) => guarded(() => slack.postToWarRoom(room, text)),
  };
}
