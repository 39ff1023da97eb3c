// SignedDeliveryStore contract: a signed delivery is acted on once within its replay window, on
// every instance and after a restart, and forgotten once the window has closed.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { epochMs } from '../../domain/time/index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const at = (ms: number) => epochMs(T0 + ms);
const delivery = (id: string, scope = 'generic-webhook:int_1') => ({ scope, id, expiresAt: at(600_000) });

for (const kind of STORE_KINDS) {
  describe(`SignedDeliveryStore contract: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('claims a delivery once; a repeat within its window is refused, another scope is not', async () => {
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_1'), T0), true);
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_1'), at(1_000)), false);
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_2'), at(1_000)), true);
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_1', 'generic-webhook:int_2'), at(1_000)), true);
    });

    it('remembers across a store reopen (a restart, or another instance on the database)', async () => {
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_1'), T0), true);
      const other = await t.reopen();
      assert.equal(await other.claimSignedDelivery(delivery('msg_1'), at(5_000)), false);
    });

    it('forgets a delivery once its window has closed, deleting its row', async () => {
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_1'), T0), true);
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_2', 'slack-commands'), at(600_000)), true);
      const rows = await t.rawExec('select delivery_id from ir_signed_deliveries order by delivery_id');
      assert.deepEqual(rows.map((r) => (r as { delivery_id: string }).delivery_id), ['msg_2']);
      assert.equal(await t.store.claimSignedDelivery({ ...delivery('msg_1'), expiresAt: at(1_200_000) }, at(600_000)), true);
    });

    it('claims inside an alert write transaction, and a rolled-back transaction claims nothing', async () => {
      await assert.rejects(t.store.writeAlerts(async (tx) => {
        assert.equal(await tx.claimSignedDelivery(delivery('msg_tx'), T0), true);
        assert.equal(await tx.claimSignedDelivery(delivery('msg_tx'), T0), false);
        throw new Error('the batch failed');
      }), /the batch failed/);
      assert.equal(await t.store.writeAlerts((tx) => tx.claimSignedDelivery(delivery('msg_tx'), T0)), true);
      assert.equal(await t.store.claimSignedDelivery(delivery('msg_tx'), at(1_000)), false);
    });
  });
}
