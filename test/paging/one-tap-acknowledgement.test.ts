// Story: a page carries a signed link; GET shows what it does, POST acknowledges as the paged
// person and the next step is never sent; a link works once and not after it expires; an SMS reply
// "ACK" and a keypress on the call acknowledge too, and Twilio requests must be signed.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import twilio from 'twilio';
import type { FastifyInstance } from 'fastify';
import { createServerLogger, twilioSignature } from '../../src/adapters/http/index.js';
import { startRecordingServer, type RecordingServer } from '../../src/adapters/notify/notify-test-support.js';
import { epochMs, HOUR, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { createApp, type App } from '../../src/main/create-app.js';
import { createPagingEngine } from '../../src/main/create-paging-engine.js';
import { createServer } from '../../src/main/create-server.js';
import type { EngineLog, PagingEngine } from '../../src/engine/paging/index.js';
import { createTestDatabase, STORE_KINDS, type StoreKind } from '../support/stores.js';
import { T0, WORLD_CONFIG } from './paging-world.js';

const NOOP_LOG: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const PUBLIC = 'https://incidents.example.com';
const AUTH_TOKEN = 'twilio-auth-token-0123456789abcdef';
const SID = 'AC0123456789abcdef0123456789abcdef';

interface Story {
  readonly app: App;
  readonly server: FastifyInstance;
  readonly engine: PagingEngine;
  readonly twilioApi: RecordingServer;
  advance(ms: number): Promise<void>;
  settle(): Promise<void>;
  /** SMS bodies and call TwiML sent so far, as "To: text". */
  sent(): { to: string; kind: 'sms' | 'voice'; text: string }[];
  declare(type?: string): Promise<string>;
  close(): Promise<void>;
}

async function openStory(kind: StoreKind): Promise<Story> {
  const twilioApi = await startRecordingServer(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } }));
  const yaml = WORLD_CONFIG.replace('paging:\n', `paging:\n  app_url: ${PUBLIC}\n`) +
    `channels:\n  allow_private_addresses: ["127.0.0.1/32"]\n  twilio: { account_sid: ${SID}, auth_token_env: TWILIO_AUTH_TOKEN, from: "+15550009999", api_url: "${twilioApi.url}" }\n`;
  const database = await createTestDatabase(kind);
  const cwd = await mkdtemp(join(tmpdir(), 'ir-ack-'));
  await writeFile(join(cwd, 'incident-response.yaml'), yaml);
  let now: EpochMs = T0;
  const app = await createApp({
    cwd,
    env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, ...(kind === 'postgres' ? { DATABASE_URL: database.location } : {}) },
    ...(kind === 'sqlite' ? { dbPath: database.location } : {}),
    clock: { now: () => now },
  });
  const server = createServer(app, { logger: createServerLogger({ level: 'silent' }) });
  await server.ready();
  const engine = createPagingEngine(app, NOOP_LOG);
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const r = await engine.tick();
      if (r.timersFired === 0 && r.messagesClaimed === 0) return;
    }
    throw new Error('the engine did not settle in 100 ticks');
  };
  const admin = app.apiFor({ name: 'root', role: 'admin', teams: ['security'] });
  return {
    app, server, engine, twilioApi, settle,
    async advance(ms) {
      const end = now + ms;
      while (now < end) {
        now = epochMs(Math.min(end, now + MINUTE));
        await settle();
      }
    },
    sent: () => twilioApi.requests.map((r) => {
      const form = new URLSearchParams(r.body);
      return r.url?.endsWith('/Calls.json')
        ? { to: form.get('To') ?? '', kind: 'voice' as const, text: form.get('Twiml') ?? '' }
        : { to: form.get('To') ?? '', kind: 'sms' as const, text: form.get('Body') ?? '' };
    }),
    async declare(type = 'outage') {
      const outcome = await admin.declare({ severity: 'high', incidentType: type as 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' });
      await settle();
      return 'receipt' in outcome ? outcome.receipt.id : outcome.incident.id;
    },
    async close() {
      await server.close();
      await app.close();
      await twilioApi.close();
      await database.cleanup();
    },
  };
}

const linkIn = (text: string): string => {
  const m = /https:\/\/incidents\.example\.com(\/ack\/[A-Za-z0-9_.-]+)/.exec(text);
  assert.ok(m, `no acknowledgement link in: ${text}`);
  return m[1]!;
};

/** A Twilio webhook request signed the way Twilio signs it. */
function signed(path: string, params: Record<string, string>, token = AUTH_TOKEN) {
  const body = new URLSearchParams(params);
  return {
    method: 'POST' as const, url: path, payload: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(token, `${PUBLIC}${path}`, body) },
  };
}

