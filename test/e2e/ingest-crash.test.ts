// Durability under a storm: PagerDuty events sent concurrently, the server SIGKILLed mid-storm.
// Every event answered 202 is in the database after restart, and sending every event again creates
// no duplicate alert, link or incident. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { STORE_KINDS, createTestDatabase } from '../support/stores.js';
import { startServe, type ServeProcess } from '../http/serve-process.js';
import { startServedApp } from './e2e-support.js';

const EVENTS = 3000;
const CONCURRENCY = 64;

async function storm(url: string, routingKey: string, keys: readonly string[], onAck: (key: string) => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      try {
        const res = await fetch(`${url}/v2/enqueue`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ routing_key: routingKey, event_action: 'trigger', dedup_key: key, payload: { summary: `storm ${key}`, source: 'storm-host', severity: 'error' } }),
        });
        const body = (await res.json()) as { dedup_key?: string };
        if (res.status === 202 && body.dedup_key === key) onAck(key);
      } catch {
        // The server died under us: this event was not acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

for (const kind of STORE_KINDS) {
  describe(`ingest survives SIGKILL mid-storm: ${kind}`, { timeout: 180_000 }, () => {
    it('keeps every acknowledged event, and a full resend creates no duplicates', async () => {
      const database = await createTestDatabase(kind);
      const dir = await mkdtemp(join(tmpdir(), 'ir-e2e-crash-'));
      const env: Record<string, string> = kind === 'sqlite' ? { IR_DB: database.location } : { DATABASE_URL: database.location };
      let first: ServeProcess | undefined;
      try {
        // One storm, one incident: grouped by service alone, every event of the storm service joins it whatever its dedup key.
        await writeFile(join(dir, 'incident-response.yaml'), 'alerts:\n  grouping: { group_by: [] }\n');
        const app = await startServedApp(dir, env);
        first = app.serve;
        const created = await app.api<{ key: string }>('POST', '/api/v1/integrations', { source: 'pagerduty-events', name: 'storm', service: 'storm' });
        assert.equal(created.status, 201);
        const keys = Array.from({ length: EVENTS }, (_, i) => `storm-${i}`);
        const acked = new Set<string>();
        let killed = false;
        await storm(app.serve.url, created.json.key, keys, (key) => {
          acked.add(key);
          if (!killed && acked.size >= EVENTS / 3) {
            killed = true;
            app.serve.child.kill('SIGKILL');
          }
        });
        await app.serve.exited();
        assert.ok(killed, 'the server was killed mid-storm');
        assert.ok(acked.size < EVENTS, `some events were not acknowledged (${acked.size} of ${EVENTS} were)`);

        const serve = await startServe(dir, env);
        try {
          const stored = new Set((await database.rawExec("select dedup_key from ir_alerts where source = 'pagerduty-events'") as { dedup_key: string }[]).map((r) => r.dedup_key));
          const lost = [...acked].filter((k) => !stored.has(k));
          assert.deepEqual(lost, [], `${lost.length} acknowledged events were lost`);

          const resent = new Set<string>();
          await storm(serve.url, created.json.key, keys, (key) => resent.add(key));
          assert.equal(resent.size, EVENTS, 'every resent event is acknowledged');

          const perKey = await database.rawExec("select dedup_key, count(*) as n from ir_alerts where source = 'pagerduty-events' group by dedup_key having count(*) > 1");
          assert.deepEqual(perKey, [], 'one alert per dedup key');
          const [alerts] = await database.rawExec("select count(*) as n from ir_alerts where source = 'pagerduty-events'") as { n: number | string }[];
          assert.equal(Number(alerts!.n), EVENTS);
          const [links] = await database.rawExec("select count(*) as n from ir_events where kind = 'alert-linked'") as { n: number | string }[];
          assert.equal(Number(links!.n), EVENTS, 'each alert linked once');
          const [incidents] = await database.rawExec('select count(*) as n from ir_incidents') as { n: number | string }[];
          assert.equal(Number(incidents!.n), 1, 'all grouped into one incident, none duplicated');
        } finally {
          await serve.stop();
        }
      } finally {
        // The first server is SIGKILLed by the storm; when an assertion fails before that, stop it here.
        await first?.stop('SIGKILL');
        await database.cleanup();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
