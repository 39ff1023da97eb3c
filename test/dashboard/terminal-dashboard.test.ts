// `incident-response dashboard` as a person runs it: in a pseudo-terminal (util-linux `script`),
// live, redrawn when an incident is declared from another shell, quit with q; printed once into a
// pipe; and against a server with --api, refreshed from its event stream.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { BIN, runBin, tempDir } from '../support/cli.js';

const T0 = '2026-12-06T14:00:00Z';
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\r/g;

/** A command in a 120×40 pseudo-terminal; its screen output with escapes removed. */
class Pty {
  private raw = '';
  readonly exit: Promise<number | null>;
  private readonly child: ChildProcess;
  constructor(args: readonly string[], cwd: string, env: Record<string, string>) {
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    this.child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${quoted}`, '/dev/null'], {
      cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', HOME: cwd, IR_USER: 'tester', TERM: 'xterm-256color', ...env },
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.raw += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.raw += d.toString()));
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }
  text(): string {
    return this.raw.replace(ANSI, '');
  }
  /** Resolves once the screen output shows `pattern` (the test's own timeout bounds the wait). */
  async waitFor(pattern: RegExp): Promise<void> {
    while (!pattern.test(this.text())) {
      if (this.child.exitCode !== null) assert.fail(`the dashboard exited (${this.child.exitCode}) before showing ${pattern}:\n${this.text()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  type(keys: string): void {
    this.child.stdin!.write(keys);
  }
  kill(): void {
    if (this.child.exitCode === null && this.child.pid !== undefined) {
      try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }
}

describe('incident-response dashboard', () => {
  const ptys: Pty[] = [];
  const servers: ServeProcess[] = [];
  after(async () => {
    for (const p of ptys) p.kill();
    for (const s of servers) await s.stop();
  });

  it('printed into a pipe: the product description\'s layout, SEV-1 first with elapsed time', async () => {
    const cwd = tempDir();
    const env = { IR_NOW: T0 };
    assert.equal((await runBin(['medium', 'performance', 'production', '--title', 'Search is slow'], { cwd, env })).code, 0);
    assert.equal((await runBin(['critical', 'outage', 'production', '--title', 'Checkout API down'], { cwd, env: { IR_NOW: '2026-12-06T14:15:00Z' } })).code, 0);
    const r = await runBin(['dashboard'], { cwd, env: { IR_NOW: '2026-12-06T15:00:00Z' } });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^Incident Monitoring Dashboard {3}15:00:00 UTC \(UTC\+00:00\) · local database$/);
    assert.equal(lines[1], '=============================');
    assert.deepEqual(lines.slice(3, 6), [
      '[ALERT] Active Incidents (2)   SEV-1 1 · SEV-3 1',
      '├── INC-2026-1206-002: Checkout API down - 45 minutes elapsed  SEV-1 triggered, no commander · response overdue, update overdue',
      '└── INC-2026-1206-001: Search is slow - 1 hour elapsed  SEV-3 triggered, no commander',
    ]);
    assert.ok(lines.includes('[STATS] System Health Overview'));
    assert.ok(lines.includes('[SCAN] Recent Anomalies'));
    assert.ok(lines.includes('[TOOLS] Active Remediation'));

    const json = await runBin(['dashboard', '--json'], { cwd, env: { IR_NOW: '2026-12-06T15:00:00Z' } });
    assert.equal(json.code, 0);
    assert.deepEqual((JSON.parse(json.stdout) as { activeIncidents: { id: string }[] }).activeIncidents.map((i) => i.id), ['INC-2026-1206-002', 'INC-2026-1206-001']);
  });

  it('live in a terminal: redrawn when an incident is declared elsewhere, and q quits', async () => {
    const cwd = tempDir();
    assert.equal((await runBin(['high', 'outage', 'production', '--title', 'Payments degraded'], { cwd })).code, 0);
    const pty = new Pty(['dashboard'], cwd, {});
    ptys.push(pty);
    await pty.waitFor(/Active Incidents \(1\)[\s\S]*Payments degraded - under a minute elapsed/);
    assert.equal((await runBin(['critical', 'outage', 'production', '--title', 'Login broken'], { cwd })).code, 0);
    await pty.waitFor(/Active Incidents \(2\)[\s\S]*Login broken/);
    pty.type('q');
    assert.equal(await pty.exit, 0, pty.text());
  });

  it('--api: read from a server and refreshed by its event stream', async () => {
    const serverCwd = tempDir();
    const token = await createToken(serverCwd, {}, 'dash', 'viewer');
    const admin = await createToken(serverCwd, {}, 'root', 'admin');
    const server = await startServe(serverCwd, {});
    servers.push(server);
    const clientCwd = tempDir();
    const pty = new Pty(['dashboard'], clientCwd, { IR_API_URL: server.url, IR_TOKEN: token });
    ptys.push(pty);
    await pty.waitFor(/Active Incidents \(0\)[\s\S]*No active incidents/);
    assert.match(pty.text(), new RegExp(`· ${server.url.replace(/[/.]/g, '\\$&').replace(/\/$/, '')}`));
    const declared = await runBin(['critical', 'outage', 'production', '--title', 'Region eu-west-1 down'], { cwd: clientCwd, env: { IR_API_URL: server.url, IR_TOKEN: admin } });
    assert.equal(declared.code, 0, declared.stderr);
    await pty.waitFor(/Active Incidents \(1\)[\s\S]*Region eu-west-1 down/);
    pty.type('q');
    assert.equal(await pty.exit, 0, pty.text());
  });

  it('--api with a wrong token says so and exits non-zero', async () => {
    const serverCwd = tempDir();
    const server = await startServe(serverCwd, {});
    servers.push(server);
    const r = await runBin(['dashboard', '--once'], { cwd: tempDir(), env: { IR_API_URL: server.url, IR_TOKEN: 'ir_wrong' } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /token/i);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
