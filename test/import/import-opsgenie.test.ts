import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { pageAtOffset, startVendorApi, type VendorApiServer } from './vendor-api-server.js';

// An Opsgenie account saved as its REST API answers it (test/fixtures/import/opsgenie): three users
// on two pages, team Platform, schedule "Platform On-Call" in Europe/Berlin with a weekday
// rotation (weekly, Monday 08:00, Mon 08:00 – Sat 09:00) and a weekend rotation (daily 09:00,
// Sat 09:00 – Mon 08:00), an override across the DST change of 25 October 2026, and an escalation
// whose rules count from the alert's creation.

const FIXTURES = resolve('test/fixtures/import/opsgenie');
const KEY = 'og-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const NOW = '2026-10-20T12:00:00Z';
let api: VendorApiServer;

before(async () => {
  api = await startVendorApi({
    dir: FIXTURES,
    isAuthorized: (h) => h['authorization'] === `GenieKey ${KEY}`,
    pageOf: (path, q) => pageAtOffset(FIXTURES, path, Number(q.get('offset') ?? 0), 'data'),
    // Opsgenie throttles with its own headers and no Retry-After.
    throttleOnce: { path: '/v2/escalations', headers: { 'x-ratelimit-state': 'THROTTLED', 'x-ratelimit-reason': 'ACCOUNT', 'x-ratelimit-period-in-sec': '1' } },
  });
});
after(() => api.close());

describe('import opsgenie', () => {
  let cwd: string;
  let run: Awaited<ReturnType<typeof runBin>>;
  before(async () => {
    cwd = tempDir('ir-import-og-');
    run = await runBin(['import', 'opsgenie', '--api-url', api.url, '--out', 'incident-response.yaml'], { cwd, env: { OPSGENIE_API_KEY: KEY, IR_NOW: NOW } });
  });

  it('reads the API with the GenieKey: both pages of users, every rule\'s steps, team members, and waits out a throttled answer', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(api.requests.filter((r) => r.path === '/v2/users').map((r) => r.query.get('offset')), ['0', '2']);
    assert.ok(api.requests.some((r) => r.path === '/v2/users/u-clara/notification-rules/nr-clara'));
    assert.ok(!api.requests.some((r) => r.path.endsWith('nr-clara-sched')), 'only new-alert rules are read in full');
    assert.deepEqual(api.requests.filter((r) => r.path === '/v2/escalations').map((r) => r.status), [429, 200]);
    assert.match(run.stderr, /Opsgenie rate limit \(429\); waiting 1 s/);
    assert.equal(api.requests.find((r) => r.path === '/v2/schedules')?.query.get('expand'), 'rotation');
    assert.ok(!`${run.stdout}${run.stderr}${readFileSync(join(cwd, 'incident-response.yaml'), 'utf8')}`.includes(KEY));
  });

  it('turns delays counted from the alert into delays after the previous step, and admins into the team lead', () => {
    const yaml = readFileSync(join(cwd, 'incident-response.yaml'), 'utf8');
    assert.match(yaml, /steps:\n {6}- delay_minutes: 0\n {8}targets:\n {10}- schedule: platform-on-call\n {6}- delay_minutes: 10\n {8}targets:\n {10}- person: ben\n {10}- team: platform\n {12}who: lead\n {6}- delay_minutes: 15\n {8}targets:\n {10}- person: clara\n {4}repeat: 2\n {4}repeat_after_minutes: 15\n/);
    assert.match(yaml, / {2}anna:\n {4}name: Anna Schmidt\n {4}contact_methods:\n {6}- kind: email\n {8}address: anna@example.com\n {6}- kind: sms\n {8}address: "\+4915112345678"\n {6}- kind: voice\n {8}address: "\+4915112345678"\n {4}notification_rules:\n {6}- after_minutes: 0\n {8}method: sms\n {6}- after_minutes: 5\n {8}method: voice\n/);
    assert.match(run.stdout, /schedule 'Platform On-Call': where its rotations overlap Opsgenie pages every on-call participant/);
    assert.match(run.stdout, /^ {4}incident-response integration create --source opsgenie --name prometheus --service billing-api$/m);
    assert.match(run.stdout, /integration 'Email' \(Email\): no ingest source here reads Opsgenie 'Email' integrations/);
  });

  it('puts the same people on call as Opsgenie does at ten instants, across the Berlin DST change', async () => {
    const expected: [string, string][] = [
      ['2026-10-20T10:00Z', 'clara'], // Tue 12:00 CEST: weekday rotation, week of 19 Oct
      ['2026-10-24T06:30Z', 'clara'], // Sat 08:30 CEST: weekday window runs to Sat 09:00
      ['2026-10-24T07:30Z', 'ben'], // Sat 09:30 CEST: weekend rotation, day 21 from 3 Oct
      ['2026-10-25T00:30Z', 'anna'], // Sun 02:30 CEST: the override (00:00Z – 03:00Z)
      ['2026-10-25T02:30Z', 'anna'], // Sun 03:30 CET, after the change: still the override
      ['2026-10-25T03:30Z', 'ben'], // Sun 04:30 CET: weekend day 21 until the 09:00 hand-off
      ['2026-10-25T08:30Z', 'clara'], // Sun 09:30 CET: hand-off at 09:00 CET (08:00Z), day 22
      ['2026-10-26T06:30Z', 'clara'], // Mon 07:30 CET: weekend window runs to Mon 08:00
      ['2026-10-26T07:30Z', 'anna'], // Mon 08:30 CET: weekday rotation, week of 26 Oct
      ['2026-11-01T12:00Z', 'ben'], // Sun 13:00 CET: weekend day 29
    ];
    for (const [at, person] of expected) {
      const r = await runBin(['oncall', '--at', at, '--json'], { cwd, env: { IR_NOW: NOW } });
      assert.equal(r.code, 0, r.stderr);
      const row = (JSON.parse(r.stdout) as { schedules: { scheduleId: string; onCall: { personId: string } | null }[] }).schedules.find((s) => s.scheduleId === 'platform-on-call');
      assert.equal(row?.onCall?.personId, person, `on call at ${at}`);
    }
  });

  it('passes config validate and escalation lint; --from DIR writes the same file; --dry-run writes nothing', async () => {
    assert.equal((await runBin(['config', 'validate', 'incident-response.yaml'], { cwd })).code, 0);
    const lint = await runBin(['escalation', 'lint', '--json'], { cwd, env: { IR_NOW: NOW } });
    assert.equal(lint.code, 0, lint.stderr);
    assert.deepEqual((JSON.parse(lint.stdout) as { problems: unknown[] }).problems, []);
    const dir = tempDir('ir-import-og-from-');
    const saved = await runBin(['import', 'opsgenie', '--from', FIXTURES, '--out', 'og.yaml'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(saved.code, 0, saved.stderr);
    const body = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1).join('\n');
    assert.equal(body(join(dir, 'og.yaml')), body(join(cwd, 'incident-response.yaml')));
    const dry = await runBin(['import', 'opsgenie', '--from', FIXTURES, '--out', 'dry.yaml', '--dry-run'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(existsSync(join(dir, 'dry.yaml')), false);
  });
});
