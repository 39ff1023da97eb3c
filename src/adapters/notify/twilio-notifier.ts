import type { TwilioChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { jsonBody, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';
import { escapeXml, speechText } from './speech-text.js';

const E164 = /^\+[1-9]\d{6,14}$/;
/** Twilio's limit for a message body. */
export const MAX_SMS_LENGTH = 1600;

/**
 * SMS (Messages.json) and voice calls (Calls.json with inline TwiML) through the Twilio REST API,
 * or any API speaking it. Twilio answers 201 with the resource's `sid`; errors carry
 * `{ code, message, more_info, status }`, quoted in the reason (21211: not a valid number).
 */
export class TwilioNotifier implements Notifier {
  constructor(
    private readonly kind: 'sms' | 'voice',
    private readonly config: TwilioChannelConfig,
    private readonly authToken: string,
    private readonly ctx: HttpContext,
  ) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    if (!E164.test(message.address)) return { kind: 'failed', reason: `'${message.address}' is not a phone number in E.164 form (+ and country code, e.g. +15551234567)` };
    const form = new URLSearchParams({ To: message.address, From: this.config.from });
    if (this.kind === 'sms') form.set('Body', smsBody(message));
    else form.set('Twiml', twiml(message));
    const resource = this.kind === 'sms' ? 'Messages' : 'Calls';
    const sent = await sendHttp({
      method: 'POST',
      url: `${this.config.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(this.config.accountSid)}/${resource}.json`,
      headers: {
        authorization: `Basic ${Buffer.from(`${this.config.accountSid}:${this.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const answer = jsonBody(sent.reply) as { sid?: unknown; status?: unknown; code?: unknown; message?: unknown } | undefined;
    const problem = typeof answer?.message === 'string' ? `${typeof answer.code === 'number' ? `${answer.code} ` : ''}${answer.message}` : undefined;
    const sid = typeof answer?.sid === 'string' ? answer.sid : undefined;
    const what = this.kind === 'sms' ? 'SMS' : 'call';
    return outcomeOfStatus(sent.reply, 'Twilio', this.ctx.clock.now(), problem, {
      detail: `Twilio accepted the ${what}${sid === undefined ? '' : ` (${sid}${typeof answer?.status === 'string' ? `, ${answer.status}` : ''})`}`,
      ...(sid === undefined ? {} : { providerId: sid }),
    });
  }
}

/** Twilio's limit for inline TwiML. */
const MAX_TWIML = 4000;

/**
 * `<Response><Say>…</Say></Response>`, the spoken text shortened until the escaped document fits.
 * A page with an acknowledgement asks for one key: pressing 1 posts to its signed action URL.
 */
export function twiml(message: OutboundMessage): string {
  let spoken = speechText(message);
  for (;;) {
    const doc = message.ack === undefined
      ? `<Response><Say>${escapeXml(spoken)}</Say></Response>`
      : `<Response><Gather numDigits="1" timeout="10" method="POST" action="${escapeXml(message.ack.voiceActionUrl)}"><Say>${escapeXml(spoken)} Press 1 to acknowledge.</Say></Gather><Say>No key was pressed. The incident is not acknowledged. Goodbye.</Say></Response>`;
    if (doc.length <= MAX_TWIML) return doc;
    spoken = spoken.slice(0, Math.floor(spoken.length * 0.8));
  }
}

/** Subject, then the text, cut to 1,600 characters (never inside a surrogate pair). */
export function smsBody(message: OutboundMessage): string {
  const text = message.text.trim();
  const full = text === '' || text.startsWith(message.subject) ? (text || message.subject) : `${message.subject}\n${text}`;
  if (full.length <= MAX_SMS_LENGTH) return full;
  let cut = MAX_SMS_LENGTH - 1;
  const code = full.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${full.slice(0, cut)}…`;
}
