import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AddressGuard } from '../outbound-net/index.js';
import { outcomeOfStatus, parseRetryAfter, sendHttp, type HttpContext } from './http-delivery.js';
import { fixedClock, NOW, startRecordingServer, type RecordingServer, type ScriptedReply } from './notify-test-support.js';

const allowLocal: HttpContext = { guard: new AddressGuard(['127.0.0.1/32'], 'channels.allow_private_addresses'), clock: fixedClock };
const noAllowList: HttpContext = { guard: new AddressGuard([], 'channels.allow_private_addresses'), clock: fixedClock };

async function postOnce(url: string, ctx = allowLocal, timeoutMs = 2000) {
  const sent = await sendHttp({ method: 'POST', url, headers: { 'content-type': 'application/json', authorization: 'Bearer s3cr3t-token' }, body: '{"a":1}' }, timeoutMs, ctx);
  return 'outcome' in sent ? sent.outcome : outcomeOfStatus(sent.reply, 'the receiver', fixedClock.now());
}

const servers: RecordingServer[] = [];
async function server(answer: (path: string, index: number) => ScriptedReply): Promise<RecordingServer> {
  const s = await startRecordingServer((r, i) => answer(r.url, i));
  servers.push(s);
  return s;
}
after(() => Promise.all(servers.map((s) => s.close())));

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, a past date as now', () => {
    assert.equal(parseRetryAfter('120', NOW), 120_000);
    assert.equal(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW), 90_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW), 0);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter('-5', NOW), undefined);
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
  });
});

describe('one HTTP attempt', () => {
  const table: [string, ScriptedReply, Record<string, unknown>][] = [
    ['2xx is delivered', { status: 204 }, { kind: 'delivered' }],
    ['500 is retried', { status: 500 }, { kind: 'retry', reason: 'the receiver answered 500' }],
    ['503 with Retry-After seconds is retried after them', { status: 503, headers: { 'retry-after': '7' } }, { kind: 'retry', retryAfterMs: 7000 }],
    ['429 with a Retry-After date is retried at that time', { status: 429, headers: { 'retry-after': new Date(NOW + 60_000).toUTCString() } }, { kind: 'retry', retryAfterMs: 60_000 }],
    ['408 is retried', { status: 408 }, { kind: 'retry' }],
    ['410 means the endpoint is gone', { status: 410 }, { kind: 'endpoint-gone' }],
    ['400 fails', { status: 400 }, { kind: 'failed', reason: 'the receiver answered 400' }],
    ['404 fails', { status: 404 }, { kind: 'failed' }],
  ];
  for (const [name, reply, expected] of table) {
    it(name, async () => {
      const s = await server(() => reply);
      const outcome = await postOnce(`${s.url}/hook`);
      for (const [k, v] of Object.entries(expected)) assert.equal((outcome as Record<string, unknown>)[k], v, `${k} of ${JSON.stringify(outcome)}`);
    });
  }

  it('gives up on a server that never answers, as a retry', async () => {
    const s = await server(() => ({ hang: true }));
    const started = performance.now();
    const outcome = await postOnce(`${s.url}/slow`, allowLocal, 150);
    assert.deepEqual(outcome, { kind: 'retry', reason: `${new URL(s.url).host} timed out after 150 ms` });
    assert.ok(performance.now() - started < 1500);
  });

  it('retries when nothing listens', async () => {
    const s = await server(() => ({}));
    await s.close();
    const outcome = await postOnce(`${s.url}/`);
    assert.equal(outcome.kind, 'retry');
    assert.match((outcome as { reason: string }).reason, /ECONNREFUSED/);
  });
});

describe('the SSRF guard', () => {
  it('refuses a loopback address unless allow-listed, before connecting', async () => {
    const s = await server(() => ({ status: 200 }));
    const outcome = await postOnce(`${s.url}/hook`, noAllowList);
    assert.deepEqual(outcome, { kind: 'failed', reason: 'refused to connect to 127.0.0.1: 127.0.0.1 is a loopback, private or link-local address; add it to channels.allow_private_addresses to reach it' });
    assert.equal(s.requests.length, 0);
  });

  it('refuses a name that resolves to loopback, on the address it resolves to', async () => {
    const s = await server(() => ({ status: 200 }));
    const outcome = await postOnce(`http://localhost:${new URL(s.url).port}/hook`, noAllowList);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /^refused to connect to localhost: .* is a loopback, private or link-local address/);
    assert.equal(s.requests.length, 0);
  });

  it('refuses a redirect to a private address', async () => {
    const s = await server(() => ({ status: 307, headers: { location: 'http://127.0.0.2:9/internal' } }));
    const outcome = await postOnce(`${s.url}/hook`);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /^refused to connect to 127\.0\.0\.2/);
    assert.equal(s.requests.length, 1);
  });

  it('refuses http URLs of other schemes', async () => {
    assert.deepEqual(await postOnce('file:///etc/passwd'), { kind: 'failed', reason: 'file: URLs are not allowed (http or https only)' });
  });
});

describe('redirects', () => {
  it('follows 307 with the method and body, and drops the authorization header across origins', async () => {
    const target = await server(() => ({ status: 202 }));
    const s = await server((path) => (path === '/a' ? { status: 307, headers: { location: '/b' } } : { status: 308, headers: { location: `${target.url}/c` } }));
    const outcome = await postOnce(`${s.url}/a`);
    assert.equal(outcome.kind, 'delivered');
    assert.deepEqual(s.requests.map((r) => [r.method, r.url, r.body, r.headers.authorization]), [['POST', '/a', '{"a":1}', 'Bearer s3cr3t-token'], ['POST', '/b', '{"a":1}', 'Bearer s3cr3t-token']]);
    assert.deepEqual(target.requests.map((r) => [r.method, r.url, r.body, r.headers.authorization]), [['POST', '/c', '{"a":1}', undefined]]);
  });

  it('continues a 303 as GET without the body', async () => {
    const s = await server((path) => (path === '/a' ? { status: 303, headers: { location: '/done' } } : { status: 200 }));
    assert.equal((await postOnce(`${s.url}/a`)).kind, 'delivered');
    assert.deepEqual(s.requests.map((r) => [r.method, r.url, r.body, r.headers['content-type']]), [['POST', '/a', '{"a":1}', 'application/json'], ['GET', '/done', '', undefined]]);
  });

  it('stops after 5 redirects', async () => {
    const s = await server((_path, i) => ({ status: 302, headers: { location: `/hop-${i + 1}` } }));
    const outcome = await postOnce(`${s.url}/hop-0`);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /^more than 5 redirects/);
    assert.equal(s.requests.length, 6);
  });
});
