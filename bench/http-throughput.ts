// HTTP API throughput on loopback: requests/s and p50/p99 latency for `GET /api/v1/incidents`
// with 10,000 incidents stored and for declaring (POST /api/v1/incidents), on SQLite and
// PostgreSQL, next to a bare Node `http` server answering a constant in the same run (the
// ceiling on this machine). The server runs as `incident-response serve` in its own process;
// autocannon (10 connections) generates the load from this one.
// Usage: node --import tsx bench/http-throughput.ts [seconds-per-case] [incidents]
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESPONSE_CONFIG } from '../src/app/config/index.js';
import { IncidentService } from '../src/app/incidents/index.js';
import { openPostgresStore, openSqliteStore } from '../src/adapters/storage/index.js';
import { INCIDENT_TYPES, SEVERITIES } from '../src/domain/classification/index.js';
import { epochMs } from '../src/domain/time/index.js';
import { PG_URL, cliJson, dropSchema, startChild, startServe, storeEnv } from './bench-support.js';

const seconds = Number(process.argv[2] ?? 5);
const incidents = Number(process.argv[3] ?? 10_000);

type Figures = { rps: number; p50: number; p99: number; errors: number };

async function load(url: string, options: { method?: 'GET' | 'POST'; body?: string; token?: string } = {}): Promise<Figures> {
  const r = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    method: options.method ?? 'GET',
    ...(options.body ? { body: options.body } : {}),
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function seed(open: () => Promise<import('../src/app/ports/index.js').IncidentStore>): Promise<void> {
  const store = await open();
  const svc = new IncidentService(store, { now: () => epochMs(Date.now()) }, DEFAULT_RESPONSE_CONFIG);
  for (let i = 0; i < incidents; i++) {
    await svc.declare({
      severity: SEVERITIES[i % 4]!, incidentType: INCIDENT_TYPES[i % 5]!, environment: 'production',
      service: `svc-${i % 20}`, title: `Synthetic incident ${i}`,
    }, { name: 'bench' });
  }
  await store.close();
}

async function measureProduct(kind: 'sqlite' | 'postgres'): Promise<Record<string, Figures>> {
  const cwd = mkdtempSync(join(tmpdir(), `ir-bench-http-${kind}-`));
  const schema = `bench_http_${process.pid}`;
  const env = storeEnv(kind, cwd, schema);
  await seed(() => (kind === 'sqlite' ? openSqliteStore(env['IR_DB']!) : openPostgresStore(PG_URL, { schema })));
  const { token } = cliJson<{ token: string }>(['token', 'create', '--name', 'bench', '--role', 'admin'], cwd, env);
  const { proc, url: base } = await startServe(cwd, env);
  try {
    const list = await load(`${base}/api/v1/incidents?limit=50`, { token });
    const declare = await load(`${base}/api/v1/incidents`, { method: 'POST', token, body: JSON.stringify({ severity: 'high', type: 'outage', environment: 'production', title: 'Bench declare' }) });
    return { list, declare };
  } finally {
    await proc.stop();
    if (kind === 'postgres') await dropSchema(schema);
  }
}

async function measureCeiling(): Promise<Figures> {
  const code = "require('http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{\"ok\":true}')}).listen(0,'127.0.0.1',function(){console.log('port '+this.address().port)})";
  const { proc, match } = await startChild(process.execPath, ['-e', code], { cwd: tmpdir(), ready: /port (\d+)/ });
  try {
    return await load(`http://127.0.0.1:${match[1]}/`);
  } finally {
    await proc.stop();
  }
}

async function main(): Promise<void> {
  const ceiling = await measureCeiling();
  const sqlite = await measureProduct('sqlite');
  const postgres = await measureProduct('postgres');
  const ratio = (f: Figures) => `${((f.rps / ceiling.rps) * 100).toFixed(1)}% of ceiling`;
  console.log(JSON.stringify({
    secondsPerCase: seconds, incidentsStored: incidents, connections: 10,
    bareNodeCeiling: ceiling,
    sqlite: { list: { ...sqlite['list'], ratio: ratio(sqlite['list']!) }, declare: { ...sqlite['declare'], ratio: ratio(sqlite['declare']!) } },
    postgres: { list: { ...postgres['list'], ratio: ratio(postgres['list']!) }, declare: { ...postgres['declare'], ratio: ratio(postgres['declare']!) } },
  }, null, 2));
}

void main();
