// Durable alerts accepted per second through `incident-response serve` (each 2xx is an alert
// committed to the store; concurrent requests share commits), next to Debian's Alertmanager taking
// the same requests on its own POST /api/v2/alerts in the same run (in memory, no durability).
// Three mixes, each at 1 and at 100 alerts per request, on SQLite and PostgreSQL:
//   grouped — a storm of new alerts of one alertname on one service: few incidents;
//   own     — every alert names its own service: every alert opens its own incident;
//   repeats — the same 2,000 open alerts sent again and again (deduplication).
// Also the server's event-loop delay p99 during the run and its RSS per open alert afterwards
// (both from its /metrics), beside Alertmanager's RSS per alert. And, in the same run, the floor:
// bench/durable-floor-server.mjs, the least a durable receiver in Node does (parse, fingerprint,
// one prepared upsert per alert, group commit with fsync), to say how much of the gap to
// Alertmanager is durability in Node on this machine and how much is the product's own work.
// autocannon, 32 connections, on 127.0.0.1. Prints medians of the runs and same-run ratios.
// Usage: node --import tsx bench/ingest-throughput.ts [runs=3] [seconds-per-case=5] [mixes=grouped,own,repeats] [sizes=1,100]
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson, dropSchema, median, startAlertmanager, startChild, startServe, storeEnv, type StoreKind } from './bench-support.js';

const runs = Math.min(Math.max(1, Number(process.argv[2] ?? 3)), 20);
const seconds = Math.min(Math.max(1, Number(process.argv[3] ?? 5)), 60);
const MIXES = ['grouped', 'own', 'repeats'] as const;
type Mix = (typeof MIXES)[number];
const mixes = (process.argv[4] ?? MIXES.join(',')).split(',').filter((m): m is Mix => (MIXES as readonly string[]).includes(m));
const sizes = (process.argv[5] ?? '1,100').split(',').map(Number).filter((n) => n >= 1 && n <= 500);
const CONNECTIONS = 32;
const REPEAT_SET = 2000;

interface Figures { alertsPerSec: number; p50: number; p99: number; refused: number; errors: number; loopP99Ms?: number; rssPerAlertBytes?: number }

let sequence = 0;

function body(mix: Mix, size: number): () => string {
  return () => {
    const now = new Date().toISOString();
    return JSON.stringify(Array.from({ length: size }, () => {
      const n = sequence++;
      const id = mix === 'repeats' ? n % REPEAT_SET : n;
      const service = mix === 'own' ? `svc-${process.pid}-${id}` : 'checkout';
      return {
        labels: { alertname: mix === 'own' ? `Own${id}` : 'BenchAlert', service, instance: `host-${id}`, severity: 'warning' },
        annotations: { summary: `bench alert ${id}` }, startsAt: now, generatorURL: 'http://127.0.0.1/bench',
      };
    }));
  };
}

async function load(url: string, next: () => string, alertsPerRequest: number, headers: Record<string, string> = {}): Promise<Figures> {
  const r = await autocannon({
    url, method: 'POST', connections: CONNECTIONS, duration: seconds, timeout: 20,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: next() }) }],
  });
  return {
    alertsPerSec: Math.round((r['2xx'] * alertsPerRequest) / seconds), p50: r.latency.p50, p99: r.latency.p99,
    refused: r['4xx'] + r['5xx'], errors: r.errors + r.timeouts,
  };
}

