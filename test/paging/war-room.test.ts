// Story: a SEV-1 on checkout-api opens the Slack war room #inc-2026-1128-001-checkout-api-down,
// invites Alice (on call, Slack user U0ALICE01), posts the summary and the checklist; a status
// update is posted into the same room. Slack is a local server speaking the Web API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { createNotifier } from '../../src/adapters/notify/index.js';
import { startRecordingServer, type RecordingServer } from '../../src/adapters/notify/notify-test-support.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { T0, WORLD_CONFIG } from './paging-world.js';

// Sam is in the security team (Slack U0SAM0001); the security team hears of security incidents in #security-stakeholders.
const CONFIG = WORLD_CONFIG
  .replace('      - { kind: email, address: alice@example.com }\n', '      - { kind: email, address: alice@example.com }\n      - { kind: slack, address: U0ALICE01 }\n')
  .replace('  eve:\n', '  sam:\n    name: Sam Stone\n    contact_methods:\n      - { kind: slack, address: U0SAM0001 }\n  eve:\n')
  .replace('  payments: { name: Payments, members: [alice, bob], leads: [dana], executives: [eve] }\n', '  payments: { name: Payments, members: [alice, bob], leads: [dana], executives: [eve] }\n  security: { name: Security, members: [sam] }\n')
  .replace('    engineering-leads: [{ channel: email, address: leads@example.com, name: Leads list }]\n',
    '    engineering-leads: [{ channel: slack, address: "#incidents", name: Incidents channel }]\n    security-team: [{ channel: slack, address: "#security-stakeholders", name: Security channel }, { channel: email, address: secteam@example.com, name: Security list }]\n')
  .replace('  war_room_severities: []\n', '  war_room_severities: [critical]\n');

