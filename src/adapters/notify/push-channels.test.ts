import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ChannelsConfig } from '../../app/config/index.js';
import { createNotifier } from './index.js';
import { fixedClock, sampleMessage, startRecordingServer, type RecordingServer, type ScriptedReply } from './notify-test-support.js';

const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const NTFY_TOKEN = 'tk_secretsecretsecretsecret01';
const PUSHOVER_TOKEN = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';
const PUSHOVER_USER = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const ACK = {
  url: 'https://ir.example.com/ack/abc.def',
  voiceActionUrl: 'https://ir.example.com/integrations/twilio/voice/abc.def',
  receiptCallbackUrl: 'https://ir.example.com/integrations/pushover/receipt/INC-2026-1128-001/msg_01HZX3K9Q8',
};
const PAGE = { incidentId: 'INC-2026-1128-001', personId: 'alice', generation: 1 };

async function channel(reply: ScriptedReply, config: (url: string) => Omit<ChannelsConfig, 'allowPrivateAddresses'>) {
  const s = await startRecordingServer(() => reply);
  servers.push(s);
  const env = { NTFY_TOKEN, PUSHOVER_TOKEN, BOT_TOKEN };
  const { notifier } = createNotifier({ ...config(s.url), allowPrivateAddresses: ['127.0.0.1/32'] }, { env, clock: fixedClock });
  return { s, notifier };
}

describe('ntfy channel', () => {
  const ntfy = (reply: ScriptedReply) => channel(reply, (url) => ({ ntfy: { serverUrl: url, accessTokenEnv: 'NTFY_TOKEN' } }));

  it('publishes a page urgently with its Acknowledge and Open actions, and a non-ASCII title as an RFC 2047 word', async () => {
    const { s, notifier } = await ntfy({ status: 200, body: { id: 'hwQ2YpKdmg', event: 'message' } });
    const outcome = await notifier.deliver(sampleMessage({ channel: 'ntfy', address: 'alice-pager', subject: '[SEV-1] Zahlungen fallen aus – Köln', ack: ACK, page: PAGE }), 2000);
    assert.deepEqual(outcome, { kind: 'delivered', detail: 'ntfy published the message (id hwQ2YpKdmg)', providerId: 'hwQ2YpKdmg' });
    const [req] = s.requests;
    assert.equal(req?.url, '/alice-pager');
    assert.equal(req?.headers.priority, 'urgent');
    assert.equal(req?.headers.title, `=?UTF-8?B?${Buffer.from('[SEV-1] Zahlungen fallen aus – Köln').toString('base64')}?=`);
    assert.equal(req?.headers.actions, `http, Acknowledge, ${ACK.url}, method=POST, clear=true; view, Open, https://ir.example.com/incidents/INC-2026-1128-001`);
    assert.equal(req?.headers.authorization, `Bearer ${NTFY_TOKEN}`);
  });

  it('sends other messages at default priority without an Acknowledge action, retries on 429 and never shows the topic', async () => {
    const { s, notifier } = await ntfy({ status: 429, headers: { 'retry-after': '30' }, body: { code: 42901, http: 429, error: 'limit reached: too many requests' } });
    const outcome = await notifier.deliver(sampleMessage({ channel: 'ntfy', address: 'secret-topic-name', purpose: 'notify' }), 2000);
    assert.deepEqual(outcome, { kind: 'retry', reason: 'ntfy answered 429: limit reached: too many requests', retryAfterMs: 30_000 });
    assert.equal(s.requests[0]?.headers.priority, 'default');
    assert.doesNotMatch(String(s.requests[0]?.headers.actions), /Acknowledge/);
    const refused = await notifier.deliver(sampleMessage({ channel: 'ntfy', address: 'not a topic/../x' }), 2000);
    assert.equal(refused.kind, 'failed');
    assert.doesNotMatch(JSON.stringify(refused), /not a topic/);
  });
});

