import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

// 2026-11-28 14:30 UTC, a Saturday.
const T0 = '2026-11-28T14:30:00Z';

describe('incident-response on a fresh working directory (SQLite file)', () => {
  let cwd: string;
  const at = (iso: string) => ({ IR_NOW: iso });
  const ir = (args: string[], env: Record<string, string> = at(T0)) => runBin(args, { cwd, env });

  before(() => { cwd = tempDir(); });

  it('declares an incident the way the product is named and prints id, policy and timed checklist', async () => {
    const r = await ir(['critical', 'outage', 'production', '--title', 'Checkout API down', '--service', 'checkout']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'INC-2026-1128-001  Checkout API down');
    assert.equal(lines[1], 'SEV-1 Critical · outage · production · service checkout');
    assert.match(r.stdout, /Respond within {2}15 min — first response due 14:45 UTC/);
    assert.match(r.stdout, /Escalation {6}automatic escalation to leadership/);
    assert.match(r.stdout, /Updates {9}every 30 min — next update due 15:00 UTC/);
    assert.match(r.stdout, /\[OK\] Immediate Actions \(0–15 min; 14:30–14:45 UTC\)/);
    assert.match(r.stdout, /\[SCAN\] Investigation Phase \(15–60 min; 14:45–15:30 UTC\)/);
    assert.match(r.stdout, /\[TOOLS\] Resolution Phase \(from 60 min \(varies\); from 15:30 UTC\)/);
    assert.match(r.stdout, /\[ \] 1\.1 Confirm incident scope and impact/);
    assert.ok(r.stdout.includes('System Outage Response Workflow'));
  });

  it('numbers the next incident of the same UTC day 002 and starts again at 001 after midnight; security incidents apart', async () => {
    const security = await ir(['sev2', 'security', 'production', '--json']);
    assert.equal(security.code, 0, security.stderr);
    assert.equal(JSON.parse(security.stdout).id, 'SEC-2026-1128-001');
    const second = await ir(['sev2', 'performance', 'production', '--json']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).id, 'INC-2026-1128-002');
    const nextDay = await ir(['low', 'data', 'development', '--json'], at('2026-11-29T00:00:01Z'));
    assert.equal(JSON.parse(nextDay.stdout).id, 'INC-2026-1129-001');
  });

  it('works the incident: ack, assign, step, update, show', async () => {
    const id = 'INC-2026-1128-001';
    let r = await ir(['ack', id], at('2026-11-28T14:40:00Z'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /INC-2026-1128-001 acknowledged at 14:40 UTC · status acknowledged/);
    assert.match(r.stdout, /Response within target/);
    r = await ir(['assign', id, '--role', 'commander', '--to', 'alice'], at('2026-11-28T14:41:00Z'));
    assert.equal(r.code, 0, r.stderr);
    r = await ir(['step', id, 'confirm-scope', 'done'], at('2026-11-28T14:42:00Z'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Checklist 1\/15 done/);
    r = await ir(['update', id, '--status', 'identified', '--message', 'Connection pool exhausted'], at('2026-11-28T14:50:00Z'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Next update due 15:20 UTC \(every 30 min\)/);

    r = await ir(['show', id], at('2026-11-28T15:05:00Z'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Status {8}acknowledged \(by tester at 14:40 UTC\) · public: identified/);
    assert.match(r.stdout, /Response {6}met at 14:40 UTC/);
    assert.match(r.stdout, /Next update {3}due 15:20 UTC \(in 15m, every 30 min\)/);
    assert.match(r.stdout, /Roles {9}commander: alice/);
    assert.match(r.stdout, /Last update {3}14:50 UTC \[identified\] tester: Connection pool exhausted/);
    assert.match(r.stdout, /\[x\] 1\.1 Confirm incident scope and impact/);
    assert.match(r.stdout, /\[!\] 1\.2 Activate incident response team .*OVERDUE since 14:45 UTC/);
    assert.match(r.stdout, /4 overdue/);

    const json = JSON.parse((await ir(['show', id, '--json'], at('2026-11-28T15:25:00Z'))).stdout);
    assert.equal(json.clocks.nextUpdate.state, 'overdue');
    assert.equal(json.roles.commander, 'alice');
    assert.equal(json.checklist.done, 1);
  });

  it('re-classifies, keeps history and recomputes clocks', async () => {
    const id = 'INC-2026-1128-001';
    let r = await ir(['severity', id, 'high', '--reason', 'EU only'], at('2026-11-28T15:10:00Z'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /SEV-2: respond within 1 hour .* updates every 2 hours \(next due 16:50 UTC\)/);
    r = await ir(['type', id, 'performance'], at('2026-11-28T15:11:00Z'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Workflow: Performance Degradation Response Workflow/);
    const tl = await ir(['timeline', id]);
    assert.match(tl.stdout, /severity SEV-1 → SEV-2 by tester: EU only/);
    assert.match(tl.stdout, /type outage → performance by tester/);
  });

  it('resolves, refuses to acknowledge afterwards with a way out, reopens', async () => {
    const id = 'INC-2026-1128-001';
    let r = await ir(['resolve', id, '--summary', 'Pool size restored'], at('2026-11-28T15:30:00Z'));
    assert.equal(r.code, 0, r.stderr);
    r = await ir(['ack', id], at('2026-11-28T15:31:00Z'));
    assert.equal(r.code, 4);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim(), 'error: Cannot acknowledge INC-2026-1128-001: it is already resolved. Reopen it with "incident-response reopen INC-2026-1128-001".');
    r = await ir(['reopen', id, '--reason', 'errors are back'], at('2026-11-28T16:00:00Z'));
    assert.equal(r.code, 0, r.stderr);
    const shown = JSON.parse((await ir(['show', id, '--json'], at('2026-11-28T16:00:00Z'))).stdout);
    assert.equal(shown.status, 'triggered');
    assert.equal(shown.reopenCount, 1);
  });

  it('lists newest first with filters', async () => {
    const all = JSON.parse((await ir(['list', '--json'], at('2026-11-29T01:00:00Z'))).stdout) as { id: string }[];
    assert.deepEqual(all.map((i) => i.id).sort(), ['INC-2026-1128-001', 'INC-2026-1128-002', 'INC-2026-1129-001', 'SEC-2026-1128-001']);
    assert.equal(all[0]!.id, 'INC-2026-1129-001');
    const sec = JSON.parse((await ir(['list', '--type', 'security', '--json'])).stdout) as { id: string }[];
    assert.deepEqual(sec.map((i) => i.id), ['SEC-2026-1128-001']);
    const since = JSON.parse((await ir(['list', '--since', '2026-11-29', '--json'], at('2026-11-29T01:00:00Z'))).stdout) as { id: string }[];
    assert.deepEqual(since.map((i) => i.id), ['INC-2026-1129-001']);
    const text = await ir(['list', '--status', 'open'], at('2026-11-29T01:00:00Z'));
    assert.match(text.stdout.split('\n')[0]!, /^ID +SEV +TYPE +ENV +STATUS +AGE/);
    assert.equal(text.stdout.trim().split('\n').length, 5);
  });

  it('verifies the audit chain', async () => {
    const r = await ir(['audit', 'verify']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK: \d+ events verified; the chain is intact/);
    const j = JSON.parse((await ir(['audit', 'verify', '--json'])).stdout);
    assert.equal(j.ok, true);
    assert.equal(j.count, 12);
  });
});

describe('bad input gets a clear message and a non-zero exit, never a stack trace', () => {
  const cwd = tempDir();
  const cases: { args: string[]; code: number; stderr: RegExp }[] = [
    { args: ['critcal', 'outage', 'production'], code: 2, stderr: /^error: unknown severity 'critcal' — did you mean 'critical'\? \(critical, high, medium, low\)$/m },
    { args: ['critical', 'outgae', 'production'], code: 2, stderr: /unknown type 'outgae' — did you mean 'outage'\?/ },
    { args: ['critical', 'outage', 'prodution'], code: 2, stderr: /unknown environment 'prodution' — did you mean 'production'\?/ },
    { args: ['critical'], code: 2, stderr: /missing type: incident-response <severity> <type> <environment>/ },
    { args: ['critical', 'outage'], code: 2, stderr: /missing environment/ },
    { args: ['lsit'], code: 2, stderr: /unknown command 'lsit' — did you mean 'list'\?/ },
    { args: ['show', 'INC-2026-1128-999'], code: 3, stderr: /No incident INC-2026-1128-999\. List incidents with "incident-response list"\./ },
    { args: ['show', 'banana'], code: 2, stderr: /'banana' is not an incident id; expected INC-YYYY-MMDD-NNN/ },
    { args: ['critical', 'outage', 'production', '--tittle', 'x'], code: 2, stderr: /unknown option '--tittle'/ },
    { args: ['update', 'INC-2026-1128-001', '--status', 'fixed', '--message', 'x'], code: 2, stderr: /Allowed choices are investigating, identified, monitoring, resolved/ },
    { args: ['list', '--since', 'yesterdayish'], code: 2, stderr: /--since: 'yesterdayish' is neither a time/ },
    { args: ['list', '--limit', '0'], code: 2, stderr: /--limit must be a whole number from 1 to 1000/ },
    { args: ['assign', 'INC-2026-1128-001', '--role', 'boss', '--to', 'x'], code: 2, stderr: /unknown role 'boss'/ },
    { args: ['critical', 'outage', 'production', '--title', 'x'.repeat(2001)], code: 2, stderr: /title is 2001 characters long; the limit is 2000/ },
  ];
  for (const c of cases) {
    it(`${c.args.join(' ').slice(0, 60)} → exit ${c.code}`, async () => {
      const r = await runBin(c.args, { cwd });
      assert.equal(r.code, c.code, r.stderr);
      assert.match(r.stderr, c.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
    });
  }

  it('help lists the verbs and exits 0', async () => {
    const r = await runBin(['--help'], { cwd });
    assert.equal(r.code, 0);
    for (const verb of ['list', 'show', 'ack', 'update', 'assign', 'step', 'severity', 'type', 'resolve', 'reopen', 'timeline', 'audit', 'config']) {
      assert.match(r.stdout, new RegExp(`^  ${verb}\\b`, 'm'), verb);
    }
  });

  it('a database path that cannot be opened is reported as such', async () => {
    const r = await runBin(['list', '--db', '/proc/nope/x.db'], { cwd });
    assert.equal(r.code, 7);
    assert.match(r.stderr, /cannot open database file '\/proc\/nope\/x.db'/);
  });
});
