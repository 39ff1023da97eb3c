import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { startVendorApi, type VendorApiServer } from './vendor-api-server.js';

// A Grafana OnCall instance saved as its public API answers it (test/fixtures/import/grafana-oncall):
// users on two pages linked by a `next` URL on the public host, schedule "SRE Primary" in
// America/New_York made of a weekly rolling shift (level 0), a nightly rolling shift (level 1,
// 20:00 for 12 hours) and an override across the DST change of 1 November 2026, and an
// escalation chain with waits, a round-robin step and "repeat escalation".

const FIXTURES = resolve('test/fixtures/import/grafana-oncall');
const KEY = 'gOnCallToken_5b8f0e1d2c3a';
const NOW = '2026-10-20T12:00:00Z';
let api: VendorApiServer;

before(async () => {
  api = await startVendorApi({
    dir: FIXTURES,
    isAuthorized: (h) => h['authorization'] === KEY,
    pageOf: (_path, q) => Number(q.get('page') ?? 1),
    throttleOnce: { path: '/api/v1/schedules/', headers: { 'retry-after': '1' } },
  });
});
after(() => api.close());

describe('import grafana-oncall', () => {
  let cwd: string;
  let run: Awaited<ReturnType<typeof runBin>>;
  before(async () => {
    cwd = tempDir('ir-import-go-');
    run = await runBin(['import', 'grafana-oncall', '--api-url', `${api.url}/api/v1/`, '--out', 'incident-response.yaml'], { cwd, env: { GRAFANA_ONCALL_API_KEY: KEY, IR_NOW: NOW } });
  });

  it('follows the next link on the API URL\'s own host only, waits out a 429, and never prints the key or an integration link', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(api.requests.filter((r) => r.path === '/api/v1/users/').map((r) => r.query.get('page')), [null, '2']);
    assert.deepEqual(api.requests.filter((r) => r.path === '/api/v1/schedules/').map((r) => r.status), [429, 200]);
    const everything = `${run.stdout}${run.stderr}${readFileSync(join(cwd, 'incident-response.yaml'), 'utf8')}`;
    assert.ok(!everything.includes(KEY));
    assert.ok(!everything.includes('Zx9LinkSecret'), 'integration links carry a secret token');
  });

  it('maps waits into step delays, merges steps without a wait between them, and repeats as OnCall does', () => {
    const yaml = readFileSync(join(cwd, 'incident-response.yaml'), 'utf8');
    assert.match(yaml, /steps:\n {6}- delay_minutes: 0\n {8}targets:\n {10}- schedule: sre-primary\n {6}- delay_minutes: 5\n {8}targets:\n {10}- person: gina\n {10}- team: sre\n {12}who: members\n {6}- delay_minutes: 15\n {8}targets:\n {10}- person: hank\n {10}- person: ivy\n {4}repeat: 5\n {4}repeat_after_minutes: 30\n/);
    assert.match(yaml, /notification_rules:\n {6}- after_minutes: 0\n {8}method: slack\n {6}- after_minutes: 5\n {8}method: email\n/);
    assert.match(run.stdout, /user 'gina': Grafana OnCall does not expose phone numbers: add sms and voice contact methods by hand/);
    assert.match(run.stdout, /'notify the next person each time' has no equivalent: mapped to all of them at once/);
    assert.match(run.stdout, /^ {4}incident-response integration create --source alertmanager-webhook --name alertmanager-prod --service alertmanager-prod$/m);
    assert.match(run.stdout, /then set the webhook URL .* to https:\/\/<your incident-response server>\/api\/v1\/alertmanager\/<key>/);
  });

  it('puts the same people on call as Grafana OnCall does at ten instants, across the New York DST change', async () => {
    const expected: [string, string][] = [
      ['2026-10-20T14:00Z', 'ivy'], // Tue 10:00 EDT: nights off; weekly turn of 19 Oct
      ['2026-10-22T01:00Z', 'hank'], // Wed 21:00 EDT: night turn 2 (from 21 Oct 20:00), level 1 wins
      ['2026-10-22T11:30Z', 'hank'], // Thu 07:30 EDT: the same night
      ['2026-10-22T12:30Z', 'ivy'], // Thu 08:30 EDT: night over, weekly shows through
      ['2026-10-26T14:00Z', 'gina'], // Mon 10:00 EDT: weekly turn of 26 Oct
      ['2026-11-01T05:00Z', 'ivy'], // Sun 01:00 EDT: the override (00:30 EDT for 2 hours)
      ['2026-11-01T07:00Z', 'hank'], // Sun 02:00 EST: override over (06:30Z); night turn 12
      ['2026-11-02T02:00Z', 'ivy'], // Sun 21:00 EST: night turn 13, hand-off kept 20:00 local
      ['2026-11-02T13:30Z', 'gina'], // Mon 08:30 EST: before the weekly hand-off
      ['2026-11-02T14:30Z', 'hank'], // Mon 09:30 EST: weekly turn of 2 Nov (hand-off 14:00Z)
    ];
    for (const [at, person] of expected) {
      const r = await runBin(['oncall', '--at', at, '--json'], { cwd, env: { IR_NOW: NOW } });
      assert.equal(r.code, 0, r.stderr);
      const row = (JSON.parse(r.stdout) as { schedules: { scheduleId: string; onCall: { personId: string } | null }[] }).schedules.find((s) => s.scheduleId === 'sre-primary');
      assert.equal(row?.onCall?.personId, person, `on call at ${at}`);
    }
  });

  it('passes config validate and escalation lint, and --from DIR writes the same file', async () => {
    assert.equal((await runBin(['config', 'validate', 'incident-response.yaml'], { cwd })).code, 0);
    const lint = await runBin(['escalation', 'lint', '--json'], { cwd, env: { IR_NOW: NOW } });
    assert.equal(lint.code, 0, lint.stderr);
    assert.deepEqual((JSON.parse(lint.stdout) as { problems: unknown[] }).problems, []);
    const dir = tempDir('ir-import-go-from-');
    const saved = await runBin(['import', 'grafana-oncall', '--from', FIXTURES, '--out', 'go.yaml'], { cwd: dir, env: { IR_NOW: NOW } });
    assert.equal(saved.code, 0, saved.stderr);
    const body = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1).join('\n');
    assert.equal(body(join(dir, 'go.yaml')), body(join(cwd, 'incident-response.yaml')));
  });

  it('without --api-url it exits 2 asking for it', async () => {
    const r = await runBin(['import', 'grafana-oncall', '--out', 'go.yaml'], { cwd: tempDir('ir-import-go-nourl-'), env: { GRAFANA_ONCALL_API_KEY: KEY } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error: Give the Grafana OnCall API URL with --api-url/);
  });
});