for (const kind of STORE_KINDS) {
  describe(`the war room (${kind})`, () => {
    let db: TestStore;
    let slack: RecordingServer;
    let incidents: IncidentService;
    let engine: PagingEngine;
    before(async () => {
      db = await openTestStore(kind);
      slack = await startRecordingServer((req) => {
        const method = req.url.replace(/^\/api\//, '');
        const form = new URLSearchParams(req.body);
        switch (method) {
          case 'conversations.create': return { body: { ok: true, channel: { id: form.get('is_private') === 'true' ? 'G0PRIVATE1' : 'C0WARROOM1', name: form.get('name') } } };
          case 'conversations.invite': return { body: { ok: true, channel: { id: form.get('channel') } } };
          case 'chat.postMessage': return { body: { ok: true, channel: form.get('channel'), ts: '1764298800.000100' } };
          default: return { body: { ok: false, error: 'unknown_method' } };
        }
      });
      const yaml = `${CONFIG}channels:\n  slack: { bot_token_env: SLACK_BOT_TOKEN, api_url: "${slack.url}/api" }\n  allow_private_addresses: ["127.0.0.1/32"]\n`;
      const config = parseConfig(yaml, 'incident-response.yaml');
      const clock = { now: () => T0 };
      let ids = 0;
      const newId = () => `msg_${++ids}`;
      const paging = new PagingService(config, newId);
      incidents = new IncidentService(db.store, clock, config, paging);
      const { notifier, warRoom } = createNotifier(config.channels, { env: { SLACK_BOT_TOKEN: 'xoxb-test-token' }, clock });
      engine = new PagingEngine({ store: db.store, incidents, paging, notifier, ...(warRoom ? { warRoom } : {}), clock, config: config.paging, owner: 'war-room-test', random: () => 0.5, newId });
    });
    after(async () => {
      await slack.close();
      await db.cleanup();
    });

    const calls = () => slack.requests.map((r) => [r.url.replace('/api/', ''), Object.fromEntries(new URLSearchParams(r.body))] as const);

    it('opens the channel named after the incident, invites the on-call and posts the checklist', async () => {
      const { view } = await incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      assert.equal(view.incident.id, 'INC-2026-1128-001');
      for (let i = 0; i < 3; i++) await engine.tick();
      // Stakeholder channels (#…) are told too; the war room is what this story is about.
      const [create, invite, post] = calls().filter(([, f]) => !(f['channel'] ?? '').startsWith('#'));
      assert.deepEqual([create?.[0], create?.[1]['name']], ['conversations.create', 'inc-2026-1128-001-checkout-api-down']);
      assert.deepEqual([invite?.[0], invite?.[1]['channel'], invite?.[1]['users']], ['conversations.invite', 'C0WARROOM1', 'U0ALICE01']);
      assert.equal(post?.[0], 'chat.postMessage');
      assert.equal(post?.[1]['channel'], 'C0WARROOM1');
      assert.match(post?.[1]['text'] ?? '', /\[SEV-1\] INC-2026-1128-001 Checkout API down/);
      assert.match(post?.[1]['text'] ?? '', /Checklist \(.+\):/);
      assert.match(post?.[1]['text'] ?? '', /\[ \] /);
      const timeline = await incidents.timeline(view.incident.id);
      assert.ok(timeline.some((e) => e.data.kind === 'message-delivery' && e.data.purpose === 'war-room' && e.data.status === 'delivered' && /#inc-2026-1128-001-checkout-api-down/.test(e.data.detail)));
    });

    it('posts each status update into the same room', async () => {
      const before = slack.requests.length;
      await incidents.postStatusUpdate('INC-2026-1128-001', 'identified', 'Connection pool exhausted; raising the limit', { name: 'carol' });
      for (let i = 0; i < 3; i++) await engine.tick();
      const posts = calls().slice(before).filter(([m]) => m === 'chat.postMessage');
      assert.ok(posts.some(([, f]) => f['channel'] === 'C0WARROOM1' && /Update \[identified\]: Connection pool exhausted/.test(f['text'] ?? '')), JSON.stringify(posts));
      assert.ok(!calls().slice(before).some(([m]) => m === 'conversations.create'), 'the room is not created twice');
    });

    it('opens a security incident\'s war room as a private channel, invites only the security team, and keeps its title and text out of every other channel', async () => {
      const before = slack.requests.length;
      const { view } = await incidents.declare({ severity: 'critical', incidentType: 'security', environment: 'production', title: 'Customer export bucket made public', service: 'checkout-api' }, { name: 'carol' });
      const id = view.incident.id;
      assert.match(id, /^SEC-2026-1128-001$/);
      for (let i = 0; i < 3; i++) await engine.tick();
      await incidents.postStatusUpdate(id, 'identified', 'Bucket policy changed by a leaked CI key', { name: 'carol' });
      for (let i = 0; i < 3; i++) await engine.tick();
      const mine = calls().slice(before);
      const create = mine.find(([m]) => m === 'conversations.create');
      assert.deepEqual([create?.[1]['is_private'], create?.[1]['name']], ['true', 'sec-2026-1128-001'], 'private, and named without the title');
      const invites = mine.filter(([m]) => m === 'conversations.invite').map(([, f]) => f['users']);
      assert.deepEqual(invites, ['U0SAM0001'], 'only the security team; not Alice, the service\'s on-call');
      const posts = mine.filter(([m]) => m === 'chat.postMessage');
      assert.ok(posts.some(([, f]) => f['channel'] === 'G0PRIVATE1' && /Bucket policy changed/.test(f['text'] ?? '')), 'the status update reaches the private room');
      for (const [, f] of posts.filter(([, f]) => f['channel'] !== 'G0PRIVATE1')) {
        const text = `${f['text']} ${f['blocks']}`;
        assert.ok(!/Customer export bucket|Bucket policy changed/.test(text), `${f['channel']} carries the security incident: ${text}`);
      }
      assert.ok(!posts.some(([, f]) => f['channel'] === '#incidents'), 'the general incidents channel hears nothing of it');
    });

    it('opens the room of an outage reclassified as security before the room was opened as a private channel named by its id', async () => {
      const before = slack.requests.length;
      const { view } = await incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Payments ledger altered', service: 'checkout-api' }, { name: 'carol' });
      await incidents.changeType(view.incident.id, 'security', 'unauthorised writes found', { name: 'carol' });
      for (let i = 0; i < 3; i++) await engine.tick();
      const create = calls().slice(before).find(([m]) => m === 'conversations.create');
      assert.deepEqual([create?.[1]['is_private'], create?.[1]['name']], ['true', view.incident.id.toLowerCase()], 'private, and named without the title');
    });
  });
}
