import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AckLinkDesk, type AckClaims, type AckLinkCodec } from '../app/ack-links/index.js';
import { PUSHOVER_RECEIPT_SCOPE } from '../app/paging/index.js';
import type { Notifier } from '../app/ports/index.js';
import { registerAckRoutes, registerPushRoutes } from '../adapters/http/index.js';
import { AckLinkNotifier, readTelegramAckData } from '../adapters/notify/index.js';
import type { Principal } from '../domain/access/index.js';
import { epochMs, HOUR } from '../domain/time/index.js';
import type { App } from './create-app.js';
import { pushSubscriptions, vapidIdentity } from './web-push-wiring.js';

export { ACK_LINK_SECRET_ENV, ackLinkSecret } from './link-secret.js';
import { ackLinkSecret } from './link-secret.js';
/** 128 bits of HMAC-SHA256, base64url: unguessable, and short enough for an SMS. */
const TAG_CHARS = 22;

/**
 * Acknowledgement tokens: `<claims>.<tag>`, the claims (incident, person, generation, expiry in
 * seconds) base64url-encoded and the tag a truncated HMAC-SHA256 over them. The tag is the token's
 * id for single use.
 */
export function hmacAckLinkCodec(secret: Buffer): AckLinkCodec {
  const tag = (payload: string) => createHmac('sha256', secret).update(`ack-link\n${payload}`).digest('base64url').slice(0, TAG_CHARS);
  return {
    seal(claims: AckClaims): string {
      const payload = Buffer.from([claims.incidentId, claims.personId, claims.generation.toString(36), Math.floor(claims.expiresAt / 1000).toString(36)].join('\n')).toString('base64url');
      return `${payload}.${tag(payload)}`;
    },
    open(token: string) {
      const m = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
      if (m === null) return undefined;
      const [, payload, given] = m as unknown as [string, string, string];
      const expected = tag(payload);
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
      const [incidentId, personId, generation, expires, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
      if (rest.length > 0 || !incidentId || !personId || generation === undefined || expires === undefined) return undefined;
      const claims: AckClaims = { incidentId, personId, generation: parseInt(generation, 36), expiresAt: epochMs(parseInt(expires, 36) * 1000) };
      return { claims, id: given };
    },
  };
}

const desks = new WeakMap<App, AckLinkDesk>();

/** One desk (and secret) per app: the engine signs with it and the routes open with it. */
export function ackLinkDesk(app: App): AckLinkDesk {
  let desk = desks.get(app);
  if (desk === undefined) {
    desk = new AckLinkDesk({
      codec: hmacAckLinkCodec(ackLinkSecret(app.env)),
      clock: app.clock,
      people: app.config.people,
      apiFor: (principal) => app.apiFor(principal),
      claimSignedDelivery: (delivery, now) => app.store.claimSignedDelivery(delivery, now),
      messages: (incidentId) => app.store.listMessages({ incidentId }),
    });
    desks.set(app, desk);
  }
  return desk;
}

/** Pages carry acknowledgement links when the public URL (`paging.app_url`) is configured. */
export function withAckLinks(app: App, notifier: Notifier): Notifier {
  const publicUrl = app.config.paging.appUrl;
  if (publicUrl === undefined) return notifier;
  const desk = ackLinkDesk(app);
  return new AckLinkNotifier(notifier, publicUrl, (p) => desk.tokenFor(p.incidentId, p.personId, p.generation, app.clock.now()));
}

/**
 * `/ack/<token>`, the providers' acknowledgements (Twilio replies and keypresses, Pushover's receipt
 * callback, Telegram's button) when `paging.app_url` is configured, and the Web Push subscription
 * routes when `channels.web_push` is. `fromSessionCookie` is the web app's signed-in person.
 */
export function registerAckLinkRoutes(server: FastifyInstance, app: App, logger: Logger, fromSessionCookie?: (cookieHeader: string | undefined) => Promise<Principal | undefined>): void {
  registerWebPush(server, app, fromSessionCookie);
  const publicUrl = app.config.paging.appUrl;
  if (publicUrl === undefined) {
    logger.info('Acknowledgement links not served: paging.app_url is not configured');
    return;
  }
  const channels = app.config.channels;
  const twilio = channels?.twilio;
  const twilioAuthToken = twilio === undefined ? undefined : app.env[twilio.authTokenEnv]?.trim() || undefined;
  if (twilio !== undefined && twilioAuthToken === undefined) {
    logger.warn({ variable: twilio.authTokenEnv }, `Twilio replies not served: the environment variable ${twilio.authTokenEnv} (the Twilio auth token) is not set`);
  }
  const telegram = channels?.telegram;
  const telegramSecret = telegram?.webhookSecretEnv === undefined ? undefined : app.env[telegram.webhookSecretEnv]?.trim() || undefined;
  if (telegram !== undefined && telegramSecret === undefined) {
    logger.warn(`Telegram's Acknowledge button not served: ${telegram.webhookSecretEnv === undefined ? 'channels.telegram.webhook_secret_env is not configured' : `the environment variable ${telegram.webhookSecretEnv} is not set`}`);
  }
  const desk = ackLinkDesk(app);
  registerAckRoutes(server, {
    publicUrl,
    ...(twilioAuthToken === undefined ? {} : { twilioAuthToken }),
    ...(channels?.pushover === undefined ? {} : { pushoverReceipts: true }),
    ...(telegramSecret === undefined ? {} : { telegram: { secretToken: telegramSecret, readAckData: readTelegramAckData } }),
    actions: {
      preview: (token) => desk.preview(token),
      acknowledge: (token) => desk.acknowledge(token),
      acknowledgeReply: (phone, id) => desk.acknowledgeReply(phone, id),
      claimDelivery: (scope, id) => {
        const now = app.clock.now();
        return app.store.claimSignedDelivery({ scope, id, expiresAt: epochMs(now + 24 * HOUR) }, now);
      },
      acknowledgePushoverReceipt: (incidentId, messageId, receipt) => desk.acknowledgeDelivered({
        incidentId, messageId, channel: 'pushover',
        // The receipt Pushover answered the message with is its provider id, recorded when it was delivered.
        isProof: (page) => page.status === 'delivered' && page.providerId === receipt,
        delivery: { scope: PUSHOVER_RECEIPT_SCOPE, id: receipt },
      }),
      acknowledgeTelegramButton: (incidentId, messageId, chatId, updateId) => desk.acknowledgeDelivered({
        incidentId, messageId, channel: 'telegram',
        // The chat that pressed the button is the one the page went to.
        isProof: (page) => page.address === chatId,
        delivery: { scope: 'telegram-update', id: updateId },
      }),
    },
  });
}

function registerWebPush(server: FastifyInstance, app: App, fromSessionCookie?: (cookieHeader: string | undefined) => Promise<Principal | undefined>): void {
  const vapid = vapidIdentity(app);
  if (vapid === undefined) return;
  const subscriptions = pushSubscriptions(app);
  const publicUrl = app.config.paging.appUrl;
  registerPushRoutes(server, {
    publicKey: vapid.publicKey,
    ...(publicUrl === undefined ? {} : { publicUrl }),
    caller: {
      async fromBearer(token) {
        const found = await app.tokens.identify(token);
        return found === undefined ? undefined : { principal: found.principal, canWrite: found.scopes.includes('write') };
      },
      fromSessionCookie: fromSessionCookie ?? (async () => undefined),
    },
    subscribe: (principal, input) => subscriptions.subscribe(principal, input, app.clock.now()),
    unsubscribe: (principal, endpoint) => subscriptions.unsubscribe(principal, endpoint),
  });
}
