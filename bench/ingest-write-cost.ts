// What one alert costs the writer, in process (no HTTP), as a group grows: alerts of one group (one
// service, one alertname) are ingested in batches of 100 through AlertIngest.ingestSignals, the
// code every ingest endpoint commits through, and the CPU time and wall time per alert are taken
// over the batches that bring the group from 0.9·N to N alerts, for N = 1,000, 10,000 and 100,000.
// Flat means the writer does not scan the group per alert. Also: every alert its own incident
// (distinct services) and repeats of open alerts. SQLite file and PostgreSQL; medians of `runs`.
// Also the process's RSS growth per open alert once `largest` are open (run with --expose-gc).
// Usage: node --expose-gc --import tsx bench/ingest-write-cost.ts [runs=3] [largest=100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/main/create-app.js';
import { sha256Hex } from '../src/adapters/storage/index.js';
import type { AlertSignal } from '../src/domain/alerts/index.js';
import { epochMs, type EpochMs } from '../src/domain/time/index.js';
import type { IntegrationRecord } from '../src/app/ports/index.js';
import { dropSchema, median, PG_URL, type StoreKind } from './bench-support.js';

const runs = Math.min(Math.max(1, Number(process.argv[2] ?? 3)), 10);
const largest = Math.min(Math.max(1000, Number(process.argv[3] ?? 100_000)), 1_000_000);
const BATCH = 100;
const ADMIN = { name: 'bench', role: 'admin' as const, teams: [] };

let now = epochMs(Date.parse('2026-12-01T12:00:00Z'));
const clock = { now: (): EpochMs => now };

function signal(dedupKey: string, service: string): AlertSignal {
  return {
    source: 'pagerduty-events', dedupKey, fingerprint: dedupKey, action: 'trigger', summary: `bench ${dedupKey}`, severity: 'high', service,
    labels: { alertname: 'BenchAlert', service }, annotations: {}, details: {}, links: [], receivedAt: now,
  };
}

async function open(kind: StoreKind, run: number): Promise<{ app: App; integration: IntegrationRecord; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-write-'));
  const schema = `bench_write_${process.pid}_${run}`;
  const env = kind === 'postgres' ? { DATABASE_URL: `${PG_URL}?schema=${schema}` } : {};
  const app = await createApp({ cwd: dir, env, dbPath: join(dir, 'ir.db'), clock, opener: 'server' });
  const { key } = await app.alerts.integrations.create({ source: 'pagerduty-events', name: 'bench', service: 'checkout' }, ADMIN);
  const integration = (await app.store.findIntegrationByHash(sha256Hex(key)))!;
  return {
    app, integration,
    done: async () => {
      await app.close();
      if (kind === 'postgres') await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ingests `count` alerts from `make(i)` in batches; returns µs of CPU and of wall time per alert. */
async function ingest(app: App, integration: IntegrationRecord, from: number, count: number, make: (i: number) => AlertSignal): Promise<{ cpuUs: number; wallUs: number }> {
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  for (let i = from; i < from + count; i += BATCH) {
    now = epochMs(now + 10);
    const signals = Array.from({ length: Math.min(BATCH, from + count - i) }, (_, j) => make(i + j));
    await app.alerts.ingest.ingestSignals([{ integration, signals }], now);
  }
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / count, wallUs: Number(process.hrtime.bigint() - wall0) / 1000 / count };
}

async function measure(kind: StoreKind, run: number): Promise<Record<string, { cpuUs: number; wallUs: number }>> {
  const out: Record<string, { cpuUs: number; wallUs: number }> = {};
  {
    const { app, integration, done } = await open(kind, run);
    try {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let ingested = 0;
      for (const size of [1000, 10_000, 100_000, 1_000_000].filter((n) => n <= largest)) {
        const tail = Math.max(BATCH, Math.round(size * 0.1));
        await ingest(app, integration, ingested, size - tail - ingested, (i) => signal(`g-${i}`, 'checkout'));
        out[`grouped, group of ${size}`] = await ingest(app, integration, size - tail, tail, (i) => signal(`g-${i}`, 'checkout'));
        ingested = size;
      }
      global.gc?.();
      // The writer keeps no alert in memory: open alerts live in the store; this is what the process grew by.
      rssPerOpenAlert[kind].push((process.memoryUsage().rss - rssBefore) / ingested);
      out['repeats of open alerts'] = await ingest(app, integration, 0, 5000, (i) => signal(`g-${i}`, 'checkout'));
    } finally {
      await done();
    }
  }
  {
    const { app, integration, done } = await open(kind, run + 100);
    try {
      out['every alert its own incident'] = await ingest(app, integration, 0, 5000, (i) => signal(`own-${i}`, `svc-${i}`));
    } finally {
      await done();
    }
  }
  return out;
}

const rssPerOpenAlert: Record<StoreKind, number[]> = { sqlite: [], postgres: [] };

async function main(): Promise<void> {
  const results: Record<string, { cpuUs: number[]; wallUs: number[] }> = {};
  for (let run = 0; run < runs; run++) {
    for (const kind of ['sqlite', 'postgres'] as const) {
      for (const [name, f] of Object.entries(await measure(kind, run))) {
        const r = (results[`${kind}: ${name}`] ??= { cpuUs: [], wallUs: [] });
        r.cpuUs.push(f.cpuUs);
        r.wallUs.push(f.wallUs);
      }
    }
    console.error(`run ${run + 1}/${runs} done`);
  }
  const table = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, {
    cpuUsPerAlert: Math.round(median(v.cpuUs)), wallUsPerAlert: Math.round(median(v.wallUs)), alertsPerSecWall: Math.round(1e6 / median(v.wallUs)),
  }]));
  const rss = Object.fromEntries(Object.entries(rssPerOpenAlert).map(([k, v]) => [k, Math.round(median(v))]));
  console.log(JSON.stringify({ runs, batch: BATCH, largest, perAlert: table, rssBytesPerOpenAlert: rss }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
