// Live stream latency: time from a declaration being answered by the API to the event arriving
// on an already-open `GET /api/v1/events/stream` (Server-Sent Events), on SQLite and PostgreSQL,
// with the stream served by the same process and by a second `serve` process on the same
// PostgreSQL database. Median and max of N declarations, one at a time.
// Usage: node --import tsx bench/stream-latency.ts [declarations]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson, dropSchema, median, startServe, storeEnv, type StoreKind } from './bench-support.js';

const count = Number(process.argv[2] ?? 20);

async function measure(kind: StoreKind, twoProcesses: boolean): Promise<{ medianMs: number; maxMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-stream-'));
  const schema = `bench_stream_${process.pid}_${twoProcesses ? 2 : 1}`;
  const env = storeEnv(kind, dir, schema);
  const { token } = cliJson<{ token: string }>(['token', 'create', '--name', 'bench', '--role', 'admin'], dir, env);
  const writer = await startServe(dir, env);
  const reader = twoProcesses ? await startServe(dir, env) : writer;
  const auth = { authorization: `Bearer ${token}` };
  const seen = new Map<string, number>();
  const controller = new AbortController();
  const stream = await fetch(`${reader.url}/api/v1/events/stream`, { headers: auth, signal: controller.signal });
  const pump = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (data) seen.set((JSON.parse(data) as { incidentId: string }).incidentId, performance.now());
      }
    }
  })().catch(() => undefined);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${writer.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ severity: 'high', type: 'outage', environment: 'production', title: `stream ${i}` }),
      });
      const answeredAt = performance.now();
      const id = ((await res.json()) as { incident: { id: string } }).incident.id;
      const deadline = answeredAt + 10_000;
      while (!seen.has(id) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const at = seen.get(id);
      if (at === undefined) throw new Error(`event for ${id} not seen within 10 s`);
      latencies.push(Math.max(0, at - answeredAt));
    }
  } finally {
    controller.abort();
    await pump;
    await writer.proc.stop();
    if (twoProcesses) await reader.proc.stop();
    if (kind === 'postgres') await dropSchema(schema);
  }
  return { medianMs: Math.round(median(latencies)), maxMs: Math.round(Math.max(...latencies)) };
}

async function main(): Promise<void> {
  const sqlite = await measure('sqlite', false);
  const postgres = await measure('postgres', false);
  const postgresOtherProcess = await measure('postgres', true);
  console.log(JSON.stringify({ declarations: count, sqlite, postgres, postgresOtherProcess }, null, 2));
}

void main();
