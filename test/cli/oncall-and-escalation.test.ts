import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

// A weekly rotation in America/New_York handing off Sundays at 01:30, the wall time that happens
// twice on 2026-11-01 (DST ends at 02:00 EDT): the hand-off is at the first 01:30 (05:30Z) and only once.
function setup(): string {
  const cwd = tempDir();
  copyFileSync(resolve('test/fixtures/oncall.yaml'), join(cwd, 'incident-response.yaml'));
  return cwd;
}
const env = { IR_NOW: '2026-11-01T05:00:00Z' };

describe('oncall and escalation CLI', () => {
  it('shows Alice on call before the DST hand-off and Bob after it, hand-offs in the display zone', async () => {
    const cwd = setup();
    const before = await runBin(['oncall', '--schedule', 'primary'], { cwd, env });
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /On call at 2026-11-01 01:00 EDT/);
    assert.match(before.stdout, /primary\s+Alice Adams\s+2026-11-01 01:30 EDT\s+Bob Brown/);
    // 06:45Z is 01:45 EST, inside the repeated hour: still Bob, no second hand-off; the next is a week later in EST.
    const after = await runBin(['oncall', '--at', '2026-11-01T06:45Z', '--json'], { cwd, env });
    assert.equal(after.code, 0, after.stderr);
    const primary = (JSON.parse(after.stdout) as { schedules: { scheduleId: string; onCall: { personId: string } | null; until: string }[] }).schedules.find((s) => s.scheduleId === 'primary');
    assert.equal(primary?.onCall?.personId, 'bob');
    assert.equal(primary?.until, '2026-11-08T06:30:00.000Z');
  });

  it('previews a SEV-1: who is reached on which channel at T+0, T+5, T+15', async () => {
    const r = await runBin(['escalation', 'preview', 'checkout', '--severity', 'critical'], { cwd: setup(), env });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => /^T\+/.test(l)).map((l) => l.split(/\s{2,}/).slice(0, 5).join(' | '));
    assert.deepEqual(rows, [
      'T+0 | 01:00 | Alice Adams | SMS | page',
      'T+0 | 01:00 | Erin Exec | Email | notify',
      'T+5 | 01:05 | Alice Adams | Voice call | page',
      'T+15 | 01:15 | Bob Brown | SMS | page',
    ]);
    assert.match(r.stdout, /Ends: the policy runs out of steps\./);
  });

  it('lint reports the office-hours gap, a person without a working contact method and an empty policy, and exits 0', async () => {
    const r = await runBin(['escalation', 'lint', '--days', '3', '--json'], { cwd: setup(), env });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { errors: number; problems: { code: string; subject: string; startAt?: string; endAt?: string }[] };
    assert.equal(out.errors, 0);
    assert.deepEqual(out.problems.find((p) => p.code === 'coverage-gap'), {
      code: 'coverage-gap', subject: 'schedule:office', startAt: '2026-11-01T05:00:00.000Z', endAt: '2026-11-02T14:00:00.000Z', level: 'warning',
      message: 'nobody is on call for Office hours from 2026-11-01T05:00:00Z to 2026-11-02T14:00:00Z (33 h); add a layer or an override',
    });
    assert.ok(out.problems.some((p) => p.code === 'no-working-contact' && p.subject === 'person:dave'));
    assert.ok(out.problems.some((p) => p.code === 'policy-without-steps' && p.subject === 'policy:empty'));
    const text = await runBin(['escalation', 'lint', '--days', '3'], { cwd: setup(), env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /0 error\(s\), 5 warning\(s\)/);
  });

  it('writes an iCal feed with CRLF line endings and one VEVENT per shift', async () => {
    const r = await runBin(['oncall', 'ical', '--person', 'alice', '--days', '14'], { cwd: setup(), env });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.ok(r.stdout.endsWith('END:VCALENDAR\r\n'));
    assert.equal(r.stdout.replace(/\r\n/g, '').includes('\n'), false, 'every line ends with CRLF');
    // Alice: her week in progress from its real start (25 Oct, 01:30 EDT) to 1 Nov, then 8–15 Nov from 01:30 EST.
    assert.deepEqual([...r.stdout.matchAll(/DTSTART:(\S+)\r\nDTEND:(\S+)/g)].map((m) => `${m[1]}-${m[2]}`), ['20261025T053000Z-20261101T053000Z', '20261108T063000Z-20261115T050000Z']);
    const schedule = await runBin(['oncall', 'ical', '--schedule', 'primary', '--days', '14'], { cwd: setup(), env });
    assert.equal((schedule.stdout.match(/BEGIN:VEVENT/g) ?? []).length, 3);
  });

  it('rejects an unknown schedule with a suggestion', async () => {
    const r = await runBin(['oncall', '--schedule', 'primry'], { cwd: setup(), env });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /unknown schedule 'primry' — did you mean 'primary'\?/);
  });
});
