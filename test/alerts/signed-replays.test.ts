// Signed deliveries are acted on once: a Standard Webhooks delivery or a Slack command replayed
// within its signature's window is answered as received and changes nothing, on SQLite and
// PostgreSQL (the delivery ids are kept in the database, so every instance refuses the replay).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { signStandardWebhook } from '../../src/adapters/ingest/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const HOOK_SECRET = 'whsec_' + Buffer.from('a-test-secret-of-32-bytes-length').toString('base64');
const SLACK_SECRET = 'replay-test-slack-signing-secret';
const ALICE = 'U0ALICE01';
const CONFIG = `
alerts:
  auto_resolve:
    default: true
integrations:
  webhooks:
    - name: signed-hook
      signing_secret_env: HOOK_SECRET
      mapping:
        summary: title
        dedup_key: id
        action: { path: state, trigger: [down], resolve: [up] }
  slack:
    signing_secret_env: SLACK_SIGNING_SECRET
    users:
      - { slack_user_id: ${ALICE}, name: alice, role: commander }
`;

async function createIntegration(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { key: string }).key;
}

async function incidents(h: Harness): Promise<{ id: string; status: string; title: string }[]> {
  const res = await h.request('GET', '/api/v1/incidents?limit=100', { as: 'admin' });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: { id: string; status: string; title: string }[] }).items;
}

for (const kind of STORE_KINDS) {
  describe(`signed deliveries replayed within their window: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: CONFIG, env: { HOOK_SECRET, SLACK_SIGNING_SECRET: SLACK_SECRET } });
    });
    after(async () => {
      await h?.close();
    });

    it('answers a replayed webhook resolve as accepted, and it does not resolve the newer incident', async () => {
      const key = await createIntegration(h, { source: 'generic-webhook', name: 'signed-hook' });
      const deliver = (id: string, payload: Record<string, unknown>) => {
        const body = JSON.stringify(payload);
        const ts = Math.floor(Date.now() / 1000);
        const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(HOOK_SECRET, id, ts, body) };
        return { send: () => h.request('POST', `/integrations/webhook/${key}`, { payload: body, headers }) };
      };
      const title = 'Checkout probe failing';
      assert.equal((await deliver('msg_1', { id: 'probe-1', title, state: 'down' }).send()).statusCode, 202);
      const resolve = deliver('msg_2', { id: 'probe-1', title, state: 'up' });
      assert.equal((await resolve.send()).statusCode, 202);
      const first = (await incidents(h)).filter((i) => i.title === title);
      assert.deepEqual(first.map((i) => i.status), ['resolved']);

      assert.equal((await deliver('msg_3', { id: 'probe-1', title, state: 'down' }).send()).statusCode, 202);
      const newer = (await incidents(h)).find((i) => i.title === title && i.status !== 'resolved');
      assert.ok(newer, 'the probe failing again opens a new incident');

      const replay = await resolve.send();
      assert.equal(replay.statusCode, 202, replay.body);
      const after = (await incidents(h)).find((i) => i.id === newer.id);
      assert.equal(after?.status, newer.status, 'the replayed resolve changed nothing');
      const alerts = (await h.app.store.listAlerts({})).filter((a) => a.summary === title);
      assert.equal(alerts.filter((a) => a.status !== 'resolved').length, 1, 'the live alert is still open');
    });

    it('runs a replayed Slack command once and tells the replayer it was already received', async () => {
      const body = new URLSearchParams({ team_id: 'T0TEAM001', channel_id: 'C0INCIDENT', user_id: ALICE, user_name: 'alice', command: '/incident-response', text: 'critical outage production --title "Replayed declaration"' }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
      };
      const first = await h.request('POST', '/integrations/slack/commands', { payload: body, headers });
      assert.equal(first.statusCode, 200, first.body);
      const replay = await h.request('POST', '/integrations/slack/commands', { payload: body, headers });
      assert.equal(replay.statusCode, 200, replay.body);
      const answer = replay.json() as { response_type?: string; text?: string };
      assert.equal(answer.response_type, 'ephemeral');
      assert.match(answer.text ?? '', /already received/);
      assert.equal((await incidents(h)).filter((i) => i.title === 'Replayed declaration').length, 1);
    });
  });
}
