import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './index.js';

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'ir.yaml');
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID', String(e));
    return e.issues.map((i) => `${i.line ?? '?'}: ${i.path}: ${i.message}`);
  }
  return [];
}

const PAGE = [
  'status_page:',
  '  name: Example',
  '  url: https://status.example.com',
  '  components: [{ id: api, name: API }, { id: web, name: Web }]',
].join('\n');

describe('integrations.statuspage and integrations.grafana', () => {
  it('reads the statuspage.io page beside the product description\'s switches, and says what the switches became', () => {
    const c = parseConfig([
      PAGE,
      'integrations:',
      '  statuspage:',
      '    auto_updates: true',
      '    component_mapping: true',
      '    page_id: kctbh9vrtdwd',
      '    api_key_env: STATUSPAGE_API_KEY',
      '    components: { api: 8kbf7d35c070 }',
    ].join('\n'), 'ir.yaml');
    assert.deepEqual(c.integrations?.statuspage, { apiUrl: 'https://api.statuspage.io', pageId: 'kctbh9vrtdwd', apiKeyEnv: 'STATUSPAGE_API_KEY', components: { api: '8kbf7d35c070' } });
    const notes = Object.fromEntries((c.integrationSwitches ?? []).map((n) => [n.key, n]));
    assert.equal(notes['integrations.statuspage.auto_updates']?.effect, 'applied');
    assert.match(notes['integrations.statuspage.auto_updates']?.became ?? '', /mirrored to the statuspage\.io page kctbh9vrtdwd/);
    assert.equal(notes['integrations.statuspage.component_mapping']?.effect, 'applied');
    assert.match(notes['integrations.statuspage.component_mapping']?.became ?? '', /our component api sets its statuspage\.io component's status/);
  });

  it('the switches alone (the product description as written) stay recorded-only and say what to add', () => {
    const c = parseConfig([PAGE, 'integrations: { statuspage: { auto_updates: true, component_mapping: true } }'].join('\n'), 'ir.yaml');
    assert.equal(c.integrations?.statuspage, undefined);
    const auto = c.integrationSwitches?.find((n) => n.key === 'integrations.statuspage.auto_updates');
    assert.equal(auto?.effect, 'recorded-only');
    assert.match(auto?.needs ?? '', /integrations\.statuspage\.page_id and api_key_env/);
  });

  it('refuses page settings without page_id, a page without its key variable, and components our page does not have', () => {
    assert.ok(problems('integrations: { statuspage: { components: { api: 8kbf7d35c070 } } }').some((p) => /^1: integrations\.statuspage\.page_id: components configures the statuspage\.io page, which needs page_id/.test(p)));
    assert.ok(problems('integrations: { statuspage: { page_id: kctbh9vrtdwd } }').some((p) => /integrations\.statuspage\.api_key_env: give the name of the environment variable/.test(p)));
    const found = problems([PAGE, 'integrations: { statuspage: { page_id: kctbh9vrtdwd, api_key_env: K, components: { checkout: 8kbf7d35c070 } } }'].join('\n'));
    assert.ok(found.some((p) => /integrations\.statuspage\.components\.checkout: 'checkout' is not a component of status_page\.components \(api, web\)/.test(p)), found.join('\n'));
    assert.ok(problems('integrations: { statuspage: { page_id: "Not An Id!", api_key_env: K } }').some((p) => /page_id: a statuspage\.io page id/.test(p)));
  });

  it('reads grafana with per-service dashboards and trace names; annotations follow the token', () => {
    const c = parseConfig([
      'integrations:',
      '  grafana:',
      '    url: https://grafana.example.com/',
      '    token_env: GRAFANA_TOKEN',
      '    jaeger_url: https://jaeger.example.com',
      '    tempo_datasource_uid: tempo-prod',
      '    services: { checkout: { dashboard_uid: checkout-overview, panel_id: 4, trace_service: checkout-api } }',
    ].join('\n'), 'ir.yaml');
    assert.deepEqual(c.integrations?.grafana, {
      url: 'https://grafana.example.com', tokenEnv: 'GRAFANA_TOKEN', annotations: true, jaegerUrl: 'https://jaeger.example.com', tempoDatasourceUid: 'tempo-prod',
      services: { checkout: { dashboardUid: 'checkout-overview', panelId: 4, traceService: 'checkout-api' } },
    });
    assert.equal(parseConfig('integrations: { grafana: { url: https://g.example.com } }', 'ir.yaml').integrations?.grafana?.annotations, false);
    assert.ok(problems('integrations: { grafana: { url: https://g.example.com, annotations: true } }').some((p) => /integrations\.grafana\.token_env: annotations need a service account token/.test(p)));
    assert.ok(problems('integrations: { grafana: { url: https://g.example.com, token_env: "glsa_abc" } }').some((p) => /integrations\.grafana\.token_env: give the name of an environment variable/.test(p)));
  });
});
