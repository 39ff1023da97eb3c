// POST /incidents/{id}/impact with fromMetrics: customers affected taken from the live reading of
// impact.customers_affected_metric, on both stores; refused clearly before a reading or without the setting.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDetectionServer, type DetectionServer } from '../detection/detection-server.js';
import { STORE_KINDS } from '../support/stores.js';

const CONFIG = `
detection:
  rules_file: triggers.yaml
  interval: 1m
impact:
  customers_total: 80000
  customers_affected_metric: customers_affected
`;
const RULES = `
triggers:
  error_spike:
    conditions: ["error_rate > 50%"]
    duration: 1 minute
    actions: ["create_incident(severity='critical', type='outage')"]
`;

for (const kind of STORE_KINDS) {
  describe(`impact from metrics (${kind})`, () => {
    let s: DetectionServer;
    let id: string;
    before(async () => {
      s = await startDetectionServer(kind, { configYaml: CONFIG, rulesYaml: RULES });
      const res = await s.request('POST', '/api/v1/incidents', { as: 'admin', body: { severity: 'high', type: 'outage', environment: 'production', title: 'Login errors' } });
      assert.equal(res.statusCode, 201, res.body);
      id = (JSON.parse(res.body) as { incident: { id: string } }).incident.id;
    });
    after(() => s.close());

    const fromMetrics = () => s.request('POST', `/api/v1/incidents/${id}/impact`, { as: 'responder', body: { fromMetrics: true } });

    it('says there is no reading yet (409), then records the reading as the customers affected', async () => {
      const early = await fromMetrics();
      assert.equal(early.statusCode, 409, early.body);
      assert.match(early.body, /customers_affected has no reading yet/);
      const push = await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'customers_affected', value: 4210.4, at: new Date(s.now()).toISOString() }] } });
      assert.equal(push.statusCode, 200, push.body);
      await s.detection.engine.tick();
      const res = await fromMetrics();
      assert.equal(res.statusCode, 200, res.body);
      const incident = JSON.parse((await s.request('GET', `/api/v1/incidents/${id}`, { as: 'viewer' })).body) as { impact: { customersAffected: number; text: string } };
      assert.equal(incident.impact.customersAffected, 4210);
      assert.match(incident.impact.text, /^4,210 of 80,000 customers affected \(5\.3%\)$/);
      const timeline = JSON.parse((await s.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'viewer' })).body) as { items: { text: string }[] };
      assert.ok(timeline.items.some((e) => /impact assessed by responder-token from metrics: 4,210 customers affected/.test(e.text)), JSON.stringify(timeline.items.map((e) => e.text)));
    });
  });
}
