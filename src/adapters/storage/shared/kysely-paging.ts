import type { Insertable, Kysely, Selectable } from 'kysely';
import { OUTBOX_STATUSES } from '../../../app/ports/index.js';
import type {
  DeliveryChannel, EscalationRecord, MessageFilter, MessageFinish, MessageIncident, MessagePurpose, NewOutboxMessage, OutboxKind, OutboxRecord, OutboxStatus,
  PagingStore, PagingWriteTx, TimerKind, TimerRecord,
} from '../../../app/ports/index.js';
import type { EscalationSnapshot, EscalationState } from '../../../domain/escalation/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { Database, OutboxTable, TimersTable } from './schema.js';
import type { StoredOverride } from '../../../domain/oncall/index.js';
import { selectOverrides } from './kysely-oncall.js';
import type { StoreDialect } from './store-dialect.js';

type Serial = <T>(call: () => Promise<T>) => Promise<T>;

/** Rows per multi-row statement: 23 parameters per outbox row, far under both databases' limits. */
const ROW_CHUNK = 256;

/**
 * Lists of every length would each be a distinct SQL text, and every text is a prepared statement
 * kept per connection (SQLite's cache, PostgreSQL's named statements). Id lists are padded to the
 * next power of two by repeating their last id (harmless in `IN`), so a query shape has at most
 * nine texts; multi-row inserts are cut into power-of-two chunks for the same reason.
 */
function padded(ids: readonly string[]): string[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  const list = [...ids];
  while (list.length < size) list.push(ids[ids.length - 1]!);
  return list;
}

/** `items` in chunks of at most ROW_CHUNK whose sizes are powers of two (200 → 128, 64, 8). */
function powerOfTwoChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let i = 0;
  while (i < items.length) {
    let size = ROW_CHUNK;
    while (size > items.length - i) size /= 2;
    chunks.push(items.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/** `ids` without repeats, in chunks of at most ROW_CHUNK, each padded. */
function idChunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += ROW_CHUNK) chunks.push(padded(unique.slice(i, i + ROW_CHUNK)));
  return chunks;
}

function toTimer(row: Selectable<TimersTable>): TimerRecord {
  return { id: row.id, kind: row.kind as TimerKind, incidentId: row.incident_id, generation: Number(row.generation), dueAt: epochMs(Number(row.due_at)) };
}

