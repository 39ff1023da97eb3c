import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rulesTestCommand } from './index.js';

// PRODUCT.md's "Automated Incident Detection Example" pasted as YAML, replayed over examples/series.csv.
const RULES = fileURLToPath(new URL('../../../test/fixtures/product-md/incident_triggers.yaml', import.meta.url));
const SERIES = fileURLToPath(new URL('../../../examples/series.csv', import.meta.url));

describe('rules test over PRODUCT.md\'s incident_triggers block', () => {
  const { text, json } = rulesTestCommand(RULES, SERIES);

  it('reads the incident_triggers key with the rules, durations and action calls as written', () => {
    assert.deepEqual(json.rules.map((r) => [r.name, r.durationMs, r.conditions.length]), [['critical_outage', 300_000, 3], ['security_anomaly', 60_000, 3]]);
    assert.deepEqual(json.rules[0]!.actions, ["create_incident(severity='critical')", 'page_oncall_engineer()', "update_status_page(status='investigating')", 'start_war_room()']);
    assert.deepEqual(json.absentInputs, []);
  });

  it('computes unusual_traffic_patterns with the built-in request-rate baseline, without a signals entry', () => {
    assert.deepEqual(json.signals, [{ signal: 'unusual_traffic_patterns', metric: 'requests_per_second', unusualAt: ['2026-03-02T10:52:00Z', '2026-03-02T10:53:00Z'], builtIn: true, fromSeries: false }]);
    assert.match(text, /^ {2}unusual_traffic_patterns: requests_per_second more than 3σ either side of its 1h baseline \(after 10 samples\) \(built in; define it under signals: to change it\); unusual at 2 rows: \+52m, \+53m$/m);
    const fired = json.events.filter((e) => e.kind === 'firing' && e.rule === 'security_anomaly').map((e) => `${e.at} ${e.holding.join(', ')}`);
    assert.deepEqual(fired, ['2026-03-02T10:46:00Z failed_login_attempts > 1000/hour', '2026-03-02T10:53:00Z unusual_traffic_patterns']);
  });

  it('says that suspicious_file_access is a true/false input read as given, and where it comes from live', () => {
    assert.deepEqual(json.booleanInputs, ['suspicious_file_access']);
    assert.match(text, /^ {2}suspicious_file_access: a true\/false input, not computed; read from the series column \(live: push 1 or 0 to POST \/api\/v1\/metrics/m);
  });

  it('knows every action and reports the ones without an effect of their own as recorded only', () => {
    const effects = Object.fromEntries(json.rules.flatMap((r) => r.actionEffects.map((a) => [a.action, a.effect])));
    assert.deepEqual(effects, {
      "create_incident(severity='critical')": 'declares',
      'page_oncall_engineer()': 'acts',
      "update_status_page(status='investigating')": 'acts',
      'start_war_room()': 'acts',
      'create_security_incident()': 'declares',
      'alert_security_team()': 'recorded-only',
      'begin_log_collection()': 'collects-logs',
      'isolate_suspicious_sources()': 'remediates',
    });
    assert.match(text, /alert_security_team\(\) {2}\(recorded only\)/);
    assert.doesNotMatch(text, /page_oncall_engineer\(\) {2}\(recorded only\)/);
    assert.match(text, /^ {2}alert_security_team\(\): recorded only: written on the incident's timeline as a request/m);
  });
});
