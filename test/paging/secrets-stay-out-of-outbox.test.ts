// Story: a SEV-1 pages Alice through Teams and a webhook, and tells stakeholders through
// PagerDuty and a webhook. The Teams URL, webhook URLs and the PagerDuty routing key are secrets:
// no outbox, timer, escalation or event row holds them, yet every message reaches the right
// endpoint, resolved from the configuration when it is sent. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { epochMs, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { RecordingNotifier } from './paging-world.js';

const T0 = epochMs(Date.UTC(2026, 10, 28, 3, 0, 0));
const TEAMS_URL = 'https://example.webhook.office.com/webhookb2/TeamsSecretPath-7f3a9c1e/IncomingWebhook/TeamsSecretToken-b81d';
const ALICE_HOOK = 'https://hooks.example.com/alice/HookSecret-4c2e8a';
const PD_ROUTING_KEY = 'R0utingKeySecret0123456789abcdef';
const EXEC_HOOK = 'https://hooks.example.com/exec/ExecHookSecret-90ab';
const SECRETS = [TEAMS_URL, 'TeamsSecretPath-7f3a9c1e', 'TeamsSecretToken-b81d', ALICE_HOOK, 'HookSecret-4c2e8a', PD_ROUTING_KEY, EXEC_HOOK, 'ExecHookSecret-90ab'];

const CONFIG = `
services:
  checkout-api: { name: Checkout API, escalation_policy: main }
people:
  alice:
    name: Alice Adams
    contact_methods:
      - { kind: teams, address: "${TEAMS_URL}" }
      - { kind: webhook, address: "${ALICE_HOOK}" }
      - { kind: email, address: alice@example.com }
    notification_rules:
      - { after_minutes: 0, method: teams }
      - { after_minutes: 0, method: webhook }
escalation_policies:
  main: { name: Main, steps: [{ targets: [{ person: alice }] }] }
paging:
  war_room_severities: []
communication:
  stakeholders:
    executive-team:
      - { channel: pagerduty, address: "${PD_ROUTING_KEY}", name: Exec PagerDuty }
      - { channel: webhook, address: "${EXEC_HOOK}", name: Exec hook }
      - { channel: email, address: execs@example.com, name: Exec list }
`;

const TABLES = ['ir_outbox', 'ir_timers', 'ir_escalations', 'ir_events', 'ir_incidents', 'ir_disabled_endpoints'];

for (const kind of STORE_KINDS) {
  describe(`secrets stay out of the outbox (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    let incidents: IncidentService;
    let engine: PagingEngine;
    let notifier: RecordingNotifier;

    before(async () => {
      db = await openTestStore(kind);
      const config = parseConfig(CONFIG, 'incident-response.yaml');
      let n = 0;
      const newId = () => `msg_${++n}`;
      const clock = { now: () => now };
      const paging = new PagingService(config, newId);
      incidents = new IncidentService(db.store, clock, config, paging);
      notifier = new RecordingNotifier(() => now);
      engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'test', random: () => 0.5, newId });
    });
    after(() => db?.cleanup());

    async function rawRows(): Promise<string> {
      const dumps: string[] = [];
      for (const table of TABLES) dumps.push(JSON.stringify(await db.rawExec(`SELECT * FROM ${table}`)));
      return dumps.join('\n');
    }

    it('plans the pages and stakeholder messages without storing a secret address', async () => {
      await incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout down', service: 'checkout-api' }, { name: 'carol' });
      const outbox = await db.rawExec('SELECT channel, address FROM ir_outbox') as { channel: string; address: string }[];
      assert.deepEqual(outbox.map((m) => m.channel).sort(), ['email', 'pagerduty', 'teams', 'webhook', 'webhook']);
      const rows = await rawRows();
      for (const secret of SECRETS) assert.ok(!rows.includes(secret), `a stored row holds ${secret}`);
      // Addresses that are not credentials stay as they are.
      assert.ok(outbox.some((m) => m.address === 'execs@example.com'));
    });

    it('delivers each message to the configured endpoint, resolved when it is sent', async () => {
      while ((await engine.tick()).messagesClaimed > 0) now = epochMs(now + 1);
      assert.deepEqual(notifier.sent.map((s) => `${s.channel} ${s.address}`).sort(), [
        'email execs@example.com', `pagerduty ${PD_ROUTING_KEY}`, `teams ${TEAMS_URL}`, `webhook ${ALICE_HOOK}`, `webhook ${EXEC_HOOK}`,
      ].sort());
      const statuses = await db.rawExec('SELECT status FROM ir_outbox') as { status: string }[];
      assert.deepEqual(statuses.map((s) => s.status), statuses.map(() => 'delivered'));
      const rows = await rawRows();
      for (const secret of SECRETS) assert.ok(!rows.includes(secret), `a stored row holds ${secret} after delivery`);
    });
  });
}
