import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { T0, changeIncident, decisionContext, declareIncident } from '../../../test/support/incidents.js';
import { decideAcknowledge, decideRecordAction, decideReopen, decideResolve, decideSeverityChange } from '../../domain/incident/index.js';
import { computeIncidentFacts, factsFromReportRow } from '../../domain/reporting/index.js';
import { DAY, MINUTE, epochMs } from '../../domain/time/index.js';
import type { StoredEvent } from '../../app/ports/index.js';

// The monthly report's projection must say exactly what folding every event says.
for (const kind of STORE_KINDS) {
  describe(`IncidentStore.readReportFacts: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('equals the facts computed from the events, for every incident of the range, hidden types left out', async () => {
      const store = t.store;
      const m = (n: number) => epochMs(T0 + n * MINUTE);
      const a = await declareIncident(store, { impactStartedAt: epochMs(T0 - 8 * MINUTE) }, T0);
      const b = await declareIncident(store, { severity: 'medium' }, m(1));
      const c = await declareIncident(store, { incidentType: 'security' }, m(2));
      await declareIncident(store, {}, epochMs(T0 + 40 * DAY));
      await changeIncident(store, a.state.id, (s) => decideAcknowledge(s), m(5));
      await changeIncident(store, a.state.id, (s) => decideRecordAction(s, { action: 'restart-pool', status: 'done' }), m(20));
      await changeIncident(store, a.state.id, (s) => decideResolve(s, 'pool restored'), m(90));
      await changeIncident(store, a.state.id, (s) => decideReopen(s, 'came back', decisionContext(m(100))), m(100));
      await changeIncident(store, a.state.id, (s) => decideAcknowledge(s), m(105));
      await changeIncident(store, a.state.id, (s) => decideResolve(s, 'for good'), m(200));
      await changeIncident(store, b.state.id, (s) => decideSeverityChange(s, 'critical', 'worse', decisionContext(m(3))), m(3));
      await changeIncident(store, c.state.id, (s) => decideResolve(s, 'contained'), m(30));

      const expected = async (hidden: ('security')[]) => {
        const events = await store.readEventsOfIncidentsDeclared(T0, epochMs(T0 + DAY), hidden);
        const groups = new Map<string, StoredEvent[]>();
        for (const e of events) groups.set(e.incidentId, [...(groups.get(e.incidentId) ?? []), e]);
        return [...groups.values()].map((g) => JSON.parse(JSON.stringify(computeIncidentFacts(g), (k, v: unknown) => (k === 'state' ? undefined : v))) as unknown);
      };
      const projected = async (hidden: ('security')[]) =>
        (await store.readReportFacts(T0, epochMs(T0 + DAY), hidden)).map((r) => JSON.parse(JSON.stringify(factsFromReportRow(r), (k, v: unknown) => (k === 'state' ? undefined : v))) as unknown);

      assert.deepEqual(await projected([]), await expected([]));
      assert.equal((await projected([])).length, 3);
      assert.deepEqual(await projected(['security']), await expected(['security']));
      assert.equal((await projected(['security'])).length, 2);
      const rows = await store.readReportFacts(T0, epochMs(T0 + DAY));
      assert.deepEqual(rows.map((r) => [r.incident.id, r.incident.status, r.incident.reopenCount, r.incident.severity]), [
        [a.state.id, 'resolved', 1, 'high'], [b.state.id, 'triggered', 0, 'critical'], [c.state.id, 'resolved', 0, 'high'],
      ]);
    });
  });
}
