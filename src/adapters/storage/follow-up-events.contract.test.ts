import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { T0, changeIncident, declareIncident } from '../../../test/support/incidents.js';
import { decideAddActionItem, decideUpdateActionItem, foldActionItems } from '../../domain/action-items/index.js';
import { decideAcknowledge } from '../../domain/incident/index.js';
import { MINUTE, epochMs } from '../../domain/time/index.js';

// The follow-up query of the IncidentStore port (events by kind across incidents), on every store.
for (const kind of STORE_KINDS) {
  describe(`IncidentStore.readEventsOfKinds: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('returns the events of the given kinds across incidents in sequence order, hidden types left out', async () => {
      const store = t.store;
      const first = await declareIncident(store, {}, T0);
      const second = await declareIncident(store, { incidentType: 'security' }, epochMs(T0 + MINUTE));
      const add = (title: string) => () => decideAddActionItem([], { title, category: 'immediate', owner: 'alice', dueOn: '2026-12-01' });
      await changeIncident(store, second.state.id, add('rotate keys'), epochMs(T0 + 2 * MINUTE));
      await changeIncident(store, first.state.id, (s) => decideAcknowledge(s), epochMs(T0 + 3 * MINUTE));
      await changeIncident(store, first.state.id, add('pool monitoring'), epochMs(T0 + 4 * MINUTE));

      const all = await store.readEventsOfKinds(['action-item-added', 'action-item-updated']);
      assert.deepEqual(all.map((e) => [e.incidentId, e.data.kind]), [
        [second.state.id, 'action-item-added'],
        [first.state.id, 'action-item-added'],
      ]);
      assert.ok(all[0]!.seq < all[1]!.seq);
      assert.equal(typeof all[0]!.at, 'number');

      const item = foldActionItems(all).items.find((i) => i.incidentId === first.state.id)!;
      await changeIncident(store, first.state.id, () => decideUpdateActionItem(item, { status: 'done' }), epochMs(T0 + 5 * MINUTE));
      const visible = await store.readEventsOfKinds(['action-item-added', 'action-item-updated'], ['security']);
      assert.deepEqual(foldActionItems(visible).items.map((i) => [i.ref, i.status]), [[`${first.state.id}-A1`, 'done']]);
      assert.deepEqual(await store.readEventsOfKinds([]), []);
      assert.deepEqual(await store.readEventsOfKinds(['ticket-linked']), []);
    });
  });
}
