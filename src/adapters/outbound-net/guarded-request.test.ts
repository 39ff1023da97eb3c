import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConnectionRecorder, startRedirector, type ConnectionRecorder } from '../../../test/support/outbound-servers.js';
import { AddressGuard, guardedRequest, type GuardedFailure, type GuardedReply } from './index.js';

const KEY = 'detection.allow_private_addresses';

function refusal(result: GuardedReply | GuardedFailure): string {
  assert.ok('failure' in result, `expected a refusal, got ${'status' in result ? result.status : '?'}`);
  assert.equal(result.failure, 'refused', result.reason);
  return result.reason;
}

describe('guardedRequest and the origins the operator configured', () => {
  let configured: ConnectionRecorder;
  let other: ConnectionRecorder;
  before(async () => {
    configured = await startConnectionRecorder((req, res) => (req.url === '/moved' ? res.writeHead(302, { location: '/here' }).end() : res.writeHead(200).end(`${req.method} ${req.url}`)));
    other = await startConnectionRecorder();
  });
  after(async () => {
    await configured.close();
    await other.close();
  });

  it('reaches a configured origin on a loopback address without an allow-list, and follows redirects within it', async () => {
    const guard = new AddressGuard([], KEY, [`${configured.url}/api/v1`]);
    const reply = await guardedRequest({ method: 'GET', url: `${configured.url}/moved` }, { guard, timeoutMs: 2000 });
    assert.ok(!('failure' in reply));
    assert.deepEqual([reply.status, reply.body], [200, 'GET /here']);
  });

  it('trusts the exact origin only: the same address on another port is refused without a connection', async () => {
    const guard = new AddressGuard([], KEY, [configured.url]);
    const reason = refusal(await guardedRequest({ method: 'GET', url: `${other.url}/` }, { guard, timeoutMs: 2000 }));
    assert.equal(reason, `refused to connect to 127.0.0.1: 127.0.0.1 is a loopback, private or link-local address; add it to ${KEY} to reach it`);
    assert.equal(other.connections(), 0);
  });

  it('refuses a name resolving to loopback that is not configured, on the address it resolves to, without a connection', async () => {
    const guard = new AddressGuard([], KEY);
    const reason = refusal(await guardedRequest({ method: 'GET', url: `http://localhost:${other.port}/` }, { guard, timeoutMs: 2000 }));
    assert.match(reason, /^refused to connect to localhost: .* is a loopback, private or link-local address; add it to detection\.allow_private_addresses to reach it$/);
    assert.equal(other.connections(), 0);
  });

  for (const [name, location] of [
    ['127.0.0.1 on another port', () => `http://127.0.0.1:${other.port}/admin`],
    ['a name resolving to loopback', () => `http://localhost:${other.port}/admin`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
  ] as const) {
    it(`refuses a redirect from a configured origin to ${name}, connecting to nothing there`, async () => {
      const redirector = await startRedirector(location());
      try {
        const guard = new AddressGuard([], KEY, [redirector.url]);
        const reason = refusal(await guardedRequest({ method: 'POST', url: `${redirector.url}/hook`, body: '{}' }, { guard, timeoutMs: 2000 }));
        assert.match(reason, /^refused to connect to (127\.0\.0\.1|localhost|169\.254\.169\.254): .*add it to detection\.allow_private_addresses to reach it$/);
        assert.equal(redirector.requests.length, 1);
        assert.equal(other.connections(), 0);
      } finally {
        await redirector.close();
      }
    });
  }

  it('lets an allow-listed address be reached by redirect', async () => {
    const redirector = await startRedirector(`${other.url}/allowed`);
    try {
      const guard = new AddressGuard(['127.0.0.1/32'], KEY, [redirector.url]);
      const reply = await guardedRequest({ method: 'GET', url: redirector.url }, { guard, timeoutMs: 2000 });
      assert.ok(!('failure' in reply) && reply.status === 200);
      assert.equal(other.requests.at(-1)?.url, '/allowed');
    } finally {
      await redirector.close();
    }
  });

  it('keeps a connection for the next requests under the same guard, never lends it to another guard, and re-checks a new guard', async () => {
    const target = await startConnectionRecorder();
    try {
      const open = new AddressGuard(['127.0.0.1/32'], KEY);
      for (let i = 0; i < 5; i++) {
        const reply = await guardedRequest({ method: 'POST', url: `${target.url}/hook`, body: `page ${i}` }, { guard: open, timeoutMs: 2000 });
        assert.ok(!('failure' in reply) && reply.status === 200);
      }
      assert.equal(target.connections(), 1, 'five requests, one connection');
      // Another guard (a reloaded configuration) connects anew, through its own check.
      const alsoOpen = new AddressGuard(['127.0.0.1/32'], KEY);
      assert.ok(!('failure' in await guardedRequest({ method: 'GET', url: `${target.url}/` }, { guard: alsoOpen, timeoutMs: 2000 })));
      assert.equal(target.connections(), 2);
      // A guard whose allow-list no longer holds the address is refused, with the other guards' connections still open.
      const closed = new AddressGuard([], KEY);
      refusal(await guardedRequest({ method: 'GET', url: `${target.url}/` }, { guard: closed, timeoutMs: 2000 }));
      assert.equal(target.connections(), 2);
      assert.equal(target.requests.length, 6);
    } finally {
      await target.close();
    }
  });

  it('sends PUT, PATCH and DELETE with their bodies', async () => {
    const guard = new AddressGuard([], KEY, [configured.url]);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const reply = await guardedRequest({ method, url: `${configured.url}/x`, body: 'b' }, { guard, timeoutMs: 2000 });
      assert.ok(!('failure' in reply));
      assert.equal(reply.body, `${method} /x`);
    }
  });
});
