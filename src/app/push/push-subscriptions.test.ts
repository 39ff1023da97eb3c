import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../../domain/time/index.js';
import { PushSubscriptions, type PushSubscriptionRecord, type PushSubscriptionStore } from './push-subscriptions.js';

const NOW = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const ALICE = { id: 'alice', name: 'Alice Adams', contactMethods: [], notificationRules: [] };
const KEYS = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };

function memoryStore(): PushSubscriptionStore & { rows: PushSubscriptionRecord[] } {
  const rows: PushSubscriptionRecord[] = [];
  return {
    rows,
    async savePushSubscription(r) {
      const i = rows.findIndex((x) => x.endpoint === r.endpoint);
      if (i >= 0) rows.splice(i, 1);
      rows.push(r);
    },
    async deletePushSubscription(endpoint, personId) {
      const i = rows.findIndex((x) => x.endpoint === endpoint && (personId === undefined || x.personId === personId));
      if (i < 0) return false;
      rows.splice(i, 1);
      return true;
    },
    async listPushSubscriptions(personId) {
      return rows.filter((r) => r.personId === personId);
    },
  };
}

describe('PushSubscriptions', () => {
  it('subscribes the signed-in person\'s browser, keys without padding', async () => {
    const store = memoryStore();
    const push = new PushSubscriptions(store, [ALICE]);
    const saved = await push.subscribe({ name: 'alice', role: 'responder', teams: [] }, { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { ...KEYS, auth: `${KEYS.auth}==` } }, NOW);
    assert.deepEqual(saved, { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', personId: 'alice', p256dh: KEYS.p256dh, auth: KEYS.auth, createdAt: NOW });
  });

  it('refuses someone who is not a person of the configuration, and names every wrong field', async () => {
    const push = new PushSubscriptions(memoryStore(), [ALICE]);
    await assert.rejects(push.subscribe({ name: 'ci-bot', role: 'admin', teams: [] }, { endpoint: 'https://push.example/x', keys: KEYS }, NOW), { code: 'FORBIDDEN', message: /"ci-bot", who is not a person/ });
    await assert.rejects(push.subscribe({ name: 'alice', role: 'responder', teams: [] }, { endpoint: 'ftp://push.example/x', keys: { p256dh: 'short', auth: 'x!' } }, NOW), (e: { code: string; issues: { path: string }[] }) => {
      assert.equal(e.code, 'VALIDATION');
      assert.deepEqual(e.issues.map((i) => i.path), ['endpoint', 'keys.p256dh', 'keys.auth']);
      return true;
    });
  });

  it('unsubscribes only the person\'s own browser', async () => {
    const store = memoryStore();
    const push = new PushSubscriptions(store, [ALICE, { ...ALICE, id: 'bob', name: 'Bob' }]);
    await push.subscribe({ name: 'alice', role: 'responder', teams: [] }, { endpoint: 'https://push.example/a', keys: KEYS }, NOW);
    await assert.rejects(push.unsubscribe({ name: 'bob', role: 'responder', teams: [] }, 'https://push.example/a'), { code: 'NOT_FOUND' });
    await push.unsubscribe({ name: 'alice', role: 'responder', teams: [] }, 'https://push.example/a');
    assert.deepEqual(store.rows, []);
  });
});
