// A SQLite file whose pages were overwritten (a disk or copy gone wrong): the CLI names the file and
// points at the backup with its own exit code, the API answers 503 STORE_CORRUPT, and /readyz takes
// the instance out of rotation while /healthz keeps answering.
import assert from 'node:assert/strict';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODE } from '../../src/adapters/cli/index.js';
import { startServe, createToken, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir } from '../support/cli.js';

type ErrorBody = { error: { code: string; message: string } };

/**
 * Writes garbage over every page of the (closed, checkpointed) database but the schema's (page 1
 * holds the header) and the migrations table's, so the file still opens and only the data is damaged.
 */
async function corruptDataPages(path: string): Promise<void> {
  const { default: Sqlite } = await import('better-sqlite3');
  const raw = new Sqlite(path, { readonly: true, fileMustExist: true });
  let pageSize: number;
  let keep: Set<number>;
  try {
    pageSize = raw.pragma('page_size', { simple: true }) as number;
    const kept = raw.prepare("select pageno from dbstat where name in ('sqlite_schema', 'ir_schema_migrations')").all() as { pageno: number }[];
    keep = new Set(kept.map((r) => r.pageno));
  } finally {
    raw.close();
  }
  const pages = (await stat(path)).size / pageSize;
  assert.ok(pages > 10, `only ${pages} pages`);
  const file = await open(path, 'r+');
  try {
    const garbage = Buffer.alloc(pageSize, 0xa5);
    for (let page = 2; page <= pages; page++) {
      if (!keep.has(page)) await file.write(garbage, 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    await file.close();
  }
}

describe('a SQLite file with damaged pages', () => {
  let cwd: string;
  let db: string;
  let env: Record<string, string>;
  let token: string;
  let serve: ServeProcess | undefined;
  const escaped = () => db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  before(async () => {
    cwd = tempDir('ir-sqlite-corrupt-');
    db = join(cwd, 'incidents.db');
    env = { IR_DB: db };
    token = await createToken(cwd, env, 'reader', 'viewer');
    for (const title of ['One', 'Two', 'Three']) {
      const r = await runBin(['low', 'outage', 'staging', '--title', title], { cwd, env });
      assert.equal(r.code, 0, r.stderr);
    }
    await corruptDataPages(db);
  });

  after(async () => {
    await serve?.stop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('the CLI names the file, says it is damaged, points at the backup and exits with the STORE_CORRUPT code', async () => {
    const r = await runBin(['list'], { cwd, env });
    assert.equal(r.code, EXIT_CODE.STORE_CORRUPT);
    assert.notEqual(EXIT_CODE.STORE_CORRUPT, EXIT_CODE.INTERNAL);
    assert.match(r.stderr, new RegExp(`^error: The SQLite database '${escaped()}' is damaged`, 'm'));
    assert.match(r.stderr, /backup/);
    assert.doesNotMatch(r.stderr, /bug|\n\s+at /);
  });

  it('the API answers 503 STORE_CORRUPT, /readyz 503 STORE_CORRUPT, /healthz 200', async () => {
    serve = await startServe(cwd, env);
    const res = await fetch(`${serve.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 503);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, 'STORE_CORRUPT');
    assert.ok(!body.error.message.includes(db), 'the API does not disclose the file path');
    const ready = await fetch(`${serve.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as ErrorBody).error.code, 'STORE_CORRUPT');
    assert.equal((await fetch(`${serve.url}/healthz`)).status, 200);
  });
});
