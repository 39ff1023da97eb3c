// The URLs written under detection: (Prometheus, Loki, a remediation endpoint) are usually internal
// addresses: serve reaches exactly their origins without an allow-list, while a redirect from one of
// them to another loopback address is refused and never connected to.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { startConnectionRecorder, type ConnectionRecorder } from '../support/outbound-servers.js';
import { STORE_KINDS } from '../support/stores.js';
import { startDetectionServer, type DetectionServer } from './detection-server.js';

const RULES = `
triggers:
  checkout_errors:
    conditions: ["error_rate > 50%", "queue_depth > 100"]
    match: any
    actions: ["create_incident(severity='high', type='outage')", "begin_log_collection()", "failover()"]
`;

interface Entry { data: { action?: string; status?: string; detail?: string; artifact?: { path: string } } }

for (const kind of STORE_KINDS) {
  describe(`detection reaches its configured internal endpoints, not where they redirect (${kind})`, () => {
    let prometheus: ConnectionRecorder;
    let loki: ConnectionRecorder;
    let firewall: ConnectionRecorder;
    let elsewhere: ConnectionRecorder;
    let s: DetectionServer;
    before(async () => {
      elsewhere = await startConnectionRecorder();
      prometheus = await startConnectionRecorder((req, res) => {
        const query = new URL(req.url, 'http://x').searchParams.get('query');
        if (query === 'redirected') return void res.writeHead(302, { location: `${elsewhere.url}/api/v1/query` }).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '62.5'] }] } }));
      });
      loki = await startConnectionRecorder((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'checkout' }, values: [['1772445600000000000', 'upstream timed out']] }] },
      })));
      firewall = await startConnectionRecorder((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('failed over'));
      s = await startDetectionServer(kind, {
        rulesYaml: RULES,
        configYaml: `
detection:
  rules_file: triggers.yaml
  prometheus: { url: '${prometheus.url}', timeout: 2s }
  metrics:
    error_rate: { prometheus: error_rate }
    queue_depth: { prometheus: redirected }
  log_collection:
    sources:
      - { name: loki, loki: { url: '${loki.url}', query: '{app="checkout"}' }, timeout: 2s }
  remediation:
    failover: { http: { method: POST, url: '${firewall.url}/failover' }, timeout: 2s }
`,
      });
    });
    after(async () => {
      await s.close();
      for (const server of [prometheus, loki, firewall, elsewhere]) await server.close();
    });

    it('reads Prometheus, collects from Loki and calls the remediation without detection.allow_private_addresses; the redirect to another port is refused', async () => {
      const report = await s.detection.engine.tick();
      await s.detection.engine.runUntilIdle();
      assert.deepEqual(s.detection.endpoints.health?.()?.samples, { error_rate: 62.5 }, 'queue_depth was redirected to 127.0.0.1 on another port: no sample');
      assert.equal(elsewhere.connections(), 0, 'nothing reached the redirect target');

      const id = report.fired[0]!.incidentId!;
      const items = ((await s.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'viewer' })).json() as { items: Entry[] }).items;
      const done = (action: string) => items.find((e) => e.data.action === action && e.data.status === 'done');
      assert.equal(done('failover()')?.data.detail, `POST ${firewall.url}/failover answered 200: failed over`);
      const bundle = JSON.parse(await readFile(done('begin_log_collection()')!.data.artifact!.path, 'utf8')) as { sources: { name: string; ok: boolean; detail: string }[] };
      assert.deepEqual(bundle.sources.map((x) => [x.name, x.ok, x.detail]), [['loki', true, '1 lines from Loki']]);
    });
  });
}
