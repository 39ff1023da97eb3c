import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir } from '../support/cli.js';

// The same story told to a local database and to a server: the CLI must print the same thing.
const T0 = '2026-11-28T14:30:00Z';
const story: { args: string[]; at: string }[] = [
  { args: ['critical', 'outage', 'production', '--title', 'Checkout API down', '--service', 'checkout'], at: T0 },
  { args: ['high', 'performance', 'staging'], at: '2026-11-28T14:31:00Z' },
  { args: ['ack', 'INC-2026-1128-001'], at: '2026-11-28T14:40:00Z' },
  { args: ['assign', 'INC-2026-1128-001', '--role', 'commander', '--to', 'alice'], at: '2026-11-28T14:41:00Z' },
  { args: ['step', 'INC-2026-1128-001', '1.1', 'done'], at: '2026-11-28T14:42:00Z' },
  { args: ['update', 'INC-2026-1128-001', '--status', 'identified', '--message', 'Connection pool exhausted'], at: '2026-11-28T14:50:00Z' },
  { args: ['severity', 'INC-2026-1128-001', 'high', '--reason', 'EU only'], at: '2026-11-28T14:55:00Z' },
  { args: ['show', 'INC-2026-1128-001'], at: '2026-11-28T15:05:00Z' },
  { args: ['show', 'INC-2026-1128-001', '--json'], at: '2026-11-28T15:05:00Z' },
  { args: ['list'], at: '2026-11-28T15:05:00Z' },
  { args: ['list', '--status', 'open', '--json'], at: '2026-11-28T15:05:00Z' },
  { args: ['resolve', 'INC-2026-1128-001', '--summary', 'Pool size restored'], at: '2026-11-28T15:30:00Z' },
  { args: ['ack', 'INC-2026-1128-001'], at: '2026-11-28T15:31:00Z' },
  { args: ['show', 'INC-2026-1128-404'], at: '2026-11-28T15:31:00Z' },
  { args: ['step', 'INC-2026-1128-002', 'no-such-step'], at: '2026-11-28T15:31:00Z' },
  { args: ['timeline', 'INC-2026-1128-001'], at: '2026-11-28T15:32:00Z' },
  { args: ['timeline', 'INC-2026-1128-001', '--json'], at: '2026-11-28T15:32:00Z' },
  { args: ['audit', 'verify'], at: '2026-11-28T15:32:00Z' },
];

/** Global chain sequence numbers differ: the server's chain also links its admin lines. Everything else must match. */
const sameSequences = (text: string): string => text.replace(/"seq": \d+/g, '"seq": N');

describe('remote mode (--api) prints what local mode prints', () => {
  const localCwd = tempDir();
  const serverCwd = tempDir();
  const clientCwd = tempDir();
  let server: ServeProcess;
  let token: string;

  before(async () => {
    // Every line printed depends on "now", so the server's clock is fixed like the CLI's (IR_NOW)
    // and the server is restarted whenever the story's time moves on; that also shows the state
    // survives restarts.
    token = await createToken(serverCwd, {}, 'tester', 'admin');
  });
  after(async () => { await server?.stop(); });

  it('for every verb, output and exit code are identical', async () => {
    let currentAt = '';
    for (const step of story) {
      if (step.at !== currentAt) {
        await server?.stop();
        server = await startServe(serverCwd, { IR_NOW: step.at });
        currentAt = step.at;
      }
      const local = await runBin(step.args, { cwd: localCwd, env: { IR_NOW: step.at } });
      const remote = await runBin(step.args, { cwd: clientCwd, env: { IR_NOW: step.at, IR_API_URL: server.url, IR_TOKEN: token } });
      const label = step.args.join(' ');
      assert.equal(remote.code, local.code, `${label}: exit ${remote.code} vs ${local.code}\n${remote.stderr}`);
      if (step.args[0] === 'audit') {
        // The server's chain also holds its own admin lines (the token, its sign-in) and the
        // checkpoints serve signs with its key: the same verdict, over more links.
        assert.match(local.stdout, /^OK: /, label);
        assert.match(remote.stdout, /^OK: /, label);
        continue;
      }
      assert.equal(sameSequences(remote.stdout), sameSequences(local.stdout), label);
      assert.equal(remote.stderr, local.stderr, label);
    }
  });

  it('refuses a wrong token with 401 wording and never prints the token', async () => {
    const bad = 'irt_' + 'x'.repeat(43);
    const r = await runBin(['list'], { cwd: clientCwd, env: { IR_API_URL: server.url, IR_TOKEN: bad } });
    assert.equal(r.code, 8, r.stderr);
    assert.doesNotMatch(r.stderr + r.stdout, /xxxxxxxxxx/);
    assert.match(r.stderr, /IR_TOKEN/);
  });

  it('says clearly when the server cannot be reached', async () => {
    const r = await runBin(['list'], { cwd: clientCwd, env: { IR_API_URL: 'http://127.0.0.1:9', IR_TOKEN: token } });
    assert.equal(r.code, 7);
    assert.match(r.stderr, /cannot reach the server at http:\/\/127\.0\.0\.1:9/);
  });
});
