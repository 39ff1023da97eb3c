import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { STORE_KINDS, createTestDatabase } from '../../../test/support/stores.js';
import { verifyStoredChain } from '../../../test/support/incidents.js';
import { MIGRATIONS } from './shared/migrations.js';

const CHILD = fileURLToPath(new URL('../../../test/support/open-store-process.ts', import.meta.url));
const PROCESSES = 20;

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startChild(kind: string, location: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, kind, location], { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { signalReady = resolve; });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const done = once(child, 'exit').then(([code]) => {
    signalReady(); // a child that died early must not hold up the others
    return { code: code as number | null, stdout, stderr };
  });
  return { process: child, ready, done };
}

for (const kind of STORE_KINDS) {
  describe(`${kind} store opened by ${PROCESSES} processes at once`, () => {
    it('migrates a fresh database exactly once and serialises their writes', { timeout: 120_000 }, async () => {
      const database = await createTestDatabase(kind);
      try {
        const children = Array.from({ length: PROCESSES }, () => startChild(kind, database.location));
        // Every process is loaded and waiting before any of them opens the database.
        await Promise.all(children.map((c) => c.ready));
        for (const c of children) c.process.stdin.end('go\n');
        const results = await Promise.all(children.map((c) => c.done));

        for (const r of results) assert.equal(r.code, 0, r.stderr);
        const ids = results.map((r) => (JSON.parse(r.stdout.split('\n')[1]!) as { id: string }).id).sort();
        assert.deepEqual(ids, Array.from({ length: PROCESSES }, (_, i) => `INC-2026-1128-${String(i + 1).padStart(3, '0')}`));

        const migrations = await database.rawExec('select version from ir_schema_migrations');
        assert.equal(migrations.length, MIGRATIONS.length);
        const store = await database.open();
        const { broken, verifier } = await verifyStoredChain(store, 8);
        assert.equal(broken, undefined);
        assert.equal(verifier.count, PROCESSES);
      } finally {
        await database.cleanup();
      }
    });
  });
}
