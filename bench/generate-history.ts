// Synthetic incident history for the report and audit benchmarks, written straight into the schema
// with bulk inserts: N incidents declared over two years, each with its events (declared,
// acknowledged, status updates, resolved, closed), hash-chained exactly as the product chains them,
// the read model and the report projection beside them. `audit verify` passes on the result.
//
//   node --import tsx bench/generate-history.ts sqlite /tmp/history.db 1000000
//   node --import tsx bench/generate-history.ts postgres bench_history 1000000
import { openPostgresStore, openSqliteStore, sha256Hex } from '../src/adapters/storage/index.js';
import { toIncidentRow } from '../src/adapters/storage/shared/row-mapping.js';
import { encodeReportFacts } from '../src/adapters/storage/shared/report-facts-projection.js';
import { chainPayload, GENESIS_HASH } from '../src/domain/audit/index.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../src/domain/calendar/index.js';
import { ENVIRONMENTS, INCIDENT_TYPES, type Severity } from '../src/domain/classification/index.js';
import {
  applyIncidentEvent, decideAcknowledge, decideClose, decideDeclare, decideResolve, decideStatusUpdate, formatIncidentId, incidentDayKey,
  type DecisionContext, type IncidentEvent, type IncidentEventData, type IncidentState,
} from '../src/domain/incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../src/domain/policy/index.js';
import { advanceReportFacts } from '../src/domain/reporting/index.js';
import { epochMs, type EpochMs } from '../src/domain/time/index.js';
import { DEFAULT_WORKFLOWS } from '../src/domain/workflow/index.js';
import { PG_URL } from './bench-support.js';

export interface HistoryOptions {
  readonly incidents: number;
  /** History ends here and starts two years (730 days) earlier. */
  readonly endAt: EpochMs;
  readonly seed?: number;
}

/** Deterministic PRNG (mulberry32), so every run writes the same history. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout', 'payments', 'search', 'accounts', 'mobile-api', 'billing', 'inventory', 'notifications'];
const SEVERITY_WEIGHTS: [Severity, number][] = [['critical', 0.04], ['high', 0.17], ['medium', 0.49], ['low', 0.3]];

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 86_400_000;
/** Monday 2026-01-05 00:00 UTC: where deadlines are computed once per hour of the week. */
const REFERENCE_WEEK = Date.UTC(2026, 0, 5);
const referenceOf = (at: number) => {
  const intoWeek = ((at - REFERENCE_WEEK) % WEEK_MS + WEEK_MS) % WEEK_MS;
  const hourStart = REFERENCE_WEEK + Math.floor(intoWeek / HOUR_MS) * HOUR_MS;
  return { hourStart, minuteMs: intoWeek % HOUR_MS, slot: Math.floor(intoWeek / HOUR_MS) };
};
const contextAt = (now: number): DecisionContext => ({ now: epochMs(now), policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });

/**
 * Business-hours deadlines (SEV-3, SEV-4) walk the calendar with luxon, ~1 ms each: a million of
 * them would dominate the run. The product's own decide functions run once per severity, type and
 * hour of the (UTC) week at a reference week; each incident takes those deadlines shifted to its
 * own time. The default calendar has no holidays, so the deadlines are the product's.
 */
const declareCache = new Map<string, Extract<IncidentEventData, { kind: 'declared' }>>();
function fastDeclare(input: Parameters<typeof decideDeclare>[0], at: EpochMs): IncidentEventData {
  const ref = referenceOf(at);
  const key = `${input.severity}|${input.incidentType}|${ref.slot}`;
  let template = declareCache.get(key);
  if (template === undefined) {
    template = decideDeclare({ severity: input.severity, incidentType: input.incidentType, environment: input.environment }, contextAt(ref.hourStart)) as Extract<IncidentEventData, { kind: 'declared' }>;
    declareCache.set(key, template);
  }
  const shift = at - ref.hourStart;
  return {
    ...template,
    title: input.title!, environment: input.environment, ...(input.service === undefined ? {} : { service: input.service }),
    ...(input.impactStartedAt === undefined ? {} : { impactStartedAt: input.impactStartedAt }),
    responseDueAt: epochMs(template.responseDueAt + shift), nextUpdateDueAt: epochMs(template.nextUpdateDueAt + shift),
  };
}
const updateCache = new Map<string, number>();
function fastStatusUpdate(state: IncidentState, now: EpochMs): IncidentEventData[] {
  const ref = referenceOf(now);
  const key = `${state.severity}|${ref.slot}`;
  let offset = updateCache.get(key);
  if (offset === undefined) {
    const probe = applyIncidentEvent(undefined, { incidentId: 'INC-2026-0105-001', version: 1, at: epochMs(ref.hourStart), actor: 'x', data: decideDeclare({ severity: state.severity, incidentType: 'outage', environment: 'production' }, contextAt(ref.hourStart)) });
    const [d] = decideStatusUpdate(probe, 'identified', 'probe', contextAt(ref.hourStart));
    offset = d !== undefined && d.kind === 'status-updated' ? d.nextUpdateDueAt - ref.hourStart : HOUR_MS;
    updateCache.set(key, offset);
  }
  return [{ kind: 'status-updated', publicStatus: 'identified', message: 'Cause identified; fix in progress.', nextUpdateDueAt: epochMs(now + offset) }];
}

