import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { T0, changeIncident, declareIncident, sha256 } from '../../../test/support/incidents.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { createCheckpoint, verifyAuditTrail, type CheckpointTrust } from '../../app/audit/index.js';
import { adminChainPayload, chainPayload, GENESIS_HASH, type AuditCheckpoint } from '../../domain/audit/index.js';
import { decideAcknowledge, decideNote, foldIncident } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { checkEd25519Signature, keyIdOf, loadSigner, parseCheckpointsFile, renderCheckpointsFile } from '../audit-signing/index.js';
import type { Store } from './index.js';
import { toIncidentRow } from './shared/row-mapping.js';

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
          await createCheckpoint(store, newSigner(), clockAt(T0 + 180_000), sha256);
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
      const first = await createCheckpoint(store, signer, clockAt(T0 + 180_000), sha256);
      assert.equal(first.created, true);
      assert.deepEqual([first.checkpoint.seq, first.checkpoint.ordinal, first.checkpoint.keyId], [4, 1, signer.keyId]);
      assert.equal((await createCheckpoint(store, signer, clockAt(T0 + 240_000), sha256)).created, false);
      const trust: CheckpointTrust = { kind: 'configured-key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem };
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust);
      assert.deepEqual(r, { ok: true, count: 4, headSeq: 4, incidentsChecked: 1, checkpoints: { count: 1, trust: 'configured-key', lastSeq: 4, lastOrdinal: 1, keyId: signer.keyId } });
    });

    it('names a checkpoint whose signature was altered', async () => {
      const signer = newSigner();
      await createCheckpoint(store, signer, clockAt(T0 + 180_000), sha256);
      await t.disableAuditGuard();
      await t.rawExec('update ir_audit_checkpoints set at = ?', [T0 + 999]);
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'configured-key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'bad-signature' && r.firstBroken.seq === 4, JSON.stringify(r));
    });

    it('refuses a checkpoint signed by a key that is not the configured one', async () => {
      await createCheckpoint(store, newSigner(), clockAt(T0 + 180_000), sha256);
      const mine = newSigner();
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'configured-key', keyId: mine.keyId, publicKeyPem: mine.publicKeyPem });
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'unknown-key', JSON.stringify(r));
    });

    it('detects a rewritten chain (every hash recomputed) from the checkpoints exported before, even with the database checkpoints removed', async () => {
      const signer = newSigner();
      await createCheckpoint(store, signer, clockAt(T0 + 180_000), sha256);
      const exported = parseCheckpointsFile(renderCheckpointsFile(await store.listCheckpoints()), 'checkpoints.jsonl');
      assert.equal(exported.keys.get(signer.keyId), signer.publicKeyPem);
      assert.equal(keyIdOf(signer.publicKeyPem), signer.keyId);

      // Someone with superuser access edits the note (seq 3) and recomputes every hash after it, the head and … the database's checkpoints.
      await t.disableAuditGuard();
      await t.rawExec("update ir_events set data = replace(data, 'Pool exhausted', 'Nothing happened') where seq = 3");
      await rehashChain(t);
      await t.rawExec('delete from ir_audit_checkpoints');
      assert.equal((await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' })).ok, true, 'the chain alone no longer shows it');

      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'file', checkpoints: exported.checkpoints, keys: exported.keys });
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'chain-mismatch' && r.firstBroken.seq === 4, JSON.stringify(r));
    });

    it('names a checkpoint beyond the end of a chain whose last records were deleted', async () => {
      const signer = newSigner();
      await createCheckpoint(store, signer, clockAt(T0 + 180_000), sha256);
      const exported = parseCheckpointsFile(renderCheckpointsFile(await store.listCheckpoints()), 'checkpoints.jsonl');
      await t.disableAuditGuard();
      await t.rawExec('delete from ir_admin_audit where seq = 4');
      await t.rawExec('update ir_chain_head set seq = 3, hash = (select hash from ir_events where seq = 3) where id = 1');
      const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'file', checkpoints: exported.checkpoints, keys: exported.keys });
      assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'beyond-chain' && r.firstBroken.seq === 4, JSON.stringify(r));
    });

    describe('admin audit lines are links of the chain', () => {
      beforeEach(async () => {
        // One more event after the admin line (seq 4), so that line sits in the middle of the chain.
        const b = await declareIncident(store, {}, epochMs(T0 + 240_000));
        assert.equal(b.events[0]!.seq, 5);
      });

      it('takes the next sequence number between events, and the chain verifies', async () => {
        const links = await store.readChainLinks(0, 10);
        assert.deepEqual(links.map((l) => ('source' in l ? `admin:${l.action}` : l.kind)), ['declared', 'acknowledged', 'note-added', 'admin:token.create', 'declared']);
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.equal(r.ok, true, JSON.stringify(r));
      });

      it('names an edited admin line by its sequence number', async () => {
        await t.disableAuditGuard();
        await t.rawExec("update ir_admin_audit set actor = 'mallory' where action = 'token.create'");
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(!r.ok && r.firstBroken.kind === 'chain' && r.firstBroken.reason === 'edited' && r.firstBroken.seq === 4, JSON.stringify(r));
        assert.match(r.firstBroken.detail, /admin audit token\.create by mallory/);
      });

      it('names a deleted admin line by its sequence number', async () => {
        await t.disableAuditGuard();
        await t.rawExec("delete from ir_admin_audit where action = 'token.create'");
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(!r.ok && r.firstBroken.kind === 'chain' && r.firstBroken.reason === 'missing' && r.firstBroken.seq === 4, JSON.stringify(r));
      });

      it('chains the lines integration and silence changes write with them', async () => {
        await store.createSilence({ id: 'sil_1', matchers: [], startsAt: T0, endsAt: epochMs(T0 + 3_600_000), reason: 'deploy', createdAt: T0, createdBy: 'alice', expiredAt: undefined } as never,
          { at: T0, actor: 'alice', action: 'silence.create', subject: 'sil_1', detail: {} });
        assert.deepEqual(await store.chainHead().then((h) => h.seq), 6);
        assert.equal((await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' })).ok, true);
      });
    });

    describe('checkpoints form their own chain', () => {
      const signer = newSigner();
      const trust = (known?: AuditCheckpoint): CheckpointTrust => ({ kind: 'configured-key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem, ...(known ? { known } : {}) });
      /** Three checkpoints (#1 at 4, #2 at 5, #3 at 6), a note between each. */
      const threeCheckpoints = async () => {
        const made = [];
        for (let i = 0; i < 3; i++) {
          if (i > 0) await changeIncident(store, 'INC-2026-1128-001', (s) => decideNote(s, `note ${i}`), epochMs(T0 + 200_000 + i));
          made.push((await createCheckpoint(store, signer, clockAt(T0 + 300_000 + i), sha256)).checkpoint);
        }
        assert.deepEqual(made.map((c) => [c.ordinal, c.seq]), [[1, 4], [2, 5], [3, 6]]);
        const { publicKey: _k, ...last } = made[2]!;
        return last;
      };

      it('verifies three chained checkpoints and the last one remembered beside the key', async () => {
        const last = await threeCheckpoints();
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust(last));
        assert.equal(r.ok, true, JSON.stringify(r));
        assert.deepEqual(r.checkpoints.known, { ordinal: 3, seq: 6 });
      });

      it('names a checkpoint removed in the middle', async () => {
        await threeCheckpoints();
        await t.disableAuditGuard();
        await t.rawExec('delete from ir_audit_checkpoints where ordinal = 2');
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust());
        assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'checkpoints-removed' && r.firstBroken.seq === 6, JSON.stringify(r));
        assert.match(r.firstBroken.detail, /1 checkpoint was removed before checkpoint #3: it was signed as #3, but the database holds 1 checkpoint before it/);
      });

      it('names checkpoints removed at the end against the last one this key signed', async () => {
        const last = await threeCheckpoints();
        await t.disableAuditGuard();
        await t.rawExec('delete from ir_audit_checkpoints where ordinal >= 2');
        assert.equal((await verifyAuditTrail(store, sha256, checkEd25519Signature, trust())).ok, true, 'the database alone no longer shows it');
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust(last));
        assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'checkpoints-removed', JSON.stringify(r));
        assert.equal(r.firstBroken.detail, '2 checkpoints were removed: the last signed checkpoint known to this key is #3 at seq 6; the database holds #1');
      });

      it('detects the tail of the chain deleted, the head fixed and the checkpoints removed, from the last checkpoint remembered', async () => {
        const last = await threeCheckpoints();
        await t.disableAuditGuard();
        await t.rawExec('delete from ir_events where seq > 4');
        await t.rawExec('update ir_chain_head set seq = 4, hash = (select hash from ir_admin_audit where seq = 4) where id = 1');
        await t.rawExec('delete from ir_audit_checkpoints where ordinal > 1');
        // The read model is put back as it was at seq 4 too, so that nothing but the checkpoints can tell.
        await t.rawExec('delete from ir_incidents');
        await rebuildReadModel(store, t);
        assert.equal((await verifyAuditTrail(store, sha256, checkEd25519Signature, trust())).ok, true, 'without the remembered checkpoint nothing shows');
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust(last));
        assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'checkpoints-removed' && r.firstBroken.seq === 6, JSON.stringify(r));
      });

      it('names a checkpoint replaced by one signed again with the same key', async () => {
        const last = await threeCheckpoints();
        await t.disableAuditGuard();
        await t.rawExec('delete from ir_audit_checkpoints where ordinal = 3');
        // A checkpoint of another moment under number 3: the signature differs from the one remembered.
        const again = await createCheckpoint(store, signer, clockAt(T0 + 999_000), sha256);
        assert.equal(again.checkpoint.ordinal, 3);
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, trust(last));
        assert.ok(!r.ok && r.firstBroken.kind === 'checkpoint' && r.firstBroken.reason === 'checkpoint-replaced', JSON.stringify(r));
      });
    });

    describe('the read model is checked against the events', () => {
      let security: string;
      beforeEach(async () => {
        security = (await declareIncident(store, { incidentType: 'security', severity: 'critical' }, epochMs(T0 + 240_000))).state.id;
      });

      it('names an incident whose type column was edited (a security incident made visible to viewers)', async () => {
        await t.rawExec("update ir_incidents set incident_type = 'outage' where id = ?", [security]);
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(!r.ok && r.firstBroken.kind === 'read-model' && r.firstBroken.incidentId === security && r.firstBroken.field === 'incident_type', JSON.stringify(r));
        assert.match(r.firstBroken.detail, /incident_type is "security" in the log but "outage" in the database/);
      });

      it('names an incident whose state document was edited', async () => {
        await t.rawExec(`update ir_incidents set state = replace(state, '"severity":"critical"', '"severity":"low"') where id = ?`, [security]);
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(!r.ok && r.firstBroken.kind === 'read-model' && r.firstBroken.field === 'state.severity', JSON.stringify(r));
      });

      it('names an incident whose status was set back', async () => {
        await t.rawExec("update ir_incidents set status = 'triggered' where id = 'INC-2026-1128-001'");
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(!r.ok && r.firstBroken.kind === 'read-model' && r.firstBroken.incidentId === 'INC-2026-1128-001' && r.firstBroken.field === 'status', JSON.stringify(r));
      });

      it('names an incident whose read-model row was deleted', async () => {
        await t.rawExec('delete from ir_incidents where id = ?', [security]);
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(!r.ok && r.firstBroken.kind === 'read-model' && r.firstBroken.reason === 'read-model-missing' && r.firstBroken.incidentId === security, JSON.stringify(r));
      });

      it('passes on the untouched store, counting every incident', async () => {
        const r = await verifyAuditTrail(store, sha256, checkEd25519Signature, { kind: 'database' });
        assert.ok(r.ok && r.incidentsChecked === 2, JSON.stringify(r));
      });
    });
  });
}

