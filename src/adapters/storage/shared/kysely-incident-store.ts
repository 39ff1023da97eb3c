import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as turnOfTheEventLoop } from 'node:timers/promises';
import type { Insertable, Kysely } from 'kysely';
import { excludedColumns } from './excluded-columns.js';
import type { DueWorkListener, IncidentFilter, IncidentListRow, IncidentStore, PagingWriteTx, StoreWriteTx, StoredEvent } from '../../../app/ports/index.js';
import { KyselyPagingWriteTx } from './kysely-paging.js';
import { chainPayload, type ChainLink, type ChainRecord } from '../../../domain/audit/index.js';
import { readAdminChainLinks } from './kysely-audit-trail.js';
import { AppError } from '../../../domain/errors/index.js';
import type { IncidentEvent, IncidentEventKind, IncidentState } from '../../../domain/incident/index.js';
import type { IncidentType } from '../../../domain/classification/index.js';
import type { EpochMs } from '../../../domain/time/index.js';
import { runTransaction } from './run-transaction.js';
import { projectReportFacts, readReportFacts } from './report-facts-projection.js';
import type { ReportFactsRow } from '../../../domain/reporting/index.js';
import { parseIncidentState, toChainRecord, toIncidentListRow, toIncidentRow, toStoredEvent } from './row-mapping.js';
import { whereIncidentFilter } from './incident-filter-query.js';
import { sha256Hex } from './sha256-hex.js';
import type { Database, EventsTable } from './schema.js';
import type { StoreDialect } from './store-dialect.js';
import { PrecompiledInsert } from './precompiled-insert.js';

const DEFAULT_LIST_LIMIT = 100;
/** Every column a list row is read from: never `state`. */
const LIST_COLUMNS = [
  'id', 'title', 'severity', 'incident_type', 'environment', 'service', 'status', 'public_status', 'declared_at', 'acknowledged_at', 'resolved_at',
  'response_clock_started_at', 'response_due_at', 'next_update_due_at', 'last_update_at', 'commander', 'compliance_flag_count',
] as const;
const MAX_LIST_LIMIT = 1000;

/**
 * The incident store on any Kysely database with the `ir_` schema; the dialect supplies only the
 * write lock and how to recognise a few errors. Times are never the database's: every instant
 * stored comes from the events and states passed in.
 */
export class KyselyIncidentStore implements IncidentStore {
  #closed: Promise<void> | undefined;
  /**
   * Set while a write's work runs. SQLite has one connection, so a store call made from inside
   * write() would wait for the write that is waiting for it: a silent hang. PostgreSQL would run it
   * outside the transaction. Both are bugs in the caller, so both kinds refuse them alike.
   */
  readonly #writing = new AsyncLocalStorage<true>();
  /** Told after each commit that set a timer or queued a message (the paging engine sleeps until then). */
  readonly #dueListeners = new Set<DueWorkListener>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  /** Inside `work`, use only `tx`: calling the store itself is refused with an INTERNAL error. */
  async write<T>(work: (tx: StoreWriteTx) => Promise<T>): Promise<T> {
    return this.writeOn((tx) => work(tx));
  }

