import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startConnectionRecorder, startRedirector, type ConnectionRecorder } from '../../../test/support/outbound-servers.js';
import type { LogSourceConfig } from '../../app/config/index.js';
import { durationMs, epochMs, MINUTE } from '../../domain/time/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { readLogSource } from './read-log-source.js';

const KEY = 'detection.allow_private_addresses';
/** The test Loki listens on 127.0.0.1, allow-listed here as an operator would. */
const allowLocal = new AddressGuard(['127.0.0.1/32'], KEY);

const AT = epochMs(Date.parse('2026-03-02T10:46:00Z'));
const ns = (iso: string) => `${Date.parse(iso)}000000`;

describe('readLogSource: Loki query_range and commands', () => {
  let loki: Server;
  let base: string;
  let asked: URLSearchParams | undefined;
  before(async () => {
    loki = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      asked = url.searchParams;
      if (url.pathname !== '/loki/api/v1/query_range') return void res.writeHead(404).end('404 page not found');
      if (url.searchParams.get('query') === '{bad') {
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end('parse error at line 1, col 5: syntax error: unexpected $end');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        status: 'success',
        data: {
          resultType: 'streams',
          result: [
            { stream: { app: 'auth' }, values: [[ns('2026-03-02T10:45:30Z'), 'Failed password for root'], [ns('2026-03-02T10:44:00Z'), 'Accepted key for deploy']] },
            { stream: { app: 'web' }, values: [[ns('2026-03-02T10:45:00Z'), 'GET /admin 403']] },
          ],
        },
      }));
    });
    await new Promise<void>((resolve) => loki.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(loki.address() as AddressInfo).port}`;
  });
  after(() => {
    loki.closeAllConnections();
    loki.close();
  });

  const source = (query: string) => ({ kind: 'loki' as const, name: 'loki', url: base, query, sinceMs: durationMs(15 * MINUTE), limit: 500, timeoutMs: durationMs(2000), maxBytes: 4096 });

  it('asks for the window before the firing in nanoseconds and merges the streams in time order', async () => {
    const read = await readLogSource(source('{app=~"auth|web"}'), AT, allowLocal);
    assert.equal(asked?.get('start'), ns('2026-03-02T10:31:00Z'));
    assert.equal(asked?.get('end'), ns('2026-03-02T10:46:00Z'));
    assert.equal(asked?.get('limit'), '500');
    assert.deepEqual(read, {
      ok: true,
      detail: '3 lines from Loki',
      isTruncated: false,
      content: [
        '2026-03-02T10:44:00.000Z {"app":"auth"} Accepted key for deploy',
        '2026-03-02T10:45:00.000Z {"app":"web"} GET /admin 403',
        '2026-03-02T10:45:30.000Z {"app":"auth"} Failed password for root',
      ].join('\n'),
    });
  });

  it('reports what Loki refused', async () => {
    const read = await readLogSource(source('{bad'), AT, allowLocal);
    assert.deepEqual([read.ok, read.detail], [false, 'Loki answered 400: parse error at line 1, col 5: syntax error: unexpected $end']);
  });

  it('runs a command without a shell: arguments are passed as written', async () => {
    const read = await readLogSource({ kind: 'command', name: 'echo', argv: [process.execPath, '-e', 'console.log(process.argv[1])', '$(whoami); *'], timeoutMs: durationMs(5000), maxBytes: 1024 }, AT, allowLocal);
    assert.equal(read.content, '$(whoami); *\n');
    assert.equal(read.ok, true);
  });

  it('stops a command whose output passes the byte cap, and keeps what came', async () => {
    const read = await readLogSource({ kind: 'command', name: 'flood', argv: [process.execPath, '-e', 'process.stdout.write("y".repeat(100000))'], timeoutMs: durationMs(5000), maxBytes: 1000 }, AT, allowLocal);
    assert.equal(read.isTruncated, true);
    assert.ok(read.content.length <= 1000 && read.content.length > 0);
  });
});

describe('readLogSource: Loki through the SSRF guard', () => {
  let elsewhere: ConnectionRecorder;
  before(async () => { elsewhere = await startConnectionRecorder(); });
  after(() => elsewhere.close());
  const loki = (url: string): LogSourceConfig => ({ kind: 'loki', name: 'loki', url, query: '{app="auth"}', sinceMs: durationMs(15 * MINUTE), limit: 10, timeoutMs: durationMs(2000), maxBytes: 4096 });

  it('refuses a Loki URL resolving to loopback that is neither configured nor allow-listed, without connecting', async () => {
    const read = await readLogSource(loki(`http://localhost:${elsewhere.port}`), AT, new AddressGuard([], KEY));
    assert.equal(read.ok, false);
    assert.match(read.detail, /^cannot reach Loki: refused to connect to localhost: .* is a loopback, private or link-local address; add it to detection\.allow_private_addresses to reach it$/);
    assert.equal(elsewhere.connections(), 0);
  });

  for (const [name, location] of [['127.0.0.1', () => `${elsewhere.url}/loki/api/v1/query_range`], ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/']] as const) {
    it(`reaches the configured Loki URL but refuses its redirect to ${name}`, async () => {
      const configured = await startRedirector(location(), 302);
      try {
        const read = await readLogSource(loki(configured.url), AT, new AddressGuard([], KEY, [configured.url]));
        assert.equal(configured.requests.length, 1, 'the configured origin was reached');
        assert.equal(read.ok, false);
        assert.ok(read.detail.startsWith(`cannot reach Loki: refused to connect to ${name}: `), read.detail);
        assert.match(read.detail, /add it to detection\.allow_private_addresses to reach it$/);
        assert.equal(elsewhere.connections(), 0);
      } finally {
        await configured.close();
      }
    });
  }
});