export interface GeneratedBatch {
  readonly events: { seq: number; incident_id: string; version: number; kind: string; at: number; actor: string; data: string; prev_hash: string; hash: string }[];
  readonly incidents: ReturnType<typeof toIncidentRow>[];
  readonly facts: { incident_id: string; declared_at: number; incident_type: string; facts: string }[];
}

/**
 * Yields batches of `batchSize` incidents in declaration order. The chain is continued across
 * batches; `head()` gives the last sequence and hash, `counters()` the per-day numbers handed out.
 */
export function* generateHistory(options: HistoryOptions, batchSize = 2000) {
  const rand = prng(options.seed ?? 20261128);
  const span = 730 * 86_400_000;
  const startAt = options.endAt - span;
  // Sorted declaration times: an evenly spaced grid with jitter keeps them sorted without sorting a million numbers.
  const step = span / options.incidents;
  const counters = new Map<string, number>();
  let seq = 0;
  let prevHash = GENESIS_HASH;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const severity = (): Severity => {
    let r = rand();
    for (const [s, w] of SEVERITY_WEIGHTS) if ((r -= w) < 0) return s;
    return 'low';
  };
  let batch: GeneratedBatch = { events: [], incidents: [], facts: [] };
  for (let i = 0; i < options.incidents; i++) {
    const declaredAt = epochMs(Math.floor(startAt + i * step + rand() * step * 0.9));
    const day = incidentDayKey(declaredAt);
    const number = (counters.get(day) ?? 0) + 1;
    counters.set(day, number);
    const id = formatIncidentId(day, number);
    const ctx = contextAt;
    const sev = severity();
    const impact = rand() < 0.6 ? epochMs(declaredAt - Math.floor(rand() * 30 * 60_000)) : undefined;
    const plan: [number, string, (s: IncidentState, c: DecisionContext) => IncidentEventData[]][] = [];
    const ackAfter = Math.floor((sev === 'critical' ? 20 : sev === 'high' ? 70 : 300) * 60_000 * rand());
    if (rand() < 0.93) plan.push([ackAfter, 'oncall', (s) => decideAcknowledge(s)]);
    if (rand() < 0.75) plan.push([ackAfter + 10 * 60_000, 'comms', (s, c) => fastStatusUpdate(s, c.now)]);
    const resolveAfter = ackAfter + Math.floor((30 + rand() * 600) * 60_000);
    // Incidents of the last days are still open, as in a real history.
    if (declaredAt + resolveAfter < options.endAt && rand() < 0.97) {
      plan.push([resolveAfter, 'oncall', (s) => decideResolve(s, pick(['Rolled back the deploy', 'Restarted the pool', 'Scaled out', 'Fixed the config', 'Vendor recovered']))]);
      if (rand() < 0.5) plan.push([resolveAfter + 2 * 86_400_000, 'lead', (s) => decideClose(s)]);
    }
    const declared: IncidentEvent = {
      incidentId: id, version: 1, at: declaredAt, actor: 'alerts',
      data: fastDeclare({
        severity: sev, incidentType: pick(INCIDENT_TYPES), environment: pick(ENVIRONMENTS), service: pick(SERVICES),
        title: `Synthetic incident ${i + 1}`, ...(impact === undefined ? {} : { impactStartedAt: impact }),
      }, declaredAt),
    };
    const events: IncidentEvent[] = [declared];
    let state = applyIncidentEvent(undefined, declared);
    for (const [after, actor, decide] of plan) {
      const at = declaredAt + after;
      for (const data of decide(state, ctx(at))) {
        const e: IncidentEvent = { incidentId: id, version: state.version + 1, at: epochMs(at), actor, data };
        state = applyIncidentEvent(state, e);
        events.push(e);
      }
    }
    for (const e of events) {
      seq++;
      const record = { seq, incidentId: e.incidentId, version: e.version, kind: e.data.kind, at: e.at, actor: e.actor, dataJson: JSON.stringify(e.data), prevHash };
      const hash = sha256Hex(chainPayload(record));
      batch.events.push({ seq, incident_id: id, version: e.version, kind: record.kind, at: e.at, actor: e.actor, data: record.dataJson, prev_hash: prevHash, hash });
      prevHash = hash;
    }
    batch.incidents.push(toIncidentRow(state));
    batch.facts.push({ incident_id: id, declared_at: declaredAt, incident_type: state.incidentType, facts: encodeReportFacts(advanceReportFacts(undefined, events, state)) });
    if (batch.incidents.length >= batchSize) {
      yield batch;
      batch = { events: [], incidents: [], facts: [] };
    }
  }
  if (batch.incidents.length > 0) yield batch;
  return { head: { seq, hash: prevHash }, counters };
}

