// The heartbeat ping route counts wrong credentials against the same failed-authentication limit
// as the API and locks a guessing client out with the same answer, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from './http-harness.js';

const CONFIG = `
heartbeats:
  - name: nightly-backup
    interval: 5m
    grace: 1m
`;
const MAX = 3;
const bad = (i: number) => ({ authorization: `Bearer irt_wrong-token-${i}` });

for (const kind of STORE_KINDS) {
  describe(`heartbeat ping and the failed-authentication limit (${kind})`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('answers 429 after too many wrong tokens on the ping route, like the API', async () => {
      h = await startHarness(kind, { failedAuthMax: MAX }, { configYaml: CONFIG });
      for (let i = 0; i < MAX; i++) {
        assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { headers: bad(i) })).statusCode, 401);
      }
      const locked = await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { headers: bad(MAX) });
      assert.equal(locked.statusCode, 429, locked.body);
      assert.match(locked.headers['retry-after'] as string, /^\d+$/);
      // The lock-out is the API's own: the same answer there, and a good token waits too.
      const api = await h.request('GET', '/api/v1/incidents', { as: 'admin' });
      assert.equal(api.statusCode, 429);
      const body = locked.json() as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'RATE_LIMITED');
      assert.equal(body.error.message, (api.json() as { error: { message: string } }).error.message);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { as: 'responder' })).statusCode, 429);
    });

    it('counts wrong tokens on the API and wrong heartbeat keys against the same limit', async () => {
      h = await startHarness(kind, { failedAuthMax: MAX }, { configYaml: CONFIG });
      assert.equal((await h.request('GET', '/api/v1/incidents', { headers: bad(0) })).statusCode, 401);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping/iri_not-a-key-1')).statusCode, 401);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { headers: bad(1) })).statusCode, 401);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { as: 'responder' })).statusCode, 429);
    });

    it('does not count a ping without credentials', async () => {
      h = await startHarness(kind, { failedAuthMax: MAX }, { configYaml: CONFIG });
      for (let i = 0; i < MAX + 2; i++) assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping')).statusCode, 401);
      assert.equal((await h.request('POST', '/api/v1/heartbeats/nightly-backup/ping', { as: 'responder' })).statusCode, 200);
    });
  });
}
