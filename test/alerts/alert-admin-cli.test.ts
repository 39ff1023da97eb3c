import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

describe('integration and silence verbs', () => {
  it('creates a key shown once, lists it without the key, silences and expires, all audited', async () => {
    const cwd = tempDir();
    try {
      const created = await runBin(['integration', 'create', '--source', 'pagerduty-events', '--name', 'prom', '--service', 'checkout', '--json'], { cwd });
      assert.equal(created.code, 0, created.stderr);
      const key = (JSON.parse(created.stdout) as { key: string }).key;
      assert.match(key, /^iri_/);
      const list = await runBin(['integration', 'list'], { cwd });
      assert.match(list.stdout, /prom {2}pagerduty-events {2}checkout {2}iri_/);
      assert.ok(!list.stdout.includes(key));

      const silence = await runBin(['silence', 'create', '--match', 'alertname=Foo', '--for', '2h', '--reason', 'planned failover', '--json'], { cwd });
      assert.equal(silence.code, 0, silence.stderr);
      const id = (JSON.parse(silence.stdout) as { id: string; state: string }).id;
      assert.match((await runBin(['silence', 'list'], { cwd })).stdout, new RegExp(`${id} {2}active {2}alertname="Foo"`));
      const expired = await runBin(['silence', 'expire', id], { cwd });
      assert.match(expired.stdout, /is expired/);
      const revoked = await runBin(['integration', 'revoke', 'prom'], { cwd });
      assert.match(revoked.stdout, /Revoked integration 'prom'/);
      const bad = await runBin(['silence', 'create', '--match', 'no matcher', '--for', '2h', '--reason', 'x'], { cwd });
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /not a label matcher/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
