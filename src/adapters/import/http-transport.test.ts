import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { isAppError } from '../../domain/errors/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { HttpTransport, rateLimitWaitMs } from './http-transport.js';

const NOW = Date.parse('2026-10-20T12:00:00Z');
const KEY = 'sekret-key-42';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };
const servers: { close(): void }[] = [];
after(() => servers.forEach((s) => s.close()));

async function serve(replies: (path: string, i: number) => Reply): Promise<{ url: string; seen: { path: string; headers: IncomingHttpHeaders }[] }> {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    const r = replies(req.url ?? '/', seen.length);
    seen.push({ path: req.url ?? '/', headers: req.headers });
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(JSON.stringify(r.body ?? {}));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function transport(baseUrl: string, slept: number[], extra: Partial<ConstructorParameters<typeof HttpTransport>[0]> = {}) {
  return new HttpTransport({
    vendor: 'PagerDuty', baseUrl, headers: { authorization: `Token token=${KEY}` }, secret: KEY,
    guard: new AddressGuard(['127.0.0.1'], '--api-url'), now: () => NOW, sleep: async (ms) => { slept.push(ms); }, ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('HttpTransport', () => {
  it('waits out a 429 as Retry-After asks, then reads the answer', async () => {
    const { url, seen } = await serve((_, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: { users: [] } }));
    const slept: number[] = [];
    assert.deepEqual(await transport(url, slept).get({ path: '/users', page: 1 }), { users: [] });
    assert.deepEqual(slept, [1000]);
    assert.equal(seen.length, 2);
    assert.ok(seen.every((s) => s.headers['authorization'] === `Token token=${KEY}`));
  });

  it("reads the vendors' rate-limit headers when Retry-After is missing", () => {
    assert.equal(rateLimitWaitMs({ 'ratelimit-reset': '7' }, NOW), 7000);
    assert.equal(rateLimitWaitMs({ 'x-ratelimit-period-in-sec': '60' }, NOW), 60_000);
    assert.equal(rateLimitWaitMs({ 'x-ratelimit-reset': String(NOW / 1000 + 3) }, NOW), 3000);
    assert.equal(rateLimitWaitMs({ 'retry-after': new Date(NOW + 2000).toUTCString(), 'ratelimit-reset': '9' }, NOW), 2000);
    assert.equal(rateLimitWaitMs({}, NOW), undefined);
  });

  it('gives up after a bounded number of 429s, and refuses a wait longer than it accepts', async () => {
    const always = await serve(() => ({ status: 429, headers: { 'retry-after': '2' } }));
    const slept: number[] = [];
    const kept = await failure(transport(always.url, slept, { maxAttempts: 3 }).get({ path: '/users', page: 1 }));
    assert.equal(kept.code, 'RATE_LIMITED');
    assert.match(kept.message, /^PagerDuty kept rate-limiting GET \/users \(3 attempts\)\. Run the import again later\.$/);
    assert.deepEqual(slept, [2000, 2000]);
    const long = await serve(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const tooLong = await failure(transport(long.url, []).get({ path: '/users', page: 1 }));
    assert.match(tooLong.message, /asked to wait 3600 s, longer than the 120 s this import waits/);
  });

  it('retries 5xx with a growing pause and names the status when it gives up', async () => {
    const { url } = await serve(() => ({ status: 503 }));
    const slept: number[] = [];
    const f = await failure(transport(url, slept, { maxAttempts: 4 }).get({ path: '/teams', page: 1 }));
    assert.equal(f.code, 'UPSTREAM_FAILED');
    assert.match(f.message, /PagerDuty failed GET \/teams with 503 4 times/);
    assert.deepEqual(slept, [1000, 2000, 4000]);
  });

  it('follows a next-page link only on the API URL\'s own origin, so the key never goes to another host', async () => {
    const { url, seen } = await serve(() => ({ status: 200, body: { results: [] } }));
    await transport(`${url}/oncall`, []).get({ path: '/api/v1/users/', page: 2, nextUrl: 'https://evil.example.net/oncall/api/v1/users/?page=2' });
    assert.deepEqual(seen.map((s) => s.path), ['/oncall/api/v1/users/?page=2']);
  });

  it('never repeats the key in an error, even when the API echoes it', async () => {
    const { url } = await serve(() => ({ status: 400, body: { error: `bad token ${KEY}` } }));
    const f = await failure(transport(url, []).get({ path: '/users', page: 1 }));
    assert.match(f.message, /PagerDuty answered GET \/users with 400: .*bad token \*\*\*/);
    assert.ok(!f.message.includes(KEY));
  });

  it('refuses a private address the API URL does not name', async () => {
    const { url } = await serve(() => ({ status: 200 }));
    const f = await failure(transport(url, [], { guard: new AddressGuard([], '--api-url') }).get({ path: '/users', page: 1 }));
    assert.equal(f.code, 'UPSTREAM_FAILED');
    assert.match(f.message, /Could not reach PagerDuty for GET \/users: refused to connect to 127\.0\.0\.1/);
  });
});
