// HTTP API throughput on loopback: requests/s and p50/p99 latency for `GET /api/v1/incidents`
// with 10,000 incidents stored and for declaring (POST /api/v1/incidents), on SQLite and
// PostgreSQL, next to a bare Node `http` server answering a constant in the same run (the
// ceiling on this machine). The server runs as `incident-response serve` in its own process;
// autocannon (10 connections) generates the load from this one.
// Usage: node --import tsx bench/http-throughput.ts [seconds-per-case] [incidents]
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_RESPONSE_CONFIG } from '../src/app/config/index.js';
import { IncidentService } from '../src/app/incidents/index.js';
import { openPostgresStore, openSqliteStore } from '../src/adapters/storage/index.js';
import { INCIDENT_TYPES, SEVERITIES } from '../src/domain/classification/index.js';
import { epochMs } from '../src/domain/time/index.js';

const seconds = Number(process.argv[2] ?? 5);
const incidents = Number(process.argv[3] ?? 10_000);
const pgUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = resolve('dist/incident-response.mjs');

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

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`not ready: ${out}`)), 20_000);
    const check = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) { clearTimeout(timer); done({ child, match: m }); }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
  });
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
  const env: Record<string, string> = kind === 'sqlite' ? { IR_DB: join(cwd, 'bench.db') } : { DATABASE_URL: `${pgUrl}?schema=${schema}` };
  await seed(() => (kind === 'sqlite' ? openSqliteStore(env['IR_DB']!) : openPostgresStore(pgUrl, { schema })));
  const tokenRun = spawnSync(process.execPath, [BIN, 'token', 'create', '--name', 'bench', '--role', 'admin', '--json'], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } });
  const token = (JSON.parse(tokenRun.stdout.toString()) as { token: string }).token;
  const { child, match } = await startProcess([BIN, 'serve', '--port', '0'], { ...env, LOG_LEVEL: 'warn' }, /Listening on (http:\/\/[^\s]+) /);
  const base = match[1]!;
  try {
    const list = await load(`${base}/api/v1/incidents?limit=50`, { token });
    const declare = await load(`${base}/api/v1/incidents`, { method: 'POST', token, body: JSON.stringify({ severity: 'high', type: 'outage', environment: 'production', title: 'Bench declare' }) });
    return { list, declare };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    if (kind === 'postgres') {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }
}

async function measureCeiling(): Promise<Figures> {
  const code = "require('http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{\"ok\":true}')}).listen(0,'127.0.0.1',function(){console.log('port '+this.address().port)})";
  const { child, match } = await startProcess(['-e', code], {}, /port (\d+)/);
  try {
    return await load(`http://127.0.0.1:${match[1]}/`);
  } finally {
    child.kill();
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
