// `oncall override`, `notify test` and `escalation lint` from the command line: an override typed
// in local time (DST refused where the clock is ambiguous) is stored, shown by `oncall`, the iCal
// feed and `escalation preview`, listed and deleted; the same verbs work against a server (--api).
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir } from '../support/cli.js';

// The fixture's rotation hands off from Alice to Bob on Sunday 2026-11-01 at 01:30 EDT (05:30Z),
// the wall time that happens twice that night in America/New_York.
function setup(): string {
  const cwd = tempDir();
  copyFileSync(resolve('test/fixtures/oncall.yaml'), join(cwd, 'incident-response.yaml'));
  return cwd;
}
const env = { IR_NOW: '2026-11-01T04:00:00Z' };

describe('oncall override CLI', () => {
  const cwd = setup();
  let id = '';

  it('refuses a local time the DST change makes ambiguous, naming both offsets', async () => {
    const r = await runBin(['oncall', 'override', '--schedule', 'primary', '--person', 'erin', '--from', '2026-11-01 01:30', '--to', '2026-11-01 09:00'], { cwd, env });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--from: 2026-11-01 01:30 happens twice in America\/New_York .* -04:00 for the first or -05:00 for the second/);
  });

  it('stores an override in local time and shows it in oncall, the calendar and the escalation preview', async () => {
    const made = await runBin(['oncall', 'override', '--schedule', 'primary', '--person', 'erin', '--from', '2026-10-31 23:30', '--to', '2026-11-01 01:30-04:00', '--note', 'Alice is travelling', '--json'], { cwd, env });
    assert.equal(made.code, 0, made.stderr);
    const o = JSON.parse(made.stdout) as { id: string; startAt: string; endAt: string; createdBy: string };
    id = o.id;
    assert.deepEqual([o.startAt, o.endAt, o.createdBy], ['2026-11-01T03:30:00.000Z', '2026-11-01T05:30:00.000Z', 'tester']);

    const now = await runBin(['oncall', '--schedule', 'primary', '--json'], { cwd, env });
    assert.equal(now.code, 0, now.stderr);
    const row = (JSON.parse(now.stdout) as { schedules: { onCall: { personId: string; layer: string } }[] }).schedules[0];
    assert.deepEqual([row?.onCall.personId, row?.onCall.layer], ['erin', 'override']);

    const feed = await runBin(['oncall', 'ical', '--person', 'erin', '--days', '2'], { cwd, env });
    assert.equal(feed.code, 0, feed.stderr);
    assert.match(feed.stdout, /DTSTART:20261101T033000Z\r\nDTEND:20261101T053000Z/);

    const preview = await runBin(['escalation', 'preview', 'checkout', '--severity', 'critical'], { cwd, env });
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout.split('\n').find((l) => l.startsWith('T+0')) ?? '', /Erin Exec\s+Email\s+notify\s+on call for Payments primary/);

    const list = await runBin(['oncall', 'override', 'list'], { cwd, env });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${id}\\s+Erin Exec\\s+2026-10-31 23:30 EDT\\s+2026-11-01 01:30 EDT\\s+primary\\s+-\\s+tester\\s+Alice is travelling`));
    // A narrow terminal keeps who and when, and leaves out the rest before cutting anything.
    const narrow = await runBin(['oncall', 'override', 'list'], { cwd, env: { ...env, COLUMNS: '80' } });
    assert.deepEqual(narrow.stdout.trimEnd().split('\n').map((l) => l.length <= 80), [true, true]);
    assert.match(narrow.stdout, new RegExp(`${id}\\s+Erin Exec\\s+2026-10-31 23:30 EDT\\s+2026-11-01 01:30 EDT`));
  });

  it('deletes it, after which Alice is on call again, and says so for an id it does not know', async () => {
    const deleted = await runBin(['oncall', 'override', 'delete', id], { cwd, env });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, /^Deleted override ovr_/);
    const now = await runBin(['oncall', '--schedule', 'primary'], { cwd, env });
    assert.match(now.stdout, /primary\s+Alice Adams/);
    const again = await runBin(['oncall', 'override', 'delete', id], { cwd, env });
    assert.equal(again.code, 3, again.stderr);
    assert.match(again.stderr, /There is no override/);
  });

  it('asks for what is missing', async () => {
    const r = await runBin(['oncall', 'override', '--schedule', 'primary'], { cwd, env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /oncall override needs --person, --from, --to/);
  });
});

describe('notify test and escalation lint CLI', () => {
  it('records a test that did not arrive (no SMS channel), exits 1, and lint reports failing and untested methods', async () => {
    const cwd = setup();
    const r = await runBin(['notify', 'test', '--person', 'alice', '--method', 'sms', '--json'], { cwd, env });
    assert.equal(r.code, 1, r.stderr);
    const items = (JSON.parse(r.stdout) as { items: { contactMethodId: string; outcome: string; detail: string }[] }).items;
    assert.deepEqual(items.map((i) => [i.contactMethodId, i.outcome]), [['alice-sms-1', 'failed']]);
    assert.match(items[0]!.detail, /no SMS channel configured/);
    const lint = await runBin(['escalation', 'lint', '--json'], { cwd, env });
    assert.equal(lint.code, 0, lint.stderr);
    const contacts = (JSON.parse(lint.stdout) as { contactMethods: { code: string; contactMethodId: string }[] }).contactMethods;
    assert.deepEqual(contacts.filter((c) => c.contactMethodId.startsWith('alice-')).map((c) => [c.contactMethodId, c.code]), [['alice-sms-1', 'contact-failing'], ['alice-voice-2', 'contact-never-tested']]);
    // Dave's SMS is unverified: lint already reports it as unusable, not as untested.
    assert.equal(contacts.some((c) => c.contactMethodId.startsWith('dave-')), false);
    const unknown = await runBin(['notify', 'test', '--person', 'alice', '--method', 'pigeon'], { cwd, env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown method 'pigeon'/);
  });
});

describe('oncall override against a server (--api)', () => {
  const serverCwd = setup();
  const clientCwd = setup();
  let server: ServeProcess;
  let token: string;
  before(async () => {
    token = await createToken(serverCwd, env, 'bob', 'responder');
    server = await startServe(serverCwd, env);
  });
  after(async () => { await server?.stop(); });

  it('lets a responder hand over their own shift through the server, and refuses one for someone else', async () => {
    const remote = { ...env, IR_API_URL: server.url, IR_TOKEN: token };
    const made = await runBin(['oncall', 'override', '--schedule', 'primary', '--person', 'erin', '--replaces', 'bob', '--from', '2026-11-01T06:00Z', '--to', '2026-11-01T12:00Z'], { cwd: clientCwd, env: remote });
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Erin Exec on call 2026-11-01 01:00 EST – 2026-11-01 07:00 EST \(in place of bob\)/);
    const at = await runBin(['oncall', '--schedule', 'primary', '--at', '2026-11-01T07:00Z'], { cwd: clientCwd, env: remote });
    assert.match(at.stdout, /primary\s+Erin Exec \(override\)\s+2026-11-01 07:00 EST/);
    const refused = await runBin(['oncall', 'override', '--schedule', 'primary', '--person', 'erin', '--from', '2026-11-02T06:00Z', '--to', '2026-11-02T12:00Z'], { cwd: clientCwd, env: remote });
    assert.equal(refused.code, 9, refused.stderr);
    assert.match(refused.stderr, /may not put erin on call/);
  });
});
