// Story: fifty incidents' second steps fall due at the same instant. The engine fires them in one
// write transaction, sends the fifty pages without reading any incident (each message carries the
// incident's facts, as they were when the step fired), and records the fifty deliveries, with their
// timeline events, in one more write transaction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import type { Store } from '../../src/adapters/storage/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import type { DeliveryOutcome, OutboundMessage } from '../../src/app/ports/index.js';
import { MINUTE } from '../../src/domain/time/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { T0 } from './paging-world.js';

const CONFIG = `
services:
  api: { name: API, escalation_policy: main }
people:
  hook:
    name: Pager hook
    contact_methods: [{ kind: webhook, address: "https://hooks.example.com/pages" }]
escalation_policies:
  main: { name: Main, steps: [{ targets: [{ person: hook }] }, { delay_minutes: 10, targets: [{ person: hook }] }] }
paging:
  war_room_severities: []
`;

/** The store, counting write transactions and incident reads made outside them. */
function counted(store: Store): { store: Store; writes: () => number; incidentReads: () => number } {
  let writes = 0;
  let incidentReads = 0;
  const proxy = new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      const method = (value as (...a: unknown[]) => unknown).bind(target);
      if (key === 'write') return (...args: unknown[]) => (writes++, method(...args));
      if (key === 'findIncident' || key === 'listIncidents') return (...args: unknown[]) => (incidentReads++, method(...args));
      return method;
    },
  });
  return { store: proxy, writes: () => writes, incidentReads: () => incidentReads };
}

for (const kind of STORE_KINDS) {
  describe(`paging in sets (${kind})`, () => {
    let db: TestStore;
    const clock = new ManualClock(T0);
    const config = parseConfig(CONFIG, 'incident-response.yaml');
    let ids = 0;
    const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
    const paging = new PagingService(config, newId);
    let incidents: IncidentService;
    before(async () => {
      db = await openTestStore(kind);
      incidents = new IncidentService(db.store, clock, config, paging);
    });
    after(() => db.cleanup());

    it('fires a claim of timers in one transaction, sends without reading incidents, and records the deliveries in one transaction', async () => {
      const titles = new Map<string, string>();
      for (let i = 0; i < 50; i++) {
        const { view } = await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `API shard ${i} down`, service: 'api' }, { name: 'alertmanager' });
        titles.set(view.incident.id, view.incident.title);
      }
      const sent: OutboundMessage[] = [];
      const watched = counted(db.store);
      const engine = new PagingEngine({
        store: watched.store, incidents: new IncidentService(watched.store, clock, config, paging), paging, clock, config: config.paging, owner: 'engine', random: () => 0.5, newId,
        notifier: { deliver: async (m): Promise<DeliveryOutcome> => (sent.push(m), { kind: 'delivered', detail: 'HTTP 204' }) },
      });
      const first = await engine.tick();
      assert.equal(first.delivered, 50, 'the first steps');
      sent.length = 0;

      await clock.advance(10 * MINUTE);
      const writesBefore = watched.writes();
      const readsBefore = watched.incidentReads();
      const report = await engine.tick();
      assert.equal(report.timersFired, 50);
      assert.equal(report.delivered, 50);
      assert.equal(watched.writes() - writesBefore, 2, 'one transaction fires the fifty timers, one records the fifty deliveries');
      assert.equal(watched.incidentReads() - readsBefore, 0, 'no incident is read to send');
      assert.equal(sent.length, 50);
      for (const m of sent) assert.equal(m.incident?.title, titles.get(m.incident?.id ?? ''), `${m.id} carries its incident's facts`);

      const timeline = await incidents.timeline([...titles.keys()][0]!);
      const deliveries = timeline.filter((e) => e.data.kind === 'message-delivery' && e.data.status === 'delivered');
      assert.equal(deliveries.length, 2, 'each page is on its incident\'s timeline');
    });
  });
}