describe('Pushover channel', () => {
  const pushover = (reply: ScriptedReply) => channel(reply, (url) => ({ pushover: { appTokenEnv: 'PUSHOVER_TOKEN', apiUrl: url, retrySeconds: 60, expireSeconds: 3600 } }));

  it('reports Pushover\'s errors from a status 0 answer, with neither the app token nor the user key', async () => {
    const { notifier } = await pushover({ status: 400, body: { user: 'invalid', errors: ['user identifier is not a valid user, group, or subscribed user key'], status: 0, request: '5042853c' } });
    const outcome = await notifier.deliver(sampleMessage({ channel: 'pushover', address: PUSHOVER_USER, ack: ACK, page: PAGE }), 2000);
    assert.deepEqual(outcome, { kind: 'failed', reason: 'Pushover answered 400: user identifier is not a valid user, group, or subscribed user key' });
  });

  it('sends other messages at normal priority, without retry, expire or callback', async () => {
    const { s, notifier } = await pushover({ status: 200, body: { status: 1, request: 'e460545a-ffc6-4e0b-8d8e-a2d8c8a0f5e9' } });
    const outcome = await notifier.deliver(sampleMessage({ channel: 'pushover', address: PUSHOVER_USER, purpose: 'notify' }), 2000);
    assert.deepEqual(outcome, { kind: 'delivered', detail: 'Pushover queued the message (request e460545a-ffc6-4e0b-8d8e-a2d8c8a0f5e9)', providerId: 'e460545a-ffc6-4e0b-8d8e-a2d8c8a0f5e9' });
    const form = new URLSearchParams(s.requests[0]!.body);
    assert.equal(form.get('priority'), '0');
    assert.deepEqual(['retry', 'expire', 'callback'].map((k) => form.get(k)), [null, null, null]);
    assert.equal(form.get('token'), PUSHOVER_TOKEN);
  });

  it('cancels the repeats of an emergency page by its receipt, retries a 5xx and quotes the errors of a status 0 answer', async () => {
    const receipt = 'rLqVuqTRh62UzxtmqiaLzQmVcPgiCy';
    const stop = sampleMessage({ channel: 'pushover', address: receipt, stopRepeating: receipt });
    const { s, notifier } = await pushover({ status: 200, body: { status: 1, request: 'e460545a-8e49-4f8a-9d5e-0b8f7a2b1c3d' } });
    assert.deepEqual(await notifier.deliver(stop, 2000), { kind: 'delivered', detail: 'Pushover stopped repeating the page' });
    assert.equal(s.requests[0]?.method, 'POST');
    assert.equal(s.requests[0]?.url, `/1/receipts/${receipt}/cancel.json`);
    assert.deepEqual([...new URLSearchParams(s.requests[0]!.body)], [['token', PUSHOVER_TOKEN]]);

    const busy = await pushover({ status: 503, body: 'Service Unavailable' });
    assert.equal((await busy.notifier.deliver(stop, 2000)).kind, 'retry');
    const refused = await pushover({ status: 400, body: { receipt: 'not found', errors: ['receipt not found; may be invalid or expired'], status: 0, request: '2f0b6f1c' } });
    assert.deepEqual(await refused.notifier.deliver(stop, 2000), { kind: 'failed', reason: 'Pushover answered 400: receipt not found; may be invalid or expired' });
    const malformed = await pushover({ status: 200, body: {} });
    assert.equal((await malformed.notifier.deliver({ ...stop, stopRepeating: '../../messages' }, 2000)).kind, 'failed');
    assert.equal(malformed.s.requests.length, 0);
  });

  it('refuses to cancel through any other channel, and through Pushover at an address the guard refuses', async () => {
    const { s, notifier } = await channel({ status: 200, body: { id: 'x' } }, (url) => ({ ntfy: { serverUrl: url } }));
    const outcome = await notifier.deliver(sampleMessage({ channel: 'ntfy', address: 'alice-pager', stopRepeating: 'rLqVuqTRh62UzxtmqiaLzQmVcPgiCy' }), 2000);
    assert.equal(outcome.kind, 'failed');
    assert.equal(s.requests.length, 0);
    const target = await startRecordingServer(() => ({ status: 200, body: { status: 1 } }));
    servers.push(target);
    const guarded = createNotifier({ pushover: { appTokenEnv: 'PUSHOVER_TOKEN', apiUrl: target.url, retrySeconds: 60, expireSeconds: 3600 }, allowPrivateAddresses: [] }, { env: { PUSHOVER_TOKEN }, clock: fixedClock });
    const blocked = await guarded.notifier.deliver(sampleMessage({ channel: 'pushover', address: 'rLqVuqTRh62UzxtmqiaLzQmVcPgiCy', stopRepeating: 'rLqVuqTRh62UzxtmqiaLzQmVcPgiCy' }), 2000);
    assert.equal(blocked.kind, 'failed');
    assert.equal(target.requests.length, 0);
  });
});

describe('Telegram channel', () => {
  const telegram = (reply: ScriptedReply) => channel(reply, (url) => ({ telegram: { botTokenEnv: 'BOT_TOKEN', apiUrl: url } }));

  it('retries after Telegram\'s retry_after on 429, and fails when the person blocked the bot, never showing the token', async () => {
    const limited = await telegram({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } } });
    assert.deepEqual(await limited.notifier.deliver(sampleMessage({ channel: 'telegram', address: '424242' }), 2000), { kind: 'retry', reason: 'Telegram answered 429: Too Many Requests: retry after 5', retryAfterMs: 5000 });
    const blocked = await telegram({ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
    const outcome = await blocked.notifier.deliver(sampleMessage({ channel: 'telegram', address: '424242' }), 2000);
    assert.deepEqual(outcome, { kind: 'failed', reason: 'Telegram answered 403: Forbidden: bot was blocked by the user' });
    assert.equal(blocked.s.requests[0]?.url, `/bot${BOT_TOKEN}/sendMessage`);
  });

  it('leaves the Acknowledge button out when its data would pass 64 bytes, and the Open button for a non-https link', async () => {
    const { s, notifier } = await telegram({ status: 200, body: { ok: true, result: { message_id: 7, chat: { id: 424242 } } } });
    const long = { ...PAGE, incidentId: `INC-${'X'.repeat(60)}` };
    await notifier.deliver(sampleMessage({ channel: 'telegram', address: '424242', ack: ACK, page: long, incident: { ...sampleMessage().incident!, url: 'http://localhost:8080/app/incidents/x' } }), 2000);
    const body = JSON.parse(s.requests[0]!.body) as Record<string, unknown>;
    assert.equal(body['reply_markup'], undefined);
    assert.match(String(body['text']), /Acknowledge: incident-response ack/);
  });
});

describe('Web Push channel', () => {
  it('fails with what to do when the person has no browser subscribed', async () => {
    const { notifier } = createNotifier({ webPush: { subject: 'mailto:oncall@example.com' }, allowPrivateAddresses: [] }, {
      env: {}, clock: fixedClock,
      webPush: { vapid: { subject: 'mailto:oncall@example.com', publicKey: 'x', privateKey: 'y' }, subscriptions: { listPushSubscriptions: async () => [], deletePushSubscription: async () => false } },
    });
    const outcome = await notifier.deliver(sampleMessage({ channel: 'push', address: 'alice' }), 2000);
    assert.deepEqual(outcome, { kind: 'failed', reason: 'alice has no browser subscribed to push notifications: open the web app on the phone, sign in and allow notifications' });
  });
});
