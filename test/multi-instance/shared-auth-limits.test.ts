// Failed authentications and web sign-outs kept in the store: counted by every instance, honoured
// by the others after their next read of the store (≤ 500 ms in serve), and by a restarted one at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FailedAuthLimiter } from '../../src/adapters/http/failed-auth-limiter.js';
import { RevokedSessions } from '../../src/adapters/http/revoked-sessions.js';
import type { Store } from '../../src/adapters/storage/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MAX = 20;
const WINDOW = 60_000;

for (const kind of STORE_KINDS) {
  describe(`limits and sign-outs shared through the store (${kind})`, () => {
    let db: TestStore;
    let stores: Store[];
    let now = T0;
    const clock = () => now;
    before(async () => {
      db = await openTestStore(kind);
      stores = [db.store, await db.reopen(), await db.reopen()];
    });
    after(async () => {
      await db?.cleanup();
    });

    it('trips the limit after failures spread over three instances, on all three and after a restart', async () => {
      const limiters = stores.map((store) => new FailedAuthLimiter(MAX, WINDOW, { store, now: clock }));
      for (let i = 0; i < 25; i++) await limiters[i % 3]!.recordFailure('203.0.113.5');
      // Each instance counted at least one failure past the limit, so each knows without reading.
      for (const limiter of limiters) assert.equal(limiter.retryAfterMs('203.0.113.5'), WINDOW);
      assert.equal(limiters[0]!.retryAfterMs('198.51.100.7'), undefined, 'another address is not limited');

      const restarted = new FailedAuthLimiter(MAX, WINDOW, { store: await db.reopen(), now: clock });
      assert.equal(restarted.retryAfterMs('203.0.113.5'), undefined, 'nothing known before start');
      await restarted.start();
      restarted.stop();
      now = T0 + 10_000;
      assert.equal(restarted.retryAfterMs('203.0.113.5'), WINDOW - 10_000);
      now = T0 + WINDOW;
      assert.equal(restarted.retryAfterMs('203.0.113.5'), undefined, 'the window ended');
    });

    it('refuses on an instance that counted none of the failures once it reads the store', async () => {
      now = T0 + 2 * WINDOW;
      const [a, b] = stores.slice(0, 2).map((store) => new FailedAuthLimiter(MAX, WINDOW, { store, now: clock }));
      for (let i = 0; i < MAX; i++) await a!.recordFailure('192.0.2.44');
      assert.equal(b!.retryAfterMs('192.0.2.44'), undefined);
      await b!.refresh();
      assert.equal(b!.retryAfterMs('192.0.2.44'), WINDOW);
    });

    it('holds a sign-out at once where it happened, on the other instances after their next read, and after a restart', async () => {
      now = T0;
      const [a, b] = stores.slice(0, 2).map((store) => new RevokedSessions(store, clock));
      await a!.start();
      await b!.start();
      try {
        await a!.revokeSession('nonce-signed-out', T0 + 12 * 3_600_000);
        assert.equal(a!.isSessionRevoked('nonce-signed-out'), true);
        assert.equal(b!.isSessionRevoked('nonce-signed-out'), false);
        await b!.refresh();
        assert.equal(b!.isSessionRevoked('nonce-signed-out'), true);
        assert.equal(b!.isSessionRevoked('nonce-still-signed-in'), false);
      } finally {
        a!.stop();
        b!.stop();
      }
      const restarted = new RevokedSessions(await db.reopen(), clock);
      await restarted.start();
      restarted.stop();
      assert.equal(restarted.isSessionRevoked('nonce-signed-out'), true);
    });
  });
}
