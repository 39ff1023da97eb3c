// Durable alerts accepted per second through `incident-response serve` (each 2xx is an alert
// committed to the store; concurrent requests share commits — group commit), on SQLite and on
// PostgreSQL, for PagerDuty Events v2 triggers with distinct dedup keys (POST /v2/enqueue) and
// Alertmanager-format batches (POST /api/v2/alerts), next to Debian's Alertmanager taking the same
// batches on its own POST /api/v2/alerts in the same run (in memory, no durability promise).
// autocannon, 32 connections, on 127.0.0.1. Prints the median of the runs and the ratios.
// Usage: node --import tsx bench/ingest-throughput.ts [runs=3] [seconds-per-case=5] [alerts-per-batch=10]
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson, dropSchema, median, startAlertmanager, startServe, storeEnv, type StoreKind } from './bench-support.js';

const runs = Math.min(Math.max(1, Number(process.argv[2] ?? 3)), 20);
const seconds = Math.min(Math.max(1, Number(process.argv[3] ?? 5)), 60);
const batch = Math.min(Math.max(1, Number(process.argv[4] ?? 10)), 100);
const CONNECTIONS = 32;

interface Figures { alertsPerSec: number; requestsPerSec: number; p50: number; p99: number; refused: number; errors: number }

let sequence = 0;
const nextId = () => `${process.pid}-${sequence++}`;

function alertBatch(): string {
  const id = nextId();
  const now = new Date().toISOString();
  return JSON.stringify(Array.from({ length: batch }, (_, j) => ({
    labels: { alertname: 'BenchAlert', instance: `host-${id}-${j}`, severity: 'warning' },
    annotations: { summary: `bench alert ${id}-${j}` },
    startsAt: now,
    generatorURL: 'http://127.0.0.1/bench',
  })));
}

function pagerdutyTrigger(routingKey: string): string {
  const id = nextId();
  return JSON.stringify({ routing_key: routingKey, event_action: 'trigger', dedup_key: `bench-${id}`, payload: { summary: `bench event ${id}`, source: 'bench', severity: 'critical' } });
}

/** One autocannon case; `alertsPerRequest` converts accepted (2xx) requests into alerts. */
async function load(url: string, body: () => string, alertsPerRequest: number, headers: Record<string, string> = {}): Promise<Figures> {
  const r = await autocannon({
    url, method: 'POST', connections: CONNECTIONS, duration: seconds, timeout: 20,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  const accepted = r['2xx'];
  return {
    alertsPerSec: Math.round((accepted * alertsPerRequest) / seconds),
    requestsPerSec: Math.round(accepted / seconds),
    p50: r.latency.p50, p99: r.latency.p99,
    refused: r['4xx'] + r['5xx'], errors: r.errors + r.timeouts,
  };
}

async function measureAlertmanager(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-am-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, 'route: { receiver: "null" }\nreceivers: [ { name: "null" } ]\n');
  const am = await startAlertmanager(dir, config);
  try {
    return await load(`${am.url}/api/v2/alerts`, alertBatch, batch);
  } finally {
    await am.proc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureProduct(kind: StoreKind, run: number): Promise<{ pagerduty: Figures; alertmanagerApi: Figures }> {
  const dir = mkdtempSync(join(tmpdir(), `ir-bench-ingest-${kind}-`));
  const schema = `bench_ingest_${process.pid}_${run}`;
  const env = storeEnv(kind, dir, schema);
  const pdKey = cliJson<{ key: string }>(['integration', 'create', '--source', 'pagerduty-events', '--name', 'bench-pd', '--service', 'checkout'], dir, env).key;
  const amKey = cliJson<{ key: string }>(['integration', 'create', '--source', 'alertmanager-api', '--name', 'bench-am', '--service', 'checkout'], dir, env).key;
  const serve = await startServe(dir, env);
  try {
    const pagerduty = await load(`${serve.url}/v2/enqueue`, () => pagerdutyTrigger(pdKey), 1);
    const alertmanagerApi = await load(`${serve.url}/api/v2/alerts`, alertBatch, batch, { authorization: `Bearer ${amKey}` });
    return { pagerduty, alertmanagerApi };
  } finally {
    await serve.proc.stop();
    if (kind === 'postgres') await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(all: readonly Figures[]): Figures {
  const pick = (f: (x: Figures) => number) => Math.round(median(all.map(f)));
  return { alertsPerSec: pick((x) => x.alertsPerSec), requestsPerSec: pick((x) => x.requestsPerSec), p50: pick((x) => x.p50), p99: pick((x) => x.p99), refused: pick((x) => x.refused), errors: pick((x) => x.errors) };
}

async function main(): Promise<void> {
  const cases: Record<string, Figures[]> = {};
  const ratios: Record<string, number[]> = {};
  const add = (name: string, f: Figures) => (cases[name] ??= []).push(f);
  for (let run = 0; run < runs; run++) {
    const am = await measureAlertmanager();
    add('alertmanager /api/v2/alerts (baseline)', am);
    for (const kind of ['sqlite', 'postgres'] as const) {
      const figures = await measureProduct(kind, run);
      add(`${kind} /v2/enqueue`, figures.pagerduty);
      add(`${kind} /api/v2/alerts`, figures.alertmanagerApi);
      (ratios[`${kind} /api/v2/alerts ÷ alertmanager`] ??= []).push(figures.alertmanagerApi.alertsPerSec / Math.max(1, am.alertsPerSec));
      (ratios[`${kind} /v2/enqueue ÷ alertmanager`] ??= []).push(figures.pagerduty.alertsPerSec / Math.max(1, am.alertsPerSec));
    }
    console.error(`run ${run + 1}/${runs} done`);
  }
  console.log(JSON.stringify({
    runs, secondsPerCase: seconds, connections: CONNECTIONS, alertsPerBatch: batch,
    medians: Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, summarise(v)])),
    perRun: Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, v.map((f) => f.alertsPerSec)])),
    ratiosMedianOfSameRun: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Number(median(v).toFixed(3))])),
  }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
