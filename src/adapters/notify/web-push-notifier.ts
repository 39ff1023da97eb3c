import webpush from 'web-push';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import type { PushSubscriptionRecord, PushSubscriptionStore } from '../../app/push/index.js';
import { excerpt, hostOf, sendHttp, type HttpContext } from './http-delivery.js';

/** The VAPID key pair (RFC 8292), base64url as web-push generates it, and the subject push services may contact. */
export interface VapidIdentity {
  readonly subject: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/**
 * What the service worker of the web app receives (`push` event, `event.data.json()`): it shows
 * `title`/`body`, groups by `tag`, opens `url`, and POSTs `ackUrl` from the Acknowledge action.
 */
export interface PushPayload {
  readonly title: string;
  readonly body: string;
  readonly url: string;
  readonly ackUrl?: string;
  readonly tag: string;
}

type SendResult = { readonly kind: 'accepted' } | { readonly kind: 'gone' } | { readonly kind: 'retry'; readonly reason: string } | { readonly kind: 'failed'; readonly reason: string };

/** A page waits up to 4 hours in the push service for a phone that is offline; other messages up to a day. */
const PAGE_TTL_SECONDS = 4 * 3600;
const OTHER_TTL_SECONDS = 24 * 3600;
/** Push services accept at least 4 KB of encrypted payload; the body is cut to stay well within it. */
const MAX_BODY = 1500;

/**
 * Web Push (RFC 8030) to every browser the person subscribed: the payload encrypted per RFC 8291
 * (aes128gcm) with the browser's keys and the request signed with our VAPID key (RFC 8292), both by
 * `web-push`, and sent through the SSRF guard like every outbound request. A page is sent with
 * `Urgency: high`. A subscription the push service no longer knows (404/410) is deleted; the
 * message is delivered when at least one browser took it. The address is the person's id.
 */
export class WebPushNotifier implements Notifier {
  constructor(
    private readonly vapid: VapidIdentity,
    private readonly subscriptions: Pick<PushSubscriptionStore, 'listPushSubscriptions' | 'deletePushSubscription'>,
    private readonly ctx: HttpContext,
    /** Where a notification without an incident link opens (the web app), when known. */
    private readonly appUrl?: string,
  ) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const targets = await this.subscriptions.listPushSubscriptions(message.address);
    if (targets.length === 0) {
      return { kind: 'failed', reason: `${message.address} has no browser subscribed to push notifications: open the web app on the phone, sign in and allow notifications` };
    }
    const payload = JSON.stringify(pushPayload(message, this.appUrl));
    const accepted: string[] = [];
    const retry: string[] = [];
    const failed: string[] = [];
    const gone: string[] = [];
    for (const target of targets) {
      const outcome = await this.#send(target, payload, message.purpose === 'page', timeoutMs);
      if (outcome.kind === 'accepted') accepted.push(hostOf(target.endpoint));
      else if (outcome.kind === 'gone') {
        gone.push(hostOf(target.endpoint));
        await this.subscriptions.deletePushSubscription(target.endpoint);
      } else if (outcome.kind === 'retry') retry.push(outcome.reason);
      else failed.push(outcome.reason);
    }
    const forgotten = gone.length === 0 ? '' : `; forgot ${gone.length} expired subscription${gone.length === 1 ? '' : 's'} (${gone.join(', ')})`;
    if (accepted.length > 0) return { kind: 'delivered', detail: `push accepted by ${accepted.join(', ')}${forgotten}` };
    if (retry.length > 0) return { kind: 'retry', reason: `${retry.join('; ')}${forgotten}` };
    if (failed.length > 0) return { kind: 'failed', reason: `${failed.join('; ')}${forgotten}` };
    return { kind: 'failed', reason: `every push subscription of ${message.address} has expired${forgotten}: open the web app and allow notifications again` };
  }

  async #send(target: PushSubscriptionRecord, payload: string, isPage: boolean, timeoutMs: number): Promise<SendResult> {
    const what = `the push service ${hostOf(target.endpoint)}`;
    let details: webpush.RequestDetails;
    try {
      details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
        vapidDetails: this.vapid,
        TTL: isPage ? PAGE_TTL_SECONDS : OTHER_TTL_SECONDS,
        urgency: isPage ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
      });
    } catch (e) {
      return { kind: 'failed', reason: `the push subscription at ${hostOf(target.endpoint)} cannot be used: ${e instanceof Error ? e.message : String(e)}` };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) headers[name.toLowerCase()] = String(value);
    const sent = await sendHttp({ method: 'POST', url: details.endpoint, headers, ...(details.body === null ? {} : { body: details.body }) }, timeoutMs, this.ctx);
    if ('outcome' in sent) {
      const o = sent.outcome;
      return o.kind === 'retry' ? { kind: 'retry', reason: o.reason } : { kind: 'failed', reason: o.kind === 'delivered' ? what : o.reason };
    }
    const s = sent.reply.status;
    if (s >= 200 && s < 300) return { kind: 'accepted' };
    if (s === 404 || s === 410) return { kind: 'gone' };
    const said = sent.reply.body.trim() === '' ? '' : `: ${excerpt(sent.reply.body)}`;
    if (s === 408 || s === 429 || s >= 500) return { kind: 'retry', reason: `${what} answered ${s}${said}` };
    return { kind: 'failed', reason: `${what} answered ${s}${said}` };
  }
}

/** The notification the service worker shows (exported for tests). */
export function pushPayload(message: OutboundMessage, appUrl?: string): PushPayload {
  const body = message.ack === undefined ? message.text : message.text.replace(`\nAcknowledge: ${message.ack.url}`, '');
  return {
    title: message.subject,
    body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body,
    url: message.incident?.url ?? (appUrl === undefined ? '/app' : `${appUrl}/app`),
    ...(message.ack === undefined ? {} : { ackUrl: message.ack.url }),
    tag: message.incident?.id ?? message.id,
  };
}
