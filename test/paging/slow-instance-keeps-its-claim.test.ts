// Story: two engine instances share one database. The first claims a batch of pages and is slow to
// send them (its machine is under load): two minutes pass on its first send, four leases' worth. It
// renews its claim while it works, so the second instance, looking every 30 seconds, takes none of
// them over, and each page goes out once. An instance that stops renewing (it died) still has its
// claim taken over once the lease runs out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import type { Store } from '../../src/adapters/storage/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import type { DeliveryOutcome, Notifier } from '../../src/app/ports/index.js';
import { SECOND } from '../../src/domain/time/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { T0 } from './paging-world.js';

const CONFIG = `
services:
  api: { name: API, escalation_policy: main }
people:
  alice: { name: Alice, contact_methods: [{ kind: email, address: alice@example.com }] }
escalation_policies:
  main: { name: Main, steps: [{ targets: [{ person: alice }] }] }
paging:
  war_room_severities: []
  engine: { lease: 30s }
`;

for (const kind of STORE_KINDS) {
  describe(`a slow instance keeps its claim (${kind})`, () => {
    let db: TestStore;
    let secondStore: Store;
    const clock = new ManualClock(T0);
    const config = parseConfig(CONFIG, 'incident-response.yaml');
    let ids = 0;
    const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
    const paging = new PagingService(config, newId);
    let incidents: IncidentService;

    before(async () => {
      db = await openTestStore(kind);
      secondStore = await db.reopen();
      incidents = new IncidentService(db.store, clock, config, paging);
    });
    after(() => db.cleanup());

    const engineOn = (store: Store, owner: string, notifier: Notifier) =>
      new PagingEngine({ store, incidents: new IncidentService(store, clock, config, paging), paging, notifier, clock, config: config.paging, owner, random: () => 0.5, newId });

    it('renews its leases while it sends, so another instance sends none of its pages again', async () => {
      for (let i = 0; i < 20; i++) {
        await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `API shard ${i} down`, service: 'api' }, { name: 'alertmanager' });
      }
      const sent: string[] = [];
      const secondSent: string[] = [];
      const second = engineOn(secondStore, 'engine-b', { deliver: async (m): Promise<DeliveryOutcome> => (secondSent.push(m.id), { kind: 'delivered', detail: 'ok' }) });
      let isSlowedDown = false;
      const first = engineOn(db.store, 'engine-a', {
        deliver: async (m): Promise<DeliveryOutcome> => {
          sent.push(m.id);
          if (!isSlowedDown) {
            isSlowedDown = true;
            for (let i = 0; i < 4; i++) {
              await clock.advance(30 * SECOND);
              await second.tick();
            }
          }
          return { kind: 'delivered', detail: 'ok' };
        },
      });
      const report = await first.tick();
      assert.equal(report.messagesClaimed, 20);
      assert.equal(report.delivered, 20);
      assert.deepEqual(secondSent, [], 'the second instance took none of the pages over');
      assert.equal(new Set(sent).size, 20);
      const counts = await db.store.countMessagesByStatus();
      assert.equal(counts.delivered, 20);
      assert.equal(counts.pending, 0);
    });

    it('has the claim of an instance that stopped renewing taken over when the lease runs out', async () => {
      await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'API shard 99 down', service: 'api' }, { name: 'alertmanager' });
      const dead = await db.store.claimMessages('dead-instance', clock.now(), 30 * SECOND, 10);
      assert.equal(dead.length, 1);
      const sent: string[] = [];
      const survivor = engineOn(secondStore, 'engine-c', { deliver: async (m): Promise<DeliveryOutcome> => (sent.push(m.id), { kind: 'delivered', detail: 'ok' }) });
      assert.equal((await survivor.tick()).messagesClaimed, 0, 'the lease is still held');
      await clock.advance(31 * SECOND);
      assert.equal((await survivor.tick()).delivered, 1);
      assert.deepEqual(sent, [dead[0]!.id]);
    });
  });
}
