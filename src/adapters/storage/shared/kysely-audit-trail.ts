import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AdminAuditRecord, StoredCheckpoint } from '../../../app/ports/index.js';
import { AppError } from '../../../domain/errors/index.js';
import { toAuditRecord } from './alert-row-mapping.js';
import { runTransaction } from './run-transaction.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

/** Signed checkpoints and the admin audit trail; both tables are append-only (migration 8). */
export class KyselyAuditTrail {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  checkpointChainHead(keyId: string, sign: (head: { seq: number; hash: string }) => StoredCheckpoint): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
    // The writer lock: no event can be appended between reading the head and storing its checkpoint.
    return runTransaction(this.db, (conn) => this.dialect.beginWrite(conn), async (conn) => {
      const head = await conn.selectFrom('ir_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
      if (head === undefined) throw new AppError('INTERNAL', 'the event chain head (ir_chain_head, id 1) is missing: the database was changed outside incident-response');
      const seq = Number(head.seq);
      const existing = await conn.selectFrom('ir_audit_checkpoints').selectAll().where('seq', '=', seq).where('key_id', '=', keyId).executeTakeFirst();
      if (existing !== undefined) return { checkpoint: toCheckpoint(existing), created: false };
      const checkpoint = sign({ seq, hash: head.hash });
      await conn.insertInto('ir_audit_checkpoints').values({
        seq: checkpoint.seq, chain_hash: checkpoint.chainHash, at: checkpoint.at, key_id: checkpoint.keyId, public_key: checkpoint.publicKey, signature: checkpoint.signature,
      }).execute();
      return { checkpoint, created: true };
    });
  }

  async listCheckpoints(): Promise<StoredCheckpoint[]> {
    const rows = await this.db.selectFrom('ir_audit_checkpoints').selectAll().orderBy('seq').orderBy('at').execute();
    return rows.map(toCheckpoint);
  }

  async recordAdminAudit(record: AdminAuditRecord): Promise<void> {
    await this.db.insertInto('ir_admin_audit').values({
      id: randomUUID(), at: record.at, actor: record.actor, action: record.action, subject: record.subject, detail: JSON.stringify(record.detail),
    }).execute();
  }

  async readAdminAudit(filter: { readonly since?: number; readonly limit: number }): Promise<AdminAuditRecord[]> {
    let query = this.db.selectFrom('ir_admin_audit').selectAll();
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.max(1, Math.min(filter.limit, 10_000))).execute();
    return rows.map(toAuditRecord);
  }
}

function toCheckpoint(row: { seq: number | string; chain_hash: string; at: number | string; key_id: string; public_key: string; signature: string }): StoredCheckpoint {
  return { seq: Number(row.seq), chainHash: row.chain_hash, at: Number(row.at), keyId: row.key_id, publicKey: row.public_key, signature: row.signature };
}
