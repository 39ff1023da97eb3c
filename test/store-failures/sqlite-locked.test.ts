// Another process holds the SQLite write lock: the server answers writes 503 STORE_BUSY with
// Retry-After after its short wait (reads still work), and the CLI, which waits longer, exits with
// its own code and a sentence naming the file and the lock.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODE } from '../../src/adapters/cli/index.js';
import { startServedApp, type ServedApp } from '../e2e/e2e-support.js';
import { runBin, tempDir } from '../support/cli.js';

type ErrorBody = { error: { code: string; message: string } };

/** Starts a process holding BEGIN IMMEDIATE on `path`; resolves once it holds the lock. */
async function holdWriteLock(path: string): Promise<{ release(): Promise<void> }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [new URL('./hold-write-lock.mjs', import.meta.url).pathname, path]);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('locked')) resolve();
      });
      void exited.then(() => reject(new Error(`the lock holder exited: ${out}`)));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    async release() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

describe('SQLite locked by another process', () => {
  let cwd: string;
  let db: string;
  let env: Record<string, string>;
  let app: ServedApp | undefined;

  before(async () => {
    cwd = tempDir('ir-sqlite-locked-');
    db = join(cwd, 'incidents.db');
    env = { IR_DB: db };
    app = await startServedApp(cwd, env);
    const declared = await app.api('POST', '/api/v1/incidents', { severity: 'low', type: 'outage', environment: 'staging', title: 'Before the lock' });
    assert.equal(declared.status, 201);
  });

  after(async () => {
    await app?.serve.stop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('the server answers a write 503 STORE_BUSY with Retry-After, and still serves reads', async () => {
    const lock = await holdWriteLock(db);
    try {
      const write = await app!.api<ErrorBody>('POST', '/api/v1/incidents', { severity: 'low', type: 'outage', environment: 'staging', title: 'While locked' });
      assert.equal(write.status, 503);
      assert.equal(write.json.error.code, 'STORE_BUSY');
      assert.match(write.json.error.message, /^The database is busy: another process holds its write lock\. Try again in \d+ s\./);
      const again = await fetch(`${app!.serve.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ severity: 'low', type: 'outage', environment: 'staging', title: 'While locked' }),
      });
      assert.equal(again.status, 503);
      assert.match(again.headers.get('retry-after') ?? '', /^\d+$/);
      const read = await app!.api<{ items: unknown[] }>('GET', '/api/v1/incidents');
      assert.equal(read.status, 200);
      assert.equal((await fetch(`${app!.serve.url}/readyz`)).status, 200);
    } finally {
      await lock.release();
    }
    const after = await app!.api('POST', '/api/v1/incidents', { severity: 'low', type: 'outage', environment: 'staging', title: 'After the lock' });
    assert.equal(after.status, 201);
  });

  it('the CLI names the file and the lock and exits with the STORE_BUSY code', async () => {
    const lock = await holdWriteLock(db);
    let r;
    try {
      r = await runBin(['low', 'outage', 'staging', '--title', 'From the CLI'], { cwd, env });
    } finally {
      await lock.release();
    }
    assert.equal(r.code, EXIT_CODE.STORE_BUSY);
    assert.notEqual(EXIT_CODE.STORE_BUSY, EXIT_CODE.INTERNAL);
    assert.notEqual(EXIT_CODE.STORE_BUSY, EXIT_CODE.STORE_UNAVAILABLE);
    assert.match(r.stderr, new RegExp(`^error: The SQLite database '${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is locked: another process holds its write lock`, 'm'));
    assert.doesNotMatch(r.stderr, /bug|\n\s+at /);
  });
});
