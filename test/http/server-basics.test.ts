import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Harness } from './http-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of STORE_KINDS) {
  describe(`server basics: probes, metrics, OpenAPI, headers, errors (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind, { failedAuthMax: 5 });
    });
    after(() => h.close());

    it('is healthy, and ready on a migrated store', async () => {
      assert.deepEqual((await h.request('GET', '/healthz')).json(), { status: 'ok' });
      assert.deepEqual((await h.request('GET', '/readyz')).json(), { status: 'ready' });
    });

    it('publishes every route in the OpenAPI document, generated from the request schemas', async () => {
      const doc = (await h.request('GET', '/api/v1/openapi.json')).json() as Json;
      assert.equal(doc.openapi, '3.1.0');
      // Ingest endpoints speak their senders' wire formats and are documented in docs/ingest.md.
      const isIngest = (url: string) => h.app.alerts.registry.sources.some((s) => s.routes.some((r) => r.path === url));
      for (const { method, url } of h.routes.filter((r) => r.url.startsWith('/api/v1/') && !isIngest(r.url))) {
        const path = url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}');
        assert.ok(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} is missing from the OpenAPI document`);
      }
      const declareBody = doc.paths['/incidents'].post.requestBody.content['application/json'].schema.$ref.split('/').pop();
      const schema = doc.components.schemas[declareBody];
      assert.deepEqual(schema.required, ['severity', 'type', 'environment']);
      assert.equal(schema.additionalProperties, false);
      assert.deepEqual(schema.properties.severity.enum, ['critical', 'high', 'medium', 'low']);
      assert.ok(doc.components.schemas.IncidentDto);
    });

    it('exports Prometheus metrics: requests by route, latency, open incidents by severity, event-loop lag; never titles', async () => {
      await declare(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'Top secret title' });
      await h.request('GET', '/api/v1/incidents/INC-2026-0101-001', { as: 'viewer' });
      const text = (await h.request('GET', '/metrics')).body;
      assert.match(text, /ir_http_requests_total\{route="\/api\/v1\/incidents",method="POST",status="201"\} 1/);
      assert.match(text, /ir_http_requests_total\{route="\/api\/v1\/incidents\/:id",method="GET",status="404"\} 1/);
      assert.match(text, /ir_http_request_duration_seconds_bucket\{le="0\.1",route="\/api\/v1\/incidents",method="POST"\}/);
      assert.match(text, /ir_incidents_open\{severity="critical"\} 1/);
      assert.match(text, /ir_incidents_open\{severity="low"\} 0/);
      assert.match(text, /nodejs_eventloop_lag_seconds/);
      assert.match(text, /ir_paging_timers_overdue 0/);
      assert.match(text, /ir_paging_messages\{status="pending"\} 0/);
      assert.match(text, /ir_paging_messages\{status="delivered"\} 0/);
      assert.ok(!text.includes('Top secret title'));
    });

    it('sends security headers on answers, errors and unknown routes alike', async () => {
      for (const res of [
        await h.request('GET', '/healthz'),
        await h.request('GET', '/api/v1/incidents'),
        await h.request('GET', '/no/such/route'),
        await h.request('POST', '/api/v1/incidents', { as: 'admin', payload: '{', headers: { 'content-type': 'application/json' } }),
      ]) {
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.ok(res.headers['content-security-policy']);
        assert.ok(res.headers['strict-transport-security']);
        assert.ok(res.headers['x-request-id']);
      }
      const notFound = await h.request('GET', '/no/such/route');
      assert.equal(notFound.statusCode, 404);
      assert.equal((notFound.json() as Json).error.code, 'NOT_FOUND');
    });

    it('limits failed authentications per address with 429 and Retry-After; a valid token is not counted', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await h.request('GET', '/api/v1/incidents', { headers: { authorization: `Bearer irt_${'x'.repeat(43)}` } });
        assert.equal(res.statusCode, 401);
      }
      const limited = await h.request('GET', '/api/v1/incidents', { as: 'viewer' });
      assert.equal(limited.statusCode, 429);
      assert.equal((limited.json() as Json).error.code, 'RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) > 0 && Number(limited.headers['retry-after']) <= 60);
      const other = await h.server.inject({ method: 'GET', url: '/api/v1/incidents', remoteAddress: '10.0.0.9', headers: { authorization: `Bearer ${h.tokens.viewer}` } });
      assert.equal(other.statusCode, 200);
    });

    it('never writes tokens or secrets to the log or an error body', async () => {
      const canaryToken = 'irt_CANARYcanaryCANARYcanaryCANARYcanaryCANARY';
      const canarySecret = 'canary-secret-7f3a9c';
      const created = await h.server.inject({
        method: 'POST', url: '/api/v1/tokens', remoteAddress: '10.0.0.2',
        headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'logged', role: 'viewer' }),
      });
      const issued = (created.json() as Json).token as string;
      const bodies: string[] = [created.body.replace(issued, '')];
      for (const [url, headers, payload] of [
        ['/api/v1/incidents', { authorization: `Bearer ${canaryToken}` }, undefined],
        [`/api/v1/incidents?token=${canaryToken}`, { authorization: `Bearer ${issued}` }, undefined],
        ['/api/v1/incidents', { authorization: `Bearer ${issued}`, 'content-type': 'application/json' }, JSON.stringify({ severity: 'low', type: 'data', environment: 'staging', secret: canarySecret, token: canaryToken })],
        ['/api/v1/incidents', { authorization: `Bearer ${issued}`, 'content-type': 'application/json' }, `{"secret":"${canarySecret}",`],
        ['/api/v1/tokens', { authorization: `Basic ${Buffer.from(`admin:${canarySecret}`).toString('base64')}` }, undefined],
      ] as const) {
        const res = await h.server.inject({ method: payload ? 'POST' : 'GET', url, headers, remoteAddress: '10.0.0.3', ...(payload ? { payload } : {}) });
        assert.ok(res.statusCode >= 200 && res.statusCode < 500, `${url}: ${res.statusCode}`);
        bodies.push(res.body);
      }
      const logs = h.logs.join('');
      assert.ok(h.logs.length > 10);
      for (const secret of [canaryToken, canarySecret, issued, h.tokens.admin, Buffer.from(`admin:${canarySecret}`).toString('base64')]) {
        assert.ok(!logs.includes(secret), `the log contains ${secret}`);
        for (const b of bodies) assert.ok(!b.includes(secret), `an error body contains ${secret}: ${b}`);
      }
    });

    it('answers INTERNAL with a request id when something breaks inside; the cause is logged, not shown', async () => {
      await h.app.store.close();
      const res = await h.server.inject({ method: 'GET', url: '/api/v1/incidents', remoteAddress: '10.0.0.4', headers: { authorization: `Bearer ${h.tokens.viewer}` } });
      assert.equal(res.statusCode, 500);
      const error = (res.json() as Json).error;
      assert.equal(error.code, 'INTERNAL');
      assert.equal(error.message, `Internal error: this is a bug. Quote request id ${error.requestId} when reporting it.`);
      assert.equal(res.headers['x-request-id'], error.requestId);
      assert.ok(h.logs.some((l) => l.includes(error.requestId) && l.includes('"level":50')));
      const notReady = await h.request('GET', '/readyz');
      assert.equal(notReady.statusCode, 503);
      assert.equal((notReady.json() as Json).error.code, 'STORE_UNAVAILABLE');
    });
  });
}
