// Impact assessment and the customer satisfaction survey through the API, on both stores: figures
// entered and configured, shown on the incident, in its RCA and in the monthly report; a signed
// survey link answered once per respondent, refused when forged, early or out of range.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { surveyUrl } from '../../src/main/survey-wiring.js';
import { startHarness, type Harness } from '../http/http-harness.js';
import { STORE_KINDS } from '../support/stores.js';

const CONFIG = `
status_page:
  name: Acme Status
  url: https://status.example.com
  components: [{ id: api, name: Public API }]
channels:
  email: { host: smtp.example.com, from: incidents@example.com }
communication:
  stakeholders:
    external-customers: [{ channel: email, address: customers@example.com, name: Customer list }]
integrations:
  grafana:
    url: https://grafana.example.com
    token_env: GRAFANA_TOKEN
    jaeger_url: https://jaeger.example.com
    services:
      checkout: { dashboard_uid: checkout-overview, panel_id: 4 }
impact:
  currency: EUR
  customers_total: 50000
  revenue_per_minute: 100
  services: { checkout: { revenue_per_minute: 850 } }
  survey: true
`;

interface Incident { id: string; impact?: { text: string; cost: number | null; minutes: number; customersAffected: number | null; share: number | null; currency: string }; satisfaction?: { responses: number; average: number } }

