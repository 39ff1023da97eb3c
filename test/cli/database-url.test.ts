import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

describe('DATABASE_URL on the command line', () => {
  for (const url of ['postgress://ops:s3cret@db.internal:5432/incidents', 'mysql://ops:s3cret@db.internal/incidents']) {
    const scheme = url.slice(0, url.indexOf(':'));
    it(`refuses a ${scheme}:// URL with exit 6 naming postgres:// and postgresql://, and writes no SQLite file`, async () => {
      const cwd = tempDir();
      const r = await runBin(['critical', 'outage', 'production', '--title', 'Checkout API down'], { cwd, env: { DATABASE_URL: url } });
      assert.equal(r.code, 6, r.stdout + r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^error: The database URL \\(DATABASE_URL\\) is not a PostgreSQL URL: its scheme is '${scheme}://', but only postgres:// or postgresql:// are accepted\\.`));
      assert.match(r.stderr, /unset DATABASE_URL to use the SQLite file/);
      assert.doesNotMatch(r.stderr, /s3cret|at .*\.ts:\d+/);
      assert.deepEqual(readdirSync(cwd), []);
    });
  }

  it('treats an empty DATABASE_URL as unset: the incident goes to the SQLite file', async () => {
    const cwd = tempDir();
    const r = await runBin(['critical', 'outage', 'production', '--title', 'Checkout API down', '--json'], { cwd, env: { DATABASE_URL: '', IR_NOW: '2026-11-28T14:30:00Z' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { id: string }).id, 'INC-2026-1128-001');
    assert.ok(existsSync(join(cwd, 'incident-response.db')));
  });
});