/** Recomputes every hash of the chain (events and admin lines) in order, and the head: what someone with superuser access can do. */
async function rehashChain(t: TestStore): Promise<void> {
  let prev = GENESIS_HASH;
  const events = await t.rawExec('select seq, incident_id, version, kind, at, actor, data from ir_events order by seq') as Record<string, unknown>[];
  const admin = await t.rawExec('select seq, at, actor, action, subject, detail from ir_admin_audit order by seq') as Record<string, unknown>[];
  const rows: Record<string, unknown>[] = [...events.map((r) => ({ ...r, table: 'ir_events' })), ...admin.map((r) => ({ ...r, table: 'ir_admin_audit' }))];
  rows.sort((a, b) => Number(a['seq']) - Number(b['seq']));
  for (const row of rows) {
    const seq = Number(row['seq']);
    const table = String(row['table']);
    const text = table === 'ir_events'
      ? chainPayload({ seq, incidentId: String(row['incident_id']), version: Number(row['version']), kind: String(row['kind']), at: Number(row['at']), actor: String(row['actor']), dataJson: String(row['data']), prevHash: prev })
      : adminChainPayload({ seq, at: Number(row['at']), actor: String(row['actor']), action: String(row['action']), subject: String(row['subject']), detailJson: String(row['detail']), prevHash: prev });
    const hash = sha256(text);
    await t.rawExec(`update ${table} set prev_hash = ?, hash = ? where seq = ?`, [prev, hash, seq]);
    prev = hash;
  }
  await t.rawExec('update ir_chain_head set hash = ? where id = 1', [prev]);
}

/** Writes the read model again from the events left, as someone covering their tracks would. */
async function rebuildReadModel(store: Store, t: TestStore): Promise<void> {
  const ids = (await t.rawExec('select distinct incident_id from ir_events') as { incident_id: string }[]).map((r) => r.incident_id);
  for (const id of ids) {
    const state = foldIncident(await store.readIncidentEvents(id));
    const row = toIncidentRow(state);
    await t.rawExec(
      'insert into ir_incidents (id, title, severity, incident_type, environment, service, status, public_status, declared_at, acknowledged_at, resolved_at, response_due_at, next_update_due_at, updated_at, version, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [row.id, row.title, row.severity, row.incident_type, row.environment, row.service, row.status, row.public_status, row.declared_at, row.acknowledged_at, row.resolved_at, row.response_due_at, row.next_update_due_at, row.updated_at, row.version, row.state],
    );
  }
}
