import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

describe('token verbs of the CLI', () => {
  it('creates a token shown once with a warning, lists it without the secret, and revokes it by name', async () => {
    const cwd = tempDir();
    const created = await runBin(['token', 'create', '--name', 'ci', '--role', 'responder', '--team', 'security'], { cwd });
    assert.equal(created.code, 0, created.stderr);
    const token = /\b(irt_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    assert.ok(token, created.stdout);
    assert.match(created.stderr, /not shown again/);

    const list = await runBin(['token', 'list'], { cwd });
    assert.match(list.stdout, /^NAME\s+ROLE\s+TEAMS\s+SCOPES\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED$/m);
    assert.match(list.stdout, new RegExp(`^ci\\s+responder\\s+security\\s+read,ingest,write\\s+${token.slice(0, 12)}\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z\\s+-\\s+-$`, 'm'));
    assert.ok(!list.stdout.includes(token.slice(12)));

    const duplicate = await runBin(['token', 'create', '--name', 'ci', '--role', 'viewer'], { cwd });
    assert.equal(duplicate.code, 5);
    assert.match(duplicate.stderr, /A token named 'ci' already exists/);

    assert.equal((await runBin(['token', 'revoke', 'ci'], { cwd })).code, 0);
    const json = JSON.parse((await runBin(['token', 'list', '--json'], { cwd })).stdout) as { name: string; revokedAt: string | null }[];
    assert.equal(json[0]?.name, 'ci');
    assert.notEqual(json[0]?.revokedAt, null);
    assert.equal((await runBin(['token', 'revoke', 'nobody'], { cwd })).code, 3);
  });

  it('limits a token to the scopes given with --scope, and refuses an unknown scope naming it', async () => {
    const cwd = tempDir();
    const created = await runBin(['token', 'create', '--name', 'scraper', '--role', 'viewer', '--scope', 'read,ingest'], { cwd });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created token 'scraper' \(viewer, scopes read,ingest\):/);
    const json = JSON.parse((await runBin(['token', 'list', '--json'], { cwd })).stdout) as { name: string; scopes: string[] }[];
    assert.deepEqual(json.find((t) => t.name === 'scraper')?.scopes, ['read', 'ingest']);
    const bad = await runBin(['token', 'create', '--name', 'odd', '--role', 'viewer', '--scope', 'read,admin'], { cwd });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /scopes: unknown scope 'admin'; a token's scopes are read, ingest, write/);
  });

  it('refuses an unknown role and a bad port with usage exit codes', async () => {
    const cwd = tempDir();
    const role = await runBin(['token', 'create', '--name', 'x', '--role', 'root'], { cwd });
    assert.equal(role.code, 2);
    assert.match(role.stderr, /unknown role 'root'/);
    const port = await runBin(['serve', '--port', '99999'], { cwd });
    assert.equal(port.code, 2);
    assert.match(port.stderr, /port must be a whole number from 0 to 65535/);
  });
});
