import type { DeliveryOutcome, MessagePurpose, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { hostOf, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';
import { incidentJson, messageJson } from './message-json.js';
import { signStandardWebhook } from './standard-webhook-signature.js';

/** The event `type` of each message purpose. */
export const WEBHOOK_EVENT_TYPES: Record<MessagePurpose, string> = {
  page: 'incident.paged',
  notify: 'incident.notified',
  'stakeholder-update': 'incident.stakeholder_update',
  'update-reminder': 'incident.update_reminder',
  'follow-up-reminder': 'incident.follow_up_reminder',
  'war-room': 'incident.war_room',
  subscription: 'incident.subscription_update',
};

/**
 * Outbound webhooks signed per Standard Webhooks. `webhook-id` is the message id, the same on
 * every retry, so receivers can drop duplicates; the timestamp and signature are those of this
 * attempt. The body is `{ type, timestamp, data: { incident, message } }`.
 */
export class WebhookNotifier implements Notifier {
  constructor(private readonly signingKey: Buffer, private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const body = JSON.stringify({
      type: WEBHOOK_EVENT_TYPES[message.purpose],
      timestamp: new Date(message.createdAt).toISOString(),
      data: { ...(message.incident === undefined ? {} : { incident: incidentJson(message.incident) }), message: messageJson(message) },
    });
    const timestamp = Math.floor(this.ctx.clock.now() / 1000);
    const sent = await sendHttp({
      method: 'POST',
      url: message.address,
      headers: {
        'content-type': 'application/json',
        'webhook-id': message.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signStandardWebhook(this.signingKey, message.id, timestamp, body),
        'idempotency-key': message.id,
      },
      body,
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    return outcomeOfStatus(sent.reply, `the webhook at ${hostOf(message.address)}`, this.ctx.clock.now());
  }
}