/** A gauge from a Prometheus text exposition. */
async function metric(url: string, name: string, headers: Record<string, string> = {}): Promise<number | undefined> {
  const text = await fetch(url, { headers }).then((r) => r.text(), () => '');
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

async function measureAlertmanager(mix: Mix, size: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-am-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, 'route: { receiver: "null" }\nreceivers: [ { name: "null" } ]\n');
  const am = await startAlertmanager(dir, config);
  try {
    const rssBefore = await metric(`${am.url}/metrics`, 'process_resident_memory_bytes');
    const f = await load(`${am.url}/api/v2/alerts`, body(mix, size), size);
    const rssAfter = await metric(`${am.url}/metrics`, 'process_resident_memory_bytes');
    const alerts = mix === 'repeats' ? REPEAT_SET : f.alertsPerSec * seconds;
    return { ...f, ...(rssBefore && rssAfter && alerts > 0 ? { rssPerAlertBytes: Math.round((rssAfter - rssBefore) / alerts) } : {}) };
  } finally {
    await am.proc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** bench/durable-floor-server.mjs: the least a durable receiver in Node does (see its header). */
async function measureFloor(mix: Mix, size: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-floor-'));
  const { proc, match } = await startChild(process.execPath, [join(import.meta.dirname, 'durable-floor-server.mjs'), join(dir, 'floor.db')], { cwd: dir, ready: /Listening on (http:\/\/[^\s]+) / });
  try {
    return await load(`${match[1]!}/api/v2/alerts`, body(mix, size), size);
  } finally {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureProduct(kind: StoreKind, mix: Mix, size: number, run: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), `ir-bench-ingest-${kind}-`));
  const schema = `bench_ingest_${process.pid}_${run}_${mix}_${size}`;
  const env = storeEnv(kind, dir, schema);
  const amKey = cliJson<{ key: string }>(['integration', 'create', '--source', 'alertmanager-api', '--name', 'bench-am'], dir, env).key;
  const admin = cliJson<{ token: string }>(['token', 'create', '--name', 'bench-admin', '--role', 'admin'], dir, env).token;
  const serve = await startServe(dir, env);
  try {
    const auth = { authorization: `Bearer ${admin}` };
    const rssBefore = await metric(`${serve.url}/metrics`, 'process_resident_memory_bytes', auth);
    const f = await load(`${serve.url}/api/v2/alerts`, body(mix, size), size, { authorization: `Bearer ${amKey}` });
    const loop = await metric(`${serve.url}/metrics`, 'nodejs_eventloop_lag_p99_seconds', auth);
    const rssAfter = await metric(`${serve.url}/metrics`, 'process_resident_memory_bytes', auth);
    const open = mix === 'repeats' ? REPEAT_SET : f.alertsPerSec * seconds;
    return {
      ...f, ...(loop !== undefined ? { loopP99Ms: Math.round(loop * 1000) } : {}),
      ...(rssBefore && rssAfter && open > 0 ? { rssPerAlertBytes: Math.round((rssAfter - rssBefore) / open) } : {}),
    };
  } finally {
    await serve.proc.stop();
    if (kind === 'postgres') await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(all: readonly Figures[]): Figures {
  const pick = (f: (x: Figures) => number | undefined) => {
    const v = all.map(f).filter((x): x is number => x !== undefined);
    return v.length === 0 ? undefined : Math.round(median(v));
  };
  return {
    alertsPerSec: pick((x) => x.alertsPerSec)!, p50: pick((x) => x.p50)!, p99: pick((x) => x.p99)!, refused: pick((x) => x.refused)!, errors: pick((x) => x.errors)!,
    ...(pick((x) => x.loopP99Ms) !== undefined ? { loopP99Ms: pick((x) => x.loopP99Ms)! } : {}),
    ...(pick((x) => x.rssPerAlertBytes) !== undefined ? { rssPerAlertBytes: pick((x) => x.rssPerAlertBytes)! } : {}),
  };
}

async function main(): Promise<void> {
  const cases: Record<string, Figures[]> = {};
  const ratios: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const mix of mixes) {
      for (const size of sizes) {
        const am = await measureAlertmanager(mix, size);
        (cases[`alertmanager ${mix} ×${size}`] ??= []).push(am);
        const floor = await measureFloor(mix, size);
        (cases[`durable floor ${mix} ×${size}`] ??= []).push(floor);
        (ratios[`durable floor ${mix} ×${size} ÷ alertmanager`] ??= []).push(floor.alertsPerSec / Math.max(1, am.alertsPerSec));
        for (const kind of ['sqlite', 'postgres'] as const) {
          const f = await measureProduct(kind, mix, size, run);
          (cases[`${kind} ${mix} ×${size}`] ??= []).push(f);
          (ratios[`${kind} ${mix} ×${size} ÷ alertmanager`] ??= []).push(f.alertsPerSec / Math.max(1, am.alertsPerSec));
          (ratios[`${kind} ${mix} ×${size} ÷ durable floor`] ??= []).push(f.alertsPerSec / Math.max(1, floor.alertsPerSec));
        }
        console.error(`run ${run + 1}/${runs}: ${mix} ×${size} done`);
      }
    }
  }
  console.log(JSON.stringify({
    runs, secondsPerCase: seconds, connections: CONNECTIONS,
    medians: Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, summarise(v)])),
    ratiosMedianOfSameRun: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Number(median(v).toFixed(3))])),
  }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
