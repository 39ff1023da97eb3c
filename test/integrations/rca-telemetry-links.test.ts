// The RCA (JSON, Markdown, HTML — the web app shows the HTML) links the service's Grafana panel and
// its Jaeger and Tempo trace searches over the incident window, from integrations.grafana. Both stores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Harness } from '../http/http-harness.js';

const CONFIG = `
services:
  checkout: { name: Checkout }
  search: { name: Search }
integrations:
  grafana:
    url: https://grafana.example.com
    jaeger_url: https://jaeger.example.com
    tempo_datasource_uid: tempo-prod
    services:
      checkout: { dashboard_uid: checkout-overview, panel_id: 4, trace_service: checkout-api }
`;

for (const kind of STORE_KINDS) {
  describe(`dashboard and trace links in the RCA (${kind})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(kind, {}, { configYaml: CONFIG }); });
    after(async () => { await h?.close(); });

    it('links the panel and the trace searches over declaration → resolution', async () => {
      const id = await declare(h, { severity: 'high', type: 'outage', environment: 'production', title: 'Checkout errors', service: 'checkout' });
      const resolved = await h.request('POST', `/api/v1/incidents/${id}/resolve`, { as: 'admin', body: { summary: 'Rolled back' } });
      assert.equal(resolved.statusCode, 200, resolved.body);
      const rca = (await h.request('GET', `/api/v1/incidents/${id}/rca?format=json`, { as: 'viewer' })).json() as { startedAt: string; resolvedAt: string; telemetry: { label: string; href: string }[] };
      const from = Date.parse(rca.startedAt);
      const to = Date.parse(rca.resolvedAt);
      assert.deepEqual(rca.telemetry.map((l) => l.label), ['checkout dashboard (panel 4)', 'checkout traces (Jaeger)', 'checkout traces (Tempo)']);
      assert.equal(rca.telemetry[0]!.href, `https://grafana.example.com/d/checkout-overview?from=${from}&to=${to}&viewPanel=4`);
      assert.equal(rca.telemetry[1]!.href, `https://jaeger.example.com/search?service=checkout-api&start=${from * 1000}&end=${to * 1000}&limit=20&lookback=custom`);
      assert.match(rca.telemetry[2]!.href, /^https:\/\/grafana\.example\.com\/explore\?orgId=1&left=/);
      const markdown = (await h.request('GET', `/api/v1/incidents/${id}/rca?format=markdown`, { as: 'viewer' })).body;
      assert.match(markdown, /## Dashboards and Traces\n\n- \[checkout dashboard \(panel 4\)\]\(https:\/\/grafana\.example\.com\/d\/checkout-overview\?/);
      const html = (await h.request('GET', `/api/v1/incidents/${id}/rca?format=html`, { as: 'viewer' })).body;
      assert.match(html, /<h2>Dashboards and Traces<\/h2>\n<ul class="telemetry"><li><a href="https:\/\/grafana\.example\.com\/d\/checkout-overview\?from=\d+&amp;to=\d+&amp;viewPanel=4">checkout dashboard \(panel 4\)<\/a><\/li>/);
    });

    it('a service without a dashboard still gets its trace searches; no service, no links', async () => {
      const id = await declare(h, { severity: 'medium', type: 'performance', environment: 'production', title: 'Search slow', service: 'search' });
      const rca = (await h.request('GET', `/api/v1/incidents/${id}/rca?format=json`, { as: 'viewer' })).json() as { telemetry: { label: string; href: string }[] };
      assert.deepEqual(rca.telemetry.map((l) => l.label), ['search traces (Jaeger)', 'search traces (Tempo)']);
      assert.match(rca.telemetry[0]!.href, /service=search&/);
      const bare = await declare(h, { severity: 'low', type: 'outage', environment: 'production', title: 'Something' });
      assert.deepEqual(((await h.request('GET', `/api/v1/incidents/${bare}/rca?format=json`, { as: 'viewer' })).json() as { telemetry: unknown[] }).telemetry, []);
      const markdown = (await h.request('GET', `/api/v1/incidents/${bare}/rca?format=markdown`, { as: 'viewer' })).body;
      assert.doesNotMatch(markdown, /Dashboards and Traces/);
    });
  });
}
