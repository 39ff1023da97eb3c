// Story: an action item "Add pool monitoring", owned by Alice, was due 2026-11-30. From the day
// after, Alice is reminded by e-mail once a day while it stays open; marking it done stops them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { FollowUpService } from '../../src/app/follow-up/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService, type ReminderSource } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { DAY, epochMs, HOUR, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { RecordingNotifier, T0, WORLD_CONFIG } from './paging-world.js';

const ADMIN = { name: 'carol', role: 'admin' as const, teams: ['security'] };

for (const kind of STORE_KINDS) {
  describe(`overdue action items are reminded once a day (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    const clock = { now: () => now };
    const config = parseConfig(WORLD_CONFIG, 'incident-response.yaml');
    let engine: PagingEngine;
    let followUp: FollowUpService;
    let notifier: RecordingNotifier;
    let incidentId: string;
    before(async () => {
      db = await openTestStore(kind);
      let n = 0;
      const newId = () => `msg_${++n}`;
      const paging = new PagingService(config, newId);
      const incidents = new IncidentService(db.store, clock, config, paging);
      followUp = new FollowUpService(db.store, incidents, clock, config);
      notifier = new RecordingNotifier(clock.now);
      const source: ReminderSource = async () => (await followUp.dueReminders(ADMIN)).map((r) => ({ idempotencyKey: r.idempotencyKey, incidentId: r.incidentId, recipient: r.owner, subject: `Action item ${r.ref} overdue`, text: r.message }));
      engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'reminders', random: () => 0.5, newId, reminderSources: [source] });
      incidentId = (await incidents.declare({ severity: 'medium', incidentType: 'outage', environment: 'staging', title: 'Pool exhausted' }, { name: 'carol' })).view.incident.id;
      await followUp.addActionItem(incidentId, { title: 'Add pool monitoring', category: 'short-term', owner: 'alice', dueOn: '2026-11-30' }, ADMIN);
    });
    after(() => db.cleanup());

    const reminders = () => notifier.sent.filter((s) => s.purpose === 'follow-up-reminder').map((s) => `${s.channel} ${s.address}`);
    const remindAndSend = async () => {
      await engine.remind();
      await engine.tick();
    };

    it('says nothing until the item is overdue', async () => {
      now = epochMs(Date.UTC(2026, 10, 30, 20, 0));
      await remindAndSend();
      assert.deepEqual(reminders(), []);
    });

    it('reminds the owner once on the first day overdue, however often it asks', async () => {
      now = epochMs(Date.UTC(2026, 11, 1, 9, 0));
      await remindAndSend();
      now = epochMs(now + 3 * HOUR);
      await remindAndSend();
      assert.deepEqual(reminders(), ['email alice@example.com']);
    });

    it('reminds again the next day, and stops once the item is done', async () => {
      now = epochMs(now + DAY);
      await remindAndSend();
      assert.equal(reminders().length, 2);
      const [item] = await followUp.listActionItems({ incidentId }, ADMIN);
      assert.ok(item);
      await followUp.updateActionItem(item.ref, { status: 'done' }, ADMIN);
      now = epochMs(now + DAY);
      await remindAndSend();
      assert.equal(reminders().length, 2);
    });
  });
}
