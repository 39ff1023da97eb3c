import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../../domain/errors/index.js';
import { openSqliteStore } from './sqlite-incident-store.js';

describe('openSqliteStore', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ir-sqlite-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing parent directories and the database in WAL mode', async () => {
    const path = join(dir, 'a', 'b', 'incidents.db');
    const store = await openSqliteStore(path);
    assert.deepEqual(await store.chainHead(), { seq: 0, hash: '0'.repeat(64) });
    await store.close();
    const { default: Sqlite } = await import('better-sqlite3');
    const raw = new Sqlite(path, { fileMustExist: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      raw.close();
    }
  });

  it('says which file it cannot open, and why, when the directory cannot be created', async () => {
    const blocker = join(dir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const path = join(blocker, 'incidents.db');
    await assert.rejects(openSqliteStore(path), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'STORE_UNAVAILABLE');
      assert.ok(error.message.startsWith(`cannot open database file '${path}': `), error.message);
      return true;
    });
  });

  it('fails instead of spinning when a parent directory is a dangling symlink', async () => {
    const dangling = join(dir, 'dangling');
    await symlink(join(dir, 'gone'), dangling);
    const path = join(dangling, 'sub', 'incidents.db');
    await assert.rejects(openSqliteStore(path), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'STORE_UNAVAILABLE');
      assert.match(error.message, /ENOENT/);
      return true;
    });
  });

  it('says which file is damaged or not a database, and points at the backup', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'these are not the incidents you are looking for '.repeat(100));
    await assert.rejects(openSqliteStore(path), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'STORE_CORRUPT');
      assert.equal(error.message, `The SQLite database '${path}' is damaged or is not a database (file is not a database).`);
      assert.match(error.hint ?? '', /restore .* from your latest backup/);
      return true;
    });
  });
});
