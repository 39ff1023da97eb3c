import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { T0, changeIncident, declareIncident } from '../../../test/support/incidents.js';
import { decideAcknowledge, decideResolve } from '../../domain/incident/index.js';
import { DAY, MINUTE, epochMs } from '../../domain/time/index.js';

// The report query of the IncidentStore port, on every store implementation.
for (const kind of STORE_KINDS) {
  describe(`IncidentStore.readEventsOfIncidentsDeclared: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('returns every event of incidents declared in [from, to), grouped by incident in version order', async () => {
      const store = t.store;
      const before = await declareIncident(store, {}, epochMs(T0 - DAY));
      const first = await declareIncident(store, {}, T0);
      const second = await declareIncident(store, { incidentType: 'security' }, epochMs(T0 + MINUTE));
      const atEnd = await declareIncident(store, {}, epochMs(T0 + DAY));
      await changeIncident(store, first.state.id, (s) => decideAcknowledge(s), epochMs(T0 + 2 * MINUTE));
      await changeIncident(store, second.state.id, (s) => decideAcknowledge(s), epochMs(T0 + 3 * MINUTE));
      // An event written later (even after the range) belongs to its incident, which was declared inside.
      await changeIncident(store, first.state.id, (s) => decideResolve(s, 'pool restored'), epochMs(T0 + 2 * DAY));

      const events = await store.readEventsOfIncidentsDeclared(T0, epochMs(T0 + DAY));
      assert.deepEqual(events.map((e) => [e.incidentId, e.version, e.data.kind]), [
        [first.state.id, 1, 'declared'],
        [first.state.id, 2, 'acknowledged'],
        [first.state.id, 3, 'resolved'],
        [second.state.id, 1, 'declared'],
        [second.state.id, 2, 'acknowledged'],
      ]);
      assert.ok(!events.some((e) => e.incidentId === before.state.id || e.incidentId === atEnd.state.id), 'the range is half-open');
      assert.equal(typeof events[0]!.seq, 'number');
      assert.equal(typeof events[0]!.at, 'number');
    });

    it('leaves out incidents of hidden types, and returns nothing for an empty range', async () => {
      const store = t.store;
      const outage = await declareIncident(store, {}, T0);
      await declareIncident(store, { incidentType: 'security' }, T0);
      const events = await store.readEventsOfIncidentsDeclared(T0, epochMs(T0 + DAY), ['security']);
      assert.deepEqual([...new Set(events.map((e) => e.incidentId))], [outage.state.id]);
      assert.deepEqual(await store.readEventsOfIncidentsDeclared(epochMs(T0 + DAY), epochMs(T0 + 2 * DAY)), []);
    });
  });
}
