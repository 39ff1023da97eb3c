// The heartbeat part of the Store, on SQLite and PostgreSQL: pings are durable and only move forward,
// and the checker's state (the open incident) is kept beside them without clobbering a ping.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { epochMs } from '../../domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`heartbeat store contract (${kind})`, () => {
    let db: TestStore;
    before(async () => {
      db = await openTestStore(kind);
    });
    after(async () => {
      await db?.cleanup();
    });

    it('knows nothing of a heartbeat never pinged nor watched', async () => {
      assert.equal(await db.store.findHeartbeat('never'), undefined);
    });

    it('creates the record on the first ping and never moves the last ping back', async () => {
      await db.store.recordPing('cron', epochMs(2_000));
      await db.store.recordPing('cron', epochMs(1_000));
      assert.deepEqual(await db.store.findHeartbeat('cron'), { name: 'cron', watchSince: 2_000, lastPingAt: 2_000 });
      await db.store.recordPing('cron', epochMs(3_000));
      assert.equal((await db.store.findHeartbeat('cron'))?.lastPingAt, 3_000);
    });

    it('saves the watch (incident id, opened at) without touching the last ping, and it survives a reopen', async () => {
      await db.store.writeHeartbeats(async (tx) => {
        assert.equal((await tx.findHeartbeat('cron'))?.lastPingAt, 3_000);
        await tx.saveHeartbeatWatch({ name: 'cron', watchSince: epochMs(2_000), incidentId: 'INC-20261128-001', incidentOpenedAt: epochMs(9_000) });
        await tx.saveHeartbeatWatch({ name: 'fresh', watchSince: epochMs(5_000), incidentId: undefined, incidentOpenedAt: undefined });
      });
      const reopened = await db.reopen();
      assert.deepEqual(await reopened.findHeartbeat('cron'), { name: 'cron', watchSince: 2_000, lastPingAt: 3_000, incidentId: 'INC-20261128-001', incidentOpenedAt: 9_000 });
      assert.deepEqual(await reopened.findHeartbeat('fresh'), { name: 'fresh', watchSince: 5_000 });
      await reopened.writeHeartbeats((tx) => tx.saveHeartbeatWatch({ name: 'cron', watchSince: epochMs(2_000), incidentId: undefined, incidentOpenedAt: undefined }));
      assert.deepEqual(await db.store.findHeartbeat('cron'), { name: 'cron', watchSince: 2_000, lastPingAt: 3_000 });
    });

    it('a write that fails leaves no heartbeat state behind', async () => {
      await assert.rejects(db.store.writeHeartbeats(async (tx) => {
        await tx.saveHeartbeatWatch({ name: 'rolled-back', watchSince: epochMs(1), incidentId: 'INC-x', incidentOpenedAt: epochMs(1) });
        throw new Error('boom');
      }), /boom/);
      assert.equal(await db.store.findHeartbeat('rolled-back'), undefined);
    });
  });
}
