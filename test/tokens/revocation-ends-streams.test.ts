// Revoking a token stops it at once: its open event streams end (bearer and web-session streams
// alike) and its next request is refused, whether it was revoked through this server's API or in
// the database by another server or the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';
import { openSse, type SseReader } from '../http/sse-reader.js';

const admin = { name: 'root', role: 'admin' as const, teams: [] };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const kind of STORE_KINDS) {
  describe(`revoking a token ends its streams (${kind})`, () => {
    let h: Harness;
    let base: string;
    const open: SseReader[] = [];
    before(async () => {
      // A long heartbeat, so nothing but the revocation ends a stream during a test.
      h = await startHarness(kind, { heartbeatMs: 60_000 });
      base = await h.listen();
    });
    after(async () => {
      for (const r of open) r.close();
      await h.close();
    });

    async function connect(headers: Record<string, string>): Promise<SseReader> {
      const stream = await openSse(`${base}/api/v1/events/stream`, headers);
      open.push(stream);
      assert.equal(stream.status, 200);
      await stream.waitFor((f) => f.some((x) => x.comment === 'connected'), 10_000, 'the connected comment');
      return stream;
    }

    const ended = (stream: SseReader) => stream.waitFor(() => stream.isEnded(), 10_000, 'the end of the stream');
    const list = (token: string) => h.request('GET', '/api/v1/incidents', { headers: { authorization: `Bearer ${token}` } });

    it('revoked through the API: the stream ends and the token gets 401', async () => {
      const { token } = await h.app.tokens.create({ name: `api-${kind}`, role: 'viewer' }, admin);
      const other = await connect({ authorization: `Bearer ${h.tokens.viewer}` });
      const stream = await connect({ authorization: `Bearer ${token}` });
      assert.equal((await list(token)).statusCode, 200);
      const revoked = await h.request('DELETE', `/api/v1/tokens/api-${kind}`, { as: 'admin' });
      assert.equal(revoked.statusCode, 200, revoked.body);
      await ended(stream);
      assert.equal((await list(token)).statusCode, 401);
      assert.equal(other.isEnded(), false);
    });

    it('revoked in the database (another server, the CLI): the stream ends and the token gets 401', async () => {
      const { token } = await h.app.tokens.create({ name: `db-${kind}`, role: 'responder' }, admin);
      const stream = await connect({ authorization: `Bearer ${token}` });
      assert.equal((await list(token)).statusCode, 200);
      // Straight to the store, as another instance's TokenService or the CLI would: this server hears nothing.
      assert.ok(await h.app.store.revokeToken(`db-${kind}`, h.app.clock.now()));
      await ended(stream);
      assert.equal((await list(token)).statusCode, 401);
    });

    it('ends the web app\'s streams of sessions signed in with the token', async () => {
      const { token } = await h.app.tokens.create({ name: `web-${kind}`, role: 'viewer' }, admin);
      const signIn = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: `token=${encodeURIComponent(token)}` });
      assert.equal(signIn.statusCode, 303, signIn.body);
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const viaApi = await connect({ cookie });
      assert.ok(await h.app.store.revokeToken(`web-${kind}`, h.app.clock.now()));
      await ended(viaApi);
      const page = await h.server.inject({ method: 'GET', url: '/app', headers: { cookie } });
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/app/sign-in');
      assert.equal((await h.server.inject({ method: 'GET', url: '/api/v1/incidents', headers: { cookie } })).statusCode, 401);

      const { token: second } = await h.app.tokens.create({ name: `web2-${kind}`, role: 'viewer' }, admin);
      const again = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: `token=${encodeURIComponent(second)}` });
      const secondCookie = String(again.headers['set-cookie']).split(';')[0]!;
      const stream = await connect({ cookie: secondCookie });
      assert.equal((await h.request('DELETE', `/api/v1/tokens/web2-${kind}`, { as: 'admin' })).statusCode, 200);
      await ended(stream);
    });
  });
}