const EVENT_COLUMNS = ['seq', 'incident_id', 'version', 'kind', 'at', 'actor', 'data', 'prev_hash', 'hash'] as const;
const INCIDENT_COLUMNS = ['id', 'title', 'severity', 'incident_type', 'environment', 'service', 'status', 'public_status', 'declared_at', 'acknowledged_at', 'resolved_at', 'response_due_at', 'next_update_due_at', 'updated_at', 'version', 'state', 'response_clock_started_at', 'last_update_at', 'commander', 'compliance_flag_count'] as const;
const FACT_COLUMNS = ['incident_id', 'declared_at', 'incident_type', 'facts'] as const;

/** Writes the history into a migrated SQLite file; returns the number of events. */
export async function writeSqliteHistory(path: string, options: HistoryOptions, progress?: (done: number) => void): Promise<number> {
  await (await openSqliteStore(path)).close();
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = (table: string, columns: readonly string[]) => db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const ev = insert('ir_events', EVENT_COLUMNS);
  const inc = insert('ir_incidents', INCIDENT_COLUMNS);
  const fac = insert('ir_report_facts', FACT_COLUMNS);
  const writeBatch = db.transaction((b: GeneratedBatch) => {
    for (const e of b.events) ev.run(...EVENT_COLUMNS.map((c) => e[c]));
    for (const r of b.incidents) inc.run(...INCIDENT_COLUMNS.map((c) => (r as Record<string, unknown>)[c] ?? null));
    for (const f of b.facts) fac.run(...FACT_COLUMNS.map((c) => f[c]));
  });
  const gen = generateHistory(options);
  let done = 0;
  for (;;) {
    const next = gen.next();
    if (next.done) {
      const { head, counters } = next.value;
      db.transaction(() => {
        db.prepare('update ir_chain_head set seq = ?, hash = ? where id = 1').run(head.seq, head.hash);
        const c = db.prepare('insert into ir_incident_counters (day, last) values (?, ?)');
        for (const [day, last] of counters) c.run(day, last);
      })();
      db.close();
      return head.seq;
    }
    writeBatch(next.value);
    done += next.value.incidents.length;
    progress?.(done);
  }
}

/** Writes the history into a fresh PostgreSQL schema (unnest-array bulk inserts); returns the number of events. */
export async function writePostgresHistory(schema: string, options: HistoryOptions, progress?: (done: number) => void): Promise<number> {
  await (await openPostgresStore(PG_URL, { schema })).close();
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`set search_path to "${schema}"`);
  await client.query('set synchronous_commit = off');
  const bulk = async (table: string, columns: readonly string[], types: readonly string[], rows: readonly Record<string, unknown>[]) => {
    const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
    const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    await client.query(`insert into ${table} (${columns.join(', ')}) select * from unnest(${params})`, arrays);
  };
  try {
    const gen = generateHistory(options);
    let done = 0;
    for (;;) {
      const next = gen.next();
      if (next.done) {
        const { head, counters } = next.value;
        await client.query('update ir_chain_head set seq = $1, hash = $2 where id = 1', [head.seq, head.hash]);
        await client.query('insert into ir_incident_counters (day, last) select * from unnest($1::text[], $2::int[])', [[...counters.keys()], [...counters.values()]]);
        await client.query('analyze');
        return head.seq;
      }
      const b = next.value;
      await client.query('begin');
      await bulk('ir_events', EVENT_COLUMNS, ['bigint', 'text', 'int', 'text', 'bigint', 'text', 'text', 'text', 'text'], b.events);
      await bulk('ir_incidents', INCIDENT_COLUMNS, ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'int', 'text', 'bigint', 'bigint', 'text', 'int'], b.incidents as Record<string, unknown>[]);
      await bulk('ir_report_facts', FACT_COLUMNS, ['text', 'bigint', 'text', 'text'], b.facts);
      await client.query('commit');
      done += b.incidents.length;
      progress?.(done);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const [kind, target, count] = process.argv.slice(2);
  if ((kind !== 'sqlite' && kind !== 'postgres') || target === undefined) {
    console.error('usage: generate-history.ts sqlite FILE [N] | postgres SCHEMA [N]');
    process.exit(2);
  }
  const options: HistoryOptions = { incidents: Number(count ?? 1_000_000), endAt: epochMs(Date.UTC(2026, 10, 28)) };
  const started = performance.now();
  let last = 0;
  const progress = (done: number) => {
    if (done - last >= 50_000 || done === options.incidents) {
      last = done;
      console.error(`${done} incidents, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  const events = kind === 'sqlite' ? await writeSqliteHistory(target, options, progress) : await writePostgresHistory(target, options, progress);
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ kind, target, incidents: options.incidents, events, seconds: Number(seconds.toFixed(1)), incidentsPerSecond: Math.round(options.incidents / seconds) }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
