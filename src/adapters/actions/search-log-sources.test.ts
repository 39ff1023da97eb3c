import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { LogSourceConfig } from '../../app/config/index.js';
import { durationMs, epochMs, MINUTE } from '../../domain/time/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { readLogSource } from './read-log-source.js';

// Local servers speaking Splunk's search export (POST /services/search/jobs/export, output_mode=json:
// one JSON object per line, newest first) and Elasticsearch's _search (hits.hits[]._source).

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; raw: string }
async function local(answer: (req: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  let handler = answer;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw };
      seen.push(s);
      handler(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen,
    set: (a: typeof answer) => { handler = a; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const AT = epochMs(Date.parse('2026-12-05T14:30:00Z'));
const SPLUNK_TOKEN = 'eyJraWQiOiJzcGx1bmsuc2VjcmV0-token';
const ES_KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';

describe('evidence from Splunk search export', () => {
  let splunk: Awaited<ReturnType<typeof local>>;
  const standard = (req: Seen, res: ServerResponse) => {
    if (req.headers['authorization'] !== `Bearer ${SPLUNK_TOKEN}`) return res.writeHead(401, { 'content-type': 'application/json' }).end('{"messages":[{"type":"WARN","text":"call not properly authenticated"}]}');
    res.writeHead(200, { 'content-type': 'application/json' }).end([
      '{"preview":false,"offset":0,"result":{"_raw":"10.0.0.7 - - [05/Dec/2026:14:29:58 +0000] \\"POST /pay HTTP/1.1\\" 502 0","_time":"2026-12-05T14:29:58.000+00:00","host":"web-03"}}',
      '{"preview":false,"offset":1,"result":{"_raw":"10.0.0.9 - - [05/Dec/2026:14:29:41 +0000] \\"POST /pay HTTP/1.1\\" 500 0","_time":"2026-12-05T14:29:41.000+00:00","host":"web-01"}}',
      '{"preview":false,"offset":2,"lastrow":true,"result":{"_raw":"checkout: card processor timeout","_time":"2026-12-05T14:28:03.000+00:00"}}',
    ].join('\n'));
  };
  before(async () => { splunk = await local(standard); });
  after(() => splunk.close());
  beforeEach(() => { splunk.seen.length = 0; splunk.set(standard); });
  const source = (over: Partial<Extract<LogSourceConfig, { kind: 'splunk' }>> = {}): LogSourceConfig => ({
    kind: 'splunk', name: 'checkout-errors', url: splunk.url, search: 'index=web sourcetype=access_combined status>=500', tokenEnv: 'SPLUNK_TOKEN',
    sinceMs: durationMs(30 * MINUTE), limit: 200, timeoutMs: durationMs(5000), maxBytes: 1_000_000, ...over,
  });
  const read = (s: LogSourceConfig, env: Record<string, string> = { SPLUNK_TOKEN }) => readLogSource(s, AT, new AddressGuard([], 'detection.allow_private_addresses', [splunk.url]), env);

  it('exports the window as JSON with a Bearer token, oldest event first', async () => {
    const out = await read(source());
    assert.equal(out.ok, true);
    assert.equal(out.detail, '3 events from Splunk');
    assert.deepEqual(out.content.split('\n').map((l) => l.slice(0, 29)), ['2026-12-05T14:28:03.000+00:00', '2026-12-05T14:29:41.000+00:00', '2026-12-05T14:29:58.000+00:00']);
    const req = splunk.seen[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/services/search/jobs/export');
    assert.equal(req.headers['authorization'], `Bearer ${SPLUNK_TOKEN}`);
    const form = new URLSearchParams(req.raw);
    assert.deepEqual(Object.fromEntries(form), {
      search: 'search index=web sourcetype=access_combined status>=500 | head 200', output_mode: 'json',
      earliest_time: String((AT - 30 * MINUTE) / 1000), latest_time: String(AT / 1000),
    });
  });

  it('a search that starts with a pipe is sent as written', async () => {
    await read(source({ search: '| tstats count where index=web by host' }));
    assert.equal(new URLSearchParams(splunk.seen[0]!.raw).get('search'), '| tstats count where index=web by host | head 200');
  });

  it('a refused token, a FATAL search message and a missing variable are failed parts with the reason', async () => {
    const denied = await read(source(), { SPLUNK_TOKEN: 'wrong-token-value' });
    assert.deepEqual([denied.ok, denied.detail], [false, 'Splunk answered 401 Unauthorized: call not properly authenticated (check the token in $SPLUNK_TOKEN)']);
    splunk.set((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"messages":[{"type":"FATAL","text":"Error in \'search\' command: Unable to parse the search: unbalanced parentheses."}]}'));
    assert.equal((await read(source())).detail, 'Splunk answered 400 Bad Request: Error in \'search\' command: Unable to parse the search: unbalanced parentheses.');
    assert.equal((await read(source(), {})).detail, 'Splunk: the environment variable SPLUNK_TOKEN holding the token is not set');
  });
});

describe('evidence from Elasticsearch _search', () => {
  let es: Awaited<ReturnType<typeof local>>;
  const standard = (req: Seen, res: ServerResponse) => {
    if (req.headers['authorization'] !== `ApiKey ${ES_KEY}`) {
      return res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason: 'unable to authenticate with provided credentials and anonymous access is not allowed for this request' }], type: 'security_exception', reason: 'unable to authenticate' }, status: 401 }));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      took: 5, timed_out: false, hits: { total: { value: 2, relation: 'eq' }, max_score: null, hits: [
        { _index: '.ds-logs-checkout-2026.12.05-000001', _id: 'b', _source: { '@timestamp': '2026-12-05T14:29:58.120Z', message: 'card processor timeout after 30000 ms', 'log.level': 'error' } },
        { _index: '.ds-logs-checkout-2026.12.05-000001', _id: 'a', _source: { '@timestamp': '2026-12-05T14:20:11.004Z', 'log.level': 'error', error: { type: 'SocketTimeout' } } },
      ] },
    }));
  };
  before(async () => { es = await local(standard); });
  after(() => es.close());
  beforeEach(() => { es.seen.length = 0; es.set(standard); });
  const source = (): LogSourceConfig => ({
    kind: 'elasticsearch', name: 'checkout-logs', url: es.url, index: 'logs-checkout-*', query: 'service.name:checkout AND log.level:error', timestampField: '@timestamp',
    apiKeyEnv: 'ELASTIC_API_KEY', sinceMs: durationMs(30 * MINUTE), limit: 500, timeoutMs: durationMs(5000), maxBytes: 1_000_000,
  });
  const read = (env: Record<string, string> = { ELASTIC_API_KEY: ES_KEY }) => readLogSource(source(), AT, new AddressGuard([], 'detection.allow_private_addresses', [es.url]), env);

  it('searches the index over the window with the query string and size, oldest document first', async () => {
    const out = await read();
    assert.equal(out.ok, true);
    assert.equal(out.detail, '2 documents from Elasticsearch');
    assert.deepEqual(out.content.split('\n'), [
      '2026-12-05T14:20:11.004Z {"@timestamp":"2026-12-05T14:20:11.004Z","log.level":"error","error":{"type":"SocketTimeout"}}',
      '2026-12-05T14:29:58.120Z card processor timeout after 30000 ms',
    ]);
    const req = es.seen[0]!;
    assert.equal(`${req.method} ${req.url}`, 'POST /logs-checkout-*/_search');
    assert.deepEqual(JSON.parse(req.raw), {
      size: 500,
      sort: [{ '@timestamp': { order: 'desc' } }],
      query: { bool: {
        must: [{ query_string: { query: 'service.name:checkout AND log.level:error' } }],
        filter: [{ range: { '@timestamp': { gte: '2026-12-05T14:00:00.000Z', lte: '2026-12-05T14:30:00.000Z', format: 'strict_date_optional_time' } } }],
      } },
    });
  });

  it('a refused key and a bad query are failed parts with Elasticsearch\'s reason', async () => {
    const denied = await read({ ELASTIC_API_KEY: 'd3Jvbmc6a2V5' });
    assert.equal(denied.detail, 'Elasticsearch answered 401 Unauthorized: security_exception: unable to authenticate with provided credentials and anonymous access is not allowed for this request (check the API key in $ELASTIC_API_KEY)');
    es.set((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { root_cause: [{ type: 'query_shard_exception', reason: 'Failed to parse query [service.name:(checkout]' }], type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 400 })));
    assert.equal((await read()).detail, 'Elasticsearch answered 400 Bad Request: search_phase_execution_exception: Failed to parse query [service.name:(checkout]');
    assert.equal((await read({})).detail, 'Elasticsearch: the environment variable ELASTIC_API_KEY holding the API key is not set');
  });
});
