// Alerts over HTTP into incidents, on SQLite and PostgreSQL: keys, dedup, grouping, resolve, silences.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const fixture = async (name: string) => JSON.parse(await readFile(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

async function createIntegration(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { key: string }).key;
}

async function timelineKinds(h: Harness, id: string): Promise<string[]> {
  const res = await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'admin' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { items?: { kind: string }[]; events?: { kind: string }[] } | { kind: string }[];
  const items = Array.isArray(body) ? body : (body.items ?? body.events ?? []);
  return items.map((e) => e.kind);
}

async function alerts(h: Harness, query = ''): Promise<{ id: string; status: string; incidentId?: string; occurrences: number; silencedBy?: string; summary: string }[]> {
  const res = await h.request('GET', `/api/v1/alerts${query}`, { as: 'viewer' });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: never[] }).items;
}

for (const kind of STORE_KINDS) {
  describe(`alert ingest over HTTP: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(async () => {
      await h?.close();
    });

    it('shows an integration key once and keeps only its hash', async () => {
      const key = await createIntegration(h, { source: 'pagerduty-events', name: 'prom', service: 'checkout' });
      assert.match(key, /^iri_[A-Za-z0-9_-]{43}$/);
      const list = await h.request('GET', '/api/v1/integrations', { as: 'admin' });
      assert.ok(!list.body.includes(key));
      assert.equal((await h.request('GET', '/api/v1/integrations', { as: 'responder' })).statusCode, 403);
    });

    it('refuses a PagerDuty event with an unknown routing key in PagerDuty words', async () => {
      const event = { ...(await fixture('pagerduty-v2-trigger.json')), routing_key: 'iri_' + 'x'.repeat(43) };
      const res = await h.request('POST', '/v2/enqueue', { body: event });
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as { message: string }).message, 'Invalid routing key');
    });

    it('opens one incident for a PagerDuty trigger, appends repeats, and auto-resolves on resolve', async () => {
      const key = await createIntegration(h, {
        source: 'pagerduty-events', name: 'pd-routed', service: 'payments',
        routing: [{ match: ['source=~"db.*"'], severity: 'critical', type: 'data', environment: 'staging' }],
      });
      const trigger = { routing_key: key, event_action: 'trigger', dedup_key: 'disk-1', payload: { summary: 'Disk full on db-1', source: 'db-1', severity: 'warning' } };
      for (let i = 0; i < 3; i++) {
        const res = await h.request('POST', '/v2/enqueue', { body: trigger });
        assert.equal(res.statusCode, 202, res.body);
        assert.deepEqual(res.json(), { status: 'success', message: 'Event processed', dedup_key: 'disk-1' });
      }
      const open = (await alerts(h)).filter((a) => a.status === 'open' && a.occurrences === 3);
      assert.equal(open.length, 1);
      const incidentId = open[0]!.incidentId!;
      const incident = (await h.request('GET', `/api/v1/incidents/${incidentId}`, { as: 'admin' })).json() as Record<string, unknown>;
      assert.deepEqual([incident['severity'], incident['type'], incident['environment'], incident['service'], incident['declaredBy']], ['critical', 'data', 'staging', 'payments', 'alert:pagerduty-events']);

      const resolve = await h.request('POST', '/v2/enqueue', { body: { routing_key: key, event_action: 'resolve', dedup_key: 'disk-1' } });
      assert.equal(resolve.statusCode, 202);
      const kinds = await timelineKinds(h, incidentId);
      assert.deepEqual(kinds.filter((k) => k !== 'status-updated'), ['declared', 'alert-linked', 'alert-deduplicated', 'alert-resolved', 'resolved']);
      const after = (await h.request('GET', `/api/v1/incidents/${incidentId}`, { as: 'admin' })).json() as { status: string };
      assert.equal(after.status, 'resolved');

      // Resolving again is accepted and dropped; a new trigger opens a new alert and incident.
      assert.equal((await h.request('POST', '/v2/enqueue', { body: { routing_key: key, event_action: 'resolve', dedup_key: 'disk-1' } })).statusCode, 202);
      assert.equal((await h.request('POST', '/v2/enqueue', { body: trigger })).statusCode, 202);
      const lives = (await alerts(h)).filter((a) => a.incidentId !== undefined);
      assert.equal(lives.filter((a) => a.status === 'open').length, 1);
      assert.notEqual(lives.find((a) => a.status === 'open')!.incidentId, incidentId);
    });

    it('groups the alerts of one Alertmanager notification into one incident, from a URL key', async () => {
      const key = await createIntegration(h, { source: 'alertmanager-webhook', name: 'am', service: 'api' });
      const body = await fixture('alertmanager-webhook-firing.json');
      const res = await h.request('POST', `/api/v1/alertmanager/${key}`, { body });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.body, '');
      const again = await h.request('POST', `/api/v1/alertmanager/${key}`, { body });
      assert.equal(again.statusCode, 200);
      const list = (await alerts(h)).filter((a) => a.status === 'open');
      const count = (body['alerts'] as unknown[]).length;
      const mine = list.filter((a) => a.occurrences === 2);
      assert.equal(mine.length, count);
      // The fixture's alerts share an alertname: one incident holds them all.
      assert.equal(new Set(mine.map((a) => a.incidentId)).size, 1);
      assert.equal((await h.request('POST', '/api/v1/alertmanager', { body })).statusCode, 401);
    });

    it('holds alerts matching a silence: stored, no incident; listed and expired with an audit line', async () => {
      const key = await createIntegration(h, { source: 'pagerduty-events', name: 'silenced', service: 'search' });
      const created = await h.request('POST', '/api/v1/silences', { as: 'responder', body: { matchers: ['source="noisy-host"'], duration: '2h', reason: 'planned reindex' } });
      assert.equal(created.statusCode, 201, created.body);
      const silenceId = (created.json() as { id: string; state: string }).id;
      const trigger = { routing_key: key, event_action: 'trigger', dedup_key: 'noisy', payload: { summary: 'Reindex slow', source: 'noisy-host', severity: 'error' } };
      assert.equal((await h.request('POST', '/v2/enqueue', { body: trigger })).statusCode, 202);
      const held = (await alerts(h)).find((a) => a.silencedBy === silenceId);
      assert.ok(held);
      assert.equal(held.incidentId, undefined);
      const expired = await h.request('DELETE', `/api/v1/silences/${silenceId}`, { as: 'responder' });
      assert.equal((expired.json() as { state: string }).state, 'expired');
      assert.equal((await h.request('POST', '/v2/enqueue', { body: trigger })).statusCode, 202);
      const raised = (await alerts(h)).find((a) => a.id === held.id)!;
      assert.ok(raised.incidentId !== undefined);
      const audit = await h.app.store.listAdminAudit(10);
      assert.deepEqual(audit.filter((a) => a.subject === silenceId).map((a) => a.action).sort(), ['silence.create', 'silence.expire']);
    });

    it('answers Opsgenie with its own 202 body and a GenieKey', async () => {
      const key = await createIntegration(h, { source: 'opsgenie', name: 'og' });
      const res = await h.request('POST', '/v2/alerts', { body: await fixture('opsgenie-create.json'), headers: { authorization: `GenieKey ${key}` } });
      assert.equal(res.statusCode, 202, res.body);
      assert.equal((res.json() as { result: string }).result, 'Request will be processed');
      const bad = await h.request('POST', '/v2/alerts', { body: await fixture('opsgenie-create.json'), headers: { authorization: 'GenieKey nope' } });
      assert.equal(bad.statusCode, 401);
    });

    it('stores a PagerDuty change event and notes it on the service\'s open incidents', async () => {
      const key = await createIntegration(h, { source: 'pagerduty-change', name: 'deploys', service: 'payments' });
      const change = { ...(await fixture('pagerduty-change.json')), routing_key: key };
      const res = await h.request('POST', '/v2/change/enqueue', { body: change });
      assert.equal(res.statusCode, 202, res.body);
      assert.equal((await h.app.store.listChanges(10)).length, 1);
    });

    it('answers 429 with Retry-After to PagerDuty and 503 to Alertmanager when the queue is full', async () => {
      const pd = await createIntegration(h, { source: 'pagerduty-events', name: 'pd-load' });
      const am = await createIntegration(h, { source: 'alertmanager-webhook', name: 'am-load' });
      const batcher = h.app.alerts.batcher as unknown as { tuning: object };
      const saved = batcher.tuning;
      batcher.tuning = { ...saved, maxQueuedSignals: 0 };
      try {
        const pdRes = await h.request('POST', '/v2/enqueue', { body: { routing_key: pd, event_action: 'trigger', payload: { summary: 'a', source: 'x', severity: 'info' } } });
        assert.equal(pdRes.statusCode, 429);
        assert.ok(Number(pdRes.headers['retry-after']) >= 1);
        assert.equal((pdRes.json() as { status: string }).status, 'throttle event');
        const amRes = await h.request('POST', `/api/v1/alertmanager/${am}`, { body: await fixture('alertmanager-webhook-firing.json') });
        assert.equal(amRes.statusCode, 503);
      } finally {
        batcher.tuning = saved;
      }
      assert.equal((await alerts(h)).filter((a) => a.summary === 'a').length, 0);
    });
  });
}
