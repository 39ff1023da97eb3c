import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { T0, changeIncident, declareIncident, sha256 } from '../../../test/support/incidents.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { createCheckpoint, verifyAuditTrail, type CheckpointTrust } from '../../app/audit/index.js';
import { chainPayload, GENESIS_HASH } from '../../domain/audit/index.js';
import { decideAcknowledge, decideNote } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { checkEd25519Signature, keyIdOf, loadSigner, parseCheckpointsFile, renderCheckpointsFile } from '../audit-signing/index.js';
import type { Store } from './index.js';

function newSigner() {
  const { privateKey } = generateKeyPairSync('ed25519');
  return loadSigner({ env: 'KEY', value: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
}
const clockAt = (ms: number) => ({ now: () => epochMs(ms) });

for (const kind of STORE_KINDS) {
  describe(`audit trail (${kind})`, () => {
    let t: TestStore;
    let store: Store;
    const opened: TestStore[] = [];
    beforeEach(async () => {
      t = await openTestStore(kind);
      opened.push(t);
      store = t.store;
      const a = await declareIncident(store);
      await changeIncident(store, a.state.id, (s) => decideAcknowledge(s), epochMs(T0 + 60_000));
      await changeIncident(store, a.state.id, (s) => decideNote(s, 'Pool exhausted'), epochMs(T0 + 120_000));
      await store.recordAdminAudit({ at: T0, actor: 'alice', action: 'token.create', subject: 'ci', detail: { role: 'responder' } });
    });
    afterEach(async () => {
      await t.cleanup();
      opened.splice(0);
    });
    after(async () => {
      for (const o of opened) await o.cleanup().catch(() => undefined);
    });

    describe("the product's own connection cannot change audit rows", () => {
      const statements: { table: string; sql: string }[] = [
        { table: 'ir_events', sql: "update ir_events set actor = 'mallory' where seq = 2" },
        { table: 'ir_events', sql: 'delete from ir_events where seq = 3' },
        { table: 'ir_admin_audit', sql: "update ir_admin_audit set actor = 'mallory'" },
        { table: 'ir_admin_audit', sql: 'delete from ir_admin_audit' },
        { table: 'ir_audit_checkpoints', sql: "update ir_audit_checkpoints set signature = 'x'" },
        { table: 'ir_audit_checkpoints', sql: 'delete from ir_audit_checkpoints' },
        ...(kind === 'postgres'
          ? [{ table: 'ir_events', sql: 'truncate ir_events' }, { table: 'ir_admin_audit', sql: 'truncate ir_admin_audit' }, { table: 'ir_audit_checkpoints', sql: 'truncate ir_audit_checkpoints' }]
          : []),
      ];
      for (const s of statements) {
        it(`refuses: ${s.sql}`, async () => {
          await createCheckpoint(store, newSigner(), clockAt(T0 + 180_000));
          await assert.rejects(t.rawExec(s.sql), new RegExp(`${s.table} is append-only: (UPDATE|DELETE|TRUNCATE) is refused`));
          assert.equal((await t.rawExec('select count(*) as n from ir_events') as { n: number | string }[])[0]!.n.toString(), '3');
          assert.equal((await store.listCheckpoints()).length, 1);
          assert.equal((await store.readAdminAudit({ limit: 10 }))[0]?.actor, 'alice');
          const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
          assert.equal(r.ok, true);
        });
      }
    });

    it('signs a checkpoint of the head once, and verifies chain and signature with the configured key', async () => {
      const signer = newSigner();
      const first = await createCheckpoint(store, signer, clockAt(T0 + 180_000));
      assert.equal(first.created, true);
      assert.deepEqual([first.checkpoint.seq, first.checkpoint.keyId], [3, signer.keyId]);
      assert.equal((await createCheckpoint(store, signer, clockAt(T0 + 240_000))).created, false);
      const trust: CheckpointTrust = { kind: 'configured-key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem };
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust);
      assert.deepEqual(r, { ok: true, count: 3, headSeq: 3, checkpoints: { count: 1, trust: 'configured-key', lastSeq: 3 } });
    });

    it('names a checkpoint whose signature was altered', async () => {
      const signer = newSigner();
      await createCheckpoint(store, signer, clockAt(T0 + 180_000));
      await t.disableAuditGuard();
      await t.rawExec('update ir_audit_checkpoints set at = ?', [T0 + 999]);
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'configured-key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'bad-signature' && r.firstBroken.seq === 3, JSON.stringify(r));
    });

    it('refuses a checkpoint signed by a key that is not the configured one', async () => {
      await createCheckpoint(store, newSigner(), clockAt(T0 + 180_000));
      const mine = newSigner();
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'configured-key', keyId: mine.keyId, publicKeyPem: mine.publicKeyPem });
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'unknown-key', JSON.stringify(r));
    });

    it('detects a rewritten chain (every hash recomputed) from the checkpoints exported before, even with the database checkpoints removed', async () => {
      const signer = newSigner();
      await createCheckpoint(store, signer, clockAt(T0 + 180_000));
      const exported = parseCheckpointsFile(renderCheckpointsFile(await store.listCheckpoints()), 'checkpoints.jsonl');
      assert.equal(exported.keys.get(signer.keyId), signer.publicKeyPem);
      assert.equal(keyIdOf(signer.publicKeyPem), signer.keyId);

      // Someone with superuser access edits event 2 and recomputes every hash after it, the head and … the database's checkpoints.
      await t.disableAuditGuard();
      await t.rawExec("update ir_events set actor = 'mallory' where seq = 2");
      let prev = GENESIS_HASH;
      for (const row of await t.rawExec('select seq, incident_id, version, kind, at, actor, data from ir_events order by seq') as Record<string, unknown>[]) {
        const rec = { seq: Number(row['seq']), incidentId: String(row['incident_id']), version: Number(row['version']), kind: String(row['kind']), at: Number(row['at']), actor: String(row['actor']), dataJson: String(row['data']), prevHash: prev };
        prev = sha256(chainPayload(rec));
        await t.rawExec('update ir_events set prev_hash = ?, hash = ? where seq = ?', [rec.prevHash, prev, rec.seq]);
      }
      await t.rawExec('update ir_chain_head set hash = ? where id = 1', [prev]);
      await t.rawExec('delete from ir_audit_checkpoints');
      assert.equal((await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' })).ok, true, 'the chain alone no longer shows it');

      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'file', checkpoints: exported.checkpoints, keys: exported.keys });
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'chain-mismatch' && r.firstBroken.seq === 3, JSON.stringify(r));
    });

    it('names a checkpoint beyond the end of a chain whose last events were deleted', async () => {
      const signer = newSigner();
      await createCheckpoint(store, signer, clockAt(T0 + 180_000));
      const exported = parseCheckpointsFile(renderCheckpointsFile(await store.listCheckpoints()), 'checkpoints.jsonl');
      await t.disableAuditGuard();
      await t.rawExec('delete from ir_events where seq = 3');
      await t.rawExec('update ir_chain_head set seq = 2, hash = (select hash from ir_events where seq = 2) where id = 1');
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'file', checkpoints: exported.checkpoints, keys: exported.keys });
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'beyond-chain' && r.firstBroken.seq === 3, JSON.stringify(r));
    });
  });
}
