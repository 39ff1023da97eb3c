// Configuration drives ingest, through HTTP on SQLite and PostgreSQL: `alerts:` (grouping, routing,
// auto-resolve), `integrations.webhooks` (field mapping, Standard Webhooks signatures) and the
// heartbeat ping route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signStandardWebhook } from '../../src/adapters/ingest/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const SECRET = 'whsec_' + Buffer.from('a-test-secret-of-32-bytes-length').toString('base64');

const CONFIG = `
alerts:
  grouping:
    window: 1h
    group_by: [team]
  auto_resolve:
    default: false
  routing:
    - name: database team
      match: ['team="db"']
      severity: critical
      type: data
integrations:
  webhooks:
    - name: uptime
      mapping:
        summary: check.title
        dedup_key: check.id
        action: { path: state, trigger: [down], resolve: [up] }
        severity: { path: priority, map: { P1: critical, P3: medium } }
        labels: { alertname: check.kind, team: owner }
    - name: signed-hook
      signing_secret_env: HOOK_SECRET
      mapping:
        summary: title
        dedup_key: id
heartbeats:
  - name: nightly-backup
    interval: 5m
    grace: 1m
    service: backups
`;

async function createIntegration(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { key: string }).key;
}

async function alertsOf(h: Harness): Promise<{ summary: string; status: string; incidentId?: string }[]> {
  return ((await h.request('GET', '/api/v1/alerts', { as: 'viewer' })).json() as { items: never[] }).items;
}

async function incident(h: Harness, id: string): Promise<Record<string, unknown>> {
  return (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as Record<string, unknown>;
}

for (const kind of STORE_KINDS) {
  describe(`configured ingest over HTTP (${kind})`, () => {
    let h: Harness;
    let uptimeKey: string;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: CONFIG, env: { HOOK_SECRET: SECRET } });
      uptimeKey = await createIntegration(h, { source: 'generic-webhook', name: 'uptime' });
    });
    after(async () => {
      await h?.close();
    });

    const uptime = (body: unknown) => h.request('POST', `/integrations/webhook/${uptimeKey}`, { body });

    it('maps a generic webhook payload by configuration into an incident, routed by alerts.routing', async () => {
      const res = await uptime({ check: { id: 'db-1', title: 'Primary DB unreachable', kind: 'DbDown' }, state: 'down', priority: 'P3', owner: 'db' });
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual(res.json(), { status: 'accepted', signals: 1 });
      const alert = (await alertsOf(h)).find((a) => a.summary === 'Primary DB unreachable')!;
      const opened = await incident(h, alert.incidentId!);
      // The routing rule of the config file wins over the payload's mapped severity.
      assert.deepEqual([opened['severity'], opened['type'], opened['title']], ['critical', 'data', 'Primary DB unreachable']);
    });

    it('groups by the configured labels and does not auto-resolve when configured off', async () => {
      // Another alertname, same team: the default grouping (by alertname) would open a second incident.
      assert.equal((await uptime({ check: { id: 'db-2', title: 'Replica lag', kind: 'ReplicaLag' }, state: 'down', owner: 'db' })).statusCode, 202);
      const all = await alertsOf(h);
      const a = all.find((x) => x.summary === 'Primary DB unreachable')!;
      const b = all.find((x) => x.summary === 'Replica lag')!;
      assert.equal(a.incidentId, b.incidentId);
      for (const id of ['db-1', 'db-2']) assert.equal((await uptime({ check: { id, title: 'x', kind: 'k' }, state: 'up', owner: 'db' })).statusCode, 202);
      assert.ok((await alertsOf(h)).filter((x) => x.incidentId === a.incidentId).every((x) => x.status === 'resolved'));
      assert.notEqual((await incident(h, a.incidentId!))['status'], 'resolved');
    });

    it('refuses values the mapping does not list, and keys whose integration has no mapping', async () => {
      const res = await uptime({ check: { id: 'db-3', title: 'x' }, state: 'sideways' });
      assert.equal(res.statusCode, 400);
      const unmapped = await createIntegration(h, { source: 'generic-webhook', name: 'not-configured' });
      assert.equal((await h.request('POST', `/integrations/webhook/${unmapped}`, { body: { id: 'x', title: 'y' } })).statusCode, 401);
    });

    it('requires a valid Standard Webhooks signature when a secret is configured', async () => {
      const key = await createIntegration(h, { source: 'generic-webhook', name: 'signed-hook' });
      const body = JSON.stringify({ id: 'sig-1', title: 'Signed alert' });
      const send = (headers: Record<string, string>) => h.request('POST', `/integrations/webhook/${key}`, { payload: body, headers: { 'content-type': 'application/json', ...headers } });
      const ts = Math.floor(Date.now() / 1000);
      const good = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(SECRET, 'msg_1', ts, body) };

      assert.equal((await send({})).statusCode, 401, 'unsigned');
      const other = 'whsec_' + Buffer.from('not-the-secret-but-32-bytes-long').toString('base64');
      assert.equal((await send({ ...good, 'webhook-signature': signStandardWebhook(other, 'msg_1', ts, body) })).statusCode, 401, 'bad signature');
      const old = ts - 3600;
      const replay = await send({ 'webhook-id': 'msg_0', 'webhook-timestamp': String(old), 'webhook-signature': signStandardWebhook(SECRET, 'msg_0', old, body) });
      assert.equal(replay.statusCode, 401, 'replayed old timestamp');
      assert.match(replay.body, /webhook-timestamp/);
      assert.equal((await alertsOf(h)).some((a) => a.summary === 'Signed alert'), false, 'nothing stored from refused deliveries');

      const ok = await send(good);
      assert.equal(ok.statusCode, 202, ok.body);
      assert.equal((await alertsOf(h)).some((a) => a.summary === 'Signed alert'), true);
    });

    it('records heartbeat pings from a responder token or a heartbeat integration key', async () => {
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping')).statusCode, 401);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { as: 'viewer' })).statusCode, 403);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/unknown/ping', { as: 'responder' })).statusCode, 404);
      const res = await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { as: 'responder' });
      assert.equal(res.statusCode, 200, res.body);
      const first = (await h.app.store.findHeartbeat('nightly-backup'))?.lastPingAt;
      assert.ok(first !== undefined);

      const key = await createIntegration(h, { source: 'heartbeat', name: 'nightly-backup' });
      const otherKey = await createIntegration(h, { source: 'heartbeat', name: 'another-job' });
      assert.equal((await h.request('POST', `/api/v1/heartbeats/nightly-backup/ping/${otherKey}`)).statusCode, 401, 'a key for another heartbeat');
      await new Promise((r) => setTimeout(r, 5));
      assert.equal((await h.request('POST', `/api/v1/heartbeats/nightly-backup/ping/${key}`)).statusCode, 200);
      assert.ok((await h.app.store.findHeartbeat('nightly-backup'))!.lastPingAt! > first);
    });
  });
}
