import type { NtfyChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { headerText } from './header-text.js';
import { excerpt, jsonBody, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';

/** ntfy topic names: letters, digits, "_" and "-", up to 64 characters. */
const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY_BYTES = 4096;

/**
 * Phone push through ntfy (docs.ntfy.sh/publish): the text is POSTed to `<server>/<topic>` with the
 * subject as `Title`, `Priority: urgent` for a page (it breaks through Do Not Disturb on Android),
 * the incident as the `Click` target, and `Actions`: an http action that POSTs the one-tap
 * acknowledgement link and clears the notification, and a view action opening the incident. The
 * topic is the person's address and acts as a password on a public server: it never appears in a
 * reason.
 */
export class NtfyNotifier implements Notifier {
  constructor(private readonly config: NtfyChannelConfig, private readonly accessToken: string | undefined, private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    if (!TOPIC.test(message.address)) return { kind: 'failed', reason: 'the address is not an ntfy topic (letters, digits, "_" and "-", up to 64 characters)' };
    const sent = await sendHttp({
      method: 'POST',
      url: `${this.config.serverUrl}/${message.address}`,
      headers: ntfyHeaders(message, this.accessToken),
      body: cut(message.text, MAX_BODY_BYTES),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const answer = jsonBody(sent.reply) as { id?: unknown; error?: unknown } | undefined;
    const id = typeof answer?.id === 'string' ? answer.id : undefined;
    const problem = typeof answer?.error === 'string' ? answer.error : sent.reply.status >= 300 ? excerpt(sent.reply.body) : undefined;
    return outcomeOfStatus(sent.reply, 'ntfy', this.ctx.clock.now(), problem, { detail: `ntfy published the message${id === undefined ? '' : ` (id ${id})`}`, ...(id === undefined ? {} : { providerId: id }) });
  }
}

/** The publish headers of a message (exported for tests and docs). */
export function ntfyHeaders(message: OutboundMessage, accessToken?: string): Record<string, string> {
  const isPage = message.purpose === 'page';
  const actions: string[] = [];
  if (message.ack !== undefined) actions.push(`http, Acknowledge, ${message.ack.url}, method=POST, clear=true`);
  const open = message.incident?.url;
  if (open !== undefined) actions.push(`view, Open, ${open}`);
  return {
    'content-type': 'text/plain; charset=utf-8',
    title: headerText(message.subject),
    priority: isPage ? 'urgent' : 'default',
    tags: isPage ? 'rotating_light' : 'information_source',
    ...(open === undefined ? {} : { click: open }),
    ...(actions.length === 0 ? {} : { actions: actions.join('; ') }),
    ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
  };
}

function cut(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = text.slice(0, maxBytes);
  while (Buffer.byteLength(`${out}…`, 'utf8') > maxBytes) out = out.slice(0, -1);
  return `${out}…`;
}
