import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';

/** Signs a page's acknowledgement token at send time (`src/main` gives it the server's secret). */
export type SignAckToken = (page: { readonly incidentId: string; readonly personId: string; readonly generation: number }) => string;

/**
 * Adds the one-tap acknowledgement to every page as it is sent: a line with the link at the end of
 * the text (SMS, e-mail, Slack, Teams), `ack_url` in webhook payloads and a keypress on calls. The
 * link is signed at send time so it lives its full lifetime from when the person receives it.
 * A page's key names its incident, generation and person (`…INC:generation:step:repeat:person:method`).
 */
export class AckLinkNotifier implements Notifier {
  constructor(private readonly inner: Notifier, private readonly publicUrl: string, private readonly sign: SignAckToken) {}

  deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const page = message.purpose === 'page' ? readPageKey(message.idempotencyKey) : undefined;
    if (page === undefined) return this.inner.deliver(message, timeoutMs);
    const token = this.sign(page);
    const url = `${this.publicUrl}/ack/${token}`;
    return this.inner.deliver({
      ...message,
      text: `${message.text}\nAcknowledge: ${url}`,
      ack: { url, voiceActionUrl: `${this.publicUrl}/integrations/twilio/voice/${token}` },
    }, timeoutMs);
  }
}

/**
 * The incident, generation and person of a page's idempotency key
 * (`INC-…:generation:step:repeat:person:method`, under the outbox's `page:` prefix when it has one).
 */
export function readPageKey(key: string): { incidentId: string; personId: string; generation: number } | undefined {
  const parts = key.split(':');
  if (parts[0] === 'page') parts.shift();
  if (parts.length < 6) return undefined;
  const [incidentId, generation, step, repeat] = parts as [string, string, string, string];
  const personId = parts.slice(4, -1).join(':');
  if (incidentId === '' || personId === '' || ![generation, step, repeat].every((n) => /^\d+$/.test(n))) return undefined;
  return { incidentId, personId, generation: Number(generation) };
}
