// GET /api/v1/dashboard: the monitoring dashboard as data, on both stores: most urgent first, the
// health panel with units and change from baseline, anomalies with the rule that fired, and a
// security incident seen only by the security team.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDetectionServer, type DetectionServer } from '../detection/detection-server.js';
import { STORE_KINDS } from '../support/stores.js';

const CONFIG = `
detection:
  rules_file: triggers.yaml
  interval: 1m
  metrics: {}
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

interface View {
  activeIncidents: { id: string; title: string; severityLabel: string; elapsed: string }[];
  counts: Record<string, number>;
  health: { isConfigured: boolean; groups: { title: string; rows: { text: string; valueText: string; change?: { direction: string } }[] }[] };
  anomalies: { text: string }[];
}

for (const kind of STORE_KINDS) {
  describe(`GET /api/v1/dashboard (${kind})`, () => {
    let s: DetectionServer;
    before(async () => {
      s = await startDetectionServer(kind, { configYaml: CONFIG.replace('  metrics: {}\n', ''), rulesYaml: RULES });
    });
    after(() => s.close());

    const view = async (as: 'viewer' | 'admin' = 'viewer'): Promise<View> => {
      const res = await s.request('GET', '/api/v1/dashboard', { as });
      assert.equal(res.statusCode, 200, res.body);
      return JSON.parse(res.body) as View;
    };
    const declare = async (body: Record<string, unknown>) => {
      const res = await s.request('POST', '/api/v1/incidents', { as: 'admin', body });
      assert.equal(res.statusCode, 201, res.body);
    };
    const push = async (value: number) => {
      const res = await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'error_rate', value, at: new Date(s.now()).toISOString() }] } });
      assert.equal(res.statusCode, 200, res.body);
      await s.detection.engine.tick();
    };

    it('answers 401 without a token', async () => {
      assert.equal((await s.request('GET', '/api/v1/dashboard')).statusCode, 401);
    });

    it('lists the SEV-1 first, then by age, with elapsed time, and counts per severity', async () => {
      await declare({ severity: 'medium', type: 'performance', environment: 'production', title: 'Slow search' });
      s.advance(30);
      await declare({ severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down' });
      s.advance(15);
      const v = await view();
      assert.deepEqual(v.activeIncidents.map((i) => [i.title, i.severityLabel, i.elapsed]), [['Checkout down', 'SEV-1', '15 minutes'], ['Slow search', 'SEV-3', '45 minutes']]);
      assert.equal(v.counts['critical'], 1);
      assert.equal(v.counts['medium'], 1);
    });

    it('shows error rate with its unit against the baseline, and the rule that fired', async () => {
      const before = await view();
      assert.equal(before.health.isConfigured, true);
      assert.deepEqual(before.health.groups, []);
      for (let i = 0; i < 4; i++) {
        await push(2);
        s.advance(1);
      }
      await push(62.5);
      s.advance(2);
      await push(62.5);
      const v = await view();
      const row = v.health.groups.find((g) => g.title === 'Application')?.rows[0];
      assert.ok(row, JSON.stringify(v.health));
      assert.match(row.text, /^Error rate: 62\.5% \(↑ [\d.]+% from baseline\)$/);
      assert.equal(row.change?.direction, 'up');
      assert.ok(v.anomalies.some((a) => /rule error_spike fired: error_rate > 50%/.test(a.text)), JSON.stringify(v.anomalies));
    });

    it('keeps a security incident to the security team', async () => {
      await declare({ severity: 'critical', type: 'security', environment: 'production', title: 'Credential stuffing' });
      assert.ok(!(await view('viewer')).activeIncidents.some((i) => i.title === 'Credential stuffing'));
      assert.ok((await view('admin')).activeIncidents.some((i) => i.title === 'Credential stuffing'));
    });
  });
}
