// The dashboard's recent anomalies never show a security rule's firing, its incident or its activity
// to a viewer outside the security team; the security team sees them. In process, manual clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startDetectionServer, type DetectionServer } from '../detection/detection-server.js';

const CONFIG = `
detection:
  rules_file: triggers.yaml
  interval: 1m
`;
const RULES = `
triggers:
  security_anomaly:
    conditions: ["failed_logins > 100"]
    duration: 1 minute
    actions: ["create_security_incident(title='Credential stuffing wave')"]
`;

for (const kind of STORE_KINDS) {
  describe(`dashboard anomalies follow incident visibility (${kind})`, () => {
    let s: DetectionServer;
    const cookies: Record<'outsider' | 'insider', string> = { outsider: '', insider: '' };
    before(async () => {
      s = await startDetectionServer(kind, { configYaml: CONFIG, rulesYaml: RULES });
      const root = { name: 'root', role: 'admin' as const, teams: [] };
      for (const [who, teams] of [['outsider', []], ['insider', ['security']]] as const) {
        const token = (await s.app.tokens.create({ name: `dash-${who}`, role: 'viewer', teams: [...teams] }, root)).token;
        const signIn = await s.server.inject({ method: 'POST', url: '/app/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
        assert.equal(signIn.statusCode, 303);
        cookies[who] = String(signIn.headers['set-cookie']).split(';')[0]!;
      }
    });
    after(() => s.close());

    it('shows "rule security_anomaly fired" and its incident only to the security team', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'failed_logins', value: 500, at: new Date(s.now()).toISOString() }] } });
        assert.equal(res.statusCode, 200, res.body);
        await s.detection.engine.tick();
        await s.detection.engine.runUntilIdle();
        s.advance(1);
      }
      const incidents = await s.app.store.listIncidents({ limit: 10 });
      const security = incidents.find((i) => i.incidentType === 'security');
      assert.ok(security !== undefined, 'the rule declared its security incident');
      const dashboard = async (who: 'outsider' | 'insider') => {
        const res = await s.server.inject({ method: 'GET', url: '/app/fragments/dashboard', headers: { cookie: cookies[who] } });
        assert.equal(res.statusCode, 200);
        return res.body;
      };
      const outside = await dashboard('outsider');
      assert.ok(!outside.includes('security_anomaly'), 'the outsider sees the security rule fire');
      assert.ok(!outside.includes(security.id) && !outside.includes('Credential stuffing'), 'the outsider sees the security incident');
      const inside = await dashboard('insider');
      assert.match(inside, /rule security_anomaly fired: failed_logins (&gt;|>) 100/);
      assert.ok(inside.includes(security.id));
    });
  });
}
