// Paging engine figures: timer lateness with 10,000 escalations scheduled and 1,000 falling due in
// the same second, and pages delivered per second to a local webhook receiver — on SQLite and
// PostgreSQL, with one and two `serve` instances. Lateness is measured end to end: from the
// instant the timers fall due to the page's arrival at the receiver.
//
//   node --import tsx bench/paging-engine.ts [runs] [sqlite|postgres] [instances]
//   IR_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" … profiles each serve process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/create-app.js';
import { epochMs } from '../src/domain/time/index.js';
import { pagingConfig, startReceiver, WEBHOOK_SECRET } from '../test/paging-processes/receiver.js';
import { BIN, dropSchema, median, PG_URL, sleep, startChild, storeEnv, type StoreKind } from './bench-support.js';

const SCHEDULED = 10_000;
const DUE = 1_000;
const runs = Number(process.argv[2] ?? 1);
/** Node options for each `serve` process (a profiler, for one). */
const nodeArgs = (process.env['IR_BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function once(kind: StoreKind, instances: number): Promise<{ first: number; p50: number; p99: number; max: number; perSecond: number }> {
  const receiver = await startReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-paging-'));
  const schema = `bench_paging_${process.pid}_${Date.now()}`;
  // The only step fires 10 minutes after declaration, so declaring sends nothing: every page comes from a timer.
  writeFileSync(join(dir, 'incident-response.yaml'), pagingConfig(receiver.url).replace('      - targets: [{ person: hook }]\n      - delay_minutes: 30\n', '      - delay_minutes: 10\n'));
  const env: Record<string, string> = { ...storeEnv(kind, dir, schema), IR_TEST_WEBHOOK_SECRET: WEBHOOK_SECRET };
  const declaredAt = epochMs(Date.now() - 20 * 60_000);
  const app = await createApp({ cwd: dir, env, configPath: join(dir, 'incident-response.yaml'), clock: { now: () => declaredAt } });
  const ids: string[] = [];
  try {
    for (let batch = 0; batch < SCHEDULED / 500; batch++) {
      await app.store.write(async (tx) => {
        for (let i = 0; i < 500; i++) {
          const state = await app.incidents.declareIn(tx, { severity: 'high', incidentType: 'outage', environment: 'production', title: `Shard ${batch * 500 + i}`, service: 'shard' }, { name: 'bench' }, declaredAt);
          ids.push(state.id);
        }
      });
    }
  } finally {
    await app.close();
  }
  // 1,000 timers due in the same second, a few seconds after the servers start; the rest a day later.
  const dueAt = Date.now() + 8_000;
  const far = dueAt + 86_400_000;
  const due = ids.slice(0, DUE);
  if (kind === 'sqlite') {
    const { default: Sqlite } = await import('better-sqlite3');
    const raw = new Sqlite(env['IR_DB']!);
    raw.prepare('update ir_timers set due_at = ?').run(far);
    raw.prepare(`update ir_timers set due_at = ? where incident_id in (${due.map(() => '?').join(',')})`).run(dueAt, ...due);
    raw.close();
  } else {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`set search_path to "${schema}"`);
    await c.query('update ir_timers set due_at = $1', [far]);
    await c.query('update ir_timers set due_at = $1 where incident_id = any($2)', [dueAt, due]);
    await c.end();
  }

  const servers = await Promise.all(Array.from({ length: instances }, () => startChild(process.execPath, [...nodeArgs, BIN, 'serve', '--port', '0'], { cwd: dir, env, ready: /Listening on/ })));
  const deadline = Date.now() + 180_000;
  while (receiver.deliveries.length < DUE && Date.now() < deadline) await sleep(50);
  await sleep(500);
  await Promise.all(servers.map((s) => s.proc.stop()));
  await receiver.close();
  if (kind === 'postgres') await dropSchema(schema);
  const distinctIds = receiver.distinct();
  const incidents = new Set(receiver.deliveries.map((d) => d.body.data?.incident?.id)).size;
  if (receiver.deliveries.length !== DUE) {
    console.error(servers.map((s) => s.proc.output()).join('\n').split('\n').filter((l) => /warn|error|WARN|ERROR|"level":[45]0/.test(l)).slice(0, 20).join('\n'));
    throw new Error(`${receiver.deliveries.length} pages arrived (${distinctIds} distinct webhook ids, ${incidents} incidents), expected ${DUE}`);
  }
  const lateness = receiver.deliveries.map((d) => d.at - dueAt);
  const arrivals = receiver.deliveries.map((d) => d.at);
  return { first: Math.min(...lateness), p50: quantile(lateness, 0.5), p99: quantile(lateness, 0.99), max: Math.max(...lateness), perSecond: DUE / ((Math.max(...arrivals) - Math.min(...arrivals)) / 1000) };
}

for (const kind of (process.argv[3] ? [process.argv[3] as StoreKind] : ['sqlite', 'postgres'] as const)) {
  for (const instances of (process.argv[4] ? [Number(process.argv[4])] : [1, 2])) {
    const results: Awaited<ReturnType<typeof once>>[] = [];
    for (let r = 0; r < runs; r++) results.push(await once(kind, instances));
    const m = (f: (x: (typeof results)[number]) => number) => Math.round(median(results.map(f)));
    console.log(`${kind} × ${instances}: lateness first ${m((x) => x.first)} ms, p50 ${m((x) => x.p50)} ms, p99 ${m((x) => x.p99)} ms, max ${m((x) => x.max)} ms; ${m((x) => x.perSecond)} pages/s (median of ${runs})`);
  }
}
