// Three `serve` processes on one PostgreSQL database. Detection runs on one of them at a time: the
// leader is killed (SIGKILL) while a rule waits out its `for:`, another takes the lease over, and the
// rule fires once, at the end of the wait that started under the killed leader. Then 25 wrong
// tokens spread over the three servers trip the failed-authentication limit on all of them, and it
// still holds on a server started afterwards. Metrics come from a local server answering
// Prometheus's instant-query API (GET /api/v1/query, a vector result).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/cli.js';
import { startConnectionRecorder, type ConnectionRecorder } from '../support/outbound-servers.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { waitFor } from '../e2e/e2e-support.js';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';

const FOR_SECONDS = 8;
const RULES = `
triggers:
  api_errors:
    conditions: ["error_rate > 5%"]
    duration: ${FOR_SECONDS}s
    actions:
      - create_incident(severity='high', type='outage', service='checkout')
`;

const config = (prometheusUrl: string) => `
detection:
  rules_file: triggers.yaml
  interval: 1s
  prometheus: { url: '${prometheusUrl}', timeout: 2s }
  metrics:
    error_rate: { prometheus: 'error_rate' }
`;

interface RuleIncident {
  readonly id: string;
  readonly declaredAt: number;
  readonly impactStartedAt: number;
}

describe('three servers on one PostgreSQL database', () => {
  let db: TestDatabase;
  let prometheus: ConnectionRecorder;
  let dir: string;
  let env: Record<string, string>;
  const servers: ServeProcess[] = [];

  before(async () => {
    db = await createTestDatabase('postgres');
    prometheus = await startConnectionRecorder((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, '12.5'] }] } }));
    });
    dir = tempDir('ir-multi-');
    writeFileSync(join(dir, 'incident-response.yaml'), config(prometheus.url));
    writeFileSync(join(dir, 'triggers.yaml'), RULES);
    env = { DATABASE_URL: db.location };
  });
  after(async () => {
    // No process outlives the test, whatever failed.
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await prometheus?.close();
    await db?.cleanup();
  });

  async function ruleIncidents(): Promise<RuleIncident[]> {
    const rows = await db.rawExec('select state from ir_incidents') as { state: string }[];
    return rows.map((r) => JSON.parse(r.state) as RuleIncident & { declaredBy: string })
      .filter((s) => s.declaredBy === 'rule:api_errors')
      .map((s) => ({ id: s.id, declaredAt: s.declaredAt, impactStartedAt: s.impactStartedAt }));
  }

  it('fires a rule once, on time, after its leader is killed in the middle of the for: wait', async () => {
    for (let i = 0; i < 3; i++) servers.push(await startServe(dir, env));
    const leader = await waitFor('a detection leader', async () => servers.find((s) => /detection lease taken/.test(s.output())), 20_000, 50);
    await waitFor('the rule pending on the leader', async () => (/rule api_errors pending/.test(leader.output()) ? true : undefined), 20_000, 50);
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await leader.exited();
    const rest = servers.filter((s) => s !== leader);

    const [incident] = await waitFor('the rule\'s incident', async () => {
      const found = await ruleIncidents();
      return found.length > 0 ? found : undefined;
    }, 40_000, 100);
    await waitFor('a new leader', async () => rest.find((s) => /detection lease taken/.test(s.output())), 10_000, 50);
    assert.ok(incident !== undefined);
    // The wait started under the killed leader, and the successor carried it on instead of starting over.
    assert.ok(incident.impactStartedAt < killedAt, `pending since ${new Date(incident.impactStartedAt).toISOString()}, killed at ${new Date(killedAt).toISOString()}`);
    // Not early, and late by no more than the lease running out (one interval) plus a tick or two.
    const waitedMs = incident.declaredAt - incident.impactStartedAt;
    assert.ok(waitedMs >= FOR_SECONDS * 1000, `fired after ${waitedMs} ms`);
    assert.ok(waitedMs <= FOR_SECONDS * 1000 + 4_000, `fired after ${waitedMs} ms`);

    // Ticks go on (the error rate stays high): still one incident, never "fired again".
    const ticksBefore = prometheus.requests.length;
    await waitFor('three more evaluations', async () => (prometheus.requests.length >= ticksBefore + 3 ? true : undefined), 10_000, 100);
    assert.equal((await ruleIncidents()).length, 1);
    const events = await db.rawExec('select kind from ir_events where incident_id = ?', [incident.id]) as { kind: string }[];
    assert.equal(events.filter((e) => e.kind === 'declared').length, 1);
    // Across every server (whichever held the lease when): the wait started once and the rule fired once.
    const said = (pattern: RegExp) => servers.reduce((n, s) => n + (s.output().match(pattern) ?? []).length, 0);
    assert.equal(said(/rule api_errors pending/g), 1);
    assert.equal(said(/rule api_errors firing/g), 1);
  });

  it('trips the failed-authentication limit with 25 wrong tokens spread over the servers, and keeps it after a restart', async () => {
    const live = servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
    servers.push(await startServe(dir, env));
    live.push(servers.at(-1)!);
    assert.equal(live.length, 3);
    const token = await createToken(dir, env, 'checker', 'viewer');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${live[i % 3]!.url}/api/v1/incidents`, { headers: { authorization: `Bearer ir_wrong_${i}` } });
      statuses.push(res.status);
    }
    // The twentieth failure, wherever it landed, locks the address out on every server.
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
    for (const server of live) {
      const res = await fetch(`${server.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 429, `${server.url} let a valid token through`);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    }
    // A server started now reads the lock-out from the store before it answers anyone.
    await Promise.all(live.map((s) => s.stop()));
    const restarted = await startServe(dir, env);
    servers.push(restarted);
    const res = await fetch(`${restarted.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 429);
  });
});
