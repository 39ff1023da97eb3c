import type { Kysely, Selectable } from 'kysely';
import { OUTBOX_STATUSES } from '../../../app/ports/index.js';
import type {
  DeliveryChannel, EscalationRecord, MessageFilter, MessagePurpose, NewOutboxMessage, OutboxFinish, OutboxRecord, OutboxStatus, PagingStore, PagingWriteTx,
  TimerKind, TimerRecord,
} from '../../../app/ports/index.js';
import type { EscalationSnapshot, EscalationState } from '../../../domain/escalation/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { Database, OutboxTable, TimersTable } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

type Serial = <T>(call: () => Promise<T>) => Promise<T>;

function toTimer(row: Selectable<TimersTable>): TimerRecord {
  return { id: row.id, kind: row.kind as TimerKind, incidentId: row.incident_id, generation: Number(row.generation), dueAt: epochMs(Number(row.due_at)) };
}

function toOutbox(row: Selectable<OutboxTable>): OutboxRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    ...(row.incident_id !== null ? { incidentId: row.incident_id } : {}),
    ...(row.generation !== null ? { generation: Number(row.generation) } : {}),
    channel: row.channel as DeliveryChannel,
    address: row.address,
    purpose: row.purpose as MessagePurpose,
    ...(row.person_id !== null ? { personId: row.person_id } : {}),
    recipientName: row.recipient_name,
    subject: row.subject,
    text: row.body,
    sendAt: epochMs(Number(row.send_at)),
    createdAt: epochMs(Number(row.created_at)),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: epochMs(Number(row.next_attempt_at)),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.provider_id !== null ? { providerId: row.provider_id } : {}),
    ...(row.finished_at !== null ? { finishedAt: epochMs(Number(row.finished_at)) } : {}),
  };
}

function toEscalation(row: { incident_id: string; snapshot: string; state: string }): EscalationRecord {
  return { incidentId: row.incident_id, snapshot: JSON.parse(row.snapshot) as EscalationSnapshot, state: JSON.parse(row.state) as EscalationState };
}

async function selectEscalation(conn: Kysely<Database>, incidentId: string): Promise<EscalationRecord | undefined> {
  const row = await conn.selectFrom('ir_escalations').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row === undefined ? undefined : toEscalation(row);
}

/** The paging tables inside a write transaction; calls run in the transaction's queue. */
export class KyselyPagingWriteTx implements PagingWriteTx {
  constructor(
    private readonly conn: Kysely<Database>,
    private readonly serial: Serial,
  ) {}

  findEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return this.serial(() => selectEscalation(this.conn, incidentId));
  }

  saveEscalation(record: EscalationRecord): Promise<void> {
    return this.serial(async () => {
      const values = { snapshot: JSON.stringify(record.snapshot), state: JSON.stringify(record.state) };
      await this.conn.insertInto('ir_escalations').values({ incident_id: record.incidentId, ...values })
        .onConflict((oc) => oc.column('incident_id').doUpdateSet(values)).execute();
    });
  }

  findTimer(id: string): Promise<TimerRecord | undefined> {
    return this.serial(async () => {
      const row = await this.conn.selectFrom('ir_timers').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toTimer(row);
    });
  }

  setTimer(timer: TimerRecord): Promise<void> {
    return this.serial(async () => {
      const values = { kind: timer.kind, incident_id: timer.incidentId, generation: timer.generation, due_at: timer.dueAt, lease_owner: null, lease_until: null };
      await this.conn.insertInto('ir_timers').values({ id: timer.id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    });
  }

  deleteTimer(id: string): Promise<void> {
    return this.serial(async () => {
      await this.conn.deleteFrom('ir_timers').where('id', '=', id).execute();
    });
  }

  enqueue(messages: readonly NewOutboxMessage[]): Promise<NewOutboxMessage[]> {
    return this.serial(async () => {
      const inserted: NewOutboxMessage[] = [];
      for (const m of messages) {
        const result = await this.conn.insertInto('ir_outbox').values({
          id: m.id,
          idempotency_key: m.idempotencyKey,
          incident_id: m.incidentId ?? null,
          generation: m.generation ?? null,
          channel: m.channel,
          address: m.address,
          purpose: m.purpose,
          person_id: m.personId ?? null,
          recipient_name: m.recipientName,
          subject: m.subject,
          body: m.text,
          send_at: m.sendAt,
          created_at: m.createdAt,
          status: 'pending',
          attempts: 0,
          next_attempt_at: m.sendAt,
          lease_owner: null,
          lease_until: null,
          last_error: null,
          provider_id: null,
          finished_at: null,
        }).onConflict((oc) => oc.column('idempotency_key').doNothing()).executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) inserted.push(m);
      }
      return inserted;
    });
  }

  cancelStalePages(incidentId: string, generation: number, at: EpochMs, detail: string): Promise<OutboxRecord[]> {
    return this.serial(async () => {
      const rows = await this.conn.updateTable('ir_outbox')
        .set({ status: 'cancelled', finished_at: at, last_error: detail, lease_owner: null, lease_until: null })
        .where('incident_id', '=', incidentId)
        .where('status', '=', 'pending')
        .where('generation', '<', generation)
        .returningAll()
        .execute();
      return rows.map(toOutbox);
    });
  }

  finishMessage(id: string, leaseOwner: string, finish: OutboxFinish): Promise<boolean> {
    return this.serial(async () => {
      const base = this.conn.updateTable('ir_outbox').where('id', '=', id).where('lease_owner', '=', leaseOwner).where('status', '=', 'pending');
      const result = finish.status === 'pending'
        ? await base.set({ next_attempt_at: finish.nextAttemptAt, last_error: finish.detail, lease_owner: null, lease_until: null }).executeTakeFirst()
        : await base.set({
          status: finish.status,
          finished_at: finish.at,
          last_error: finish.status === 'delivered' ? null : finish.detail,
          provider_id: finish.status === 'delivered' ? finish.providerId ?? null : null,
          lease_owner: null,
          lease_until: null,
        }).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  disableEndpoint(channel: DeliveryChannel, address: string, at: EpochMs, reason: string): Promise<void> {
    return this.serial(async () => {
      await this.conn.insertInto('ir_disabled_endpoints').values({ channel, address, disabled_at: at, reason })
        .onConflict((oc) => oc.columns(['channel', 'address']).doNothing()).execute();
    });
  }
}

/** Claims and reads outside write transactions: single statements, safe across instances. */
export class KyselyPagingStore implements PagingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async claimTimers(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<TimerRecord[]> {
    const due = this.db.selectFrom('ir_timers').select('id')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('due_at').limit(limit)
      .$if(this.dialect.skipsLockedRows, (q) => q.forUpdate().skipLocked());
    const rows = await this.db.updateTable('ir_timers')
      .set({ lease_owner: owner, lease_until: now + leaseMs })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toTimer).sort((a, b) => a.dueAt - b.dueAt);
  }

  async claimMessages(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<OutboxRecord[]> {
    const due = this.db.selectFrom('ir_outbox').select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_attempt_at').limit(limit)
      .$if(this.dialect.skipsLockedRows, (q) => q.forUpdate().skipLocked());
    const rows = await this.db.updateTable('ir_outbox')
      .set((eb) => ({ lease_owner: owner, lease_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toOutbox).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
  }

  async deferMessages(ids: readonly string[], owner: string, until: EpochMs): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('ir_outbox')
      .set((eb) => ({ next_attempt_at: until, lease_owner: null, lease_until: null, attempts: eb('attempts', '-', 1) }))
      .where('id', 'in', [...ids]).where('lease_owner', '=', owner).where('status', '=', 'pending')
      .execute();
  }

  async escalationGenerations(incidentIds: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (incidentIds.length === 0) return result;
    const rows = await this.db.selectFrom('ir_escalations').select(['incident_id', 'state']).where('incident_id', 'in', [...new Set(incidentIds)]).execute();
    for (const row of rows) result.set(row.incident_id, (JSON.parse(row.state) as EscalationState).generation);
    return result;
  }

  async deliveredSince(channel: DeliveryChannel, address: string, since: EpochMs): Promise<EpochMs[]> {
    const rows = await this.db.selectFrom('ir_outbox').select('finished_at')
      .where('channel', '=', channel).where('address', '=', address).where('status', '=', 'delivered').where('finished_at', '>', since)
      .execute();
    return rows.map((r) => epochMs(Number(r.finished_at)));
  }

  async isEndpointDisabled(channel: DeliveryChannel, address: string): Promise<boolean> {
    const row = await this.db.selectFrom('ir_disabled_endpoints').select('address').where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
    return row !== undefined;
  }

  async countOverdueTimers(dueBefore: EpochMs, now: EpochMs): Promise<number> {
    const row = await this.db.selectFrom('ir_timers').select((eb) => eb.fn.countAll().as('count'))
      .where('due_at', '<', dueBefore)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  findEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return selectEscalation(this.db, incidentId);
  }

  async countMessagesByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db.selectFrom('ir_outbox').select((eb) => ['status', eb.fn.countAll().as('count')]).groupBy('status').execute();
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    for (const row of rows) if ((OUTBOX_STATUSES as readonly string[]).includes(row.status)) counts[row.status as OutboxStatus] = Number(row.count);
    return counts;
  }

  async listMessages(filter: MessageFilter): Promise<OutboxRecord[]> {
    const rows = await this.db.selectFrom('ir_outbox').selectAll()
      .$if(filter.incidentId !== undefined, (q) => q.where('incident_id', '=', filter.incidentId!))
      .$if(filter.statuses !== undefined && filter.statuses.length > 0, (q) => q.where('status', 'in', [...filter.statuses!]))
      .orderBy('created_at').orderBy('id')
      .limit(Math.min(Math.max(filter.limit ?? 1000, 1), 10_000))
      .execute();
    return rows.map(toOutbox);
  }

  async findWarRoom(incidentId: string): Promise<{ channelId: string; channelName: string } | undefined> {
    const row = await this.db.selectFrom('ir_outbox').select(['provider_id', 'address'])
      .where('incident_id', '=', incidentId).where('purpose', '=', 'war-room').where('status', '=', 'delivered')
      .orderBy('finished_at').executeTakeFirst();
    if (row?.provider_id == null) return undefined;
    const [channelId, channelName] = row.provider_id.split(' ', 2);
    return channelId === undefined ? undefined : { channelId, channelName: channelName ?? channelId };
  }
}
