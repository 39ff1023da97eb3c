// Events appended per second through the use cases (decide, hash, append, read model) on SQLite
// and PostgreSQL: one writer at a time, and 16 concurrent commands. Each append is its own
// durable transaction (SQLite synchronous=FULL; PostgreSQL default fsync). And batched: 100 notes
// over 10 incidents per transaction, as the ingest and the paging engine append (BATCH_SIZE events
// per commit, each still hashed into the chain and folded into its incident's read model).
// Usage: node --import tsx bench/append-rate.ts [seconds-per-case]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESPONSE_CONFIG } from '../src/app/config/index.js';
import { IncidentService } from '../src/app/incidents/index.js';
import type { IncidentStore } from '../src/app/ports/index.js';
import { openPostgresStore, openSqliteStore } from '../src/adapters/storage/index.js';
import { epochMs } from '../src/domain/time/index.js';

const seconds = Number(process.argv[2] ?? 5);
const pgUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function measure(store: IncidentStore, concurrency: number): Promise<number> {
  const svc = new IncidentService(store, { now: () => epochMs(Date.now()) }, DEFAULT_RESPONSE_CONFIG);
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    ids.push((await svc.declare({ severity: 'high', incidentType: 'outage', environment: 'production' }, { name: 'bench' })).view.incident.id);
  }
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(ids.map(async (id) => {
    while (Date.now() < deadline) {
      await svc.addNote(id, `note ${count}`, { name: 'bench' });
      count++;
    }
  }));
  return Math.round(count / seconds);
}

const BATCH_SIZE = 100;

async function measureBatched(store: IncidentStore): Promise<number> {
  const svc = new IncidentService(store, { now: () => epochMs(Date.now()) }, DEFAULT_RESPONSE_CONFIG);
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push((await svc.declare({ severity: 'high', incidentType: 'outage', environment: 'production' }, { name: 'bench' })).view.incident.id);
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    await store.write(async (tx) => {
      const now = epochMs(Date.now());
      for (let i = 0; i < BATCH_SIZE; i++) await svc.recordIn(tx, ids[i % ids.length]!, { name: 'bench' }, now, () => [{ kind: 'note-added', text: `note ${count + i}` }]);
    });
    count += BATCH_SIZE;
  }
  return Math.round(count / seconds);
}

/** `measure` on a fresh SQLite file and a fresh PostgreSQL schema (dropped afterwards), keyed by store. */
async function onBothStores(name: string, measure: (store: IncidentStore) => Promise<number>): Promise<Record<string, number>> {
  const sqlite = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'ir-bench-')), 'bench.db'));
  const onSqlite = await measure(sqlite);
  await sqlite.close();
  const schema = `bench_${process.pid}_${name}`;
  const pg = await openPostgresStore(pgUrl, { schema });
  const onPostgres = await measure(pg);
  await pg.close();
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
  return { [`sqlite_${name}_events_per_s`]: onSqlite, [`postgres_${name}_events_per_s`]: onPostgres };
}

async function main(): Promise<void> {
  const results = {
    ...await onBothStores(`batched_${BATCH_SIZE}`, measureBatched),
    ...await onBothStores('c1', (store) => measure(store, 1)),
    ...await onBothStores('c16', (store) => measure(store, 16)),
  };
  console.log(JSON.stringify({ secondsPerCase: seconds, ...results }, null, 2));
}

void main();
