import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { HealthCheckConfig } from '../../app/config/index.js';
import { durationMs, epochMs, MINUTE, SECOND } from '../../domain/time/index.js';
import { AddressGuard, HealthCheckSource } from './index.js';

const T0 = epochMs(Date.parse('2026-03-02T10:00:00Z'));
const at = (minutes: number) => epochMs(T0 + minutes * MINUTE);

function check(url: string, over: Partial<HealthCheckConfig> = {}): HealthCheckConfig {
  return {
    name: 'checkout', url, intervalMs: MINUTE, timeoutMs: durationMs(300), windowMs: durationMs(4 * MINUTE),
    availabilityMetric: 'availability', responseTimeMetric: 'response_time', expectStatus: { min: 200, max: 399 }, ...over,
  };
}

describe('HealthCheckSource against a local server', () => {
  let server: Server;
  let base: string;
  let mode: 'up' | 'down' | 'slow' = 'up';
  let hits = 0;
  before(async () => {
    server = createServer((_req, res) => {
      hits++;
      if (mode === 'slow') {
        setTimeout(() => res.writeHead(200).end('late'), 1000).unref();
        return;
      }
      res.writeHead(mode === 'up' ? 200 : 503).end(mode);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('publishes availability over the window and the last response time; probes once per interval', async () => {
    const source = new HealthCheckSource([check(`${base}/healthz`)], ['127.0.0.1/32']);
    assert.deepEqual(source.metrics, ['availability', 'response_time']);
    hits = 0;
    mode = 'up';
    const first = await source.read(at(0));
    assert.equal(first.samples['availability'], 100);
    assert.ok(typeof first.samples['response_time'] === 'number' && first.samples['response_time'] < 300);
    await source.read(epochMs(at(0) + 30 * SECOND));
    assert.equal(hits, 1, 'the interval has not passed: no second probe');

    mode = 'down';
    const down = await source.read(at(1));
    assert.equal(down.samples['availability'], 50);
    assert.deepEqual(down.problems, [{ metric: 'availability', message: `checkout (${base}/healthz) is down: answered 503 (expected 200–399)` }]);

    mode = 'slow';
    const slow = await source.read(at(2));
    assert.equal(Math.round(slow.samples['availability'] as number), 33);
    assert.match(slow.problems[0]!.message, /no answer within 300 ms$/);

    mode = 'up';
    await source.read(at(3));
    // At 10:05 the 4-minute window holds the probes of 10:02 (slow), 10:03, 10:04 and 10:05.
    await source.read(at(4));
    const later = await source.read(at(5));
    assert.equal(later.samples['availability'], 75);
  });

  it('refuses loopback unless it is allow-listed (the SSRF guard)', async () => {
    const source = new HealthCheckSource([check(`${base}/healthz`)], []);
    const read = await source.read(at(0));
    assert.equal(read.samples['availability'], 0);
    assert.match(read.problems[0]!.message, /refused: 127\.0\.0\.1 is a loopback, private or link-local address; add it to detection\.allow_private_addresses/);
    // By name too: the check is on the address the name resolves to, at connect time.
    const byName = new HealthCheckSource([check(base.replace('127.0.0.1', 'localhost') + '/healthz')], []);
    const named = await byName.read(at(0));
    assert.equal(named.samples['availability'], 0);
    assert.match(named.problems[0]!.message, /refused to connect to localhost: .* is a loopback/);
  });

  it('knows the private ranges', () => {
    const guard = new AddressGuard(['10.1.0.0/16']);
    const refused = ['127.0.0.1', '10.0.0.5', '172.16.3.4', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0', '100.64.0.1'];
    for (const ip of refused) assert.notEqual(guard.refusal(ip), undefined, ip);
    for (const ip of ['93.184.216.34', '10.1.2.3', '2606:2800:220:1::1']) assert.equal(guard.refusal(ip), undefined, ip);
  });
});
