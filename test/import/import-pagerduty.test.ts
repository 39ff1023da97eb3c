import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { STORE_KINDS, createTestDatabase } from '../support/stores.js';
import { pageAtOffset, startVendorApi, type VendorApiServer } from './vendor-api-server.js';

// A PagerDuty account saved as the REST API answers it (test/fixtures/import/pagerduty): five
// users on two pages, team Payments, schedule "Payments Primary" in America/New_York with a weekly
// layer (hand-off Monday 09:00) under a weeknight layer (daily 18:00 hand-off, 18:00–08:00
// restriction), a future override across the DST change of 1 November 2026, an escalation policy
// with three rules (one round robin) looping twice, and two services with integrations.

const FIXTURES = resolve('test/fixtures/import/pagerduty');
const KEY = 'u+PdTestKey-9f8e7d6c5b4a';
const NOW = '2026-10-20T12:00:00Z';
let api: VendorApiServer;

before(async () => {
  api = await startVendorApi({
    dir: FIXTURES,
    isAuthorized: (h) => h['authorization'] === `Token token=${KEY}` && h['accept'] === 'application/vnd.pagerduty+json;version=2',
    pageOf: (path, q) => pageAtOffset(FIXTURES, path, Number(q.get('offset') ?? 0), path.split('/').pop() === 'members' ? 'members' : path.replace(/^\//, '').split('/')[0]!),
    throttleOnce: { path: '/schedules', headers: { 'retry-after': '1', 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' } },
    unauthorized: { status: 401, body: { error: { message: 'Unauthorized', code: 2006 } } },
  });
});
after(() => api.close());

async function importFromApi(cwd: string, extra: string[] = [], env: Record<string, string> = {}) {
  return runBin(['import', 'pagerduty', '--api-url', api.url, '--out', 'incident-response.yaml', ...extra], { cwd, env: { PAGERDUTY_API_KEY: KEY, IR_NOW: NOW, ...env } });
}

describe('import pagerduty', () => {
  let cwd: string;
  let first: Awaited<ReturnType<typeof runBin>>;
  before(async () => {
    cwd = tempDir('ir-import-pd-');
    first = await importFromApi(cwd);
  });

  it('reads the REST API with the key in the Authorization header only: both pages of users, one 429 waited out as Retry-After asked', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.ok(api.requests.length > 0);
    assert.ok(api.requests.every((r) => r.method === 'GET'));
    const users = api.requests.filter((r) => r.path === '/users');
    assert.deepEqual(users.map((r) => r.query.get('offset')), ['0', '3']);
    assert.deepEqual(users[0]!.query.getAll('include[]'), ['contact_methods', 'notification_rules']);
    assert.deepEqual(api.requests.filter((r) => r.path === '/schedules').map((r) => r.status), [429, 200]);
    assert.match(first.stderr, /PagerDuty rate limit \(429\); waiting 1 s/);
    assert.match(first.stderr, /users 5\/5/);
    assert.match(first.stderr, /schedules 1\/1/);
    const overrides = api.requests.find((r) => r.path === '/schedules/PS1NY01/overrides');
    assert.equal(overrides?.query.get('since'), '2026-10-20T12:00:00.000Z');
    for (const out of [first.stdout, first.stderr, readFileSync(join(cwd, 'incident-response.yaml'), 'utf8')]) assert.ok(!out.includes(KEY), 'the key is never printed or written');
  });

  it('prints what mapped exactly, approximately (with why) and not at all, and the integration create commands', () => {
    assert.match(first.stdout, /^users\s+5\s+4\s+1\s+0$/m);
    assert.match(first.stdout, /^escalation policies\s+1\s+0\s+1\s+0$/m);
    assert.match(first.stdout, /^integrations\s+3\s+2\s+0\s+1$/m);
    assert.match(first.stdout, /escalation policy 'Payments Escalation': rule 2: PagerDuty 'round robin' escalation has no equivalent: mapped to all targets at once/);
    assert.match(first.stdout, /user 'Alice Adams': contact method 'iPhone' \(push_notification_contact_method\) has no equivalent here/);
    assert.match(first.stdout, /Not imported:\n {2}integration 'Email' on service checkout-api: no ingest source here reads generic_email_inbound_integration/);
    assert.match(first.stdout, /^ {4}incident-response integration create --source pagerduty-events --name checkout-api-events-api-v2 --service checkout-api$/m);
    assert.match(first.stdout, /^ {4}then send Events API v2 to https:\/\/<your incident-response server>\/v2\/enqueue with routing_key <key>/m);
    assert.match(first.stdout, /^ {4}incident-response integration create --source datadog --name ledger-datadog --service ledger$/m);
  });

  it('maps people, notification rules, the team, both layers, the future override and the policy', () => {
    const yaml = readFileSync(join(cwd, 'incident-response.yaml'), 'utf8');
    assert.match(yaml, /^# Imported from PagerDuty \(http:\/\/127\.0\.0\.1:\d+\) at 2026-10-20T12:00:00\.000Z/);
    assert.match(yaml, / {2}alice:\n {4}name: Alice Adams\n {4}contact_methods:\n {6}- kind: email\n {8}address: alice@example.com\n {6}- kind: sms\n {8}address: "\+15550000001"\n {6}- kind: voice\n {8}address: "\+15550000001"\n {4}notification_rules:\n {6}- after_minutes: 0\n {8}method: sms\n {6}- after_minutes: 5\n {8}method: voice\n/);
    assert.match(yaml, /address: "\+442075550003"/);
    assert.match(yaml, / {2}payments:\n {4}name: Payments\n {4}members:\n {6}- alice\n {6}- bob\n {6}- carol\n {6}- dan\n {4}leads:\n {6}- alice\n/);
    assert.match(yaml, /- name: Weekly primary\n {8}time_zone: America\/New_York\n {8}start_date: "2026-10-12"\n {8}hand_off_time: "09:00"\n {8}turn: weekly\n {8}participants:\n {10}- bob\n {10}- carol\n {10}- alice\n/);
    assert.match(yaml, /start: "18:00"\n {12}end: "08:00"/);
    assert.match(yaml, /overrides:\n {6}- person: carol\n {8}start: "2026-10-31T22:00:00-04:00"\n {8}end: "2026-11-01T03:00:00-05:00"\n/);
    assert.ok(!yaml.includes('Summer cover'), 'a layer that ended is left out');
    assert.ok(!yaml.includes('2026-10-10T09:00'), 'an override that ended is left out');
    assert.match(yaml, /steps:\n {6}- delay_minutes: 0\n {8}targets:\n {10}- schedule: payments-primary\n {6}- delay_minutes: 5\n {8}targets:\n {10}- person: bob\n {10}- person: carol\n {6}- delay_minutes: 15\n {8}targets:\n {10}- person: alice\n {4}repeat: 2\n {4}repeat_after_minutes: 30\n/);
  });

  it('puts the same people on call as PagerDuty does at twelve instants, across the New York DST change', async () => {
    // Worked out from the fixture with PagerDuty's rules (override > higher layer inside its
    // restriction > lower layer; hand-offs at the schedule's local wall time):
    const expected: [string, string][] = [
      ['2026-10-20T14:00Z', 'carol'], // Tue 10:00 EDT: weeknights layer off (18–08); weekly turn of 19 Oct = carol
      ['2026-10-20T23:00Z', 'bob'], // Tue 19:00 EDT: weeknight turn 1 (from 20 Oct 18:00) = bob
      ['2026-10-21T11:30Z', 'bob'], // Wed 07:30 EDT: still the window that began Tue 18:00
      ['2026-10-21T12:30Z', 'carol'], // Wed 08:30 EDT: window over, weekly layer shows through
      ['2026-10-26T12:30Z', 'carol'], // Mon 08:30 EDT: before the 09:00 weekly hand-off
      ['2026-10-26T14:00Z', 'alice'], // Mon 10:00 EDT: weekly turn of 26 Oct = alice
      ['2026-11-01T03:00Z', 'carol'], // Sat 23:00 EDT: the override (22:00 EDT – 03:00 EST)
      ['2026-11-01T06:30Z', 'carol'], // Sun 01:30 EST, the repeated hour: still the override
      ['2026-11-01T09:00Z', 'dan'], // Sun 04:00 EST: override over; weeknight turn 12 (from Sat 18:00 EDT) = dan
      ['2026-11-01T23:30Z', 'bob'], // Sun 18:30 EST: the 18:00 hand-off kept its wall time after the change: turn 13 = bob
      ['2026-11-02T13:30Z', 'alice'], // Mon 08:30 EST: before the weekly hand-off
      ['2026-11-02T14:30Z', 'bob'], // Mon 09:30 EST: weekly turn of 2 Nov = bob (hand-off at 14:00Z, not 13:00Z)
    ];
    for (const [at, person] of expected) {
      const r = await runBin(['oncall', '--at', at, '--json'], { cwd, env: { IR_NOW: NOW } });
      assert.equal(r.code, 0, r.stderr);
      const row = (JSON.parse(r.stdout) as { schedules: { scheduleId: string; onCall: { personId: string } | null }[] }).schedules.find((s) => s.scheduleId === 'payments-primary');
      assert.equal(row?.onCall?.personId, person, `on call at ${at}`);
    }
  });

  it('passes config validate and escalation lint through the built CLI', async () => {
    const validate = await runBin(['config', 'validate', 'incident-response.yaml'], { cwd });
    assert.equal(validate.code, 0, validate.stderr);
    assert.match(validate.stdout, /OK: incident-response\.yaml is valid\./);
    const lint = await runBin(['escalation', 'lint', '--json'], { cwd, env: { IR_NOW: NOW } });
    assert.equal(lint.code, 0, lint.stderr);
    assert.deepEqual((JSON.parse(lint.stdout) as { errors: number; problems: unknown[] }).problems, []);
    const preview = await runBin(['escalation', 'preview', 'checkout-api', '--severity', 'high', '--at', '2026-10-20T14:00Z'], { cwd, env: { IR_NOW: NOW } });
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /T\+0\s+\S+\s+Carol Chen\s+Voice call/);
    assert.match(preview.stdout, /T\+5\s+\S+\s+Bob Brown\s+SMS/);
  });

  it('writes the same configuration from saved responses (--from DIR) without calling the API', async () => {
    const dir = tempDir('ir-import-pd-from-');
    const before = api.requests.length;
    const r = await runBin(['import', 'pagerduty', '--from', FIXTURES, '--out', 'pd.yaml'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(api.requests.length, before);
    const body = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1).join('\n');
    assert.equal(body(join(dir, 'pd.yaml')), body(join(cwd, 'incident-response.yaml')));
  });

  it('--dry-run prints the summary and writes nothing', async () => {
    const dir = tempDir('ir-import-pd-dry-');
    const r = await runBin(['import', 'pagerduty', '--from', FIXTURES, '--out', 'pd.yaml', '--dry-run'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Dry run: read PagerDuty from saved responses in .*; nothing was written\./);
    assert.equal(existsSync(join(dir, 'pd.yaml')), false);
  });

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const dir = tempDir('ir-import-pd-force-');
    writeFileSync(join(dir, 'pd.yaml'), 'display_time_zone: UTC\n');
    const refused = await runBin(['import', 'pagerduty', '--from', FIXTURES, '--out', 'pd.yaml'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(refused.code, 5);
    assert.match(refused.stderr, /error: pd\.yaml already exists; the import does not overwrite it\. Pass --force to replace it/);
    assert.equal(readFileSync(join(dir, 'pd.yaml'), 'utf8'), 'display_time_zone: UTC\n');
    const forced = await runBin(['import', 'pagerduty', '--from', FIXTURES, '--out', 'pd.yaml', '--force'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(join(dir, 'pd.yaml'), 'utf8'), /payments-primary:/);
  });

  it('a key PagerDuty refuses ends with exit 12 and a sentence naming PagerDuty, never the key', async () => {
    const dir = tempDir('ir-import-pd-bad-');
    const r = await runBin(['import', 'pagerduty', '--api-url', api.url, '--out', 'pd.yaml'], { cwd: dir, env: { PAGERDUTY_API_KEY: 'wrong-key-123456', IR_NOW: NOW } });
    assert.equal(r.code, 12);
    assert.match(r.stderr, /error: PagerDuty refused the API key for GET \/users \(401\)\. Give a key that can read users/);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('wrong-key-123456'));
    assert.equal(existsSync(join(dir, 'pd.yaml')), false);
  });

  it('without a key or --from it exits 2 naming PAGERDUTY_API_KEY', async () => {
    const r = await runBin(['import', 'pagerduty', '--out', 'pd.yaml'], { cwd: tempDir('ir-import-pd-nokey-') });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error: No PagerDuty API key: set PAGERDUTY_API_KEY \(or pass --api-key\), or read saved responses with --from DIR\./);
  });

  for (const kind of STORE_KINDS) {
    it(`the printed integration create commands run as printed on ${kind}`, async () => {
      const db = await createTestDatabase(kind);
      try {
        const env: Record<string, string> = kind === 'sqlite' ? { IR_DB: db.location } : { DATABASE_URL: db.location };
        const commands = first.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('incident-response integration create '));
        assert.equal(commands.length, 2);
        for (const command of commands) {
          const r = await runBin(command.split(' ').slice(1), { cwd, env });
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout, /^Created (pagerduty-events|datadog) integration '(checkout-api-events-api-v2|ledger-datadog)' for service (checkout-api|ledger):/);
        }
        const list = await runBin(['integration', 'list', '--json'], { cwd, env });
        assert.deepEqual((JSON.parse(list.stdout) as { name: string; source: string; service: string }[]).map((i) => `${i.source} ${i.name} ${i.service}`).sort(), [
          'datadog ledger-datadog ledger', 'pagerduty-events checkout-api-events-api-v2 checkout-api',
        ]);
      } finally {
        await db.cleanup();
      }
    });
  }
});