for (const kind of STORE_KINDS) {
  describe(`one-tap acknowledgement (${kind})`, () => {
    it('acknowledges from the link in the SMS: GET only shows, POST acknowledges, the next step never goes, a second POST is refused', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const [sms] = s.sent();
        assert.equal(sms?.to, '+15550000001');
        const path = linkIn(sms!.text);
        assert.ok(path.length < 120, `the link is short enough for an SMS: ${path.length}`);

        const shown = await s.server.inject({ method: 'GET', url: path });
        assert.equal(shown.statusCode, 200);
        assert.match(shown.body, new RegExp(`Acknowledge ${id} as Alice Adams`));
        assert.equal((await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).get(id)).status, 'triggered', 'GET changes nothing');

        const done = await s.server.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
        assert.equal(done.statusCode, 200);
        assert.match(done.body, new RegExp(`${id} acknowledged`));
        const incident = await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).get(id);
        assert.equal(incident.status, 'acknowledged');
        assert.equal(incident.acknowledgedBy, 'alice');

        const before = s.sent().length;
        await s.advance(40 * MINUTE);
        assert.deepEqual(s.sent().slice(before), [], 'neither the voice call at 5 minutes nor Bob at 30 is sent');
        const pending = (await s.app.store.listMessages({ incidentId: id })).filter((m) => m.purpose === 'page' && m.status === 'pending');
        assert.deepEqual(pending, []);

        const again = await s.server.inject({ method: 'POST', url: path, payload: '' });
        assert.equal(again.statusCode, 409);
        assert.match(again.body, /already used/);
      } finally {
        await s.close();
      }
    });

    it('refuses an expired link and a tampered one, acknowledging nothing', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const path = linkIn(s.sent()[0]!.text);
        const tampered = `${path.slice(0, -3)}${path.endsWith('AAA') ? 'BBB' : 'AAA'}`;
        const bad = await s.server.inject({ method: 'POST', url: tampered, payload: '' });
        assert.equal(bad.statusCode, 404);
        assert.match(bad.body, /not valid/);
        const forged = await s.server.inject({ method: 'GET', url: `/ack/${Buffer.from(`${id}\nbob\n1\nzzzzzz`).toString('base64url')}.${'A'.repeat(22)}` });
        assert.equal(forged.statusCode, 404);

        // The link lives 24 hours from its page.
        await s.advance(25 * HOUR);
        const late = await s.server.inject({ method: 'POST', url: path, payload: '' });
        assert.equal(late.statusCode, 410);
        assert.match(late.body, /expired/);
        assert.notEqual((await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).get(id)).acknowledgedBy, 'alice');
      } finally {
        await s.close();
      }
    });

    it('a security incident is acknowledged by its link, and the page names only its id', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare('security');
        const sms = s.sent().find((m) => m.kind === 'sms');
        const path = linkIn(sms!.text);
        const shown = await s.server.inject({ method: 'GET', url: path });
        assert.equal(shown.statusCode, 200);
        assert.doesNotMatch(shown.body, /Checkout API down/);
        const done = await s.server.inject({ method: 'POST', url: path, payload: '' });
        assert.equal(done.statusCode, 200);
        assert.doesNotMatch(done.body, /Checkout API down/);
        assert.equal((await s.app.apiFor({ name: 'root', role: 'admin', teams: ['security'] }).get(id)).status, 'acknowledged');
      } finally {
        await s.close();
      }
    });

    it('an SMS reply "ACK" acknowledges the sender\'s most recent page, once', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const reply = await s.server.inject(signed('/integrations/twilio/sms', { MessageSid: 'SM1', AccountSid: SID, From: '+15550000001', To: '+15550009999', Body: ' ack ' }));
        assert.equal(reply.statusCode, 200);
        assert.equal(reply.headers['content-type'], 'text/xml; charset=utf-8');
        assert.match(reply.body, new RegExp(`<Response><Message>Acknowledged ${id}</Message></Response>`));
        assert.equal((await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).get(id)).acknowledgedBy, 'alice');
        const replay = await s.server.inject(signed('/integrations/twilio/sms', { MessageSid: 'SM1', AccountSid: SID, From: '+15550000001', To: '+15550009999', Body: ' ack ' }));
        assert.match(replay.body, /already received/);
      } finally {
        await s.close();
      }
    });

    it('pressing 1 on the call acknowledges', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        await s.advance(5 * MINUTE);
        const call = s.sent().find((m) => m.kind === 'voice');
        assert.ok(call, 'the voice page was sent at 5 minutes');
        const action = /<Gather numDigits="1"[^>]* action="https:\/\/incidents\.example\.com([^"]+)"/.exec(call.text)?.[1];
        assert.ok(action?.startsWith('/integrations/twilio/voice/'), call.text);
        const answer = await s.server.inject(signed(action!, { CallSid: 'CA1', AccountSid: SID, From: '+15550009999', To: '+15550000001', Digits: '1' }));
        assert.equal(answer.statusCode, 200);
        assert.match(answer.body, /<Say>Acknowledged\. Paging has stopped\. Goodbye\.<\/Say>/);
        assert.equal((await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).get(id)).acknowledgedBy, 'alice');
      } finally {
        await s.close();
      }
    });

    it('refuses Twilio requests without a valid signature with 403 and acknowledges nothing', async () => {
      const s = await openStory(kind);
      try {
        const id = await s.declare();
        const params = { MessageSid: 'SM2', AccountSid: SID, From: '+15550000001', To: '+15550009999', Body: 'ACK' };
        const unsigned = await s.server.inject({ ...signed('/integrations/twilio/sms', params), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(unsigned.statusCode, 403);
        const wrongKey = await s.server.inject(signed('/integrations/twilio/sms', params, 'another-auth-token'));
        assert.equal(wrongKey.statusCode, 403);
        const tampered = signed('/integrations/twilio/sms', { ...params, From: '+15550000002' });
        const forgedFrom = await s.server.inject({ ...tampered, payload: new URLSearchParams(params).toString() });
        assert.equal(forgedFrom.statusCode, 403);
        assert.equal((await s.app.apiFor({ name: 'root', role: 'admin', teams: [] }).get(id)).status, 'triggered');
      } finally {
        await s.close();
      }
    });
  });
}

describe('Twilio request signatures', () => {
  const url = `${PUBLIC}/integrations/twilio/sms`;
  const params = { MessageSid: 'SM9', From: '+15550000001', To: '+15550009999', Body: 'ACK', AccountSid: SID, NumMedia: '0' };
  it('agree with the twilio library: ours validates there, and theirs here', () => {
    const ours = twilioSignature(AUTH_TOKEN, url, new URLSearchParams(params));
    assert.equal(twilio.validateRequest(AUTH_TOKEN, ours, url, params), true);
    assert.equal(ours, twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params));
  });
  it('a tampered parameter fails both', () => {
    const sig = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
    const tampered = { ...params, Body: 'NO' };
    assert.equal(twilio.validateRequest(AUTH_TOKEN, sig, url, tampered), false);
    assert.notEqual(twilioSignature(AUTH_TOKEN, url, new URLSearchParams(tampered)), sig);
  });
});
