// Story: a data incident touches personal data; the organisation became aware at 03:00. The GDPR
// supervisory-authority notification is due 72 h later. Alice, the incident's commander, is
// reminded by e-mail 24 h, 4 h and 1 h before, and once a day after the deadline passes — each
// reminder exactly once, however often the engine asks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { ComplianceService } from '../../src/app/compliance/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService, type ReminderSource } from '../../src/app/paging/index.js';
import { DEFAULT_COMPLIANCE_SETTINGS } from '../../src/domain/compliance/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { epochMs, HOUR, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { RecordingNotifier, T0, WORLD_CONFIG } from './paging-world.js';

const ADMIN = { name: 'carol', role: 'admin' as const, teams: ['security'] };

for (const kind of STORE_KINDS) {
  describe(`compliance deadlines are reminded (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    const clock = { now: () => now };
    const config = parseConfig(WORLD_CONFIG, 'incident-response.yaml');
    let engine: PagingEngine;
    let notifier: RecordingNotifier;
    before(async () => {
      db = await openTestStore(kind);
      let n = 0;
      const newId = () => `msg_${++n}`;
      const paging = new PagingService(config, newId);
      const incidents = new IncidentService(db.store, clock, config, paging);
      const compliance = new ComplianceService(db.store, incidents, clock, DEFAULT_COMPLIANCE_SETTINGS);
      notifier = new RecordingNotifier(clock.now);
      const source: ReminderSource = async () => (await compliance.dueReminders()).map((r) => ({ idempotencyKey: r.idempotencyKey, incidentId: r.incidentId, recipient: undefined, subject: `${r.regime} ${r.kind}`, text: r.message }));
      engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'compliance', random: () => 0.5, newId, reminderSources: [source] });
      const id = (await incidents.declare({ severity: 'low', incidentType: 'data', environment: 'production', title: 'Export bucket was public' }, { name: 'carol' })).view.incident.id;
      await incidents.assignRole(id, 'commander', 'alice', { name: 'carol' });
      await compliance.flag(id, { regime: 'gdpr', awareAt: T0 }, ADMIN);
    });
    after(() => db.cleanup());

    const reminders = () => notifier.sent.filter((s) => s.purpose === 'follow-up-reminder').map((s) => `${s.subject} → ${s.address}`);
    /** Asks every 10 minutes across the span, as a running engine does every minute. */
    const runUntil = async (at: number) => {
      while (now < at) {
        now = epochMs(Math.min(at, now + 10 * MINUTE));
        await engine.remind();
        await engine.tick();
      }
    };

    it('reminds the commander 24 h, 4 h and 1 h before the 72 h deadline, once each', async () => {
      await runUntil(T0 + 47 * HOUR);
      assert.deepEqual(reminders(), []);
      await runUntil(T0 + 72 * HOUR - MINUTE);
      assert.deepEqual(reminders(), Array.from({ length: 3 }, () => 'gdpr before-due → alice@example.com'));
    });

    it('once a day after it passed', async () => {
      await runUntil(T0 + 72 * HOUR + 47 * HOUR);
      assert.deepEqual(reminders().slice(3), ['gdpr late → alice@example.com', 'gdpr late → alice@example.com']);
    });
  });
}
