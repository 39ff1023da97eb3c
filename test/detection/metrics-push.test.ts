import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startDetectionServer, type DetectionServer } from './detection-server.js';

const CONFIG = `
detection:
  rules_file: triggers.yaml
  interval: 1m
  prometheus: { url: 'http://127.0.0.1:9', timeout: 1s }
  metrics:
    availability: { prometheus: 'avg(up) * 100' }
`;
const RULES = `
triggers:
  critical_outage:
    conditions: ["error_rate > 50%"]
    duration: 5 minutes
    actions: ["create_incident(severity='critical', type='outage')", "page_oncall_engineer()"]
`;

for (const kind of STORE_KINDS) {
  describe(`POST /api/v1/metrics (${kind})`, () => {
    let s: DetectionServer;
    before(async () => {
      s = await startDetectionServer(kind, { configYaml: CONFIG, rulesYaml: RULES });
    });
    after(() => s.close());

    it('needs a responder token', async () => {
      const body = { samples: [{ metric: 'error_rate', value: 1 }] };
      assert.equal((await s.request('POST', '/api/v1/metrics', { body })).statusCode, 401);
      assert.equal((await s.request('POST', '/api/v1/metrics', { as: 'viewer', body })).statusCode, 403);
      assert.equal((await s.request('POST', '/api/v1/metrics', { as: 'responder', body })).statusCode, 200);
    });

    it('refuses a malformed batch, naming every field, and keeps none of it', async () => {
      const res = await s.request('POST', '/api/v1/metrics', {
        as: 'responder',
        body: { samples: [{ metric: '5xx-rate', value: 1 }, { metric: 'ok', value: 'high' }, { metric: 'ok', value: 2, at: 'yesterday', unit: '%' }] },
      });
      assert.equal(res.statusCode, 400);
      const details = (res.json() as { error: { code: string; details: { path: string }[] } }).error;
      assert.equal(details.code, 'VALIDATION');
      assert.deepEqual(details.details.map((d) => d.path).sort(), ['samples.0.metric', 'samples.1.value', 'samples.2.at', 'samples.2.unit']);
      assert.equal((await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [] } })).statusCode, 400);
    });

    it('refuses a metric that a configured source provides, and a sample from the future', async () => {
      const res = await s.request('POST', '/api/v1/metrics', {
        as: 'responder',
        body: { samples: [{ metric: 'availability', value: 99 }, { metric: 'error_rate', value: 1, at: '2026-03-02T11:00:00Z' }] },
      });
      assert.equal(res.statusCode, 400);
      const details = (res.json() as { error: { details: { path: string; message: string }[] } }).error.details;
      assert.deepEqual(details, [
        { path: 'samples.0.metric', message: "'availability' is read from prometheus; push it under another name" },
        { path: 'samples.1.at', message: '2026-03-02T11:00:00Z is in the future (now 2026-03-02T10:00:00Z)' },
      ]);
    });

    it('pushed error_rate above 50% for 5 minutes opens the incident through the running rules', async () => {
      for (let minute = 0; minute <= 5; minute++) {
        const res = await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'error_rate', value: 62.5, labels: { service: 'checkout' } }] } });
        assert.deepEqual(res.json(), { accepted: 1, ignored: 0 });
        const report = await s.detection.engine.tick();
        assert.equal(report.samples['error_rate'], 62.5);
        s.advance(1);
      }
      const list = await s.request('GET', '/api/v1/incidents', { as: 'viewer' });
      const items = (list.json() as { items: { severity: string; type: string; declaredBy: string }[] }).items;
      assert.equal(items.length, 1);
      assert.equal(items[0]!.severity, 'critical');
    });

    it('ignores a sample older than the one held for its metric', async () => {
      const res = await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'error_rate', value: 3, at: '2026-03-02T10:01:00Z' }] } });
      assert.deepEqual(res.json(), { accepted: 0, ignored: 1 });
    });
  });
}
