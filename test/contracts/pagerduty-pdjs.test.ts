// PagerDuty's official JavaScript client (@pagerduty/pdjs) sends its events to our /v2/enqueue and
// /v2/change/enqueue. Its `server` option takes our host and port, but it always speaks https
// (`https://${server}/v2/enqueue`), so the test puts a TLS listener with a certificate made for this
// run in front of our server and hands every request, exactly as the client built it, to our
// endpoints; the client trusts that certificate through its own `agent` option. SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createServer, Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const pdjs = createRequire(import.meta.url)('@pagerduty/pdjs') as typeof import('@pagerduty/pdjs');

interface ListedAlert { id: string; status: string; dedupKey: string; summary: string; incidentId?: string; severity: string }
interface Seen { method: string; url: string; headers: Record<string, string | string[] | undefined> }

for (const kind of STORE_KINDS) {
  describe(`@pagerduty/pdjs against our PagerDuty Events API v2: ${kind}`, () => {
    let h: Harness;
    let tls: Server;
    let server: string;
    let agent: Agent;
    const seen: Seen[] = [];

    before(async () => {
      h = await startHarness(kind);
      const made = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
      tls = createServer({ key: made.private, cert: made.cert }, (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
          const { host: _host, 'content-length': _length, connection: _connection, ...headers } = req.headers;
          h.server.inject({ method: req.method as 'POST', url: req.url ?? '/', headers, payload: Buffer.concat(chunks) }).then((answer) => {
            res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') }).end(answer.body);
          }, (error: unknown) => res.writeHead(599).end(String(error)));
        });
      });
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      server = `127.0.0.1:${(tls.address() as AddressInfo).port}`;
      agent = new Agent({ ca: made.cert });
    });
    after(async () => {
      agent?.destroy();
      await new Promise<void>((resolve) => (tls ? tls.close(() => resolve()) : resolve()));
      await h?.close();
    });

    const alerts = async (): Promise<ListedAlert[]> => {
      const res = await h.request('GET', '/api/v1/alerts?limit=1000', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { items: ListedAlert[] }).items;
    };
    const integration = async (source: string, name: string) => {
      const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body: { source, name } });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { key: string }).key;
    };
    // pdjs hands its options to node-fetch, which takes an https agent; the RequestInit type does not name it.
    const options = () => ({ server, agent } as { server: string });

    it('triggers, acknowledges and resolves an alert with event() and its shorthands', async () => {
      const key = await integration('pagerduty-events', 'pdjs');
      const triggered = await pdjs.event({
        ...options(),
        data: {
          routing_key: key, event_action: 'trigger', dedup_key: 'pdjs-disk-full',
          payload: { summary: 'Disk full on db-3', source: 'db-3', severity: 'critical', component: 'postgres', group: 'storage', class: 'disk', custom_details: { free: '0 B' } },
          links: [{ href: 'https://grafana.example.com/d/disk', text: 'Disk dashboard' }],
        },
      });
      assert.equal(triggered.status, 202);
      assert.deepEqual(triggered.data, { status: 'success', message: 'Event processed', dedup_key: 'pdjs-disk-full' });
      assert.deepEqual(seen.at(-1)?.method, 'POST');
      assert.equal(seen.at(-1)?.url, '/v2/enqueue');
      assert.match(String(seen.at(-1)?.headers['content-type']), /^application\/json/);
      const alert = (await alerts()).find((a) => a.dedupKey === 'pdjs-disk-full');
      assert.ok(alert !== undefined, 'the alert was stored');
      assert.equal(alert.status, 'open');
      assert.equal(alert.summary, 'Disk full on db-3');

      const acked = await pdjs.acknowledge({ ...options(), data: { routing_key: key, dedup_key: 'pdjs-disk-full' } as never });
      assert.equal(acked.status, 202, JSON.stringify(acked.data));
      assert.equal((await alerts()).find((a) => a.id === alert.id)?.status, 'acknowledged');
      const resolved = await pdjs.resolve({ ...options(), data: { routing_key: key, dedup_key: 'pdjs-disk-full' } as never });
      assert.equal(resolved.status, 202, JSON.stringify(resolved.data));
      assert.equal((await alerts()).find((a) => a.id === alert.id)?.status, 'resolved');
    });

    it('answers a bad event in PagerDuty\'s words (400 invalid event, errors), and an unknown key as PagerDuty does', async () => {
      const key = await integration('pagerduty-events', 'pdjs-bad');
      const bad = await pdjs.event({ ...options(), data: { routing_key: key, event_action: 'trigger', payload: { summary: '', source: 'x', severity: 'fatal' } } as never });
      assert.equal(bad.status, 400);
      assert.equal(bad.data.status, 'invalid event');
      assert.ok(Array.isArray(bad.data.errors) && bad.data.errors.length > 0, JSON.stringify(bad.data));
      const unknown = await pdjs.trigger({ ...options(), data: { routing_key: 'not-a-key', payload: { summary: 's', source: 'x', severity: 'info' } } as never });
      assert.equal(unknown.status, 400);
      assert.deepEqual([unknown.data.status, unknown.data.message], ['invalid event', 'Invalid routing key']);
    });

    it('sends a change event to /v2/change/enqueue with change()', async () => {
      const key = await integration('pagerduty-change', 'pdjs-deploys');
      const sent = await pdjs.change({
        ...options(),
        data: { routing_key: key, payload: { summary: 'Deployed checkout v42', source: 'ci', timestamp: new Date().toISOString(), custom_details: { build: 42 } }, links: [] } as never,
      });
      assert.equal(seen.at(-1)?.url, '/v2/change/enqueue');
      assert.equal(sent.status, 202, JSON.stringify(sent.data));
    });
  });
}
