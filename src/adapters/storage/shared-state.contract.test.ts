// The shared-state part of the Store, on SQLite and PostgreSQL: leases with fencing tokens, the
// detection engine's state written only under a current fence, failed-authentication windows and
// revoked sessions as expiring rows, all seen by a second store on the same database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from './index.js';
import { epochMs } from '../../domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';

const T0 = epochMs(1_800_000_000_000);
const at = (ms: number) => epochMs(T0 + ms);

for (const kind of STORE_KINDS) {
  describe(`shared state store contract (${kind})`, () => {
    let db: TestStore;
    let other: Store;
    before(async () => {
      db = await openTestStore(kind);
      other = await db.reopen();
    });
    after(async () => {
      await db?.cleanup();
    });

    it('grants a free lease with token 1 and refuses it to another holder until it lapses', async () => {
      assert.deepEqual(await db.store.acquireLease('detection', 'a', at(0), 1_000), { token: 1, expiresAt: at(1_000) });
      assert.equal(await other.acquireLease('detection', 'b', at(999), 1_000), undefined);
      assert.equal(await db.store.isLeaseHeld({ name: 'detection', holder: 'a', token: 1 }, at(999)), true);
      assert.equal(await db.store.isLeaseHeld({ name: 'detection', holder: 'a', token: 1 }, at(1_000)), false);
    });

    it('keeps the token while the holder renews in time, and grows it when the lease changes hands', async () => {
      assert.deepEqual(await db.store.acquireLease('detection', 'a', at(500), 1_000), { token: 1, expiresAt: at(1_500) });
      assert.deepEqual(await other.acquireLease('detection', 'b', at(1_500), 1_000), { token: 2, expiresAt: at(2_500) });
      assert.equal(await db.store.acquireLease('detection', 'a', at(1_600), 1_000), undefined);
      assert.equal(await db.store.isLeaseHeld({ name: 'detection', holder: 'a', token: 1 }, at(1_600)), false);
      // The same holder coming back after its lease lapsed gets a new token: its old one is stale.
      assert.deepEqual(await other.acquireLease('detection', 'b', at(3_000), 1_000), { token: 3, expiresAt: at(4_000) });
    });

    it('lets a lease released by its holder be taken at once, and ignores a release under a stale token', async () => {
      await db.store.releaseLease({ name: 'detection', holder: 'b', token: 2 });
      assert.equal(await db.store.acquireLease('detection', 'c', at(3_100), 1_000), undefined);
      await other.releaseLease({ name: 'detection', holder: 'b', token: 3 });
      assert.deepEqual(await db.store.acquireLease('detection', 'c', at(3_100), 1_000), { token: 4, expiresAt: at(4_100) });
    });

    it('gives one of two instances racing for a free lease the lease, never both', async () => {
      const results = await Promise.all([db.store.acquireLease('race', 'x', at(0), 1_000), other.acquireLease('race', 'y', at(0), 1_000)]);
      assert.equal(results.filter((r) => r !== undefined).length, 1);
    });

    it('writes detection state under the current fence, refuses a stale one, and reads it back from another store', async () => {
      const fence = { name: 'detection', holder: 'c', token: 4 };
      const written = await db.store.saveDetectionState(fence, {
        rules: [
          { rule: 'api-errors', labelSet: '', state: { phase: 'pending', activeAt: at(3_200), lastEvaluatedAt: at(3_200) }, lastFiredAt: undefined, unfinished: undefined },
          {
            rule: 'db-down', labelSet: '', state: { phase: 'firing', activeAt: at(1_000), firedAt: at(3_200), lastEvaluatedAt: at(3_200) }, lastFiredAt: at(3_200),
            unfinished: { firedAt: at(3_200), activeAt: at(1_000), holding: ['db_up == false'] },
          },
        ],
        baselines: [{ signal: 'latency_unusual', state: { samples: [{ at: at(3_200), value: 12.5 }] } }],
      }, at(3_200));
      assert.equal(written, true);
      const stale = await other.saveDetectionState({ name: 'detection', holder: 'b', token: 3 }, {
        rules: [{ rule: 'api-errors', labelSet: '', state: { phase: 'inactive', lastEvaluatedAt: at(3_300) }, lastFiredAt: undefined, unfinished: undefined }],
        baselines: [],
      }, at(3_300));
      assert.equal(stale, false);
      assert.equal(await db.store.saveDetectionState(fence, { rules: [], baselines: [] }, at(4_100)), false, 'a lapsed lease is stale too');
      const loaded = await other.loadDetectionState();
      assert.deepEqual(loaded, {
        rules: [
          { rule: 'api-errors', labelSet: '', state: { phase: 'pending', activeAt: at(3_200), lastEvaluatedAt: at(3_200) }, lastFiredAt: undefined, unfinished: undefined },
          {
            rule: 'db-down', labelSet: '', state: { phase: 'firing', activeAt: at(1_000), firedAt: at(3_200), lastEvaluatedAt: at(3_200) }, lastFiredAt: at(3_200),
            unfinished: { firedAt: at(3_200), activeAt: at(1_000), holding: ['db_up == false'] },
          },
        ],
        baselines: [{ signal: 'latency_unusual', state: { samples: [{ at: at(3_200), value: 12.5 }] } }],
      });
    });

    it('replaces a rule\'s row when it is written again', async () => {
      const fence = { name: 'detection', holder: 'c', token: 4 };
      assert.equal(await db.store.saveDetectionState(fence, {
        rules: [{ rule: 'db-down', labelSet: '', state: { phase: 'firing', activeAt: at(1_000), firedAt: at(3_200), lastEvaluatedAt: at(3_400) }, lastFiredAt: at(3_200), unfinished: undefined }],
        baselines: [],
      }, at(3_400)), true);
      const rule = (await other.loadDetectionState()).rules.find((r) => r.rule === 'db-down');
      assert.deepEqual(rule, { rule: 'db-down', labelSet: '', state: { phase: 'firing', activeAt: at(1_000), firedAt: at(3_200), lastEvaluatedAt: at(3_400) }, lastFiredAt: at(3_200), unfinished: undefined });
    });

    it('keeps the leader\'s latest reading under its fence, for the other instances', async () => {
      assert.equal(await other.findDetectionReading(), undefined);
      const fence = { name: 'detection', holder: 'd', token: 0 };
      const grant = await db.store.acquireLease('detection', 'd', at(10_000), 1_000);
      assert.ok(grant !== undefined);
      const reading = { at: at(10_000), samples: { error_rate: 12.5 }, baselines: {}, recentFirings: [] };
      assert.equal(await db.store.saveDetectionReading({ ...fence, token: grant.token }, reading, at(10_000)), true);
      assert.deepEqual(await other.findDetectionReading(), reading);
      assert.equal(await other.saveDetectionReading({ ...fence, token: grant.token - 1 }, { at: 1 }, at(10_001)), false);
      assert.equal(await db.store.saveDetectionReading({ ...fence, token: grant.token }, { at: 2 }, at(11_000)), false, 'the lease ran out');
      assert.deepEqual(await other.findDetectionReading(), reading);
      assert.equal((await other.loadDetectionState()).rules.length, 2, 'the reading is not a rule');
    });

    it('keeps the newest pushed sample per metric from any store, and lists those measured since an instant', async () => {
      await db.store.recordPushedSamples([{ metric: 'queue_depth', value: 40, at: at(20_000) }, { metric: 'queue_depth', value: 41, at: at(20_500) }]);
      await other.recordPushedSamples([{ metric: 'queue_depth', value: 12, at: at(19_000) }, { metric: 'db_up', value: false, at: at(20_100) }]);
      assert.deepEqual(await other.listPushedSamples(at(0)), [
        { metric: 'db_up', value: false, at: at(20_100) },
        { metric: 'queue_depth', value: 41, at: at(20_500) },
      ]);
      await other.recordPushedSamples([{ metric: 'queue_depth', value: 90, at: at(21_000) }]);
      assert.deepEqual(await db.store.listPushedSamples(at(20_200)), [{ metric: 'queue_depth', value: 90, at: at(21_000) }]);
      assert.equal((await db.store.loadDetectionState()).rules.some((r) => r.rule === 'queue_depth'), false, 'a pushed sample is not a rule');
    });

    it('counts failed authentications per address across stores, and starts a window again after it ends', async () => {
      for (let i = 0; i < 4; i++) await (i % 2 === 0 ? db.store : other).recordAuthFailure('203.0.113.9', at(i), 60_000);
      assert.deepEqual(await db.store.recordAuthFailure('203.0.113.9', at(10), 60_000), { count: 5, expiresAt: at(60_000) });
      await other.recordAuthFailure('198.51.100.1', at(10), 60_000);
      assert.deepEqual([...(await other.listAuthFailuresOver(5, at(11)))], [['203.0.113.9', { count: 5, expiresAt: at(60_000) }]]);
      assert.deepEqual([...(await other.listAuthFailuresOver(5, at(60_000)))], []);
      assert.deepEqual(await other.recordAuthFailure('203.0.113.9', at(60_000), 60_000), { count: 1, expiresAt: at(120_000) });
    });

    it('counts every one of many concurrent failures', async () => {
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? db.store : other).recordAuthFailure('192.0.2.7', at(0), 60_000)));
      assert.equal((await db.store.listAuthFailuresOver(1, at(1))).get('192.0.2.7')?.count, 30);
    });

    it('keeps revoked sessions until they would have ended, then prunes them with ended failure windows', async () => {
      await db.store.revokeSession('nonce-1', at(5_000));
      await other.revokeSession('nonce-2', at(100_000));
      assert.deepEqual((await other.listRevokedSessions(at(4_999))).sort(), ['nonce-1', 'nonce-2']);
      assert.deepEqual(await db.store.listRevokedSessions(at(5_000)), ['nonce-2']);
      const reopened = await db.reopen();
      assert.deepEqual((await reopened.listRevokedSessions(at(0))).sort(), ['nonce-1', 'nonce-2']);
      // Ended: nonce-1, and the failure windows of 198.51.100.1, 192.0.2.7 (ended at 60 s) and 203.0.113.9 (ends at 120 s: kept).
      assert.equal(await db.store.pruneSharedState(at(99_999)), 3);
      assert.deepEqual(await reopened.listRevokedSessions(at(0)), ['nonce-2']);
      assert.equal((await reopened.listAuthFailuresOver(1, at(99_999))).size, 1);
    });
  });
}
