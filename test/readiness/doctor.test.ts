import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { renderDoctor } from '../../src/adapters/cli/doctor-command.js';
import { DAY } from '../../src/domain/time/index.js';
import { epochMs } from '../../src/domain/time/index.js';
import { createApp } from '../../src/main/create-app.js';
import { runDoctor } from '../../src/main/doctor-desk.js';
import { openBackupDesk } from '../../src/main/backup-desk.js';
import { recordRulesReplay } from '../../src/main/rules-replay-record.js';
import { openFollowUpDesk } from '../../src/main/follow-up-desk.js';
import { createTestDatabase, STORE_KINDS } from '../support/stores.js';

// A realistic configuration with one of each problem doctor looks for.
const CONFIG = `
services:
  checkout: { escalation_policy: payments }
  search: { owner_team: discovery }
people:
  alice: { name: Alice Adams, contact_methods: [{ kind: sms, address: "+15550000001" }] }
  carol: { name: Carol Chen, contact_methods: [{ kind: email, address: carol@example.com, verified: false }] }
schedules:
  payments-primary:
    name: Payments primary
    layers:
      - { time_zone: UTC, start_date: 2026-03-15, hand_off_time: "09:00", turn: weekly, participants: [alice] }
escalation_policies:
  payments:
    name: Payments
    steps:
      - targets: [{ schedule: payments-primary }]
detection:
  rules_file: incident_triggers.yaml
compliance:
  gdpr: { authority_within: 72 hours }
integrations:
  sms: { critical_only: true }
`;

const admin = { name: 'tester', role: 'admin' as const, teams: [] };

