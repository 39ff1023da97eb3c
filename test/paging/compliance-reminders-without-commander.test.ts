// Story: alerts opened three incidents nobody has taken yet (no commander, no communications lead),
// each flagged for GDPR with the clock starting at 03:00. A day before the 72 h deadline:
// - the checkout-api incident's reminder goes to Alice, on call for checkout-api, by e-mail;
// - the search incident (search has no escalation policy) goes to Sam of the security team;
// - the security incident goes to Sam as well, never to the service's on-call.
// Each timeline says who was reminded and why; once someone takes command, reminders go to them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { ComplianceService } from '../../src/app/compliance/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { DEFAULT_COMPLIANCE_SETTINGS } from '../../src/domain/compliance/index.js';
import { epochMs, HOUR, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { RecordingNotifier, T0, WORLD_CONFIG } from './paging-world.js';

const ADMIN = { name: 'carol', role: 'admin' as const, teams: ['security'] };
const ALERTS = { name: 'alert:datadog' };

const CONFIG = WORLD_CONFIG
  .replace('  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }\n',
    '  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }\n  search: { name: Search }\n')
  .replace('  eve:\n', '  sam:\n    name: Sam Stone\n    contact_methods:\n      - { kind: email, address: sam@example.com }\n  eve:\n')
  .replace('  payments: { name: Payments, members: [alice, bob], leads: [dana], executives: [eve] }\n',
    '  payments: { name: Payments, members: [alice, bob], leads: [dana], executives: [eve] }\n  security: { name: Security, members: [sam] }\n');

for (const kind of STORE_KINDS) {
  describe(`compliance reminders of incidents nobody took (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    const clock = { now: () => now };
    const config = parseConfig(CONFIG, 'incident-response.yaml');
    let engine: PagingEngine;
    let notifier: RecordingNotifier;
    let incidents: IncidentService;
    const ids: Record<'checkout' | 'search' | 'security', string> = { checkout: '', search: '', security: '' };
    before(async () => {
      db = await openTestStore(kind);
      let n = 0;
      const newId = () => `msg_${++n}`;
      const paging = new PagingService(config, newId);
      incidents = new IncidentService(db.store, clock, config, paging);
      const compliance = new ComplianceService(db.store, incidents, clock, DEFAULT_COMPLIANCE_SETTINGS);
      notifier = new RecordingNotifier(clock.now);
      engine = new PagingEngine({
        store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'compliance', random: () => 0.5, newId,
        reminderSources: [() => compliance.dueReminderMessages()],
      });
      // SEV-4: the alert pages nobody, so only the reminders are sent.
      const declare = async (title: string, service: string, incidentType: 'data' | 'security') =>
        (await incidents.declare({ severity: 'low', incidentType, environment: 'production', title, service }, ALERTS)).view.incident.id;
      ids.checkout = await declare('Card numbers in checkout logs', 'checkout-api', 'data');
      ids.search = await declare('Search index exposes e-mail addresses', 'search', 'data');
      ids.security = await declare('Credential stuffing on checkout', 'checkout-api', 'security');
      for (const id of Object.values(ids)) await compliance.flag(id, { regime: 'gdpr', awareAt: T0 }, ADMIN);
    });
    after(() => db.cleanup());

    const reminded = () => notifier.sent.filter((s) => s.purpose === 'follow-up-reminder').map((s) => s.address);
    const reminderLines = async (id: string) => (await db.store.readIncidentEvents(id)).flatMap((e) => (e.data.kind === 'action-recorded' && e.data.action === 'reminder' ? [e.data.detail ?? ''] : []));
    const runUntil = async (at: number) => {
      while (now < at) {
        now = epochMs(Math.min(at, now + 10 * MINUTE));
        await engine.remind();
        await engine.tick();
      }
    };

    it('reminds the on-call of the owning service, else the security team, and says so on the timeline', async () => {
      await runUntil(T0 + 48 * HOUR + 10 * MINUTE);
      assert.deepEqual(reminded().sort(), ['alice@example.com', 'sam@example.com', 'sam@example.com']);
      assert.deepEqual(await reminderLines(ids.checkout), [`GDPR deadline approaching: ${ids.checkout} — reminded Alice Adams by email (on call for checkout-api; the incident has no commander)`]);
      assert.deepEqual(await reminderLines(ids.search), [`GDPR deadline approaching: ${ids.search} — reminded Sam Stone by email (security team; the incident has no commander and nobody on call for search is reachable)`]);
      assert.deepEqual(await reminderLines(ids.security), [`GDPR deadline approaching: ${ids.security} — reminded Sam Stone by email (security team; the incident has no commander)`]);
    });

    it('once someone takes command, the next reminder goes to them', async () => {
      await incidents.assignRole(ids.checkout, 'commander', 'bob', ADMIN);
      await runUntil(T0 + 68 * HOUR + 10 * MINUTE);
      const lines = await reminderLines(ids.checkout);
      assert.equal(lines.length, 2);
      assert.equal(lines[1], `GDPR deadline approaching: ${ids.checkout} — reminded Bob Brown by sms`);
    });
  });
}
