// Story: a SEV-2 pages Alice; then the configuration is reloaded with a faster policy (Dana after
// 5 minutes instead of Bob after 30) and Carol in Alice's place on the rotation. The incident in
// flight keeps the policy frozen onto it (Bob, at 30 minutes) but its next step reads the rotation
// as it is now; an incident declared after the reload follows the new policy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { ConfigHolder } from '../../src/app/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { MINUTE, epochMs, type EpochMs } from '../../src/domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores.js';
import { RecordingNotifier, T0, WORLD_CONFIG } from './paging-world.js';

const CAROL = `  carol:
    name: Carol Cole
    contact_methods:
      - { kind: sms, address: "+15550000003" }
`;
// Two steps on the rotation, so the second reads who is on call when it fires.
const BEFORE = WORLD_CONFIG
  .replace('teams:\n', `${CAROL}teams:\n`)
  .replace('        targets: [{ person: bob }]', '        targets: [{ person: bob }, { schedule: primary }]');
const AFTER = BEFORE
  .replace('participants: [alice] }', 'participants: [carol] }')
  .replace('      - delay_minutes: 30\n        targets: [{ person: bob }, { schedule: primary }]', '      - delay_minutes: 5\n        targets: [{ person: dana }]');

for (const kind of STORE_KINDS) {
  describe(`a reload keeps escalations in flight on their frozen policy (${kind})`, () => {
    let db: TestStore;
    let holder: ConfigHolder;
    let incidents: IncidentService;
    let engine: PagingEngine;
    let notifier: RecordingNotifier;
    let now: EpochMs = T0;
    let taken = 0;
    const sent = () => {
      const lines = notifier.sent.slice(taken).filter((s) => s.purpose === 'page' || s.purpose === 'notify').map((s) => `${s.channel} ${s.address}`).sort();
      taken = notifier.sent.length;
      return lines;
    };
    const settle = async () => {
      for (let i = 0; i < 100; i++) {
        const r = await engine.tick();
        if (r.timersFired === 0 && r.messagesClaimed === 0) return;
      }
      throw new Error('the engine did not settle');
    };
    const advance = async (ms: number) => {
      const end = now + ms;
      while (now < end) {
        now = epochMs(Math.min(end, now + MINUTE));
        await settle();
      }
    };
    const declare = async (title: string) => {
      await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title, service: 'checkout-api' }, { name: 'carol' });
      await settle();
    };

    before(async () => {
      db = await openTestStore(kind);
      holder = new ConfigHolder(parseConfig(BEFORE, 'incident-response.yaml'));
      let ids = 0;
      const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
      const clock = { now: () => now };
      const paging = new PagingService(holder.live, newId);
      incidents = new IncidentService(db.store, clock, holder.live, paging);
      notifier = new RecordingNotifier(() => now);
      engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: holder.current.paging, owner: 'reload-test', random: () => 0.5, newId });
    });
    after(() => db?.cleanup());

    it('pages Alice for the first incident, then the file is reloaded', async () => {
      await declare('Checkout down');
      // Dana is told as the team lead (a SEV-2 reaches the lead), by e-mail.
      assert.deepEqual(sent(), ['email dana@example.com', 'sms +15550000001']);
      const summary = holder.replace(parseConfig(AFTER, 'incident-response.yaml'));
      assert.deepEqual([summary.schedules.changed, summary.escalationPolicies.changed], [['primary'], ['payments']]);
    });

    it('keeps the first incident on its frozen policy: nothing at 5 minutes, Bob and the rotation as it is now at 30', async () => {
      await advance(5 * MINUTE);
      assert.deepEqual(sent().filter((l) => l.startsWith('sms')), []);
      await advance(25 * MINUTE);
      // Bob as the frozen step says, and Carol: the schedule target is looked up when the step fires.
      assert.deepEqual(sent().filter((l) => l.startsWith('sms')), ['sms +15550000002', 'sms +15550000003']);
    });

    it('pages by the new policy for an incident declared after the reload', async () => {
      await declare('Payments failing');
      assert.deepEqual(sent(), ['email dana@example.com', 'sms +15550000003']);
      await advance(5 * MINUTE);
      assert.deepEqual(sent(), ['email dana@example.com']);
    });
  });
}
