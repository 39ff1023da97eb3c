import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import { HOUR, epochMs } from '../../domain/time/index.js';

const T0 = Date.parse('2026-11-28T14:30:00Z');

function window(id: string, fromH: number, toH: number, extra: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return {
    id, title: `Window ${id}`, componentIds: ['api', 'web'], startsAt: epochMs(T0 + fromH * HOUR), endsAt: epochMs(T0 + toH * HOUR), createdAt: epochMs(T0), ...extra,
  };
}

for (const kind of STORE_KINDS) {
  describe(`MaintenanceStore contract: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('reads a window back exactly as stored, message included', async () => {
      const w = window('mnt_a', 1, 2, { message: 'Database upgrade; the API may be slow for a few minutes.' });
      await t.store.addMaintenance(w, 'ada');
      assert.deepStrictEqual(await t.store.listMaintenances(epochMs(T0)), [w]);
      assert.deepStrictEqual(await t.store.findMaintenance('mnt_a'), { window: w, createdBy: 'ada' });
      assert.equal(await t.store.findMaintenance('mnt_none'), undefined);
    });

    it('lists windows ending after the instant, earliest start first', async () => {
      await t.store.addMaintenance(window('mnt_late', 5, 6));
      await t.store.addMaintenance(window('mnt_past', -3, -1));
      await t.store.addMaintenance(window('mnt_now', -1, 1));
      await t.store.addMaintenance(window('mnt_soon', 2, 3));
      assert.deepEqual((await t.store.listMaintenances(epochMs(T0))).map((w) => w.id), ['mnt_now', 'mnt_soon', 'mnt_late']);
      assert.deepEqual((await t.store.listMaintenances(epochMs(T0 - 10 * HOUR))).map((w) => w.id), ['mnt_past', 'mnt_now', 'mnt_soon', 'mnt_late']);
    });

    it('refuses a repeated id with CONFLICT', async () => {
      await t.store.addMaintenance(window('mnt_a', 1, 2));
      await assert.rejects(t.store.addMaintenance(window('mnt_a', 3, 4)), { code: 'CONFLICT' });
    });

    it('takes a cancelled window off the list and keeps the first cancellation', async () => {
      await t.store.addMaintenance(window('mnt_a', 1, 2), 'ada');
      await t.store.addMaintenance(window('mnt_b', 3, 4), 'ada');
      const cancelled = await t.store.cancelMaintenance('mnt_a', epochMs(T0 + 5), 'bob');
      assert.deepEqual({ at: cancelled?.cancelledAt, by: cancelled?.cancelledBy }, { at: T0 + 5, by: 'bob' });
      const again = await t.store.cancelMaintenance('mnt_a', epochMs(T0 + 9), 'carol');
      assert.deepEqual({ at: again?.cancelledAt, by: again?.cancelledBy }, { at: T0 + 5, by: 'bob' });
      assert.deepEqual((await t.store.listMaintenances(epochMs(T0))).map((w) => w.id), ['mnt_b']);
      assert.equal(await t.store.cancelMaintenance('mnt_none', epochMs(T0), 'bob'), undefined);
    });

    it('keeps windows across reopening the database', async () => {
      await t.store.addMaintenance(window('mnt_a', 1, 2));
      const other = await t.reopen();
      assert.deepEqual((await other.listMaintenances(epochMs(T0))).map((w) => w.id), ['mnt_a']);
    });
  });
}
