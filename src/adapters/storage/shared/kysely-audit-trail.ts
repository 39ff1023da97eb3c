import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AdminAuditRecord, IncidentAuditPage, StoredCheckpoint } from '../../../app/ports/index.js';
import { adminChainPayload, type AdminChainRecord, type ReadModelColumn } from '../../../domain/audit/index.js';
import { AppError } from '../../../domain/errors/index.js';
import { toAuditRecord } from './alert-row-mapping.js';
import { toStoredEvent } from './row-mapping.js';
import { runTransaction } from './run-transaction.js';
import type { Database } from './schema.js';
import { sha256Hex } from './sha256-hex.js';
import type { StoreDialect } from './store-dialect.js';

/**
 * Signed checkpoints and the admin audit trail; both tables are append-only (migration 8), and
 * admin lines are links of the one hash chain the events are in (migration 10).
 */
export class KyselyAuditTrail {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  checkpointChainHead(
    keyId: string,
    sign: (head: { seq: number; hash: string }, last: StoredCheckpoint | undefined) => StoredCheckpoint,
  ): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
    // The writer lock: no event can be appended, and no other checkpoint numbered, between reading the head and storing this one.
    return runTransaction(this.db, (conn) => this.dialect.beginWrite(conn), async (conn) => {
      const head = await readHead(conn);
      const existing = await conn.selectFrom('ir_audit_checkpoints').selectAll().where('seq', '=', head.seq).where('key_id', '=', keyId).executeTakeFirst();
      if (existing !== undefined) return { checkpoint: toCheckpoint(existing), created: false };
      const last = await conn.selectFrom('ir_audit_checkpoints').selectAll().orderBy('ordinal', 'desc').limit(1).executeTakeFirst();
      const checkpoint = sign(head, last === undefined ? undefined : toCheckpoint(last));
      await conn.insertInto('ir_audit_checkpoints').values({
        seq: checkpoint.seq, chain_hash: checkpoint.chainHash, at: checkpoint.at, key_id: checkpoint.keyId, public_key: checkpoint.publicKey, signature: checkpoint.signature,
        ordinal: checkpoint.ordinal, prev_hash: checkpoint.prevHash,
      }).execute();
      return { checkpoint, created: true };
    });
  }

  async listCheckpoints(): Promise<StoredCheckpoint[]> {
    const rows = await this.db.selectFrom('ir_audit_checkpoints').selectAll().orderBy('ordinal').orderBy('seq').orderBy('at').execute();
    return rows.map(toCheckpoint);
  }

  recordAdminAudit(record: AdminAuditRecord): Promise<void> {
    return runTransaction(this.db, (conn) => this.dialect.beginWrite(conn), (conn) => appendAdminLine(conn, record));
  }

  async readAdminAudit(filter: { readonly since?: number; readonly limit: number }): Promise<AdminAuditRecord[]> {
    let query = this.db.selectFrom('ir_admin_audit').selectAll();
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.max(1, Math.min(filter.limit, 10_000))).execute();
    return rows.map(toAuditRecord);
  }

  async readIncidentAuditPage(afterId: string, limit: number): Promise<IncidentAuditPage> {
    // Rows first, then their events: an event committed in between belongs to a newer version than the row read, never an older one.
    const rows = await this.db.selectFrom('ir_incidents').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
    const ids = rows.map((r) => r.id);
    const events = ids.length === 0
      ? []
      : await this.db.selectFrom('ir_events').selectAll().where('incident_id', 'in', ids).orderBy('incident_id').orderBy('version').execute();
    const byIncident = new Map<string, ReturnType<typeof toStoredEvent>[]>();
    for (const e of events) {
      const list = byIncident.get(e.incident_id);
      if (list === undefined) byIncident.set(e.incident_id, [toStoredEvent(e)]);
      else list.push(toStoredEvent(e));
    }
    return rows.map((r) => {
      const columns: Record<ReadModelColumn, unknown> = {
        incident_type: r.incident_type, severity: r.severity, status: r.status, environment: r.environment, service: r.service, public_status: r.public_status,
        title: r.title, declared_at: num(r.declared_at), acknowledged_at: num(r.acknowledged_at), resolved_at: num(r.resolved_at),
        response_due_at: num(r.response_due_at), next_update_due_at: num(r.next_update_due_at), updated_at: num(r.updated_at), version: num(r.version),
      };
      return { id: r.id, columns, stateJson: r.state, events: byIncident.get(r.id) ?? [] };
    });
  }

  async findIncidentWithoutReadModel(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('ir_events')
      .leftJoin('ir_incidents', 'ir_incidents.id', 'ir_events.incident_id')
      .select('ir_events.incident_id')
      .where('ir_incidents.id', 'is', null)
      .orderBy('ir_events.incident_id')
      .limit(1)
      .executeTakeFirst();
    return row?.incident_id;
  }
}

/**
 * Appends one admin line as the next link of the chain. Runs inside a write transaction (the
 * dialect's beginWrite holds the writer lock, so the head cannot move meanwhile).
 */
export async function appendAdminLine(conn: Kysely<Database>, record: AdminAuditRecord): Promise<void> {
  const head = await readHead(conn);
  const line = { seq: head.seq + 1, at: record.at, actor: record.actor, action: record.action, subject: record.subject, detailJson: JSON.stringify(record.detail), prevHash: head.hash };
  const hash = sha256Hex(adminChainPayload(line));
  await conn.insertInto('ir_admin_audit').values({
    id: randomUUID(), at: line.at, actor: line.actor, action: line.action, subject: line.subject, detail: line.detailJson, seq: line.seq, prev_hash: line.prevHash, hash,
  }).execute();
  await conn.updateTable('ir_chain_head').set({ seq: line.seq, hash }).where('id', '=', 1).execute();
}

/** Admin lines with `seq > afterSeq`, in sequence order, at most `limit`: their side of the chain walk. */
export async function readAdminChainLinks(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AdminChainRecord[]> {
  const rows = await db.selectFrom('ir_admin_audit').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    source: 'admin', seq: Number(r.seq), at: Number(r.at), actor: r.actor, action: r.action, subject: r.subject, detailJson: r.detail, prevHash: r.prev_hash ?? '', hash: r.hash ?? '',
  }));
}

async function readHead(conn: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const head = await conn.selectFrom('ir_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head === undefined) throw new AppError('INTERNAL', 'the event chain head (ir_chain_head, id 1) is missing: the database was changed outside incident-response');
  return { seq: Number(head.seq), hash: head.hash };
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toCheckpoint(row: { seq: number | string; chain_hash: string; at: number | string; key_id: string; public_key: string; signature: string; ordinal: number | string; prev_hash: string | null }): StoredCheckpoint {
  return {
    ordinal: Number(row.ordinal), prevHash: row.prev_hash, seq: Number(row.seq), chainHash: row.chain_hash, at: Number(row.at), keyId: row.key_id, publicKey: row.public_key, signature: row.signature,
  };
}
