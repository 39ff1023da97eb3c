// Story: Alice's phone is reached by every push channel she set up — the installed web app (Web
// Push), ntfy, Pushover and Telegram — and each of them acknowledges in one tap: the web app's
// Acknowledge action and ntfy's action POST the signed link, Pushover calls back with its receipt,
// Telegram's button reaches our webhook. The push receiver decrypts what it got with the
// browser's own keys and checks the VAPID signature.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createServerLogger } from '../../src/adapters/http/index.js';
import { startRecordingServer, type RecordingServer } from '../../src/adapters/notify/notify-test-support.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { createApp, type App } from '../../src/main/create-app.js';
import { createPagingEngine } from '../../src/main/create-paging-engine.js';
import { createServer } from '../../src/main/create-server.js';
import type { EngineLog } from '../../src/engine/paging/index.js';
import { startPushReceiver, type PushReceiver } from '../support/push-receiver.js';
import { createTestDatabase, STORE_KINDS, type StoreKind } from '../support/stores.js';
import { T0 } from './paging-world.js';

const NOOP_LOG: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const PUBLIC = 'https://incidents.example.com';
const PUSHOVER_USER = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const PUSHOVER_RECEIPT = 'rLqVuqTRh62UzxtmqiaLzQmVcPgiCy';
const PUSHOVER_APP_TOKEN = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';
const TELEGRAM_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const TELEGRAM_SECRET = 'telegram-webhook-secret-0123456789';
const ALICE_CHAT = '424242';

interface Story {
  readonly app: App;
  readonly server: FastifyInstance;
  /** Stops the server and the app, and starts them again over the same database. */
  restart(): Promise<void>;
  /** The requests Pushover got to cancel a receipt. */
  pushoverCancels(): string[];
  /** Pushover answers pages only once the function returned is called. */
  holdPushoverPages(): () => void;
  readonly push: PushReceiver;
  readonly ntfy: RecordingServer;
  readonly pushover: RecordingServer;
  readonly telegram: RecordingServer;
  settle(): Promise<void>;
  advance(ms: number): Promise<void>;
  declare(): Promise<string>;
  /** Alice's bearer token (a person of the configuration, as the web app's session would be). */
  readonly aliceToken: string;
  acknowledgedBy(id: string): Promise<string | null | undefined>;
  close(): Promise<void>;
}