for (const kind of STORE_KINDS) {
  describe(`impact and satisfaction (${kind})`, () => {
    let h: Harness;
    let id: string;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: CONFIG });
      const impactStartedAt = new Date(Date.now() - 30 * 60_000).toISOString();
      const res = await h.request('POST', '/api/v1/incidents', { as: 'commander', body: { severity: 'critical', type: 'outage', environment: 'production', service: 'checkout', title: 'Checkout down', impactStartedAt } });
      assert.equal(res.statusCode, 201, res.body);
      id = (JSON.parse(res.body) as { incident: Incident }).incident.id;
    });
    after(() => h.close());

    const get = async (): Promise<Incident> => JSON.parse((await h.request('GET', `/api/v1/incidents/${id}`, { as: 'viewer' })).body) as Incident;

    it('a new incident is costed from the configured revenue of its service', async () => {
      const i = await get();
      assert.ok(i.impact, JSON.stringify(i));
      assert.equal(i.impact.currency, 'EUR');
      assert.equal(i.impact.customersAffected, null);
      assert.ok(i.impact.minutes >= 30 && i.impact.minutes <= 32, String(i.impact.minutes));
      assert.equal(i.impact.cost, 850 * i.impact.minutes);
      assert.match(i.impact.text, /^EUR 850\/min at risk; EUR [\d,]+ over \d+ min so far$/);
    });

    it('an assessment records customers affected against the configured total, on the timeline', async () => {
      const res = await h.request('POST', `/api/v1/incidents/${id}/impact`, { as: 'responder', body: { customersAffected: 12000, note: 'EU checkout only' } });
      assert.equal(res.statusCode, 200, res.body);
      const i = await get();
      assert.equal(i.impact?.customersAffected, 12000);
      assert.equal(i.impact?.share, 0.24);
      assert.match(i.impact!.text, /^12,000 of 50,000 customers affected \(24%\); EUR 850\/min at risk; .*; EU checkout only$/);
      const timeline = JSON.parse((await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'viewer' })).body) as { items: { kind: string; text: string }[] };
      assert.ok(timeline.items.some((e) => e.kind === 'impact-assessed' && /12,000 customers affected; EU checkout only/.test(e.text)), JSON.stringify(timeline.items.map((e) => e.text)));
    });

    it('bad figures answer 400 naming the field, and a viewer may not assess', async () => {
      const bad = await h.request('POST', `/api/v1/incidents/${id}/impact`, { as: 'responder', body: { customersAffected: 60000 } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /customersAffected/);
      assert.match(bad.body, /more than the 50000/);
      const neg = await h.request('POST', `/api/v1/incidents/${id}/impact`, { as: 'responder', body: { revenuePerMinute: -5 } });
      assert.equal(neg.statusCode, 400);
      assert.equal((await h.request('POST', `/api/v1/incidents/${id}/impact`, { as: 'viewer', body: { customersAffected: 1 } })).statusCode, 403);
    });

    it('the incident room shows the impact, and dashboard and trace links for the service', async () => {
      const signIn = await h.request('POST', '/app/sign-in', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(h.tokens.viewer)}` });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const room = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}`, headers: { cookie } });
      assert.equal(room.statusCode, 200, room.body.slice(0, 500));
      assert.match(room.body, /<p class="long" id="impact">Impact: <span>12,000 of 50,000 customers affected \(24%\); EUR 850\/min at risk; EUR [\d,]+ over \d+ min so far; EU checkout only<\/span>/);
      assert.match(room.body, /id="telemetry-links">Dashboards and traces: <a href="https:\/\/grafana\.example\.com\/d\/checkout-overview/);
      assert.match(room.body, /href="https:\/\/jaeger\.example\.com\/search\?service=checkout/);
    });

    it('the RCA states the business impact', async () => {
      const res = await h.request('GET', `/api/v1/incidents/${id}/rca`, { as: 'viewer', headers: { accept: 'text/markdown' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /- Business impact: 12,000 of 50,000 customers affected \(24%\); EUR 850\/min at risk; EUR [\d,]+ over \d+ min so far; EU checkout only/);
    });

    it('the survey opens at resolution; answers count once per respondent; forged and out-of-range answers are refused', async () => {
      const link = surveyUrl(h.app, id, 'Customer@Example.com')!;
      assert.match(link, /^https:\/\/status\.example\.com\/survey\/[\w-]+\.[\w-]{22}$/);
      const path = new URL(link).pathname;
      const answer = (score: string, p = path) => h.request('POST', p, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `score=${score}` });

      assert.equal((await answer('4')).statusCode, 409, 'not resolved yet');
      assert.equal((await h.request('POST', `/api/v1/incidents/${id}/resolve`, { as: 'commander', body: { summary: 'Pool size restored' } })).statusCode, 200);

      const page = await h.request('GET', `${path}?score=4`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /How satisfied are you/);
      assert.match(page.body, /aria-pressed="true" aria-label="4 — Satisfied"/);
      assert.equal((await get()).satisfaction, undefined, 'a GET records nothing');

      assert.equal((await answer('2')).statusCode, 200);
      const again = await answer('5');
      assert.equal(again.statusCode, 200);
      assert.match(again.body, /You answered 5/);
      const other = new URL(surveyUrl(h.app, id, 'someone.else@example.com')!).pathname;
      assert.equal((await answer('4', other)).statusCode, 200);
      assert.deepEqual((await get()).satisfaction, { responses: 2, average: 4.5 });

      assert.equal((await answer('9')).statusCode, 400);
      assert.equal((await answer('3', path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA'))).statusCode, 404);
      assert.equal((await h.request('GET', '/survey/not-a-token')).statusCode, 404);
    });

    it('the customers\' resolution e-mail carries a survey link that records an answer', async () => {
      const messages = await h.app.store.listMessages({ incidentId: id });
      const resolution = messages.find((m) => m.purpose === 'stakeholder-update' && /resolved/i.test(m.subject));
      assert.ok(resolution, JSON.stringify(messages.map((m) => [m.purpose, m.subject])));
      const link = /Answer in one click \(1 to 5\): (https:\/\/status\.example\.com\/survey\/\S+)/.exec(resolution.text)?.[1];
      assert.ok(link, resolution.text);
      assert.equal(link, surveyUrl(h.app, id, 'customers@example.com'));
      const declaredMail = messages.find((m) => m.purpose === 'stakeholder-update' && m !== resolution);
      assert.doesNotMatch(declaredMail?.text ?? '', /survey/, 'only the resolution asks');
    });

    it('the monthly report averages the answers and adds up the impact', async () => {
      const res = await h.request('GET', '/api/v1/reports/monthly', { as: 'viewer', headers: { accept: 'application/json' } });
      assert.equal(res.statusCode, 200, res.body);
      const r = JSON.parse(res.body) as { satisfaction: { average: number; scores: number }; impact: { customersAffected: number; currency: string; cost: number } };
      assert.equal(r.satisfaction.average, 4.5);
      assert.equal(r.satisfaction.scores, 2);
      assert.equal(r.impact.customersAffected, 12000);
      assert.equal(r.impact.currency, 'EUR');
      assert.ok(r.impact.cost >= 850 * 30, String(r.impact.cost));
    });
  });
}
