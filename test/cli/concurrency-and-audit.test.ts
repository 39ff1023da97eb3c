import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../support/stores.js';
import { runBin, tempDir } from '../support/cli.js';

/** Environment that points the CLI at a test database of either kind. */
function dbEnv(db: TestDatabase): Record<string, string> {
  return db.kind === 'sqlite' ? { IR_DB: db.location } : { DATABASE_URL: db.location };
}

for (const kind of STORE_KINDS) {
  describe(`20 CLI processes declaring at the same instant (${kind})`, () => {
    let db: TestDatabase;
    const cwd = tempDir();
    before(async () => { db = await createTestDatabase(kind); });
    after(() => db.cleanup());

    it('get 20 distinct ids, outages INC-…-001–015 and security incidents SEC-…-001–005 without gaps, and the chain verifies', async () => {
      const env = { ...dbEnv(db), IR_NOW: '2026-11-28T17:50:00Z' };
      // All 20 start before any finishes, on a database none of them has created yet; every fourth declares a security incident.
      const runs = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        runBin(['critical', i % 4 === 3 ? 'security' : 'outage', 'production', '--title', `storm ${i}`, '--json'], { cwd, env: { ...env, IR_USER: `p${i}` } })));
      for (const r of runs) assert.equal(r.code, 0, r.stderr);
      const ids = runs.map((r) => (JSON.parse(r.stdout) as { id: string }).id).sort();
      const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-2026-1128-${String(i + 1).padStart(3, '0')}`);
      assert.deepEqual(ids, [...numbered('INC', 15), ...numbered('SEC', 5)]);
      const audit = await runBin(['audit', 'verify', '--json'], { cwd, env });
      assert.equal(audit.code, 0, audit.stdout + audit.stderr);
      assert.deepEqual(JSON.parse(audit.stdout), { ok: true, count: 20, headSeq: 20, incidentsChecked: 20, checkpoints: { count: 0, trust: 'database', lastSeq: null, lastOrdinal: null } });
    });
  });

  describe(`audit verify finds rows changed behind the product's back (${kind})`, () => {
    // Each case gets its own database with the same five events, then one tampering.
    const tamperings: { name: string; sql: string[]; seq: number; incident: string; says: RegExp }[] = [
      {
        name: 'an edited row',
        sql: [`UPDATE ir_events SET data = replace(data, 'identified', 'monitoring') WHERE seq = 4`],
        seq: 4, incident: 'INC-2026-1128-001', says: /does not match its hash: the row was changed/,
      },
      {
        name: 'a deleted row',
        sql: ['DELETE FROM ir_events WHERE seq = 3'],
        seq: 3, incident: 'INC-2026-1128-001', says: /sequence 3 is missing/,
      },
      {
        name: 'two swapped rows',
        sql: ['UPDATE ir_events SET seq = -1 WHERE seq = 2', 'UPDATE ir_events SET seq = 2 WHERE seq = 3', 'UPDATE ir_events SET seq = 3 WHERE seq = -1'],
        // Seq 2 now holds what was seq 3: the declaration of the second incident.
        seq: 2, incident: 'INC-2026-1128-002', says: /does not link to the hash of sequence 1/,
      },
      {
        name: 'the last row deleted',
        sql: ['DELETE FROM ir_events WHERE seq = 5'],
        seq: 5, incident: '', says: /the chain ends at sequence 4 but the recorded head is 5/,
      },
    ];
    for (const t of tamperings) {
      it(`names the first broken sequence for ${t.name}`, async () => {
        const db = await createTestDatabase(kind);
        try {
          const cwd = tempDir();
          const env = { ...dbEnv(db), IR_NOW: '2026-11-28T17:50:00Z' };
          const ir = async (args: string[]) => {
            const r = await runBin(args, { cwd, env });
            assert.equal(r.code, 0, r.stderr);
            return r;
          };
          await ir(['critical', 'outage', 'production', '--title', 'Checkout API down']);
          await ir(['ack', 'INC-2026-1128-001']);
          await ir(['high', 'performance', 'staging']);
          await ir(['update', 'INC-2026-1128-001', '--status', 'identified', '--message', 'pool exhausted']);
          await ir(['resolve', 'INC-2026-1128-002', '--summary', 'cache warmed']);
          assert.match((await ir(['audit', 'verify'])).stdout, /^OK: 5 events verified/);

          // The database refuses these statements (migration 8): an attacker with superuser or file access removes the guard first.
          await assert.rejects(db.rawExec(t.sql[0]!), /append-only/);
          await db.disableAuditGuard();
          for (const sql of t.sql) await db.rawExec(sql);
          const r = await runBin(['audit', 'verify'], { cwd, env });
          assert.equal(r.code, 11, r.stdout + r.stderr);
          const where = t.incident ? ` \\(${t.incident}\\)` : '';
          assert.match(r.stdout, new RegExp(`^BROKEN at sequence ${t.seq}${where}: `));
          assert.match(r.stdout, t.says);
          const json = JSON.parse((await runBin(['audit', 'verify', '--json'], { cwd, env })).stdout);
          assert.equal(json.ok, false);
          assert.equal(json.firstBroken.seq, t.seq);
        } finally {
          await db.cleanup();
        }
      });
    }
  });
}