for (const kind of STORE_KINDS) {
  describe(`doctor on ${kind}`, () => {
    it('finds each readiness problem, most urgent first, with what to do', async () => {
      const database = await createTestDatabase(kind);
      const cwd = await mkdtemp(join(tmpdir(), 'ir-doctor-'));
      await writeFile(join(cwd, 'incident-response.yaml'), CONFIG);
      await copyFile(resolve('test/fixtures/product-md/incident_triggers.yaml'), join(cwd, 'incident_triggers.yaml'));
      let now = epochMs(Date.parse('2026-03-02T10:00:00Z'));
      const app = await createApp({
        cwd, env: kind === 'postgres' ? { DATABASE_URL: database.location } : {}, ...(kind === 'sqlite' ? { dbPath: database.location } : {}), clock: { now: () => now },
      });
      try {
        await app.alerts.integrations.create({ source: 'alertmanager-webhook', name: 'prod-alertmanager' }, admin);
        const declared = await app.apiFor(admin).declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout slow', service: 'checkout' });
        const id = 'incident' in declared ? declared.incident.id : '';
        await openFollowUpDesk(app, admin).addActionItem(id, { title: 'Add a connection pool alarm', category: 'short-term', dueOn: '2026-03-05' });
        now = epochMs(now + 8 * DAY);

        const findings = await runDoctor(app, admin);
        const checks = findings.map((f) => `${f.level} ${f.check}`);
        assert.deepEqual(checks, [
          'critical service-without-escalation',
          'critical schedule-gap',
          'warning person-unreachable',
          'warning rules-never-replayed',
          'warning integration-silent',
          'warning compliance-without-contact',
          'warning compliance-without-contact',
          'warning compliance-without-contact',
          'warning audit-unsigned',
          'warning action-items-overdue',
          'warning integration-switch-needs',
          ...(kind === 'sqlite' ? ['warning backup-never'] : []),
          'info contact-untested',
          ...(kind === 'postgres' ? ['info backup-unrecorded'] : []),
        ]);
        const text = renderDoctor(findings);
        assert.match(text, kind === 'sqlite' ? /^Readiness: 2 critical, 10 warnings, 1 info$/m : /^Readiness: 2 critical, 9 warnings, 2 info$/m);
        assert.match(text, /Alice Adams \(alice\): sms never tested in the last 30 days, so a page may not reach them\.\n {9}→ Send a test: "incident-response notify test --person alice --method sms"\./);
        assert.match(text, /^CRITICAL Service search has no escalation policy, so nobody is paged for its incidents\.\n {9}→ Set services\.search\.escalation_policy/m);
        assert.match(text, /Schedule payments-primary has nobody on call for .* in the next 14 days \(1 gap, the first from 2026-03-10T10:00:00Z to 2026-03-15T09:00:00Z\)/);
        assert.match(text, /Carol Chen \(carol\) has no verified contact method/);
        assert.match(text, /Integration prod-alertmanager has received no alert since it was created 2026-03-02T10:00:00Z \(more than 7 days\)\./);
        assert.match(text, /Compliance is configured, but GDPR has no one to notify, so its deadline reminders name no recipient\.\n {9}→ Add a contact under compliance\.gdpr\.supervisory_authorities\./);
        assert.match(text, /1 action item is overdue: .*Add a connection pool alarm/);
        assert.match(text, /integrations\.sms\.critical_only is set but does nothing until its connection is configured\.\n {9}→ Add channels\.twilio/);
        assert.match(text, /The trigger rules in incident_triggers\.yaml have never been replayed over recorded metrics/);
        assert.match(text, kind === 'sqlite' ? /No backup of this database has been taken/ : /PostgreSQL backups are taken with pg_dump/);

        // A failed test of Alice's SMS is a warning; a delivered one clears it.
        await app.store.recordContactTest({ id: 'ct-1', personId: 'alice', contactMethodId: 'alice-sms-1', method: 'sms', at: epochMs(now - DAY), outcome: 'failed', detail: 'no SMS channel configured', requestedBy: 'tester' });
        const afterFailure = await runDoctor(app, admin);
        const contact = afterFailure.find((f) => f.check === 'contact-untested');
        assert.equal(contact?.level, 'warning', JSON.stringify(afterFailure));
        assert.match(contact.problem, /sms failed its last test/);
        await app.store.recordContactTest({ id: 'ct-2', personId: 'alice', contactMethodId: 'alice-sms-1', method: 'sms', at: now, outcome: 'delivered', detail: 'SM123', requestedBy: 'tester' });
        assert.equal((await runDoctor(app, admin)).find((f) => f.check === 'contact-untested'), undefined);

        // A replay of the rules as they stand satisfies doctor; an edit afterwards is noticed.
        const rulesPath = join(cwd, 'incident_triggers.yaml');
        const env = kind === 'postgres' ? { DATABASE_URL: database.location } : { IR_DB: database.location };
        assert.equal(await recordRulesReplay({ cwd, env, clock: { now: () => now } }, rulesPath, 0), true);
        assert.deepEqual((await runDoctor(app, admin)).filter((f) => f.check.startsWith('rules-')), []);
        await writeFile(rulesPath, (await readFile(rulesPath, 'utf8')) + '\n# tuned\n');
        assert.deepEqual((await runDoctor(app, admin)).filter((f) => f.check.startsWith('rules-')).map((f) => f.check), ['rules-changed-since-replay']);
        // Where there is no database, a replay creates none.
        const empty = await mkdtemp(join(tmpdir(), 'ir-doctor-empty-'));
        assert.equal(await recordRulesReplay({ cwd: empty, env: {}, clock: { now: () => now } }, rulesPath, 0), false);
        assert.equal(existsSync(join(empty, 'incident-response.db')), false);

        if (kind === 'sqlite') {
          // A backup leaves a line in the admin audit trail; doctor then has nothing to say about backups until it is a week old.
          await openBackupDesk({ cwd, env: {}, clock: { now: () => now }, dbPath: database.location }).backup(join(cwd, 'backup.db'));
          assert.deepEqual((await runDoctor(app, admin)).filter((f) => f.check.startsWith('backup')), []);
          now = epochMs(now + 8 * DAY);
          assert.deepEqual((await runDoctor(app, admin)).filter((f) => f.check.startsWith('backup')).map((f) => f.check), ['backup-stale']);
        }
      } finally {
        await app.close();
        await database.cleanup();
      }
    });
  });
}
