// The read side against a bare Node `http` server answering a constant, in the same run:
// `GET /api/v2/summary.json` (the public status page) and `GET /api/v1/incidents/{id}` with 10,000
// incidents stored (a few hundred still open), on SQLite and PostgreSQL, as medians of several
// interleaved autocannon runs, printed as ratios; and the latency of
// `GET /api/v1/incidents?status=open&limit=500` with 200,000 incidents stored (median of 7
// sequential requests after one warm-up). `/healthz` on the same server, a constant answer through
// the same HTTP stack and hooks, is what any route of the server can reach at best. Histories are bulk-written by bench/generate-history.ts.
// The server runs as `incident-response serve` in its own process (build it first).
// Usage: node --import tsx bench/read-path.ts [seconds-per-run] [runs] [stored] [stored-for-list]
// (stored-for-list 0 leaves the list case out). The executable is dist/ under the working directory.
import autocannon from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { epochMs } from '../src/domain/time/index.js';
import { PG_URL, cliJson, dropSchema, median, startChild, startServe, storeEnv, type StoreKind } from './bench-support.js';
import { writePostgresHistory, writeSqliteHistory } from './generate-history.js';

const seconds = Number(process.argv[2] ?? 5);
const runs = Number(process.argv[3] ?? 3);
const stored = Number(process.argv[4] ?? 10_000);
const storedForList = Number(process.argv[5] ?? 200_000);

const STATUS_PAGE_YAML = `status_page:
  name: Acme Status
  url: https://status.example.com
  time_zone: UTC
  components:
    - { id: api, name: Public API }
    - { id: web, name: Web app }
`;

async function rps(url: string, token?: string): Promise<number> {
  const r = await autocannon({ url, connections: 10, duration: seconds, headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (r.errors + r.non2xx > 0) throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
  return r.requests.average;
}

async function withCeiling<T>(work: (url: string) => Promise<T>): Promise<T> {
  const code = "require('http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{\"ok\":true}')}).listen(0,'127.0.0.1',function(){console.log('port '+this.address().port)})";
  const { proc, match } = await startChild(process.execPath, ['-e', code], { cwd: tmpdir(), ready: /port (\d+)/ });
  try {
    return await work(`http://127.0.0.1:${match[1]}/`);
  } finally {
    await proc.stop();
  }
}

/** A served database with `count` incidents of synthetic history; `work` gets the base URL and an admin token. */
async function withServer<T>(kind: StoreKind, count: number, work: (base: string, token: string, env: Record<string, string>) => Promise<T>): Promise<T> {
  const cwd = mkdtempSync(join(tmpdir(), `ir-bench-read-${kind}-`));
  const schema = `bench_read_${process.pid}_${count}`;
  const env = storeEnv(kind, cwd, schema);
  writeFileSync(join(cwd, 'incident-response.yaml'), STATUS_PAGE_YAML);
  const options = { incidents: count, endAt: epochMs(Date.now()) };
  if (kind === 'sqlite') await writeSqliteHistory(env['IR_DB']!, options);
  else await writePostgresHistory(schema, options);
  const { token } = cliJson<{ token: string }>(['token', 'create', '--name', 'bench', '--role', 'admin'], cwd, env);
  const { proc, url } = await startServe(cwd, env);
  try {
    return await work(url, token, env);
  } finally {
    await proc.stop();
    if (kind === 'postgres') await dropSchema(schema);
  }
}

async function ratios(kind: StoreKind, ceilingUrl: string) {
  return withServer(kind, stored, async (base, token) => {
    const open = await (await fetch(`${base}/api/v1/incidents?status=open&limit=500`, { headers: { authorization: `Bearer ${token}` } })).json() as { items: { id: string }[] };
    const id = open.items[Math.floor(open.items.length / 2)]!.id;
    const figures = { ceiling: [] as number[], healthz: [] as number[], summary: [] as number[], incident: [] as number[] };
    for (let i = 0; i < runs; i++) {
      figures.ceiling.push(await rps(ceilingUrl));
      // The server's own floor: a constant answer through the same HTTP stack and hooks, no token.
      figures.healthz.push(await rps(`${base}/healthz`));
      figures.summary.push(await rps(`${base}/api/v2/summary.json`));
      figures.incident.push(await rps(`${base}/api/v1/incidents/${id}`, token));
    }
    const ratio = (xs: number[]) => median(xs.map((x, i) => x / figures.ceiling[i]!));
    return {
      openIncidents: open.items.length,
      bareNodeRps: Math.round(median(figures.ceiling)),
      healthzRps: Math.round(median(figures.healthz)), healthzRatio: +ratio(figures.healthz).toFixed(3),
      summaryRps: Math.round(median(figures.summary)), summaryRatio: +ratio(figures.summary).toFixed(3),
      incidentRps: Math.round(median(figures.incident)), incidentRatio: +ratio(figures.incident).toFixed(3),
    };
  });
}

async function openList(kind: StoreKind) {
  return withServer(kind, storedForList, async (base, token) => {
    const url = `${base}/api/v1/incidents?status=open&limit=500`;
    const get = async () => {
      const started = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json() as { items: unknown[] };
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      return { ms: performance.now() - started, items: body.items.length, bytes: JSON.stringify(body).length };
    };
    await get();
    const samples = [];
    for (let i = 0; i < 7; i++) samples.push(await get());
    return { stored: storedForList, items: samples[0]!.items, responseBytes: samples[0]!.bytes, medianMs: +median(samples.map((s) => s.ms)).toFixed(1) };
  });
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { secondsPerRun: seconds, runs, stored, connections: 10, pg: PG_URL.replace(/\/\/[^@]*@/, '//') };
  await withCeiling(async (ceiling) => {
    for (const kind of ['sqlite', 'postgres'] as const) out[kind] = await ratios(kind, ceiling);
  });
  if (storedForList > 0) for (const kind of ['sqlite', 'postgres'] as const) out[`${kind}OpenList`] = await openList(kind);
  console.log(JSON.stringify(out, null, 2));
}

void main();
