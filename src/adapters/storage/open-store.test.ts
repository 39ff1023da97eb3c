import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../../domain/errors/index.js';
import { openStore } from './index.js';

describe('openStore', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ir-open-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the SQLite file when no database URL is set', async () => {
    const sqlitePath = join(dir, 'default.db');
    const store = await openStore({ sqlitePath });
    await store.close();
    assert.ok(existsSync(sqlitePath));
  });

  for (const scheme of ['postgres', 'postgresql', 'POSTGRES']) {
    it(`opens PostgreSQL for a ${scheme}:// URL`, async () => {
      const sqlitePath = join(dir, `${scheme}.db`);
      await assert.rejects(openStore({ databaseUrl: `${scheme}://nobody@127.0.0.1:1/x`, sqlitePath }), (error: unknown) => {
        assert.ok(isAppError(error));
        assert.match(error.message, /^cannot reach PostgreSQL at 127\.0\.0\.1:1/);
        return true;
      });
      assert.ok(!existsSync(sqlitePath));
    });
  }

  it('treats an empty database URL as unset and opens the SQLite file', async () => {
    const sqlitePath = join(dir, 'empty-url.db');
    const store = await openStore({ databaseUrl: '', sqlitePath });
    await store.close();
    assert.ok(existsSync(sqlitePath));
  });

  for (const url of ['postgress://ops:s3cret@db.internal:5432/incidents', 'mysql://ops:s3cret@db.internal/incidents', 'sqlite:///var/lib/ir.db', 'db.internal:5432/incidents']) {
    it(`refuses the database URL ${url.replace(/:s3cret@/, ':…@')} naming the accepted schemes, and creates no SQLite file`, async () => {
      const sqlitePath = join(dir, `typo-${url.length}.db`);
      await assert.rejects(openStore({ databaseUrl: url, sqlitePath }), (error: unknown) => {
        assert.ok(isAppError(error));
        assert.equal(error.code, 'CONFIG_INVALID');
        assert.match(error.message, /postgres:\/\/ or postgresql:\/\//);
        assert.doesNotMatch(error.message + (error.hint ?? ''), /s3cret/);
        return true;
      });
      assert.ok(!existsSync(sqlitePath));
    });
  }

  it('never loads the PostgreSQL driver for a SQLite store', () => {
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      const { openStore } = await import(${JSON.stringify(index)});
      const store = await openStore({ sqlitePath: ${JSON.stringify(join(dir, 'lazy.db'))} });
      await store.write((tx) => tx.nextIncidentNumber('2026-1128'));
      await store.close();
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ pg: loaded.some((f) => /node_modules[\\\\/]pg[\\\\/]/.test(f)), sqlite: loaded.some((f) => f.includes('better-sqlite3')) }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { pg: false, sqlite: true });
  });
});