  /** The write transaction with its connection, for stores sharing it (alerts beside incidents). */
  protected async writeOn<T>(work: (tx: KyselyWriteTx, conn: Kysely<Database>) => Promise<T>): Promise<T> {
    this.#refuseInsideWrite('write');
    let dueAt: EpochMs | undefined;
    const result = await runTransaction(this.db, (conn) => this.dialect.beginWrite(conn), async (conn) => {
      const tx = new KyselyWriteTx(conn, this.dialect);
      try {
        return await this.#writing.run(true, async () => {
          const result = await work(tx, conn);
          await tx.flush();
          return result;
        });
      } finally {
        dueAt = tx.pagingDueAt();
        tx.end();
      }
    });
    // Only once committed: a listener woken earlier would look for the work and not find it yet.
    // A listener's failure is its own: the write did commit.
    if (dueAt !== undefined) {
      for (const listener of this.#dueListeners) {
        try {
          listener(dueAt);
        } catch {
          // ignored
        }
      }
    }
    return result;
  }

  /** See `PagingStore.onDueWork`. */
  onDueWork(listener: DueWorkListener): () => void {
    this.#dueListeners.add(listener);
    return () => this.#dueListeners.delete(listener);
  }

  /** Refuses a store call made from inside write() (see `#writing`); `guardOutsideWrite` calls it before every method. */
  refuseInsideWrite(method: string): void {
    this.#refuseInsideWrite(method);
  }

  async findIncident(id: string): Promise<IncidentState | undefined> {
    return findIncidentIn(this.db, id);
  }

  async findIncidentVersion(id: string): Promise<{ version: number; incidentType: IncidentState['incidentType'] } | undefined> {
    const row = await this.db.selectFrom('ir_incidents').select(['version', 'incident_type']).where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : { version: Number(row.version), incidentType: row.incident_type as IncidentState['incidentType'] };
  }

  async listIncidents(filter: IncidentFilter): Promise<IncidentState[]> {
    const limit = checkLimit(filter.limit ?? DEFAULT_LIST_LIMIT, 'limit');
    const rows = await whereIncidentFilter(this.db.selectFrom('ir_incidents').select('state'), filter)
      .orderBy('declared_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(limit, MAX_LIST_LIMIT))
      .execute();
    return rows.map((r) => parseIncidentState(r.state));
  }

  async listIncidentRows(filter: IncidentFilter): Promise<IncidentListRow[]> {
    const limit = checkLimit(filter.limit ?? DEFAULT_LIST_LIMIT, 'limit');
    const rows = await whereIncidentFilter(this.db.selectFrom('ir_incidents').select(LIST_COLUMNS), filter)
      .orderBy('declared_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(limit, MAX_LIST_LIMIT))
      .execute();
    return rows.map(toIncidentListRow);
  }

  async readIncidentEvents(id: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('ir_events').selectAll().where('incident_id', '=', id).orderBy('version').execute();
    return rows.map(toStoredEvent);
  }

  async readEventsOfIncidentsDeclared(fromAt: EpochMs, toAt: EpochMs, hiddenTypes: readonly IncidentType[] = []): Promise<StoredEvent[]> {
    let query = this.db
      .selectFrom('ir_events')
      .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_events.incident_id')
      .selectAll('ir_events')
      .where('ir_incidents.declared_at', '>=', fromAt)
      .where('ir_incidents.declared_at', '<', toAt);
    if (hiddenTypes.length > 0) query = query.where('ir_incidents.incident_type', 'not in', hiddenTypes);
    const rows = await query
      .orderBy('ir_incidents.declared_at')
      .orderBy('ir_events.incident_id')
      .orderBy('ir_events.version')
      .execute();
    return rows.map(toStoredEvent);
  }

  async readEventsOfKinds(kinds: readonly IncidentEventKind[], hiddenTypes: readonly IncidentType[] = []): Promise<StoredEvent[]> {
    if (kinds.length === 0) return [];
    let query = this.db
      .selectFrom('ir_events')
      .innerJoin('ir_incidents', 'ir_incidents.id', 'ir_events.incident_id')
      .selectAll('ir_events')
      .where('ir_events.kind', 'in', kinds);
    if (hiddenTypes.length > 0) query = query.where('ir_incidents.incident_type', 'not in', hiddenTypes);
    const rows = await query.orderBy('ir_events.seq').execute();
    return rows.map(toStoredEvent);
  }

  async readReportFacts(fromAt: EpochMs, toAt: EpochMs, hiddenTypes: readonly IncidentType[] = []): Promise<ReportFactsRow[]> {
    return readReportFacts(this.db, fromAt, toAt, hiddenTypes);
  }

  async readChain(afterSeq: number, limit: number): Promise<ChainRecord[]> {
    const rows = await this.db
      .selectFrom('ir_events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(checkLimit(limit, 'chain page size'))
      .execute();
    return rows.map(toChainRecord);
  }

  async readChainLinks(afterSeq: number, limit: number): Promise<ChainLink[]> {
    const size = checkLimit(limit, 'chain page size');
    const events = await this.readChain(afterSeq, size);
    // The first `limit` links of both sides together are among the first `limit` of each.
    const admin = await readAdminChainLinks(this.db, afterSeq, size);
    const merged: ChainLink[] = [...events, ...admin].sort((a, b) => a.seq - b.seq);
    return merged.slice(0, size);
  }

  async findIncidentTypes(ids: readonly string[]): Promise<Map<string, IncidentType>> {
    const types = new Map<string, IncidentType>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += INCIDENT_CHUNK) {
      const rows = await this.db.selectFrom('ir_incidents').select(['id', 'incident_type']).where('id', 'in', unique.slice(i, i + INCIDENT_CHUNK)).execute();
      for (const r of rows) types.set(r.id, r.incident_type as IncidentType);
    }
    return types;
  }

  async chainHead(): Promise<{ seq: number; hash: string }> {
    return readChainHead(this.db);
  }

  /** Safe to call more than once. */
  close(): Promise<void> {
    this.#closed ??= this.db.destroy();
    return this.#closed;
  }

  #refuseInsideWrite(method: string): void {
    if (this.#writing.getStore() === undefined) return;
    const use = method === 'write' ? 'do the work in the outer write' : method === 'findIncident' ? 'use tx.findIncident' : 'read before or after the write';
    throw new AppError('INTERNAL', `store.${method}() was called inside store.write(): ${use}.`);
  }
}

/**
 * The view of one write transaction. Calls are queued so that work running them concurrently
 * (Promise.all over two appends) still numbers the chain one call at a time; the tx refuses
 * work once write() has committed or rolled back.
 *
 * Appends are decided and hashed at once but written in bulk: the writer lock is held from the
 * transaction's start, so the chain head read on the first append stays true until commit. Events
 * wait in memory with the incidents' newest states and are written by `flush()` — one multi-row
 * insert, one head update, one upsert per chunk of incidents, one report projection pass —
 * before commit, or before any call that reads the tables they go to (`serial`). A batch of 500
 * alerts linked to one incident then costs a handful of statements instead of seven per alert.
 */
export class KyselyWriteTx implements StoreWriteTx {
  #isOpen = true;
  #queue: Promise<unknown> = Promise.resolve();
  readonly paging: PagingWriteTx;
  readonly #paging: KyselyPagingWriteTx;
  /** The newest state of every incident this transaction has read or appended to. */
  readonly #states = new Map<string, IncidentState>();
  #head: { seq: number; hash: string } | undefined;
  #isHeadDirty = false;
  #eventRows: Insertable<EventsTable>[] = [];
  /** Incidents appended to since the last flush, with the events appended (for the report projection). */
  #changed = new Map<string, IncidentEvent[]>();
  /** Per-day counters as this transaction has advanced them; written by flush(). */
  readonly #counters = new Map<string, { last: number; isDirty: boolean }>();
  readonly #flushers: (() => Promise<void>)[] = [];

  constructor(
    private readonly conn: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {
    // Paging reads and writes only its own tables, so its calls need no flush first.
    this.#paging = new KyselyPagingWriteTx(conn, (call) => this.#serial(call));
    this.paging = this.#paging;
  }

  end(): void {
    this.#isOpen = false;
  }

  /** The earliest instant a timer set or a message queued in this transaction falls due. */
  pagingDueAt(): EpochMs | undefined {
    return this.#paging.dueAt();
  }

  /**
   * Runs `call` in this transaction's queue, after every call made before it and after writing
   * what waits in memory, so that `call` may read any table.
   */
  serial<T>(call: () => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      await this.#flush();
      return call();
    });
  }

  /** Like `serial`, for calls that read nothing an append or a buffered write changes. */
  serialBuffered<T>(call: () => Promise<T>): Promise<T> {
    return this.#serial(call);
  }

  /** Writes added by transactions sharing this one (alerts) that flush() writes with the events. */
  addFlusher(flush: () => Promise<void>): void {
    this.#flushers.push(flush);
  }

  /** The newest state of an incident this transaction already knows, without a read. */
  knownIncident(id: string): IncidentState | undefined {
    return this.#states.get(id);
  }

  /** Writes everything waiting in memory; write() calls it before commit. */
  flush(): Promise<void> {
    return this.#serial(() => this.#flush());
  }

  nextIncidentNumber(dayKey: string): Promise<number> {
    return this.#serial(async () => {
      const known = this.#counters.get(dayKey);
      if (known !== undefined) {
        known.last += 1;
        known.isDirty = true;
        return known.last;
      }
      const row = await this.conn
        .insertInto('ir_incident_counters')
        .values({ day: dayKey, last: 1 })
        .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ last: eb('ir_incident_counters.last', '+', 1) })))
        .returning('last')
        .executeTakeFirstOrThrow();
      this.#counters.set(dayKey, { last: Number(row.last), isDirty: false });
      return Number(row.last);
    });
  }

  findIncident(id: string): Promise<IncidentState | undefined> {
    return this.#serial(async () => {
      const known = this.#states.get(id);
      if (known !== undefined) return known;
      const found = await findIncidentIn(this.conn, id);
      if (found !== undefined) this.#states.set(id, found);
      return found;
    });
  }

  findIncidents(ids: readonly string[]): Promise<Map<string, IncidentState>> {
    return this.#serial(async () => {
      const found = new Map<string, IncidentState>();
      const unknown: string[] = [];
      for (const id of new Set(ids)) {
        const known = this.#states.get(id);
        if (known !== undefined) found.set(id, known);
        else unknown.push(id);
      }
      for (let i = 0; i < unknown.length; i += READ_CHUNK) {
        const rows = await this.conn.selectFrom('ir_incidents').select('state').where('id', 'in', unknown.slice(i, i + READ_CHUNK)).execute();
        for (const row of rows) {
          const state = parseIncidentState(row.state);
          this.#states.set(state.id, state);
          found.set(state.id, state);
        }
      }
      return found;
    });
  }

  append(events: readonly IncidentEvent[], state: IncidentState): Promise<StoredEvent[]> {
    return this.#serial(() => this.#append(events, state));
  }

  async #append(events: readonly IncidentEvent[], state: IncidentState): Promise<StoredEvent[]> {
    const first = events[0];
    if (first === undefined) return [];
    checkBatch(events, state);
    const id = first.incidentId;

    // A new incident's id was just drawn from the per-day counter under the writer lock; should it
    // exist anyway (a counter set back by hand), the events' unique key refuses it at flush.
    const current = this.#states.get(id)?.version ?? (first.version === 1 ? 0 : await this.#storedVersion(id));
    if (first.version !== current + 1) throw versionConflict(id, current, first.version);

    let head = this.#head ?? await readChainHead(this.conn);
    const stored: StoredEvent[] = [];
    for (const event of events) {
      const record = {
        seq: head.seq + 1,
        incidentId: event.incidentId,
        version: event.version,
        kind: event.data.kind,
        at: event.at,
        actor: event.actor,
        dataJson: JSON.stringify(event.data),
        prevHash: head.hash,
      };
      const hash = sha256Hex(chainPayload(record));
      this.#eventRows.push({
        seq: record.seq,
        incident_id: record.incidentId,
        version: record.version,
        kind: record.kind,
        at: record.at,
        actor: record.actor,
        data: record.dataJson,
        prev_hash: record.prevHash,
        hash,
      });
      stored.push({ ...event, seq: record.seq, prevHash: record.prevHash, hash });
      head = { seq: record.seq, hash };
    }
    this.#head = head;
    this.#isHeadDirty = true;
    this.#states.set(id, state);
    const changed = this.#changed.get(id);
    if (changed === undefined) this.#changed.set(id, [...events]);
    else changed.push(...events);
    return stored;
  }

  /** The version stored for an incident this transaction has not seen yet (0: none). */
  async #storedVersion(id: string): Promise<number> {
    const known = await this.conn
      .selectFrom('ir_events')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('incident_id', '=', id)
      .executeTakeFirst();
    return known?.version == null ? 0 : Number(known.version);
  }

  async #flush(): Promise<void> {
    // The event loop turns between the statements of a large flush: SQLite answers synchronously, so
    // a storm's batch (hundreds of incidents, their events and alerts) would otherwise be written as
    // one task of tens of milliseconds, holding up every request meanwhile; requests that need the
    // store still wait for the transaction, the others are answered.
    for (const flush of this.#flushers) {
      await flush();
      await turnOfTheEventLoop();
    }
    for (const [day, counter] of this.#counters) {
      if (!counter.isDirty) continue;
      await this.conn.updateTable('ir_incident_counters').set({ last: counter.last }).where('day', '=', day).execute();
      counter.isDirty = false;
    }
    if (this.#eventRows.length === 0) return;
    const rows = this.#eventRows;
    const changed = this.#changed;
    this.#eventRows = [];
    this.#changed = new Map();
    for (let i = 0; i < rows.length; i += EVENT_CHUNK) {
      try {
        const chunk = rows.slice(i, i + EVENT_CHUNK);
        await EVENT_INSERT.execute(this.conn, chunk, () => this.conn.insertInto('ir_events').values(chunk));
      } catch (error) {
        // Versions after the first were checked under the writer lock when appended, so a clash
        // is a new incident whose id exists already.
        if (!this.dialect.isUniqueViolation(error)) throw error;
        const created = rows.slice(i, i + EVENT_CHUNK).find((r) => r.version === 1);
        throw created === undefined
          ? new AppError('CONFLICT', 'Cannot save the changes: another writer appended to the same incidents meanwhile. Reload and try again.', { cause: error })
          : versionConflict(created.incident_id, 1, 1, error);
      }
      await turnOfTheEventLoop();
    }
    if (this.#isHeadDirty && this.#head !== undefined) {
      await this.conn.updateTable('ir_chain_head').set({ seq: this.#head.seq, hash: this.#head.hash }).where('id', '=', 1).execute();
      await this.dialect.notifyAppended(this.conn, this.#head.seq);
      this.#isHeadDirty = false;
    }
    const incidents = [...changed.keys()].map((id) => this.#states.get(id)!);
    for (let i = 0; i < incidents.length; i += INCIDENT_CHUNK) {
      const values = incidents.slice(i, i + INCIDENT_CHUNK).map(toIncidentRow);
      await INCIDENT_UPSERT.execute(this.conn, values, () => this.conn
        .insertInto('ir_incidents')
        .values(values)
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => excludedColumns(eb, values[0]!))));
      await turnOfTheEventLoop();
    }
    await projectReportFacts(this.conn, [...changed].map(([id, events]) => ({ events, state: this.#states.get(id)! })));
  }

  #serial<T>(call: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (!this.#isOpen) {
        throw new AppError('INTERNAL', 'the write transaction has already ended; use the tx only inside the write() callback, and await every call');
      }
      return call();
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

/** Events per insert: nine parameters each, far under both databases' limits; small enough to be one short task. */
const EVENT_CHUNK = 250;
const EVENT_INSERT = new PrecompiledInsert();
const INCIDENT_UPSERT = new PrecompiledInsert();
/** Incidents per upsert: sixteen parameters each (each row carries the ~2 KB state). */
const INCIDENT_CHUNK = 100;
/** Ids per read of many incidents. */
const READ_CHUNK = 1000;

async function findIncidentIn(db: Kysely<Database>, id: string): Promise<IncidentState | undefined> {
  const row = await db.selectFrom('ir_incidents').select('state').where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : parseIncidentState(row.state);
}

async function readChainHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const row = await db.selectFrom('ir_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (row === undefined) {
    throw new AppError('INTERNAL', 'the event chain head (ir_chain_head, id 1) is missing: the database was changed outside incident-response');
  }
  return { seq: Number(row.seq), hash: row.hash };
}

/** A batch is one incident's next events, in order, with the state they fold to: anything else is a bug in the caller. */
function checkBatch(events: readonly IncidentEvent[], state: IncidentState): void {
  const first = events[0]!;
  events.forEach((e, i) => {
    if (e.incidentId !== first.incidentId) {
      throw new AppError('INTERNAL', `append: events of ${first.incidentId} and ${e.incidentId} in one call; append one incident at a time`);
    }
    if (e.version !== first.version + i) {
      throw new AppError('INTERNAL', `append: ${e.incidentId} versions must be consecutive, got ${e.version} after ${first.version + i - 1}`);
    }
    if (!Number.isSafeInteger(e.at)) throw new AppError('INTERNAL', `append: ${e.incidentId} v${e.version} has a non-integer time ${e.at}`);
  });
  const last = events[events.length - 1]!;
  if (state.id !== first.incidentId || state.version !== last.version) {
    throw new AppError('INTERNAL', `append: the state given is ${state.id} v${state.version}, but the events end at ${last.incidentId} v${last.version}`);
  }
}

function versionConflict(id: string, current: number, attempted: number, cause?: unknown): AppError {
  const message = attempted === 1 && current > 0
    ? `Cannot create ${id}: it already exists.`
    : `Cannot save changes to ${id}: it is at version ${current}, but these changes start at version ${attempted}. Someone else changed it meanwhile; reload it and try again.`;
  return new AppError('CONFLICT', message, cause === undefined ? {} : { cause });
}

function checkLimit(limit: number, what: string): number {
  if (Number.isInteger(limit) && limit >= 1) return limit;
  throw new AppError('VALIDATION', `${what} must be a whole number of at least 1, not ${limit}`, { issues: [{ path: 'limit', message: 'must be a whole number ≥ 1' }] });
}
