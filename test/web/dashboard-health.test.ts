// The dashboard's system-health panel reads the detection engine's latest readings: each metric
// against its baseline, and the rules that fired under recent anomalies. In process, manual clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDetectionServer, type DetectionServer } from '../detection/detection-server.js';

const CONFIG = `
detection:
  rules_file: triggers.yaml
  interval: 1m
`;
const RULES = `
triggers:
  error_spike:
    conditions: ["error_rate > 50%"]
    duration: 1 minute
    actions: ["create_incident(severity='critical', type='outage')"]
signals:
  unusual_errors:
    metric: error_rate
    window: 30 minutes
    threshold: 3
    min_samples: 3
`;

describe('dashboard system health from live detection', () => {
  let s: DetectionServer;
  let cookie: string;
  before(async () => {
    s = await startDetectionServer('sqlite', { configYaml: CONFIG, rulesYaml: RULES });
    const token = (await s.app.tokens.create({ name: 'dash', role: 'responder', teams: [] }, { name: 'root', role: 'admin', teams: [] })).token;
    const signIn = await s.server.inject({ method: 'POST', url: '/app/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
    assert.equal(signIn.statusCode, 303);
    cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  });
  after(() => s.close());

  const push = async (value: number) => {
    const res = await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'error_rate', value, at: new Date(s.now()).toISOString() }] } });
    assert.equal(res.statusCode, 200, res.body);
    await s.detection.engine.tick();
  };

  it('waits for the first reading, then shows error rate against its baseline and the rule that fired', async () => {
    const dashboard = async () => (await s.server.inject({ method: 'GET', url: '/app/fragments/dashboard', headers: { cookie } })).body;
    assert.match(await dashboard(), /Waiting for the first reading/);
    for (let i = 0; i < 4; i++) {
      await push(2);
      s.advance(1);
    }
    await push(62.5);
    s.advance(2);
    await push(62.5);
    const html = await dashboard();
    // As the product description writes it: the unit, and the change from the baseline in points.
    assert.match(html, /<li data-metric="error_rate"><b>Error rate<\/b>: <span>62\.5%<\/span> \(<span class="up">↑ [\d.]+%<\/span> from baseline\)<\/li>/);
    assert.match(html, /rule error_spike fired: error_rate (&gt;|>) 50%/);
    assert.match(html, /Active Incidents \(<span id="active-count">1<\/span>\)/);
  });
});
