import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startConnectionRecorder, startRedirector, type ConnectionRecorder } from '../../../test/support/outbound-servers.js';
import { durationMs, epochMs } from '../../domain/time/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { PrometheusMetricSource, queryPrometheus } from './index.js';

const KEY = 'detection.allow_private_addresses';
/** The test servers listen on 127.0.0.1, allow-listed here as an operator would. */
const allowLocal = new AddressGuard(['127.0.0.1/32'], KEY);

/** A local server speaking the Prometheus HTTP API's documented shapes, chosen by the query text. */
const ANSWERS: Record<string, { status: number; body: unknown } | 'hang' | 'garbage'> = {
  one: { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'api' }, value: [1772445600, '62.5'] }] } } },
  scalar: { status: 200, body: { status: 'success', data: { resultType: 'scalar', result: [1772445600, '3'] } } },
  empty: { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } },
  nan: { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1772445600, 'NaN'] }] } } },
  many: { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [{ metric: { a: '1' }, value: [0, '1'] }, { metric: { a: '2' }, value: [0, '2'] }] } } },
  matrix: { status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [] } } },
  bad: { status: 400, body: { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected "}"' } },
  hang: 'hang',
  garbage: 'garbage',
};

describe('queryPrometheus against a server speaking the Prometheus HTTP API', () => {
  let server: Server;
  let base: string;
  const seen: URLSearchParams[] = [];
  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/api/v1/query' || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      seen.push(url.searchParams);
      const answer = ANSWERS[url.searchParams.get('query') ?? ''];
      if (answer === 'hang') return; // never answers
      if (answer === 'garbage' || answer === undefined) {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const at = epochMs(Date.parse('2026-03-02T10:00:00.250Z'));

  it('sends the expression and the evaluation time in seconds', async () => {
    assert.deepEqual(await queryPrometheus(base, 'one', at, 1000, allowLocal), { ok: true, value: 62.5 });
    assert.equal(seen.at(-1)?.get('time'), '1772445600.250');
  });

  it('reads a scalar, and an empty vector or NaN as no data', async () => {
    assert.deepEqual(await queryPrometheus(base, 'scalar', at, 1000, allowLocal), { ok: true, value: 3 });
    assert.deepEqual(await queryPrometheus(base, 'empty', at, 1000, allowLocal), { ok: true, value: undefined });
    assert.deepEqual(await queryPrometheus(base, 'nan', at, 1000, allowLocal), { ok: true, value: undefined });
  });

  it('explains results a rule cannot use', async () => {
    assert.deepEqual(await queryPrometheus(base, 'many', at, 1000, allowLocal), { ok: false, message: 'the query returned 2 series; aggregate it to one (sum(…), max(…)) so a rule has one number' });
    assert.match((await queryPrometheus(base, 'matrix', at, 1000, allowLocal) as { message: string }).message, /returned a matrix; write an instant query/);
    assert.deepEqual(await queryPrometheus(base, 'bad', at, 1000, allowLocal), { ok: false, message: 'Prometheus refused the query (400 bad_data): 1:5: parse error: unexpected "}"' });
    assert.match((await queryPrometheus(base, 'garbage', at, 1000, allowLocal) as { message: string }).message, /^Prometheus answered 502 with a body that is not JSON/);
  });

  it('gives up after the timeout, and names an unreachable server', async () => {
    assert.deepEqual(await queryPrometheus(base, 'hang', at, 100, allowLocal), { ok: false, message: `Prometheus did not answer within 100 ms (${base})` });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    assert.deepEqual(await queryPrometheus(`http://127.0.0.1:${port}`, 'one', at, 1000, allowLocal), { ok: false, message: `cannot reach Prometheus: 127.0.0.1:${port}: ECONNREFUSED` });
  });

  it('as a metric source: samples for the metrics that answered, problems for the others', async () => {
    const source = new PrometheusMetricSource({
      url: base,
      timeoutMs: durationMs(1000),
      metrics: [{ metric: 'error_rate', query: 'one' }, { metric: 'queue_depth', query: 'empty' }, { metric: 'broken', query: 'bad' }],
    }, new AddressGuard([], KEY, [base]));
    assert.deepEqual(source.metrics, ['error_rate', 'queue_depth', 'broken']);
    const read = await source.read(at);
    assert.deepEqual(read.samples, { error_rate: 62.5 });
    assert.deepEqual(read.problems.map((p) => p.metric), ['queue_depth', 'broken']);
  });
});

describe('queryPrometheus through the SSRF guard', () => {
  const at = epochMs(Date.parse('2026-03-02T10:00:00Z'));
  let elsewhere: ConnectionRecorder;
  before(async () => { elsewhere = await startConnectionRecorder(); });
  after(() => elsewhere.close());

  it('refuses a Prometheus URL resolving to loopback that is neither configured nor allow-listed, without connecting', async () => {
    const result = await queryPrometheus(`http://localhost:${elsewhere.port}`, 'up', at, 1000, new AddressGuard([], KEY));
    assert.equal(result.ok, false);
    assert.match((result as { message: string }).message, /^cannot reach Prometheus: refused to connect to localhost: .* is a loopback, private or link-local address; add it to detection\.allow_private_addresses to reach it$/);
    assert.equal(elsewhere.connections(), 0);
  });

  for (const [name, location] of [['127.0.0.1', () => `${elsewhere.url}/api/v1/query`], ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/']] as const) {
    it(`reaches the configured Prometheus URL but refuses its redirect to ${name}`, async () => {
      const prometheus = await startRedirector(location());
      try {
        const source = new PrometheusMetricSource({ url: prometheus.url, timeoutMs: durationMs(1000), metrics: [{ metric: 'error_rate', query: 'one' }] }, new AddressGuard([], KEY, [prometheus.url]));
        const read = await source.read(at);
        assert.equal(prometheus.requests.length, 1, 'the configured origin was reached');
        assert.deepEqual(read.samples, {});
        assert.match(read.problems[0]?.message ?? '', new RegExp(`^cannot reach Prometheus: refused to connect to ${name.replace(/\./g, '\\.')}: .*add it to detection\\.allow_private_addresses to reach it$`));
        assert.equal(elsewhere.connections(), 0);
      } finally {
        await prometheus.close();
      }
    });
  }
});
