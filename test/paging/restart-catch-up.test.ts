// Story: the server is down from T+1 to T+45. Alice's voice call (T+5) and Bob's page (T+30) fell
// due meanwhile. The first pass after the restart — a new engine on a reopened store — sends both,
// once each; passes after it send nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { RecordingNotifier, T0, WORLD_CONFIG } from './paging-world.js';

for (const kind of STORE_KINDS) {
  describe(`a restart catches up (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    const clock = { now: () => now };
    const config = parseConfig(WORLD_CONFIG, 'incident-response.yaml');
    let ids = 0;
    const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
    before(async () => {
      db = await openTestStore(kind);
    });
    after(() => db.cleanup());

    const engineOn = (store: TestStore['store'], owner: string) => {
      const paging = new PagingService(config, newId);
      const notifier = new RecordingNotifier(clock.now);
      const engine = new PagingEngine({ store, incidents: new IncidentService(store, clock, config, paging), paging, notifier, clock, config: config.paging, owner, random: () => 0.5, newId });
      return { engine, notifier, incidents: new IncidentService(store, clock, config, paging) };
    };

    it('sends what fell due while it was down, once', async () => {
      const first = engineOn(db.store, 'before-restart');
      await first.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      await first.engine.tick();
      assert.deepEqual(first.notifier.sent.map((s) => s.channel).sort(), ['email', 'email', 'sms']);
      await db.store.close();

      now = epochMs(T0 + 45 * MINUTE);
      const reopened = await db.reopen();
      const second = engineOn(reopened, 'after-restart');
      await second.engine.tick();
      await second.engine.tick();
      assert.deepEqual(second.notifier.sent.map((s) => `${s.channel} ${s.address}`).sort(), ['sms +15550000002', 'voice +15550000001']);
      for (let i = 0; i < 3; i++) await second.engine.tick();
      assert.equal(second.notifier.sent.length, 2, 'nothing twice');
      assert.equal(await reopened.countOverdueTimers(now, now), 0);
    });
  });
}
