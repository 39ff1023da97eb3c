// PushSubscriptionStore and StatusSubscriberStore contracts: a browser's endpoint is one row that a
// re-subscription replaces; a status subscriber is one row per address and component whose
// confirmation survives a new token; an update is announced once across instances.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { epochMs } from '../../domain/time/index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const at = (ms: number) => epochMs(T0 + ms);
const P256DH = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const AUTH = 'tBHItJI5svbpez7KI4CCXg';

for (const kind of STORE_KINDS) {
  describe(`PushSubscriptionStore contract: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('keeps one row per endpoint: subscribing again replaces keys and owner', async () => {
      await t.store.savePushSubscription({ endpoint: 'https://push.example/a', personId: 'alice', p256dh: P256DH, auth: AUTH, createdAt: T0 });
      await t.store.savePushSubscription({ endpoint: 'https://push.example/b', personId: 'alice', p256dh: P256DH, auth: AUTH, createdAt: at(1) });
      await t.store.savePushSubscription({ endpoint: 'https://push.example/a', personId: 'bob', p256dh: P256DH, auth: 'newauthsecretnewauth00', createdAt: at(2) });
      assert.deepEqual((await t.store.listPushSubscriptions('alice')).map((r) => r.endpoint), ['https://push.example/b']);
      assert.deepEqual(await t.store.listPushSubscriptions('bob'), [{ endpoint: 'https://push.example/a', personId: 'bob', p256dh: P256DH, auth: 'newauthsecretnewauth00', createdAt: at(2) }]);
    });

    it('deletes only the named person\'s subscription when a person is given', async () => {
      await t.store.savePushSubscription({ endpoint: 'https://push.example/a', personId: 'alice', p256dh: P256DH, auth: AUTH, createdAt: T0 });
      assert.equal(await t.store.deletePushSubscription('https://push.example/a', 'bob'), false);
      assert.equal(await t.store.deletePushSubscription('https://push.example/a', 'alice'), true);
      assert.equal(await t.store.deletePushSubscription('https://push.example/a'), false);
      assert.deepEqual(await t.store.listPushSubscriptions('alice'), []);
    });
  });

  describe(`StatusSubscriberStore contract: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('keeps one row per kind, address and component; a new token keeps the id and the confirmation', async () => {
      const first = await t.store.saveStatusSubscriber({ id: 'sub_1', kind: 'email', address: 'ann@example.com', component: 'api', token: 'tok1', createdAt: T0 });
      assert.equal(first.id, 'sub_1');
      await t.store.confirmStatusSubscriber('sub_1', at(10));
      const again = await t.store.saveStatusSubscriber({ id: 'sub_2', kind: 'email', address: 'ann@example.com', component: 'api', token: 'tok2', createdAt: at(20) });
      assert.deepEqual(again, { id: 'sub_1', kind: 'email', address: 'ann@example.com', component: 'api', token: 'tok2', createdAt: at(20), confirmedAt: at(10) });
      assert.equal(await t.store.findStatusSubscriberByToken('tok1'), undefined);
      assert.equal((await t.store.findStatusSubscriberByToken('tok2'))?.id, 'sub_1');
      const whole = await t.store.saveStatusSubscriber({ id: 'sub_3', kind: 'email', address: 'ann@example.com', component: '', token: 'tok3', createdAt: at(30) });
      assert.equal(whole.id, 'sub_3');
      assert.equal(whole.confirmedAt, undefined);
      assert.deepEqual((await t.store.listConfirmedStatusSubscribers()).map((s) => s.id), ['sub_1']);
      assert.equal((await t.store.findStatusSubscriber('email', 'ann@example.com', ''))?.token, 'tok3');
    });

    it('confirms once (a second confirmation keeps the first instant) and deletes on unsubscribe', async () => {
      await t.store.saveStatusSubscriber({ id: 'sub_1', kind: 'webhook', address: 'https://hooks.example.net/x', component: '', token: 'tok1', createdAt: T0 });
      await t.store.confirmStatusSubscriber('sub_1', at(10));
      await t.store.confirmStatusSubscriber('sub_1', at(99));
      assert.equal((await t.store.findStatusSubscriberByToken('tok1'))?.confirmedAt, at(10));
      assert.equal(await t.store.deleteStatusSubscriber('sub_1'), true);
      assert.equal(await t.store.deleteStatusSubscriber('sub_1'), false);
      assert.deepEqual(await t.store.listConfirmedStatusSubscribers(), []);
    });

    it('claims each public update once, across a reopen', async () => {
      assert.equal(await t.store.claimStatusNotice('3f9a0c1d2e4b:1764340000000:investigating', T0), true);
      assert.equal(await t.store.claimStatusNotice('3f9a0c1d2e4b:1764340000000:investigating', at(1)), false);
      const other = await t.reopen();
      assert.equal(await other.claimStatusNotice('3f9a0c1d2e4b:1764340000000:investigating', at(2)), false);
      assert.equal(await other.claimStatusNotice('3f9a0c1d2e4b:1764340600000:identified', at(2)), true);
    });
  });
}