function toOutbox(row: Selectable<OutboxTable>): OutboxRecord {
  return {
    id: row.id,
    kind: row.kind as OutboxKind,
    idempotencyKey: row.idempotency_key,
    ...(row.incident_id !== null ? { incidentId: row.incident_id } : {}),
    ...(row.incident !== null ? { incident: JSON.parse(row.incident) as MessageIncident } : {}),
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

function toOutboxRow(m: NewOutboxMessage): Insertable<OutboxTable> {
  return {
    id: m.id,
    kind: m.kind,
    idempotency_key: m.idempotencyKey,
    incident_id: m.incidentId ?? null,
    incident: m.incident === undefined ? null : JSON.stringify(m.incident),
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
  };
}

function toTimerRow(timer: TimerRecord): Insertable<TimersTable> {
  return { id: timer.id, kind: timer.kind, incident_id: timer.incidentId, generation: timer.generation, due_at: timer.dueAt, lease_owner: null, lease_until: null };
}

function toEscalation(row: { incident_id: string; snapshot: string; state: string }): EscalationRecord {
  return { incidentId: row.incident_id, snapshot: JSON.parse(row.snapshot) as EscalationSnapshot, state: JSON.parse(row.state) as EscalationState };
}

async function selectEscalations(conn: Kysely<Database>, incidentIds: readonly string[]): Promise<Map<string, EscalationRecord>> {
  const found = new Map<string, EscalationRecord>();
  for (const chunk of idChunks(incidentIds)) {
    for (const row of await conn.selectFrom('ir_escalations').selectAll().where('incident_id', 'in', chunk).execute()) found.set(row.incident_id, toEscalation(row));
  }
  return found;
}

/** The columns an outbox row gets when its claimed attempt ends, as one SET shared by every message that ended alike. */
function finishColumns(finish: MessageFinish['finish']) {
  return finish.status === 'pending'
    ? { next_attempt_at: finish.nextAttemptAt, last_error: finish.detail, lease_owner: null, lease_until: null }
    : {
      status: finish.status,
      finished_at: finish.at,
      last_error: finish.status === 'delivered' ? null : finish.detail,
      provider_id: finish.status === 'delivered' ? finish.providerId ?? null : null,
      lease_owner: null,
      lease_until: null,
    };
}

/** The paging tables inside a write transaction; calls run in the transaction's queue. */
export class KyselyPagingWriteTx implements PagingWriteTx {
  #dueAt: EpochMs | undefined;

  constructor(
    private readonly conn: Kysely<Database>,
    private readonly serial: Serial,
  ) {}

  takeDueTimers(now: EpochMs, limit: number): Promise<TimerRecord[]> {
    return this.serial(async () => {
      // No row locks needed: write transactions take turns (the writer lock), and rows a claim
      // outside one holds are left out by their lease.
      const rows = await this.conn.selectFrom('ir_timers').selectAll()
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('due_at').orderBy('kind').limit(limit)
        .execute();
      return rows.map(toTimer);
    });
  }

  /** The earliest instant a timer set or a message queued by this transaction falls due. */
  dueAt(): EpochMs | undefined {
    return this.#dueAt;
  }

  #noteDue(at: EpochMs): void {
    if (this.#dueAt === undefined || at < this.#dueAt) this.#dueAt = at;
  }

  listOverrides(endsAfter: EpochMs): Promise<StoredOverride[]> {
    return this.serial(() => selectOverrides(this.conn, { endsAfter }));
  }

  findEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return this.serial(async () => (await selectEscalations(this.conn, [incidentId])).get(incidentId));
  }

  findEscalations(incidentIds: readonly string[]): Promise<Map<string, EscalationRecord>> {
    return this.serial(() => selectEscalations(this.conn, incidentIds));
  }

  saveEscalation(record: EscalationRecord): Promise<void> {
    return this.saveEscalations([record]);
  }

  saveEscalations(records: readonly EscalationRecord[]): Promise<void> {
    return this.serial(async () => {
      // One row per incident: the last record given wins, as saving them one by one would.
      const rows = [...new Map(records.map((r) => [r.incidentId, { incident_id: r.incidentId, snapshot: JSON.stringify(r.snapshot), state: JSON.stringify(r.state) }])).values()];
      for (const chunk of powerOfTwoChunks(rows)) {
        await this.conn.insertInto('ir_escalations').values(chunk)
          .onConflict((oc) => oc.column('incident_id').doUpdateSet((eb) => ({ snapshot: eb.ref('excluded.snapshot'), state: eb.ref('excluded.state') }))).execute();
      }
    });
  }

  findTimers(ids: readonly string[]): Promise<Map<string, TimerRecord>> {
    return this.serial(async () => {
      const found = new Map<string, TimerRecord>();
      for (const chunk of idChunks(ids)) {
        for (const row of await this.conn.selectFrom('ir_timers').selectAll().where('id', 'in', chunk).execute()) found.set(row.id, toTimer(row));
      }
      return found;
    });
  }

  setTimer(timer: TimerRecord): Promise<void> {
    return this.setTimers([timer]);
  }

  setTimers(timers: readonly TimerRecord[]): Promise<void> {
    return this.serial(async () => {
      const rows = [...new Map(timers.map((t) => [t.id, toTimerRow(t)])).values()];
      for (const chunk of powerOfTwoChunks(rows)) {
        await this.conn.insertInto('ir_timers').values(chunk)
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'), incident_id: eb.ref('excluded.incident_id'), generation: eb.ref('excluded.generation'), due_at: eb.ref('excluded.due_at'),
            lease_owner: null, lease_until: null,
          }))).execute();
      }
      for (const t of timers) this.#noteDue(t.dueAt);
    });
  }

  deleteTimer(id: string): Promise<void> {
    return this.deleteTimers([id]);
  }

  deleteTimers(ids: readonly string[]): Promise<void> {
    return this.serial(async () => {
      for (const chunk of idChunks(ids)) await this.conn.deleteFrom('ir_timers').where('id', 'in', chunk).execute();
    });
  }

  enqueue(messages: readonly NewOutboxMessage[]): Promise<NewOutboxMessage[]> {
    return this.serial(async () => {
      const inserted = new Set<string>();
      for (const chunk of powerOfTwoChunks(messages)) {
        const rows = await this.conn.insertInto('ir_outbox').values(chunk.map(toOutboxRow))
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .execute();
        for (const row of rows) inserted.add(row.id);
      }
      const queued = messages.filter((m) => inserted.has(m.id));
      for (const m of queued) this.#noteDue(m.sendAt);
      return queued;
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

  deliveredPages(incidentId: string, channel: DeliveryChannel, since: EpochMs, acknowledgedScope: string): Promise<OutboxRecord[]> {
    return this.serial(async () => {
      const rows = await this.conn.selectFrom('ir_outbox').selectAll()
        .where('incident_id', '=', incidentId)
        .where('channel', '=', channel)
        .where('kind', '=', 'message')
        .where('purpose', '=', 'page')
        .where('status', '=', 'delivered')
        .where('finished_at', '>=', since)
        .where('provider_id', 'is not', null)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ir_signed_deliveries').select('delivery_id')
          .where('scope', '=', acknowledgedScope)
          .whereRef('delivery_id', '=', 'ir_outbox.provider_id'))))
        .orderBy('created_at').orderBy('id')
        .execute();
      return rows.map(toOutbox);
    });
  }

  finishMessages(leaseOwner: string, finishes: readonly MessageFinish[]): Promise<Set<string>> {
    return this.serial(async () => {
      // Messages that ended alike (1,000 pages delivered at one instant) share one UPDATE.
      const groups = new Map<string, { set: ReturnType<typeof finishColumns>; ids: string[] }>();
      for (const { id, finish } of finishes) {
        const set = finishColumns(finish);
        const key = JSON.stringify(set);
        const group = groups.get(key);
        if (group === undefined) groups.set(key, { set, ids: [id] });
        else group.ids.push(id);
      }
      const written = new Set<string>();
      for (const { set, ids } of groups.values()) {
        for (const chunk of idChunks(ids)) {
          const rows = await this.conn.updateTable('ir_outbox').set(set)
            .where('id', 'in', chunk).where('lease_owner', '=', leaseOwner).where('status', '=', 'pending')
            .returning('id')
            .execute();
          for (const row of rows) written.add(row.id);
        }
      }
      return written;
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
export class KyselyPagingStore implements Pick<PagingStore, Exclude<keyof PagingStore, 'onDueWork'>> {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async claimTimers(owner: string, now: EpochMs, leaseMs: number, limit: number): Promise<TimerRecord[]> {
    const due = this.db.selectFrom('ir_timers').select('id')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('due_at').orderBy('kind').limit(limit)
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

  async renewMessageLeases(ids: readonly string[], owner: string, until: EpochMs): Promise<Set<string>> {
    const held = new Set<string>();
    for (const chunk of idChunks(ids)) {
      const rows = await this.db.updateTable('ir_outbox').set({ lease_until: until })
        .where('id', 'in', chunk).where('lease_owner', '=', owner).where('status', '=', 'pending')
        .returning('id')
        .execute();
      for (const row of rows) held.add(row.id);
    }
    return held;
  }

  async deferMessages(ids: readonly string[], owner: string, until: EpochMs): Promise<void> {
    for (const chunk of idChunks(ids)) {
      await this.db.updateTable('ir_outbox')
        .set((eb) => ({ next_attempt_at: until, lease_owner: null, lease_until: null, attempts: eb('attempts', '-', 1) }))
        .where('id', 'in', chunk).where('lease_owner', '=', owner).where('status', '=', 'pending')
        .execute();
    }
  }

  async nextDueAt(now: EpochMs): Promise<{ timers: EpochMs | undefined; messages: EpochMs | undefined }> {
    // Each is the first row of an index in order (ir_timers_due_idx, ir_outbox_due_idx), skipping held rows.
    const row = await this.db.selectNoFrom((eb) => [
      eb.selectFrom('ir_timers').select('due_at')
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)]))
        .orderBy('due_at').limit(1).as('timers'),
      eb.selectFrom('ir_outbox').select('next_attempt_at')
        .where('status', '=', 'pending')
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)]))
        .orderBy('next_attempt_at').limit(1).as('messages'),
    ]).executeTakeFirst();
    const at = (value: unknown) => (value === null || value === undefined ? undefined : epochMs(Number(value)));
    return { timers: at(row?.timers), messages: at(row?.messages) };
  }

  async warmUp(connections: number): Promise<void> {
    // Asked for at once, the queries each take a connection of their own (PostgreSQL's pool opens
    // them; the store keeps a minimum open). SQLite's one connection runs them in turn.
    await Promise.all(Array.from({ length: connections }, () => this.db.selectFrom('ir_chain_head').select('seq').where('id', '=', 1).execute()));
  }

  async escalationGenerations(incidentIds: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const chunk of idChunks(incidentIds)) {
      const rows = await this.db.selectFrom('ir_escalations').select(['incident_id', 'state']).where('incident_id', 'in', chunk).execute();
      for (const row of rows) result.set(row.incident_id, (JSON.parse(row.state) as EscalationState).generation);
    }
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

  async findEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return (await selectEscalations(this.db, [incidentId])).get(incidentId);
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
      .where('incident_id', '=', incidentId).where('kind', '=', 'war-room-open').where('status', '=', 'delivered')
      .orderBy('finished_at').executeTakeFirst();
    if (row?.provider_id == null) return undefined;
    const [channelId, channelName] = row.provider_id.split(' ', 2);
    return channelId === undefined ? undefined : { channelId, channelName: channelName ?? channelId };
  }
}
