// Acknowledgement latency: time from `POST /ack/<token>` (the link in a page) to the escalation
// stopped — the answer is given after the acknowledgement's transaction committed, and the bench
// checks that the incident's waiting pages (Alice's voice call, Bob's step) are cancelled by then.
// In-process server (Fastify inject), on SQLite and PostgreSQL; p50/p99 over N incidents.
// Usage: node --import tsx bench/ack-latency.ts [incidents]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerLogger } from '../src/adapters/http/index.js';
import { epochMs } from '../src/domain/time/index.js';
import { ackLinkDesk } from '../src/main/ack-link-wiring.js';
import { createApp } from '../src/main/create-app.js';
import { createServer } from '../src/main/create-server.js';
import { WORLD_CONFIG } from '../test/paging/paging-world.js';
import { dropSchema, storeEnv, type StoreKind } from './bench-support.js';

const count = Number(process.argv[2] ?? 300);
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(kind: StoreKind): Promise<{ p50: number; p99: number; max: number }> {
  const cwd = mkdtempSync(join(tmpdir(), 'ir-bench-ack-'));
  writeFileSync(join(cwd, 'incident-response.yaml'), WORLD_CONFIG.replace('paging:\n', 'paging:\n  app_url: https://incidents.example.com\n'));
  const schema = `bench_ack_${process.pid}`;
  const app = await createApp({
    cwd,
    env: storeEnv(kind, cwd, schema),
    clock: { now: () => epochMs(Date.now()) },
  });
  const server = createServer(app, { logger: createServerLogger({ level: 'silent' }) });
  await server.ready();
  const admin = app.apiFor({ name: 'root', role: 'admin', teams: [] });
  const desk = ackLinkDesk(app);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const declared = await admin.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `Checkout API down ${i}`, service: 'checkout-api' });
    if ('receipt' in declared) throw new Error('the bench admin sees every incident');
    const id = declared.incident.id;
    const token = desk.tokenFor(id, 'alice', 1, app.clock.now());
    const start = process.hrtime.bigint();
    const answer = await server.inject({ method: 'POST', url: `/ack/${token}`, payload: '' });
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (answer.statusCode !== 200) throw new Error(`POST /ack answered ${answer.statusCode}: ${answer.body}`);
    const waiting = (await app.store.listMessages({ incidentId: id })).filter((m) => m.purpose === 'page' && m.status === 'pending' && m.sendAt > app.clock.now());
    if (waiting.length > 0) throw new Error(`${id}: ${waiting.length} pages still waiting after the acknowledgement`);
    samples.push(elapsedMs);
  }
  await server.close();
  await app.close();
  if (kind === 'postgres') await dropSchema(schema);
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  const r = await measure(kind);
  console.log(`${kind}: ${count} acknowledgements by link — p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
}
