import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAckReply, type AckLinkOutcome, type AckLinkPreview } from '../../app/ack-links/index.js';
import { timingSafeEqual } from 'node:crypto';
import { escapeXml, html, htmlPage as page } from './escaped-html.js';
import { isValidTwilioSignature } from './twilio-signature.js';

/** What the acknowledgement routes act through (`AckLinkDesk`). */
export interface AckActions {
  preview(token: string): Promise<AckLinkPreview>;
  acknowledge(token: string): Promise<AckLinkOutcome>;
  acknowledgeReply(phone: string, deliveryId: string): Promise<AckLinkOutcome>;
  /** Remembers an inbound delivery (a call's signature); false when it was already acted on. */
  claimDelivery(scope: string, id: string): Promise<boolean>;
  /** Pushover's receipt callback for page `messageId` of the incident: acknowledges when `receipt` is the one Pushover gave for it. */
  acknowledgePushoverReceipt(incidentId: string, messageId: string, receipt: string): Promise<AckLinkOutcome>;
  /** A Telegram Acknowledge button pressed in chat `chatId` (update `updateId`): acknowledges when page `messageId` was sent to that chat. */
  acknowledgeTelegramButton(incidentId: string, messageId: string, chatId: string, updateId: string): Promise<AckLinkOutcome>;
}

/** A Telegram button's callback_data back into the page it acknowledges (given by `src/main`, which knows the format). */
export type ReadTelegramAckData = (data: string) => { readonly incidentId: string; readonly messageId: string } | undefined;

export interface AckRoutesDeps {
  readonly actions: AckActions;
  /** `paging.app_url`: the public base URL, which Twilio signed (behind a proxy, not the forwarded one). */
  readonly publicUrl: string;
  /** The Twilio auth token, when Twilio is configured and its variable set; else the Twilio webhooks are not served. */
  readonly twilioAuthToken?: string;
  /** Pushover is configured: its receipt callback is served. */
  readonly pushoverReceipts?: boolean;
  /** The Telegram webhook's secret token and the button reader, when Telegram and its webhook secret are configured. */
  readonly telegram?: { readonly secretToken: string; readonly readAckData: ReadTelegramAckData };
}

export const TWILIO_SMS_PATH = '/integrations/twilio/sms';
export const TWILIO_VOICE_PATH = '/integrations/twilio/voice';
export const PUSHOVER_RECEIPT_PATH = '/integrations/pushover/receipt';
export const TELEGRAM_WEBHOOK_PATH = '/integrations/telegram/webhook';
const FORM_LIMIT_BYTES = 64 * 1024;

const named = (incidentId: string, title?: string): string => (title === undefined ? incidentId : `${incidentId} ${title}`);

/** An outcome as a page: status, heading and one sentence saying what happened and what to do. */
export function describeAckOutcome(outcome: AckLinkPreview): { status: number; title: string; text: string } {
  switch (outcome.kind) {
    case 'ready':
      return { status: 200, title: `Acknowledge ${outcome.incidentId} as ${outcome.personName}`, text: `This stops the paging of ${named(outcome.incidentId, outcome.title)} and records ${outcome.personName} as acknowledging it. The link works once.` };
    case 'acknowledged':
      return { status: 200, title: `${outcome.incidentId} acknowledged`, text: `${named(outcome.incidentId, outcome.title)} is acknowledged by ${outcome.personName}; paging has stopped.` };
    case 'invalid':
      return { status: 404, title: 'Link not valid', text: 'This acknowledgement link is not valid: it was changed or cut short. Open the link from the page exactly as received, or run "incident-response ack ID".' };
    case 'expired':
      return { status: 410, title: 'Link expired', text: `This acknowledgement link for ${outcome.incidentId} has expired. Acknowledge with "incident-response ack ${outcome.incidentId}" or from the web app.` };
    case 'stale':
      return { status: 410, title: 'Link from an earlier page', text: `This link belongs to an earlier round of paging for ${outcome.incidentId}. Use the link in the latest page, or "incident-response ack ${outcome.incidentId}".` };
    case 'used':
      return { status: 409, title: 'Link already used', text: `This acknowledgement link for ${outcome.incidentId} was already used; a link acknowledges once. See the incident in the web app.` };
    case 'not-open':
      return { status: 409, title: `${outcome.incidentId} is ${outcome.status}`, text: `${outcome.incidentId} is already ${outcome.status}${outcome.by === undefined ? '' : ` (by ${outcome.by})`}; there is nothing to acknowledge.` };
    case 'unknown-person':
      return { status: 404, title: 'Person not found', text: 'The person this link was sent to is no longer in the on-call directory. Acknowledge with "incident-response ack ID".' };
    case 'no-page':
      return { status: 404, title: 'No page to acknowledge', text: 'There is no unacknowledged incident you were paged for.' };
  }
}

