import type { TelegramChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { jsonBody, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';

/** A private chat, group or channel id as Telegram gives it (a group's is negative). */
const CHAT_ID = /^-?\d{1,20}$/;
const MAX_TEXT = 4096;
/** Telegram refuses callback_data longer than 64 bytes. */
const MAX_CALLBACK_DATA = 64;

/**
 * The Acknowledge button's callback_data: the incident and the outbox message, which the webhook
 * looks up (the message must have gone to the chat that pressed it). Undefined when it would not
 * fit Telegram's 64 bytes; the page then carries the link only.
 */
export function telegramAckData(incidentId: string, messageId: string): string | undefined {
  const data = `ack:${incidentId}:${messageId}`;
  return Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_DATA ? data : undefined;
}

/** `ack:<incident>:<message id>` back into its parts; undefined for any other button. */
export function readTelegramAckData(data: string): { incidentId: string; messageId: string } | undefined {
  const m = /^ack:(.+):([^:]+)$/.exec(data);
  return m === null ? undefined : { incidentId: m[1]!, messageId: m[2]! };
}

/**
 * A Telegram bot's message (core.telegram.org/bots/api#sendmessage) to the person's chat, with an
 * inline keyboard: Acknowledge (a callback button our webhook answers) and Open (the incident).
 * The bot token is in the URL path, so it never appears in a reason (the channel scrubs it too).
 */
export class TelegramNotifier implements Notifier {
  constructor(private readonly config: TelegramChannelConfig, private readonly botToken: string, private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    if (!CHAT_ID.test(message.address)) return { kind: 'failed', reason: 'the address is not a Telegram chat id (digits, negative for a group; the bot sees it when the person writes /start to it)' };
    const sent = await sendHttp({
      method: 'POST',
      url: `${this.config.apiUrl}/bot${this.botToken}/sendMessage`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(telegramSendMessage(message)),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const answer = jsonBody(sent.reply) as { ok?: unknown; description?: unknown; result?: { message_id?: unknown }; parameters?: { retry_after?: unknown } } | undefined;
    const problem = typeof answer?.description === 'string' ? answer.description : undefined;
    const retryAfter = answer?.parameters?.retry_after;
    const reply = typeof retryAfter === 'number' && sent.reply.headers['retry-after'] === undefined
      ? { ...sent.reply, headers: { ...sent.reply.headers, 'retry-after': String(retryAfter) } }
      : sent.reply;
    const messageId = answer?.result?.message_id;
    const providerId = typeof messageId === 'number' ? `${message.address}/${messageId}` : undefined;
    if (reply.status >= 200 && reply.status < 300 && answer?.ok !== true) return { kind: 'retry', reason: `Telegram answered ${reply.status} without ok${problem === undefined ? '' : `: ${problem}`}` };
    return outcomeOfStatus(reply, 'Telegram', this.ctx.clock.now(), problem, { detail: `Telegram sent the message${providerId === undefined ? '' : ` (${providerId})`}`, ...(providerId === undefined ? {} : { providerId }) });
  }
}

/** The sendMessage parameters of a message (exported for tests). */
export function telegramSendMessage(message: OutboundMessage): Record<string, unknown> {
  const text = `${message.subject}\n\n${message.text}`;
  const buttons: Record<string, string>[] = [];
  const data = message.page === undefined || message.ack === undefined ? undefined : telegramAckData(message.page.incidentId, message.id);
  if (data !== undefined) buttons.push({ text: 'Acknowledge', callback_data: data });
  // Telegram accepts only public http(s) URLs on buttons; the incident's link stays in the text otherwise.
  const open = message.incident?.url;
  if (open !== undefined && /^https:\/\//i.test(open)) buttons.push({ text: 'Open', url: open });
  return {
    chat_id: message.address,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
    link_preview_options: { is_disabled: true },
    ...(buttons.length === 0 ? {} : { reply_markup: { inline_keyboard: [buttons] } }),
  };
}
