// Several `serve` processes on one PostgreSQL database.
// 1. Stream latency across instances: declarations go to server A one at a time; the time from
//    each POST being answered to the event arriving on already-open `GET /api/v1/events/stream`
//    connections to servers B and C — woken by LISTEN/NOTIFY (server.event_push, the default) and
//    with polling only (event_push: false). p50/p99 per mode.
// 2. Detection take-over: three servers evaluate one rule every `interval`; the lease holder is
//    killed with SIGKILL; the time from the kill to another server logging that it took the lease.
// Usage: node --import tsx bench/multi-instance.ts [declarations] [take-overs]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson, dropSchema, median, sleep, startServe, storeEnv, type Child } from './bench-support.js';

const declarations = Number(process.argv[2] ?? 200);
const takeOvers = Number(process.argv[3] ?? 5);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resolves each event's arrival time by incident id, on one open stream. */
async function openStream(url: string, token: string, signal: AbortSignal): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const res = await fetch(`${url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${token}` }, signal });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
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
  return seen;
}

async function streamLatency(isPushed: boolean): Promise<{ p50Ms: number; p99Ms: number; maxMs: number; samples: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-multi-'));
  const schema = `bench_multi_${process.pid}_${isPushed ? 'push' : 'poll'}`;
  writeFileSync(join(dir, 'incident-response.yaml'), `server:\n  event_push: ${isPushed}\n`);
  const env = storeEnv('postgres', dir, schema);
  const { token } = cliJson<{ token: string }>(['token', 'create', '--name', 'bench', '--role', 'admin'], dir, env);
  const servers: Child[] = [];
  const controller = new AbortController();
  try {
    const started = [];
    for (let i = 0; i < 3; i++) {
      const s = await startServe(dir, env);
      servers.push(s.proc);
      started.push(s);
    }
    const [writer, ...readers] = started;
    if (writer === undefined) throw new Error('no server started');
    const streams = await Promise.all(readers.map((r) => openStream(r.url, token, controller.signal)));
    await sleep(500);
    const latencies: number[] = [];
    for (let i = 0; i < declarations; i++) {
      const res = await fetch(`${writer.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ severity: 'low', type: 'outage', environment: 'staging', title: `stream ${i}` }),
      });
      const answeredAt = performance.now();
      const id = ((await res.json()) as { incident: { id: string } }).incident.id;
      const deadline = answeredAt + 10_000;
      while (streams.some((s) => !s.has(id)) && performance.now() < deadline) await sleep(1);
      for (const s of streams) {
        const at = s.get(id);
        if (at === undefined) throw new Error(`event for ${id} not seen within 10 s`);
        latencies.push(Math.max(0, at - answeredAt));
      }
      // Declarations do not fall in step with the poll.
      await sleep(Math.random() * 50);
    }
    return { p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), maxMs: Math.round(Math.max(...latencies)), samples: latencies.length };
  } finally {
    controller.abort();
    await Promise.all(servers.map((s) => s.stop()));
    await dropSchema(schema);
  }
}

async function takeOver(intervalSeconds: number): Promise<number[]> {
  const prometheus = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, '1'] }] } }));
  });
  await new Promise<void>((r) => prometheus.listen(0, '127.0.0.1', r));
  const promUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-takeover-'));
  const schema = `bench_takeover_${process.pid}_${intervalSeconds}`;
  writeFileSync(join(dir, 'triggers.yaml'), 'triggers:\n  api_errors:\n    conditions: ["error_rate > 5%"]\n    duration: 1m\n    actions:\n      - create_incident(severity=\'high\')\n');
  writeFileSync(join(dir, 'incident-response.yaml'), `detection:\n  rules_file: triggers.yaml\n  interval: ${intervalSeconds}s\n  prometheus: { url: '${promUrl}', timeout: 2s }\n  metrics:\n    error_rate: { prometheus: error_rate }\n`);
  const env = { ...storeEnv('postgres', dir, schema), LOG_LEVEL: 'info' };
  const live: Child[] = [];
  const times: number[] = [];
  const leaderOf = () => live.find((s) => (s.output().match(/detection lease taken/g) ?? []).length > 0 && s.child.exitCode === null && s.child.signalCode === null);
  try {
    for (let i = 0; i < 3; i++) live.push((await startServe(dir, env)).proc);
    for (let round = 0; round < takeOvers; round++) {
      let leader: Child | undefined;
      for (let i = 0; i < 400 && (leader = leaderOf()) === undefined; i++) await sleep(25);
      if (leader === undefined) throw new Error('no detection leader');
      // Wait a random part of an interval, so the kill falls anywhere between two renewals.
      await sleep(intervalSeconds * 1000 + Math.random() * intervalSeconds * 1000);
      const before = new Map(live.map((s) => [s, (s.output().match(/detection lease taken/g) ?? []).length]));
      const killedAt = Date.now();
      leader.child.kill('SIGKILL');
      await new Promise((r) => leader!.child.once('exit', r));
      live.splice(live.indexOf(leader), 1);
      let took: number | undefined;
      for (let i = 0; i < 4000 && took === undefined; i++) {
        for (const s of live) {
          if ((s.output().match(/detection lease taken/g) ?? []).length > before.get(s)!) {
            const line = s.output().split('\n').reverse().find((l) => l.includes('detection lease taken'))!;
            took = (JSON.parse(line) as { time: number }).time - killedAt;
          }
        }
        if (took === undefined) await sleep(5);
      }
      if (took === undefined) throw new Error('no server took the lease over');
      times.push(took);
      live.push((await startServe(dir, env)).proc);
    }
    return times;
  } finally {
    await Promise.all(live.map((s) => s.stop()));
    prometheus.close();
    await dropSchema(schema);
  }
}

async function main(): Promise<void> {
  const pushed = await streamLatency(true);
  const polled = await streamLatency(false);
  const takeOver1s = await takeOver(1);
  const takeOver5s = await takeOver(5);
  const summary = (t: number[]) => ({ medianMs: Math.round(median(t)), maxMs: Math.max(...t), runs: t });
  console.log(JSON.stringify({ declarations, streamsAcrossInstances: { listenNotify: pushed, pollOnly: polled }, takeOver: { interval1s: summary(takeOver1s), interval5s: summary(takeOver5s) } }, null, 2));
}

void main();
