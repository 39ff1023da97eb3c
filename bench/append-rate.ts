// Events appended per second through the use cases (decide, hash, append, read model) on SQLite
// and PostgreSQL: one writer at a time, and 16 concurrent commands. Each append is its own
// durable transaction (SQLite synchronous=FULL; PostgreSQL default fsync).
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

async function main(): Promise<void> {
  const results: Record<string, number> = {};
  for (const concurrency of [1, 16]) {
    const sqlite = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'ir-bench-')), 'bench.db'));
    results[`sqlite_c${concurrency}_events_per_s`] = await measure(sqlite, concurrency);
    await sqlite.close();
    const schema = `bench_${process.pid}_${concurrency}`;
    const pg = await openPostgresStore(pgUrl, { schema });
    results[`postgres_c${concurrency}_events_per_s`] = await measure(pg, concurrency);
    await pg.close();
    const { default: pgLib } = await import('pg');
    const client = new pgLib.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
  console.log(JSON.stringify({ secondsPerCase: seconds, ...results }, null, 2));
}

void main();
