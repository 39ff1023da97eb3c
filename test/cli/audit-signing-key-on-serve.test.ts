import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../support/stores.js';
import { startServe } from '../http/serve-process.js';

/** The log line serve writes about its signing key. */
function keyLine(output: string): { keyFile: string; keyId: string; created: boolean } {
  for (const line of output.split('\n')) {
    if (!line.includes('"keyFile"')) continue;
    return JSON.parse(line) as { keyFile: string; keyId: string; created: boolean };
  }
  throw new Error(`serve did not say where its audit signing key is:\n${output}`);
}

for (const kind of STORE_KINDS) {
  describe(`serve signs audit checkpoints by default with a key kept outside the database (${kind})`, () => {
    let db: TestDatabase;
    const cwd = tempDir('ir-audit-key-');
    let env: Record<string, string>;
    const ir = async (args: string[], expect = 0) => {
      const r = await runBin(args, { cwd, env });
      assert.equal(r.code, expect, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
      return r;
    };
    before(async () => {
      db = await createTestDatabase(kind);
      env = { ...(db.kind === 'sqlite' ? { IR_DB: db.location } : { DATABASE_URL: db.location }), IR_USER: 'dana' };
    });
    after(() => db.cleanup());

    let firstKey: { keyFile: string; keyId: string };

    it('creates the key on first start (mode 0600, its path printed) and signs a checkpoint', async () => {
      await ir(['critical', 'security', 'production', '--title', 'Customer database exposed']);
      const serve = await startServe(cwd, env);
      assert.equal(await serve.stop(), 0, serve.output());
      const key = keyLine(serve.output());
      assert.equal(key.created, true);
      const expected = kind === 'sqlite' ? `${db.location}.audit-key.pem` : join(cwd, '.local', 'state', 'incident-response');
      assert.ok(key.keyFile.startsWith(expected), `${key.keyFile} is not under ${expected}`);
      assert.equal(statSync(key.keyFile).mode & 0o777, 0o600);
      assert.doesNotMatch(serve.output(), /PRIVATE KEY/);
      firstKey = key;

      const verify = await ir(['audit', 'verify']);
      assert.match(verify.stdout, /^OK: \d+ events verified/);
      assert.ok(verify.stdout.includes(`Signing key: ${key.keyFile} (key id ${key.keyId})`), verify.stdout);
      assert.match(verify.stdout, /1 signed checkpoint signed by key [0-9a-f]{16} .* match the chain \(last #1 at sequence \d+\)/);
    });

    it('reuses the key on the second start and signs the head it finds', async () => {
      await ir(['high', 'outage', 'production', '--title', 'Checkout down']);
      const serve = await startServe(cwd, env);
      assert.equal(await serve.stop(), 0, serve.output());
      const key = keyLine(serve.output());
      assert.deepEqual([key.created, key.keyFile, key.keyId], [false, firstKey.keyFile, firstKey.keyId]);
      assert.match((await ir(['audit', 'verify'])).stdout, /2 signed checkpoints signed by key/);
    });

    it('names the checkpoints removed when the tail of the chain is deleted, the head fixed and the checkpoints removed', async () => {
      await db.disableAuditGuard();
      const [last] = await db.rawExec('select incident_id from ir_events order by seq desc limit 1') as { incident_id: string }[];
      const [first] = await db.rawExec('select min(seq) as seq from ir_events where incident_id = ?', [last!.incident_id]) as { seq: number | string }[];
      const cut = Number(first!.seq) - 1;
      const [row] = await db.rawExec('select hash from ir_events where seq = ? union all select hash from ir_admin_audit where seq = ?', [cut, cut]) as { hash: string }[];
      await db.rawExec('delete from ir_events where seq > ?', [cut]);
      await db.rawExec('delete from ir_admin_audit where seq > ?', [cut]);
      await db.rawExec('update ir_chain_head set seq = ?, hash = ? where id = 1', [cut, row!.hash]);
      await db.rawExec('delete from ir_incidents where id = ?', [last!.incident_id]);
      await db.rawExec('delete from ir_audit_checkpoints where ordinal > 1');

      const broken = await ir(['audit', 'verify'], 11);
      assert.match(broken.stdout, /^BROKEN at sequence \d+ \(checkpoint, key [0-9a-f]{16}\): 1 checkpoint was removed: the last signed checkpoint known to this key is #2 at seq \d+; the database holds #1\./);
    });
  });
}