function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(body);
}

function twiml(reply: FastifyReply, body: string): FastifyReply {
  return reply.code(200).header('cache-control', 'no-store').type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`);
}

/**
 * One-tap acknowledgement: `GET /ack/<token>` shows what the link will do and changes nothing
 * (mail scanners fetch links), `POST /ack/<token>` acknowledges. Twilio's inbound webhooks (an SMS
 * reply, a call's keypress) are served when its auth token is known, and refused with 403 unless
 * `X-Twilio-Signature` signs the public URL and the parameters.
 */
export function registerAckRoutes(app: FastifyInstance, deps: AckRoutesDeps): void {
  const { actions } = deps;
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.get<{ Params: { token: string } }>('/ack/:token', async (request, reply) => {
      const outcome = await actions.preview(request.params.token);
      const d = describeAckOutcome(outcome);
      const form = outcome.kind === 'ready' ? html`<form method="post" action=""><button type="submit">${d.title}</button></form>` : html``;
      return sendPage(reply, d.status, page(d.title, html`<p>${d.text}</p>${form}`));
    });

    scope.post<{ Params: { token: string } }>('/ack/:token', { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
      const outcome = await actions.acknowledge(request.params.token);
      const d = describeAckOutcome(outcome);
      request.log.info({ outcome: outcome.kind, ...('incidentId' in outcome ? { incidentId: outcome.incidentId } : {}) }, 'acknowledgement link used');
      return sendPage(reply, d.status, page(d.title, html`<p>${d.text}</p>`));
    });

    if (deps.pushoverReceipts === true) {
      // Pushover calls back once the person acknowledges the emergency page in its app. The URL names
      // the page; the receipt in the body must be the one Pushover gave us for it, which only Pushover
      // and this server know.
      scope.post<{ Params: { incidentId: string; messageId: string } }>(`${PUSHOVER_RECEIPT_PATH}/:incidentId/:messageId`, { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
        const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
        const receipt = params.get('receipt') ?? '';
        if (!/^[A-Za-z0-9]{30}$/.test(receipt) || params.get('acknowledged') !== '1') {
          return reply.code(400).type('text/plain; charset=utf-8').send('Expected Pushover\'s receipt callback: receipt (30 letters and digits) and acknowledged=1.');
        }
        const outcome = await actions.acknowledgePushoverReceipt(request.params.incidentId, request.params.messageId, receipt);
        request.log.info({ outcome: outcome.kind, ...('incidentId' in outcome ? { incidentId: outcome.incidentId } : {}) }, 'Pushover acknowledgement');
        const d = describeAckOutcome(outcome);
        // A known receipt whose incident is already acknowledged is still a good callback.
        const status = outcome.kind === 'invalid' ? 403 : outcome.kind === 'unknown-person' ? 404 : 200;
        return reply.code(status).type('text/plain; charset=utf-8').send(outcome.kind === 'invalid' ? 'The receipt does not belong to this page.' : d.title);
      });
    }

    const telegram = deps.telegram;
    if (telegram !== undefined) {
      const expected = Buffer.from(telegram.secretToken);
      scope.post(TELEGRAM_WEBHOOK_PATH, { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
        const given = request.headers['x-telegram-bot-api-secret-token'];
        const givenBytes = Buffer.from(typeof given === 'string' ? given : '');
        if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) {
          request.log.warn('Telegram update refused: X-Telegram-Bot-Api-Secret-Token is missing or does not match');
          return reply.code(403).type('text/plain; charset=utf-8').send('The secret token is missing or not valid.');
        }
        const update = readTelegramUpdate(typeof request.body === 'string' ? request.body : '');
        if (update === undefined) return reply.code(400).type('text/plain; charset=utf-8').send('Expected a Telegram Update object (JSON).');
        if (update.kind === 'message') {
          // Someone wrote to the bot (/start): tell them the chat id their contact method needs.
          return reply.code(200).send({ method: 'sendMessage', chat_id: update.chatId, text: `Your chat id is ${update.chatId}. Give it as the address of a telegram contact method to receive pages here.` });
        }
        if (update.kind !== 'button') return reply.code(200).send({});
        const page = telegram.readAckData(update.data);
        const outcome: AckLinkOutcome = page === undefined ? { kind: 'invalid' } : await actions.acknowledgeTelegramButton(page.incidentId, page.messageId, update.chatId, update.updateId);
        request.log.info({ outcome: outcome.kind, ...('incidentId' in outcome ? { incidentId: outcome.incidentId } : {}) }, 'Telegram acknowledgement');
        // The answer is a Bot API call made in the webhook's reply: the button stops spinning and shows the outcome.
        return reply.code(200).send({ method: 'answerCallbackQuery', callback_query_id: update.callbackQueryId, text: buttonAnswer(outcome), show_alert: outcome.kind !== 'acknowledged' });
      });
    }

    const authToken = deps.twilioAuthToken;
    if (authToken === undefined) return;
    /** The signed parameters, or undefined after answering 403. */
    const verified = (request: FastifyRequest, reply: FastifyReply): URLSearchParams | undefined => {
      const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const signature = request.headers['x-twilio-signature'];
      if (!isValidTwilioSignature(authToken, `${deps.publicUrl}${request.url}`, params, typeof signature === 'string' ? signature : undefined)) {
        request.log.warn({ path: request.routeOptions.url }, 'Twilio request refused: X-Twilio-Signature is missing or does not match');
        void reply.code(403).type('text/plain; charset=utf-8').send('The request signature is missing or not valid.');
        return undefined;
      }
      return params;
    };

    scope.post(TWILIO_SMS_PATH, { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
      const params = verified(request, reply);
      if (params === undefined) return reply;
      const from = params.get('From') ?? '';
      const sid = params.get('MessageSid') ?? params.get('SmsSid') ?? '';
      if (!isAckReply(params.get('Body') ?? '')) return twiml(reply, '<Message>Reply ACK to acknowledge your most recent page.</Message>');
      const outcome = await actions.acknowledgeReply(from, sid === '' ? String(request.headers['x-twilio-signature']) : sid);
      request.log.info({ outcome: outcome.kind, ...('incidentId' in outcome ? { incidentId: outcome.incidentId } : {}) }, 'SMS acknowledgement');
      return twiml(reply, `<Message>${escapeXml(smsAnswer(outcome))}</Message>`);
    });

    scope.post<{ Params: { token: string } }>(`${TWILIO_VOICE_PATH}/:token`, { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
      const params = verified(request, reply);
      if (params === undefined) return reply;
      if (!(await actions.claimDelivery('twilio-voice', String(request.headers['x-twilio-signature'])))) {
        return twiml(reply, '<Say>This keypress was already received.</Say>');
      }
      if ((params.get('Digits') ?? '') !== '1') return twiml(reply, '<Say>Not acknowledged. Goodbye.</Say>');
      const outcome = await actions.acknowledge(request.params.token);
      request.log.info({ outcome: outcome.kind, ...('incidentId' in outcome ? { incidentId: outcome.incidentId } : {}) }, 'voice acknowledgement');
      return twiml(reply, `<Say>${escapeXml(outcome.kind === 'acknowledged' ? 'Acknowledged. Paging has stopped. Goodbye.' : `${describeAckOutcome(outcome).title}. Goodbye.`)}</Say>`);
    });
  });
}

function smsAnswer(outcome: AckLinkOutcome): string {
  if (outcome.kind === 'acknowledged') return `Acknowledged ${outcome.incidentId}`;
  if (outcome.kind === 'used') return 'This reply was already received.';
  if (outcome.kind === 'unknown-person') return 'This number is not in the on-call directory; nothing was acknowledged.';
  return describeAckOutcome(outcome).text;
}

function buttonAnswer(outcome: AckLinkOutcome): string {
  if (outcome.kind === 'acknowledged') return `Acknowledged ${outcome.incidentId}; paging has stopped.`;
  if (outcome.kind === 'invalid') return 'This button does not belong to a page sent to this chat.';
  return describeAckOutcome(outcome).text;
}

type TelegramUpdate =
  | { readonly kind: 'button'; readonly updateId: string; readonly callbackQueryId: string; readonly chatId: string; readonly data: string }
  | { readonly kind: 'message'; readonly chatId: string }
  | { readonly kind: 'other' };

/** The parts of a Telegram Update (core.telegram.org/bots/api#update) the webhook acts on. */
function readTelegramUpdate(body: string): TelegramUpdate | undefined {
  let update: unknown;
  try {
    update = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof update !== 'object' || update === null || typeof (update as { update_id?: unknown }).update_id !== 'number') return undefined;
  const u = update as { update_id: number; callback_query?: { id?: unknown; data?: unknown; message?: { chat?: { id?: unknown } } }; message?: { chat?: { id?: unknown }; text?: unknown } };
  const q = u.callback_query;
  if (q !== undefined && typeof q.id === 'string' && typeof q.data === 'string' && typeof q.message?.chat?.id === 'number') {
    return { kind: 'button', updateId: String(u.update_id), callbackQueryId: q.id, chatId: String(q.message.chat.id), data: q.data };
  }
  if (typeof u.message?.chat?.id === 'number' && typeof u.message.text === 'string' && u.message.text.startsWith('/start')) return { kind: 'message', chatId: String(u.message.chat.id) };
  return { kind: 'other' };
}
