/* eslint-disable no-control-regex -- these tests look for escape sequences in the output */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import stringWidth from 'string-width';
import { createApp } from '../../src/main/create-app.js';
import { epochMs } from '../../src/domain/time/index.js';
import { BIN, runBin, tempDir } from '../support/cli.js';

// What the CLI prints fits the terminal, colours only a terminal that wants colour, never lets an
// incident's text drive the terminal, and stops quietly when the reader of a pipe goes away.

const T0 = '2026-11-28T14:30:00Z';
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const HOSTILE_TITLE = 'Payments \x1b[31mRED\x1b[0m\r\nforged line\u009b2J end';

describe('list fits the terminal and colours only a terminal', () => {
  let cwd: string;
  const ir = (args: string[], env: Record<string, string> = {}) => runBin(args, { cwd, env: { IR_NOW: T0, ...env } });

  before(async () => {
    cwd = tempDir();
    const declare = [
      ['critical', 'outage', 'production', '--service', 'checkout-payments-gateway-eu-west', '--title', 'Checkout API returns 502 for every card payment in the EU and the retry queue is growing fast'],
      ['high', 'performance', 'development', '--service', 'search', '--title', 'Search latency p99 above 4 seconds since the index rebuild'],
      ['medium', 'integration', 'staging', '--title', '決済サービスの応答が遅い — 決済 🔥 partner webhook backlog'],
      ['low', 'data', 'production', '--title', 'Nightly export missing two columns'],
    ];
    for (const args of declare) assert.equal((await ir(args)).code, 0);
    assert.equal((await ir(['ack', '001'])).code, 0);
  });

  for (const columns of [80, 120]) {
    it(`keeps every line of list within COLUMNS=${columns}, cutting titles with …`, async () => {
      const r = await ir(['list'], { COLUMNS: String(columns), IR_NOW: '2026-11-28T16:40:00Z' });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.replace(/\n$/, '').split('\n');
      assert.equal(lines.length, 5);
      for (const line of lines) assert.ok(stringWidth(line) <= columns, `${stringWidth(line)} > ${columns}: ${line}`);
      assert.match(r.stdout, /INC-2026-1128-001 .*Checkout API returns 502.*…$/m);
      assert.match(r.stdout, /SEV-1/);
      assert.match(lines[0]!, /^ID +SEV .*TITLE$/);
    });
  }

  it('leaves lines whole when stdout is not a terminal and COLUMNS is not set', async () => {
    const r = await ir(['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /production +acknowledged .*checkout-payments-gateway-eu-west +Checkout API returns 502 for every card payment in the EU a…$/m);
  });

  it('colours severities and overdue clocks with FORCE_COLOR, and never with NO_COLOR', async () => {
    const later = '2026-11-28T16:40:00Z';
    const forced = await ir(['list'], { FORCE_COLOR: '1', NO_COLOR: '', IR_NOW: later });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /\x1b\[31mSEV-1\x1b\[39m/);
    assert.match(forced.stdout, /\x1b\[33mSEV-2\x1b\[39m/);
    // The SEV-1's next update (due 15:00) is overdue at 16:40.
    assert.match(forced.stdout, /\x1b\[31m15:00 UTC!\x1b\[39m/);
    const both = await ir(['list'], { FORCE_COLOR: '1', NO_COLOR: '1', IR_NOW: later });
    assert.doesNotMatch(both.stdout, /\x1b/);
    const piped = await ir(['list'], { NO_COLOR: '', IR_NOW: later });
    assert.doesNotMatch(piped.stdout, /\x1b/);
  });
});

describe('control characters in incident text', () => {
  let cwd: string;
  const ir = (args: string[], env: Record<string, string> = {}) => runBin(args, { cwd, env: { IR_NOW: T0, ...env } });

  before(async () => {
    cwd = tempDir();
    const r = await ir(['critical', 'outage', 'production', '--title', HOSTILE_TITLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await ir(['note', '001', 'first line\nsecond \x1b[2Jline\r\nthird'])).code, 0);
  });

  for (const args of [['list'], ['show', '001'], ['timeline', '001'], ['audit', 'log'], ['critical', 'outage', 'staging', '--title', HOSTILE_TITLE]]) {
    it(`shows them as visible escapes in "${args[0]}", colour on or off`, async () => {
      for (const env of [{}, { FORCE_COLOR: '1', NO_COLOR: '' }] as Record<string, string>[]) {
        const r = await ir(args, env);
        assert.equal(r.code, 0, r.stderr);
        const withoutOwnColours = r.stdout.replace(/\x1b\[\d{1,2}m/g, '');
        assert.doesNotMatch(withoutOwnColours, RAW_CONTROL, JSON.stringify(r.stdout));
        assert.doesNotMatch(r.stdout, /\x1b\[31mRED/);
        if (args[0] !== 'audit') assert.ok(r.stdout.includes('Payments \\x1b[31mRED\\x1b[0m⏎forged line\\x9b2J end'), r.stdout);
      }
    });
  }

  it('keeps the line breaks of a note on the timeline, without its escape sequences', async () => {
    const r = await ir(['timeline', '001']);
    assert.match(r.stdout, /first line\n {21}second line\n {21}third$/m);
  });

  it('keeps --json exact and parseable', async () => {
    const r = await ir(['show', '001', '--json']);
    assert.equal(JSON.parse(r.stdout).title, HOSTILE_TITLE);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
  });
});

describe('a pipe closed by its reader', () => {
  let cwd: string;
  let db: string;

  before(async () => {
    cwd = tempDir();
    db = join(cwd, 'incident-response.db');
    // Enough output to overflow a pipe (64 KiB) long before the command is done writing.
    const app = await createApp({ cwd, env: {}, dbPath: db, clock: { now: () => epochMs(Date.parse(T0)) } });
    try {
      const api = app.apiFor({ name: 'tester', role: 'admin', teams: [] });
      for (let n = 1; n <= 700; n++) await api.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `Incident number ${n} with a title long enough to fill a line of the list` });
      for (let n = 1; n <= 500; n++) await api.addNote('INC-2026-1128-001', `Note ${n}: ${'the queue drained a little more, still watching it '.repeat(3)}`);
    } finally {
      await app.close();
    }
  });
  after(() => undefined);

  /** Runs the CLI with its stdout read until the first line, then closed, like `| head -1`. */
  function firstLineThenClose(args: string[]): Promise<{ code: number | null; signal: string | null; first: string; stderr: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd, IR_USER: 'tester', NO_COLOR: '1', IR_NOW: T0, IR_DB: db }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let first = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        if (first.includes('\n')) return;
        first += d.toString();
        if (first.includes('\n')) {
          first = first.slice(0, first.indexOf('\n'));
          child.stdout.destroy();
        }
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', fail);
      child.on('close', (code, signal) => done({ code, signal, first, stderr }));
    });
  }

  for (const [args, firstLine] of [
    [['list', '--limit', '1000'], /^ID +SEV/],
    [['audit', 'log', '--limit', '1000'], /^2026-11-28T14:30:00Z {2}tester/],
    [['timeline', '001'], /^Timeline of INC-2026-1128-001$/],
  ] as const) {
    it(`ends "${args.join(' ')} | head -1" quietly with exit 0`, async () => {
      const r = await firstLineThenClose([...args]);
      assert.match(r.first, firstLine);
      assert.equal(r.stderr, '');
      assert.equal(r.signal, null);
      assert.equal(r.code, 0);
    });
  }
});
