import type { Kysely } from 'kysely';
import type { HeartbeatRecord, HeartbeatWatch, HeartbeatWriteTx } from '../../../app/ports/index.js';
import { epochMs } from '../../../domain/time/index.js';
import { IncidentWriteTxBase } from './incident-write-tx-base.js';
import type { Database } from './schema.js';


export function toHeartbeatRecord(row: { name: string; watch_since: number | string; last_ping_at: number | string | null; incident_id: string | null; incident_opened_at: number | string | null }): HeartbeatRecord {
  return {
    name: row.name,
    watchSince: epochMs(Number(row.watch_since)),
    ...(row.last_ping_at !== null ? { lastPingAt: epochMs(Number(row.last_ping_at)) } : {}),
    ...(row.incident_id !== null ? { incidentId: row.incident_id } : {}),
    ...(row.incident_opened_at !== null ? { incidentOpenedAt: epochMs(Number(row.incident_opened_at)) } : {}),
  };
}

export async function selectHeartbeat(conn: Kysely<Database>, name: string): Promise<HeartbeatRecord | undefined> {
  const row = await conn.selectFrom('ir_heartbeats').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : toHeartbeatRecord(row);
}

/** Inserts the record, or moves `last_ping_at` forward (never back: pings may arrive out of order). */
export async function upsertPing(conn: Kysely<Database>, name: string, at: number): Promise<void> {
  const found = await conn.selectFrom('ir_heartbeats').select('last_ping_at').where('name', '=', name).executeTakeFirst();
  if (found === undefined) {
    await conn.insertInto('ir_heartbeats').values({ name, watch_since: at, last_ping_at: at, incident_id: null, incident_opened_at: null }).execute();
  } else if (found.last_ping_at === null || Number(found.last_ping_at) < at) {
    await conn.updateTable('ir_heartbeats').set({ last_ping_at: at }).where('name', '=', name).execute();
  }
}

/** The heartbeat operations inside the shared write transaction. */
export class KyselyHeartbeatWriteTx extends IncidentWriteTxBase implements HeartbeatWriteTx {
  findHeartbeat(name: string): Promise<HeartbeatRecord | undefined> {
    return this.tx.serial(() => selectHeartbeat(this.conn, name));
  }
  saveHeartbeatWatch(w: HeartbeatWatch): Promise<void> {
    return this.tx.serial(async () => {
      const values = { watch_since: w.watchSince, incident_id: w.incidentId ?? null, incident_opened_at: w.incidentOpenedAt ?? null };
      const updated = await this.conn.updateTable('ir_heartbeats').set(values).where('name', '=', w.name).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) await this.conn.insertInto('ir_heartbeats').values({ name: w.name, last_ping_at: null, ...values }).execute();
    });
  }
}
