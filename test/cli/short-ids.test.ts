import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir } from '../support/cli.js';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../support/stores.js';

// Wherever an incident id is taken, the short forms 007 (today), 1127-002 (that day this year) and
// SEC-001 are accepted, expanded against the clock's UTC day, the same way locally and remotely.

const YESTERDAY = '2026-11-27T10:00:00Z';
const T0 = '2026-11-28T14:30:00Z';

for (const kind of STORE_KINDS) {
  describe(`short incident ids (${kind})`, () => {
    let db: TestDatabase;
    let cwd: string;
    let env: Record<string, string>;
    const ir = (args: string[], at = T0) => runBin(args, { cwd, env: { ...env, IR_NOW: at } });

    before(async () => {
      db = await createTestDatabase(kind);
      cwd = tempDir();
      env = db.kind === 'sqlite' ? { IR_DB: db.location } : { DATABASE_URL: db.location };
      for (const [args, at] of [
        [['high', 'outage', 'production', '--title', 'Yesterday one'], YESTERDAY],
        [['high', 'outage', 'production', '--title', 'Yesterday two'], YESTERDAY],
        [['critical', 'outage', 'production', '--title', 'Checkout down'], T0],
        [['critical', 'security', 'production', '--title', 'Leaked key'], T0],
      ] as const) {
        const r = await ir([...args], at);
        assert.equal(r.code, 0, r.stderr);
      }
    });
    after(async () => { await db.cleanup(); });

    it('show, ack, note, timeline and resolve take 001 as today\'s INC-…-001', async () => {
      let r = await ir(['show', '001']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^INC-2026-1128-001 {2}Checkout down$/m);
      r = await ir(['ack', '1']);
      assert.match(r.stdout, /^INC-2026-1128-001 acknowledged at 14:30 UTC/);
      r = await ir(['note', '001', 'pool', 'drained']);
      assert.equal(r.code, 0, r.stderr);
      r = await ir(['timeline', '001']);
      assert.match(r.stdout, /^Timeline of INC-2026-1128-001$/m);
      assert.match(r.stdout, /pool drained/);
      r = await ir(['resolve', '001', '--summary', 'Restarted']);
      assert.match(r.stdout, /^INC-2026-1128-001 resolved/);
    });

    it('takes 1127-002 as this year\'s 27 November, and SEC-001 as today\'s security incident', async () => {
      let r = await ir(['show', '1127-002', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).title, 'Yesterday two');
      r = await ir(['show', 'sec-001', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).id, 'SEC-2026-1128-001');
      r = await ir(['mitigate', 'SEC-1128-001']);
      assert.match(r.stdout, /^SEC-2026-1128-001 mitigated/);
    });

    it('takes short ids in the follow-up verbs and in action item references', async () => {
      let r = await ir(['actions', 'add', '1127-001', '--title', 'Add a pool alarm', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).ref, 'INC-2026-1127-001-A1');
      r = await ir(['actions', 'done', '1127-001-a1']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Updated INC-2026-1127-001-A1: done/);
      r = await ir(['compliance', 'flag', '001', 'gdpr', '--aware-at', '1h ago', '--json']);
      assert.equal(r.code, 0, r.stderr);
    });

    it('refuses a short id that is not one, naming the forms it takes', async () => {
      const r = await ir(['show', '12-001']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: '12-001' is not an incident id; expected INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN, e\.g\. INC-2026-1128-001, or a short form: 007 \(today, UTC\)/);
      const missing = await ir(['show', '009']);
      assert.match(missing.stderr, /INC-2026-1128-009/);
    });
  });
}

describe('short incident ids against a server', () => {
  const serverCwd = tempDir();
  const clientCwd = tempDir();
  let server: ServeProcess;
  let token: string;

  before(async () => {
    token = await createToken(serverCwd, {}, 'tester', 'admin');
    server = await startServe(serverCwd, { IR_NOW: T0 });
    const r = await runBin(['critical', 'outage', 'production', '--title', 'Checkout down'], { cwd: clientCwd, env: { IR_NOW: T0, IR_API_URL: server.url, IR_TOKEN: token } });
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => { await server?.stop(); });

  it('expands them with the client\'s clock and asks the server for the full id', async () => {
    const r = await runBin(['ack', '001'], { cwd: clientCwd, env: { IR_NOW: T0, IR_API_URL: server.url, IR_TOKEN: token } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^INC-2026-1128-001 acknowledged/);
  });
});
