// No credential a request carries reaches the server's log, on SQLite and PostgreSQL: integration
// keys in ingest URLs, headers and bodies, heartbeat keys, API tokens, and secret-shaped values
// in any route's path or query. Every log line the server writes is captured and searched.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from './http-harness.js';

const CONFIG = `
integrations:
  webhooks:
    - name: uptime
      mapping:
        summary: title
        dedup_key: id
heartbeats:
  - name: nightly-backup
    interval: 5m
    grace: 1m
`;

/** Each source's documented payload; the key-carrying field is filled in per request. */
const FIXTURES: Record<string, string | undefined> = {
  'alertmanager-webhook': 'alertmanager-webhook-firing.json',
  'alertmanager-api': 'alertmanager-api-v2-alerts.json',
  'pagerduty-events': 'pagerduty-v2-trigger.json',
  'pagerduty-change': 'pagerduty-change.json',
  opsgenie: 'opsgenie-create.json',
  'sns-cloudwatch': 'sns-cloudwatch-alarm.json',
  datadog: 'datadog-default-payload.json',
  newrelic: 'newrelic-activated.json',
};

/** Query parameters a client might carry a credential in. */
const SECRET_QUERY_NAMES = ['token', 'access_token', 'api_key', 'apiKey', 'key', 'secret', 'signature', 'sig', 'code', 'password', 'routing_key'];

/** A fresh random string shaped like a generated key (base64url). */
const canary = () => randomBytes(24).toString('base64url');

async function fixtureBody(source: string, key: string, path: string): Promise<unknown> {
  const file = path === '/generic/2010-04-15/create_event.json' ? 'pagerduty-v1-from-alertmanager.json' : FIXTURES[source];
  if (file === undefined) return { id: 'check-1', title: 'Check failed' };
  const body = JSON.parse(await readFile(new URL(`../fixtures/ingest/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  if ('routing_key' in body) body['routing_key'] = key;
  if ('service_key' in body) body['service_key'] = key;
  return body;
}

for (const kind of STORE_KINDS) {
  describe(`secrets stay out of the server log (${kind})`, () => {
    let h: Harness;
    const canaries = new Set<string>();
    const keys = new Map<string, string>();

    before(async () => {
      h = await startHarness(kind, { failedAuthMax: 10_000 }, { configYaml: CONFIG });
      for (const source of [...h.app.alerts.registry.sources.map((s) => s.name), 'heartbeat']) {
        const name = source === 'generic-webhook' ? 'uptime' : source === 'heartbeat' ? 'nightly-backup' : `${source}-canary`;
        const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body: { source, name } });
        assert.equal(res.statusCode, 201, res.body);
        const key = (res.json() as { key: string }).key;
        keys.set(source, key);
        canaries.add(key);
      }
      for (const token of Object.values(h.tokens)) canaries.add(token);
    });
    after(async () => {
      await h?.close();
    });

    it('masks the integration key of every ingest route, wherever the request carries it', async () => {
      const answers: Record<string, number> = {};
      for (const source of h.app.alerts.registry.sources) {
        const key = keys.get(source.name)!;
        for (const route of source.routes) {
          const inPath = route.path.includes(':key');
          const url = route.path.replace(':key', key).replace(':identifier', 'alert-1').replace(':action', 'close');
          const headers: Record<string, string> = inPath ? {} : { authorization: source.name === 'opsgenie' ? `GenieKey ${key}` : `Bearer ${key}` };
          const res = await h.request('POST', url, { body: await fixtureBody(source.name, key, route.path), headers });
          answers[url.replace(key, ':key')] = res.statusCode;
        }
      }
      // The keys were good: the requests went all the way through (SNS waits for a signature it cannot check here).
      assert.equal(answers['/api/v1/alertmanager/:key'], 200);
      assert.equal(answers['/integrations/webhook/:key'], 202);
      assert.equal(answers['/v2/enqueue'], 202);
      const heartbeat = await h.request('POST', `/api/v1/heartbeats/nightly-backup/ping/${keys.get('heartbeat')!}`);
      assert.equal(heartbeat.statusCode, 200, heartbeat.body);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { as: 'responder' })).statusCode, 200);

      assert.ok(h.logs.some((l) => l.includes('"url":"/api/v1/alertmanager/iri_[Redacted]"')), 'the request was logged, key masked');
      assertNoCanary(h.logs, canaries);
    });

    it('masks unknown keys and secret-shaped values in the path and query of every route', async () => {
      for (const route of h.routes) {
        const params: string[] = [];
        const path = route.url.replace(/:(\w+)/g, (_m, name: string) => {
          const value = name === 'key' ? `iri_${canary()}` : canary();
          params.push(value);
          return encodeURIComponent(value);
        });
        const query = SECRET_QUERY_NAMES.map((name) => {
          const value = canary();
          params.push(value);
          return `${name}=${encodeURIComponent(value)}`;
        });
        const bare = canary();
        params.push(bare);
        for (const p of params) canaries.add(p);
        const url = `${path}?${query.join('&')}&other=${bare}`;
        const body = route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} };
        await h.request(route.method, url, body);
        // As a caller who may: the route reads its parameters (the event stream would never end).
        if (route.url.startsWith('/api/v1/') && route.url !== '/api/v1/events/stream') await h.request(route.method, url, { ...body, as: 'admin' });
      }
      // A route that does not exist, with a key where a known route would have one.
      const stray = `iri_${canary()}`;
      canaries.add(stray);
      assert.equal((await h.request('POST', `/api/v1/alertmanager/${stray}/extra?token=${stray}`, { body: {} })).statusCode, 404);

      assert.ok(h.logs.some((l) => l.includes('token=[Redacted]')), 'query tokens were logged masked');
      assertNoCanary(h.logs, canaries);
    });
  });
}

function assertNoCanary(logs: readonly string[], canaries: ReadonlySet<string>): void {
  assert.ok(logs.length > 0, 'the server wrote log lines');
  for (const line of logs) {
    for (const c of canaries) {
      assert.ok(!line.includes(c) && !line.includes(encodeURIComponent(c)), `a secret reached the log: ${line}`);
    }
  }
}
