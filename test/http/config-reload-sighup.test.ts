// Story: `serve` runs; an operator edits incident-response.yaml and sends SIGHUP (systemctl
// reload). The new rotation answers at once, the log says what changed and the audit trail has the
// reload. Then a broken file and another SIGHUP: the log names the line, and nothing changes.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { createToken, startServe, type ServeProcess } from './serve-process.js';

const env = { IR_NOW: '2026-11-01T04:00:00Z' };

/** Resolves once the server's output matches `pattern` after `from` characters; fails (never sleeps) when the process ends first. */
function waitForOutput(server: ServeProcess, pattern: RegExp, from: number): Promise<string> {
  return new Promise((done, fail) => {
    const check = () => {
      const text = server.output().slice(from);
      if (!pattern.test(text)) return false;
      server.child.stdout.off('data', check);
      server.child.stderr.off('data', check);
      done(text);
      return true;
    };
    if (check()) return;
    server.child.stdout.on('data', check);
    server.child.stderr.on('data', check);
    void server.exited().then(() => fail(new Error(`serve ended before ${pattern}:\n${server.output()}`)));
  });
}

describe('serve reloads its configuration on SIGHUP', () => {
  const cwd = tempDir();
  const file = join(cwd, 'incident-response.yaml');
  let server: ServeProcess;
  let token: string;
  const onCall = async () => {
    const res = await fetch(`${server.url}/api/v1/oncall?schedule=primary`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    return ((await res.json()) as { schedules: { onCall: { name: string } | null }[] }).schedules[0]?.onCall?.name;
  };
  before(async () => {
    copyFileSync(resolve('test/fixtures/oncall.yaml'), file);
    token = await createToken(cwd, env, 'ops', 'admin');
    server = await startServe(cwd, env);
  });
  after(async () => { await server?.stop(); });

  it('answers with the new rotation after SIGHUP, and logs and audits what changed', async () => {
    assert.equal(await onCall(), 'Alice Adams');
    writeFileSync(file, readFileSync(file, 'utf8').replace('participants: [alice, bob]', 'participants: [bob, alice]'));
    const mark = server.output().length;
    server.child.kill('SIGHUP');
    const logged = await waitForOutput(server, /configuration reloaded/, mark);
    assert.match(logged, /configuration reloaded: schedules changed/);
    assert.equal(await onCall(), 'Bob Brown');
    const audit = await runBin(['audit', 'log', '--json'], { cwd, env });
    assert.equal(audit.code, 0, audit.stderr);
    const reload = (JSON.parse(audit.stdout) as { action: string; actor: string; detail: string }[]).find((a) => a.action === 'config.reload');
    assert.equal(reload?.actor, 'SIGHUP');
    const detail = JSON.parse(reload?.detail ?? '{}') as { sections: string[]; schedules: { changed: string[] } };
    assert.deepEqual([detail.sections, detail.schedules.changed], [['schedules'], ['primary']]);
  });

  it('keeps the running configuration when the edited file is invalid, and logs the line', async () => {
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nescalation_policies_typo: true\n`);
    const mark = server.output().length;
    server.child.kill('SIGHUP');
    const logged = await waitForOutput(server, /configuration NOT reloaded/, mark);
    assert.match(logged, /incident-response\.yaml:\d+:\d+: .*unknown key 'escalation_policies_typo'/);
    assert.equal(await onCall(), 'Bob Brown');
    assert.equal(server.child.exitCode, null, 'still serving');
  });
});
