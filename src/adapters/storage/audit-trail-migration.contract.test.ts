import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { sha256 } from '../../../test/support/incidents.js';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../../../test/support/stores.js';
import { createCheckpoint, verifyAuditTrail } from '../../app/audit/index.js';
import { checkpointPayload } from '../../domain/audit/index.js';
import { epochMs } from '../../domain/time/index.js';
import { checkEd25519Signature, loadSigner } from '../audit-signing/index.js';
import { migrate } from './shared/migrate.js';
import { MIGRATIONS } from './shared/migrations.js';
import type { Database } from './shared/schema.js';
import { postgresStoreDialect } from './postgres/postgres-store-dialect.js';
import { sqliteStoreDialect } from './sqlite/sqlite-store-dialect.js';

/** The database as release 9 left it: migrations 1–9 only. */
async function openAtVersion9(t: TestDatabase): Promise<Kysely<Database>> {
  const nine = { migrations: MIGRATIONS.slice(0, 9) };
  if (t.kind === 'sqlite') {
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(t.location), { recursive: true });
    const { default: Sqlite } = await import('better-sqlite3');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new Sqlite(t.location) }) });
    await migrate(db, sqliteStoreDialect, nine);
    return db;
  }
  const url = new URL(t.location);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const { default: pg } = await import('pg');
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url.toString(), max: 1 }),
      onCreateConnection: async (c) => { await c.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`)); },
    }),
  });
  await migrate(db, postgresStoreDialect(schema), nine);
  return db;
}

const signer = (() => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return loadSigner({ env: 'KEY', value: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
})();

for (const kind of STORE_KINDS) {
  describe(`migration 10 on a database written before it (${kind})`, () => {
    const databases: TestDatabase[] = [];
    after(async () => {
      for (const d of databases) await d.cleanup().catch(() => undefined);
    });

    it('chains the admin lines written before it and numbers the checkpoints signed before it; later checkpoints chain to them', async () => {
      const t = await createTestDatabase(kind);
      databases.push(t);
      const old = await openAtVersion9(t);
      for (const [i, action] of ['token.create', 'sign-in'].entries()) {
        await old.insertInto('ir_admin_audit').values({ id: `a${i}`, at: 1000 + i, actor: 'alice', action, subject: 'ci', detail: '{}' } as never).execute();
      }
      // A checkpoint as release 9 signed it (v1: no ordinal, no link), of the empty chain.
      const v1 = { ordinal: 0, prevHash: null, seq: 0, chainHash: '0'.repeat(64), at: 500, keyId: signer.keyId };
      await old.insertInto('ir_audit_checkpoints').values({
        seq: 0, chain_hash: v1.chainHash, at: v1.at, key_id: v1.keyId, public_key: signer.publicKeyPem, signature: signer.sign(checkpointPayload(v1)),
      } as never).execute();
      await old.destroy();

      const store = await t.open();
      const links = await store.readChainLinks(0, 10);
      assert.deepEqual(links.map((l) => [l.seq, 'source' in l ? l.action : l.kind]), [[1, 'token.create'], [2, 'sign-in']]);
      assert.deepEqual(await store.chainHead().then((h) => h.seq), 2);
      assert.deepEqual((await store.listCheckpoints()).map((c) => [c.ordinal, c.prevHash]), [[1, null]]);
      const trust = { kind: 'configured-key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem } as const;
      assert.equal((await verifyAuditTrail(store, sha256, checkEd25519Signature, trust)).ok, true);

      const next = await createCheckpoint(store, signer, { now: () => epochMs(2000) }, sha256);
      assert.deepEqual([next.checkpoint.ordinal, next.checkpoint.seq], [2, 2]);
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust);
      assert.ok(r.ok && r.checkpoints.lastOrdinal === 2, JSON.stringify(r));

      // The v1 checkpoint's number is not signed, but removing it still shows: #2 signed that one came before it.
      await t.disableAuditGuard();
      await t.rawExec('delete from ir_audit_checkpoints where ordinal = 1');
      const broken = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust);
      assert.ok(!broken.ok && broken.firstBroken.kind === 'checkpoint' && broken.firstBroken.reason === 'checkpoints-removed', JSON.stringify(broken));
    });
  });
}
