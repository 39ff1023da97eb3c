import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';

/** Signs a page's acknowledgement token at send time (`src/main` gives it the server's secret). */
export type SignAckToken = (page: NonNullable<OutboundMessage['page']>) => string;

/**
 * Adds the one-tap acknowledgement to every page as it is sent: a line with the link at the end of
 * the text (SMS, e-mail, Slack, Teams, ntfy, Pushover, Telegram), `ack_url` in webhook payloads,
 * the Acknowledge action of a push notification and a keypress on calls. The link is signed at
 * send time so it lives its full lifetime from when the person receives it. Whom and which round
 * it acknowledges come from the outbox row (`message.page`); a bundle of held pages has none and
 * carries no link.
 */
export class AckLinkNotifier implements Notifier {
  constructor(private readonly inner: Notifier, private readonly publicUrl: string, private readonly sign: SignAckToken) {}

  deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const page = message.page;
    if (page === undefined) return this.inner.deliver(message, timeoutMs);
    const token = this.sign(page);
    const url = `${this.publicUrl}/ack/${token}`;
    return this.inner.deliver({
      ...message,
      text: `${message.text}\nAcknowledge: ${url}`,
      ack: {
        url,
        voiceActionUrl: `${this.publicUrl}/integrations/twilio/voice/${token}`,
        receiptCallbackUrl: `${this.publicUrl}/integrations/pushover/receipt/${encodeURIComponent(page.incidentId)}/${encodeURIComponent(message.id)}`,
      },
    }, timeoutMs);
  }
}
