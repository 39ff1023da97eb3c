import type { PushoverChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { jsonBody, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';

/** Pushover user and group keys: 30 letters and digits. */
const USER_KEY = /^[A-Za-z0-9]{30}$/;
/** Pushover's receipt of an emergency message: 30 letters and digits. */
const RECEIPT = /^[A-Za-z0-9]{30}$/;
const MAX_TITLE = 250;
const MAX_MESSAGE = 1024;
/** Pushover's priorities: 2 repeats every `retry` seconds until acknowledged or `expire` passes. */
const EMERGENCY = '2';
const NORMAL = '0';

/**
 * Phone push through Pushover (pushover.net/api): a page is sent at emergency priority, repeating
 * every `retry` seconds for `expire` seconds until the person acknowledges it in the Pushover app.
 * Its `callback` is our receipt callback, so that acknowledgement acknowledges the incident; the
 * receipt Pushover answers with is the delivery's provider id, which the callback must present.
 * Other messages go at normal priority. The user key (the address) and the app token never appear
 * in a reason.
 */
export class PushoverNotifier implements Notifier {
  constructor(private readonly config: PushoverChannelConfig, private readonly appToken: string, private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    if (message.stopRepeating !== undefined) return this.#cancel(message.stopRepeating, timeoutMs);
    if (!USER_KEY.test(message.address)) return { kind: 'failed', reason: 'the address is not a Pushover user key (30 letters and digits, from the Pushover dashboard)' };
    const sent = await sendHttp({
      method: 'POST',
      url: `${this.config.apiUrl}/1/messages.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: pushoverForm(message, this.appToken, this.config).toString(),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const answer = jsonBody(sent.reply) as { status?: unknown; request?: unknown; receipt?: unknown; errors?: unknown } | undefined;
    const problem = Array.isArray(answer?.errors) ? answer.errors.filter((e): e is string => typeof e === 'string').join('; ') : undefined;
    // Pushover answers 200 with status 1 when the message is queued; an invalid request is a 4xx with status 0.
    const reply = sent.reply.status >= 200 && sent.reply.status < 300 && answer?.status !== 1 ? { ...sent.reply, status: 400 } : sent.reply;
    const receipt = typeof answer?.receipt === 'string' ? answer.receipt : undefined;
    const request = typeof answer?.request === 'string' ? answer.request : undefined;
    const providerId = receipt ?? request;
    return outcomeOfStatus(reply, 'Pushover', this.ctx.clock.now(), problem, {
      detail: receipt === undefined ? `Pushover queued the message${request === undefined ? '' : ` (request ${request})`}` : `Pushover queued the emergency message (receipt ${receipt})`,
      ...(providerId === undefined ? {} : { providerId }),
    });
  }

  /**
   * Stops an emergency page repeating: POST /1/receipts/{receipt}/cancel.json with the app token.
   * Cancelling a receipt that was acknowledged or expired meanwhile changes nothing at Pushover.
   */
  async #cancel(receipt: string, timeoutMs: number): Promise<DeliveryOutcome> {
    if (!RECEIPT.test(receipt)) return { kind: 'failed', reason: 'not a Pushover receipt (30 letters and digits)' };
    const sent = await sendHttp({
      method: 'POST',
      url: `${this.config.apiUrl}/1/receipts/${receipt}/cancel.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ token: this.appToken }).toString(),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const answer = jsonBody(sent.reply) as { status?: unknown; errors?: unknown } | undefined;
    const problem = Array.isArray(answer?.errors) ? answer.errors.filter((e): e is string => typeof e === 'string').join('; ') : undefined;
    const reply = sent.reply.status >= 200 && sent.reply.status < 300 && answer?.status !== 1 ? { ...sent.reply, status: 400 } : sent.reply;
    return outcomeOfStatus(reply, 'Pushover', this.ctx.clock.now(), problem, { detail: 'Pushover stopped repeating the page' });
  }
}

/** The form Pushover's messages API takes (exported for tests). */
export function pushoverForm(message: OutboundMessage, appToken: string, config: Pick<PushoverChannelConfig, 'retrySeconds' | 'expireSeconds'>): URLSearchParams {
  const isPage = message.purpose === 'page';
  const form = new URLSearchParams({
    token: appToken,
    user: message.address,
    title: cut(message.subject, MAX_TITLE),
    message: cut(message.text, MAX_MESSAGE),
    priority: isPage ? EMERGENCY : NORMAL,
    timestamp: String(Math.floor(message.createdAt / 1000)),
  });
  if (isPage) {
    form.set('retry', String(config.retrySeconds));
    form.set('expire', String(config.expireSeconds));
    if (message.ack !== undefined) form.set('callback', message.ack.receiptCallbackUrl);
  }
  const open = message.incident?.url;
  if (open !== undefined) {
    form.set('url', open);
    form.set('url_title', `Open ${message.incident!.id}`);
  }
  return form;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
