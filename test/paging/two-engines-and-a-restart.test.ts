// Story (PostgreSQL, where several instances share one database; a SQLite file serves one
// instance, and its restart story is in restart-catch-up.test.ts): two engine instances share one database. 200 pages fall due in the same instant; each is
// sent exactly once. Then both instances stop for 40 minutes while escalations fall due; the first
// pass after the restart sends every late step once, and a second pass sends nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { RecordingNotifier, T0, WORLD_CONFIG } from './paging-world.js';

const SMS_ONLY = WORLD_CONFIG.replace('      - { after_minutes: 5, method: voice }\n', '').replace('paging:\n', 'paging:\n  caps_per_hour: { sms: 1000 }\n');

for (const kind of STORE_KINDS.filter((k) => k === 'postgres')) {
  describe(`two engine instances and a restart (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    const clock = { now: () => now };
    const config = parseConfig(SMS_ONLY, 'incident-response.yaml');
    let ids = 0;
    const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
    let incidents: IncidentService;
    let engines: { engine: PagingEngine; notifier: RecordingNotifier }[];

    before(async () => {
      db = await openTestStore(kind);
      const second = await db.reopen();
      const paging = new PagingService(config, newId);
      incidents = new IncidentService(db.store, clock, config, paging);
      engines = [db.store, second].map((store, i) => {
        const notifier = new RecordingNotifier(clock.now);
        const engine = new PagingEngine({ store, incidents: new IncidentService(store, clock, config, paging), paging, notifier, clock, config: config.paging, owner: `engine-${i}`, random: () => 0.5, newId });
        return { engine, notifier };
      });
    });
    after(() => db.cleanup());

    const runBoth = async () => {
      for (let round = 0; round < 100; round++) {
        const reports = await Promise.all(engines.map(({ engine }) => engine.tick()));
        if (reports.every((r) => r.timersFired === 0 && r.messagesClaimed === 0)) return;
      }
      throw new Error('the engines did not settle');
    };
    const sent = () => engines.flatMap(({ notifier }) => notifier.sent);

    it('sends 200 pages due in the same instant exactly once between them', async () => {
      for (let i = 0; i < 200; i++) {
        await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `Shard ${i}`, service: 'checkout-api' }, { name: 'alertmanager' });
      }
      await runBoth();
      const pages = sent().filter((s) => s.channel === 'sms');
      assert.equal(pages.length, 200);
      assert.equal(new Set(pages.map((p) => p.subject)).size, 200, 'no incident paged twice');
      assert.ok(engines.every(({ notifier }) => notifier.sent.length > 0), 'both instances took a share');
    });

    it('after 40 minutes down, the first pass sends every late step once', async () => {
      const toBob = () => sent().filter((s) => s.channel === 'sms' && s.address === '+15550000002');
      assert.equal(toBob().length, 0);
      now = epochMs(now + 40 * MINUTE);
      await runBoth();
      const late = toBob();
      assert.equal(late.length, 200, 'Bob is paged once per incident for step 2');
      assert.equal(new Set(late.map((p) => p.subject)).size, 200);
      const after = sent().length;
      await runBoth();
      assert.equal(sent().length, after, 'a second pass sends nothing');
    });
  });
}