async function openStory(kind: StoreKind): Promise<Story> {
  const push = await startPushReceiver();
  const ntfy = await startRecordingServer(() => ({ status: 200, body: { id: 'sPs71M8A2T', time: 1733450000, event: 'message', topic: 'alice-pager-7f3k' } }));
  // Pushover's answers: a queued emergency message carries its receipt; a cancelled receipt, status 1 (pushover.net/api/receipts).
  let pushoverHeld: Promise<void> | undefined;
  const pushover = await startRecordingServer((req) => (/^\/1\/receipts\/\w+\/cancel\.json$/.test(req.url)
    ? { status: 200, body: { status: 1, request: 'e460545a-8e49-4f8a-9d5e-0b8f7a2b1c3d' } }
    : { status: 200, body: { status: 1, request: '647d2300-702c-4b38-8b2f-d56326ae460b', receipt: PUSHOVER_RECEIPT }, ...(pushoverHeld === undefined ? {} : { after: pushoverHeld }) }));
  let telegramMessageId = 100;
  const telegram = await startRecordingServer(() => ({ status: 200, body: { ok: true, result: { message_id: ++telegramMessageId, chat: { id: Number(ALICE_CHAT), type: 'private' }, date: 1733450000 } } }));
  const yaml = `
services:
  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }
people:
  alice:
    name: Alice Adams
    contact_methods:
      - { kind: push }
      - { kind: ntfy, address: alice-pager-7f3k }
      - { kind: pushover, address: ${PUSHOVER_USER} }
      - { kind: telegram, address: "${ALICE_CHAT}" }
    notification_rules:
      - { after_minutes: 0, method: push }
      - { after_minutes: 0, method: ntfy }
      - { after_minutes: 0, method: pushover }
      - { after_minutes: 0, method: telegram }
  bob:
    name: Bob Brown
    contact_methods:
      - { kind: email, address: bob@example.com }
teams:
  payments: { name: Payments, members: [alice, bob] }
schedules:
  primary:
    name: Payments primary
    layers:
      - { time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [alice] }
escalation_policies:
  payments:
    name: Payments
    steps:
      - targets: [{ schedule: primary }]
      - delay_minutes: 30
        targets: [{ person: bob }]
paging:
  app_url: ${PUBLIC}
  war_room_severities: []
channels:
  allow_private_addresses: ["127.0.0.1/32"]
  web_push: { subject: "mailto:oncall@example.com" }
  ntfy: { server_url: "${ntfy.url}", access_token_env: NTFY_TOKEN }
  pushover: { app_token_env: PUSHOVER_APP_TOKEN, api_url: "${pushover.url}", retry_seconds: 30, expire_seconds: 1800 }
  telegram: { bot_token_env: TELEGRAM_BOT_TOKEN, webhook_secret_env: TELEGRAM_WEBHOOK_SECRET, api_url: "${telegram.url}" }
`;
  const database = await createTestDatabase(kind);
  const cwd = await mkdtemp(join(tmpdir(), 'ir-push-'));
  await writeFile(join(cwd, 'incident-response.yaml'), yaml);
  let now: EpochMs = T0;
  const start = async () => {
    const started = await createApp({
      cwd,
      env: {
        NTFY_TOKEN: 'tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2', PUSHOVER_APP_TOKEN: PUSHOVER_APP_TOKEN, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        ...(kind === 'postgres' ? { DATABASE_URL: database.location, HOME: cwd } : {}),
      },
      ...(kind === 'sqlite' ? { dbPath: join(cwd, 'incidents.db') } : {}),
      clock: { now: () => now },
    });
    const startedServer = createServer(started, { logger: createServerLogger({ level: 'silent' }) });
    await startedServer.ready();
    return { app: started, server: startedServer, engine: createPagingEngine(started, NOOP_LOG) };
  };
  let { app, server, engine } = await start();
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const r = await engine.tick();
      if (r.timersFired === 0 && r.messagesClaimed === 0) return;
    }
    throw new Error('the engine did not settle in 100 ticks');
  };
  const admin = { name: 'root', role: 'admin' as const, teams: ['security'] };
  const { token: aliceToken } = await app.tokens.create({ name: 'alice', role: 'responder' }, admin);
  return {
    get app() { return app; },
    get server() { return server; },
    push, ntfy, pushover, telegram, settle, aliceToken,
    async restart() {
      await server.close();
      await app.close();
      ({ app, server, engine } = await start());
    },
    pushoverCancels: () => pushover.requests.filter((r) => r.url.endsWith('/cancel.json')).map((r) => r.url),
    holdPushoverPages() {
      let release!: () => void;
      pushoverHeld = new Promise<void>((resolve) => (release = resolve));
      return () => {
        pushoverHeld = undefined;
        release();
      };
    },
    async advance(ms) {
      const end = now + ms;
      while (now < end) {
        now = epochMs(Math.min(end, now + MINUTE));
        await settle();
      }
    },
    async declare() {
      const outcome = await app.apiFor(admin).declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' });
      await settle();
      return 'receipt' in outcome ? outcome.receipt.id : outcome.incident.id;
    },
    acknowledgedBy: async (id) => (await app.apiFor(admin).get(id)).acknowledgedBy,
    async close() {
      await server.close();
      await app.close();
      await Promise.all([push.close(), ntfy.close(), pushover.close(), telegram.close()]);
      await database.cleanup();
    },
  };
}

const subscribe = (s: Story, subscription: object) => s.server.inject({
  method: 'POST', url: '/api/v1/push/subscriptions', headers: { authorization: `Bearer ${s.aliceToken}`, 'content-type': 'application/json' }, payload: subscription,
});

/** The path of an acknowledgement link on the public URL. */
const pathOf = (url: string): string => {
  assert.ok(url.startsWith(`${PUBLIC}/`), url);
  return url.slice(PUBLIC.length);
};

for (const kind of STORE_KINDS) {
  describe(`phone push and its one-tap acknowledgement (${kind})`, () => {
    it('pushes the page to the web app encrypted for the browser and VAPID-signed; its Acknowledge action acknowledges as Alice', async () => {
      const s = await openStory(kind);
      try {
        const key = await s.server.inject({ method: 'GET', url: '/api/v1/push/key' });
        assert.equal(key.statusCode, 200);
        const publicKey = (key.json() as { publicKey: string }).publicKey;
        assert.equal(Buffer.from(publicKey, 'base64url').length, 65);

        const saved = await subscribe(s, { ...s.push.subscription('alice-phone'), expirationTime: null });
        assert.equal(saved.statusCode, 201, saved.body);
        assert.equal((saved.json() as { personId: string }).personId, 'alice');

        const id = await s.declare();
        assert.deepEqual(s.push.problems, []);
        assert.equal(s.push.received.length, 1);
        const [got] = s.push.received;
        assert.equal(got!.headers.urgency, 'high');
        assert.equal(got!.vapid.publicKey, publicKey, 'signed with the key the web app subscribed with');
        assert.equal(got!.vapid.claims.sub, 'mailto:oncall@example.com');
        const payload = JSON.parse(got!.plaintext) as { title: string; body: string; url: string; ackUrl: string; tag: string };
        assert.deepEqual(Object.keys(payload).sort(), ['ackUrl', 'body', 'tag', 'title', 'url']);
        assert.match(payload.title, new RegExp(id));
        assert.equal(payload.tag, id);
        assert.equal(payload.url, `${PUBLIC}/app/incidents/${id}`);
        assert.doesNotMatch(payload.body, /Acknowledge: https/, 'the link is the action, not body text');

        const acked = await s.server.inject({ method: 'POST', url: pathOf(payload.ackUrl), payload: '' });
        assert.equal(acked.statusCode, 200);
        assert.equal(await s.acknowledgedBy(id), 'alice');
        const again = await s.server.inject({ method: 'POST', url: pathOf(payload.ackUrl), payload: '' });
        assert.equal(again.statusCode, 409);
      } finally {
        await s.close();
      }
    });

    it('forgets a browser subscription the push service says is gone, and refuses a malformed one', async () => {
      const s = await openStory(kind);
      try {
        assert.equal((await subscribe(s, s.push.subscription('old-laptop'))).statusCode, 201);
        assert.equal((await subscribe(s, s.push.subscription('phone'))).statusCode, 201);
        s.push.gone.add('old-laptop');
        await s.declare();
        assert.deepEqual(s.push.received.map((r) => r.path), ['/push/phone']);
        assert.deepEqual((await s.app.store.listPushSubscriptions('alice')).map((r) => r.endpoint), [`${s.push.url}/push/phone`]);

        const bad = await subscribe(s, { endpoint: 'not a url', keys: { p256dh: 'abc', auth: 'def' } });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /endpoint/);
        assert.match(bad.body, /keys\.p256dh/);
        const anonymous = await s.server.inject({ method: 'POST', url: '/api/v1/push/subscriptions', headers: { 'content-type': 'application/json' }, payload: s.push.subscription('x') });
        assert.equal(anonymous.statusCode, 401);

        const removed = await s.server.inject({
          method: 'DELETE', url: '/api/v1/push/subscriptions', headers: { authorization: `Bearer ${s.aliceToken}`, 'content-type': 'application/json' }, payload: { endpoint: `${s.push.url}/push/phone` },
        });
        assert.equal(removed.statusCode, 204);
        assert.deepEqual(await s.app.store.listPushSubscriptions('alice'), []);
      } finally {
        await s.close();
      }
    });

    it('publishes to ntfy at urgent priority with an Acknowledge action that POSTs the link', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const [req] = s.ntfy.requests;
        assert.equal(req?.url, '/alice-pager-7f3k');
        assert.equal(req?.headers.priority, 'urgent');
        assert.equal(req?.headers.authorization, 'Bearer tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2');
        const action = /^http, Acknowledge, (https:\/\/\S+), method=POST, clear=true; view, Open, (\S+)$/.exec(String(req?.headers.actions));
        assert.ok(action, String(req?.headers.actions));
        assert.equal(action[2], `${PUBLIC}/app/incidents/${id}`);
        // What the ntfy app does when Alice taps Acknowledge: an empty POST to the link.
        const tapped = await s.server.inject({ method: 'POST', url: pathOf(action[1]!), payload: '' });
        assert.equal(tapped.statusCode, 200);
        assert.equal(await s.acknowledgedBy(id), 'alice');
      } finally {
        await s.close();
      }
    });

    it('sends Pushover an emergency page whose receipt callback acknowledges, and refuses a receipt it did not issue', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const form = new URLSearchParams(s.pushover.requests[0]!.body);
        assert.equal(s.pushover.requests[0]!.url, '/1/messages.json');
        assert.equal(form.get('priority'), '2');
        assert.equal(form.get('retry'), '30');
        assert.equal(form.get('expire'), '1800');
        assert.equal(form.get('user'), PUSHOVER_USER);
        const callback = form.get('callback')!;
        assert.match(callback, new RegExp(`^${PUBLIC}/integrations/pushover/receipt/${id}/msg_`));

        const post = (receipt: string) => s.server.inject({
          method: 'POST', url: pathOf(callback), headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ receipt, acknowledged: '1', acknowledged_at: '1733450100', acknowledged_by: PUSHOVER_USER, acknowledged_by_device: 'pixel' }).toString(),
        });
        const forged = await post('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
        assert.equal(forged.statusCode, 403);
        assert.equal(await s.acknowledgedBy(id), null);
        const real = await post(PUSHOVER_RECEIPT);
        assert.equal(real.statusCode, 200);
        assert.equal(await s.acknowledgedBy(id), 'alice');
      } finally {
        await s.close();
      }
    });

    it('stops the Pushover page repeating, once, when the incident is acknowledged or resolved elsewhere', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        assert.deepEqual(s.pushoverCancels(), []);
        const bearer = { authorization: `Bearer ${s.aliceToken}` };
        const acked = await s.server.inject({ method: 'POST', url: `/api/v1/incidents/${id}/acknowledge`, headers: bearer });
        assert.equal(acked.statusCode, 200, acked.body);
        await s.settle();
        assert.deepEqual(s.pushoverCancels(), [`/1/receipts/${PUSHOVER_RECEIPT}/cancel.json`]);
        const cancel = s.pushover.requests.find((r) => r.url.endsWith('/cancel.json'))!;
        assert.equal(cancel.method, 'POST');
        assert.equal(cancel.headers['content-type'], 'application/x-www-form-urlencoded');
        assert.deepEqual([...new URLSearchParams(cancel.body)], [['token', PUSHOVER_APP_TOKEN]]);
        const timeline = await s.app.incidents.timeline(id);
        const stopped = timeline.filter((e) => e.data.kind === 'message-delivery' && e.data.channel === 'pushover' && e.data.detail === 'Pushover stopped repeating the page');
        assert.equal(stopped.length, 1);
        assert.equal(stopped[0]!.data.kind === 'message-delivery' ? stopped[0]!.data.status : undefined, 'delivered');
        assert.equal(stopped[0]!.data.kind === 'message-delivery' ? stopped[0]!.data.recipient : undefined, 'Alice Adams');

        // A second acknowledgement, a resolution and a restart cancel nothing more.
        await s.server.inject({ method: 'POST', url: `/api/v1/incidents/${id}/acknowledge`, headers: bearer });
        await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).resolve(id, 'Rolled back the deploy.');
        await s.settle();
        await s.restart();
        await s.settle();
        await s.advance(10 * MINUTE);
        assert.deepEqual(s.pushoverCancels(), [`/1/receipts/${PUSHOVER_RECEIPT}/cancel.json`]);
      } finally {
        await s.close();
      }
    });

    it('stops a Pushover page that was still being sent when the incident was acknowledged', async () => {
      const s = await openStory(kind);
      try {
        const release = s.holdPushoverPages();
        const declared = await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' });
        const id = 'receipt' in declared ? declared.receipt.id : declared.incident.id;
        const sending = s.settle();
        while (s.pushover.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
        const acked = await s.server.inject({ method: 'POST', url: `/api/v1/incidents/${id}/acknowledge`, headers: { authorization: `Bearer ${s.aliceToken}` } });
        assert.equal(acked.statusCode, 200, acked.body);
        release();
        await sending;
        await s.settle();
        assert.deepEqual(s.pushoverCancels(), [`/1/receipts/${PUSHOVER_RECEIPT}/cancel.json`]);
        const timeline = await s.app.incidents.timeline(id);
        assert.ok(timeline.some((e) => e.data.kind === 'message-delivery' && e.data.channel === 'pushover' && e.data.status === 'delivered' && e.data.detail === 'Pushover stopped repeating the page'));
      } finally {
        await s.close();
      }
    });

    it('cancels nothing at Pushover once the page\'s expire_seconds have passed: it stopped repeating by itself', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        await s.advance(31 * MINUTE);
        const acked = await s.server.inject({ method: 'POST', url: `/api/v1/incidents/${id}/acknowledge`, headers: { authorization: `Bearer ${s.aliceToken}` } });
        assert.equal(acked.statusCode, 200, acked.body);
        await s.settle();
        assert.deepEqual(s.pushoverCancels(), []);
      } finally {
        await s.close();
      }
    });

    it('cancels nothing at Pushover when the page was acknowledged in the Pushover app', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const callback = new URLSearchParams(s.pushover.requests[0]!.body).get('callback')!;
        const real = await s.server.inject({
          method: 'POST', url: pathOf(callback), headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ receipt: PUSHOVER_RECEIPT, acknowledged: '1', acknowledged_at: '1733450100', acknowledged_by: PUSHOVER_USER, acknowledged_by_device: 'pixel' }).toString(),
        });
        assert.equal(real.statusCode, 200);
        assert.equal(await s.acknowledgedBy(id), 'alice');
        await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).resolve(id, 'Rolled back the deploy.');
        await s.settle();
        assert.deepEqual(s.pushoverCancels(), []);
        assert.equal(s.pushover.requests.length, 1, 'only the page itself');
      } finally {
        await s.close();
      }
    });

    it('sends Telegram a message with an Acknowledge button; pressing it in Alice\'s chat acknowledges, another chat or a wrong secret does not', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const req = s.telegram.requests[0]!;
        assert.equal(req.url, `/bot${TELEGRAM_TOKEN}/sendMessage`);
        const sent = JSON.parse(req.body) as { chat_id: string; reply_markup: { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] } };
        assert.equal(sent.chat_id, ALICE_CHAT);
        const [ack, open] = sent.reply_markup.inline_keyboard[0]!;
        assert.equal(ack?.text, 'Acknowledge');
        assert.equal(open?.url, `${PUBLIC}/app/incidents/${id}`);
        assert.ok(Buffer.byteLength(ack!.callback_data!) <= 64);

        const press = (chatId: number, updateId: number, secret = TELEGRAM_SECRET) => s.server.inject({
          method: 'POST', url: '/integrations/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          payload: {
            update_id: updateId,
            callback_query: { id: `cq${updateId}`, from: { id: chatId, is_bot: false, first_name: 'A' }, chat_instance: '1', data: ack!.callback_data, message: { message_id: 101, date: 1733450000, chat: { id: chatId, type: 'private' } } },
          },
        });
        assert.equal((await press(Number(ALICE_CHAT), 1, 'wrong-secret-wrong-secret-wrong-xx')).statusCode, 403);
        const stranger = await press(999, 2);
        assert.equal(stranger.statusCode, 200);
        assert.equal((stranger.json() as { method: string }).method, 'answerCallbackQuery');
        assert.equal(await s.acknowledgedBy(id), null);
        const alice = await press(Number(ALICE_CHAT), 3);
        assert.deepEqual(alice.json(), { method: 'answerCallbackQuery', callback_query_id: 'cq3', text: `Acknowledged ${id}; paging has stopped.`, show_alert: false });
        assert.equal(await s.acknowledgedBy(id), 'alice');
      } finally {
        await s.close();
      }
    });
  });
}
