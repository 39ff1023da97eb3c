import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../domain/errors/index.js';
import { rulesTestCommand } from './index.js';

const RULES = fileURLToPath(new URL('../../../examples/triggers.yaml', import.meta.url));
const SERIES = fileURLToPath(new URL('../../../examples/series.csv', import.meta.url));

describe('rulesTestCommand over examples/triggers.yaml and examples/series.csv', () => {
  const { text, json } = rulesTestCommand(RULES, SERIES);

  it('replays the hour row by row', () => {
    assert.deepEqual([json.rows, json.from, json.to], [61, '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z']);
    assert.deepEqual(json.absentInputs, []);
  });

  it('critical_outage: the 3-minute spike is cleared, the outage fires after 5 minutes and resolves', () => {
    const rule = json.rules.find((r) => r.name === 'critical_outage')!;
    assert.deepEqual(rule.episodes, [
      { pendingAt: '2026-03-02T10:10:00Z', firedAt: null, resolvedAt: null, clearedAt: '2026-03-02T10:13:00Z' },
      { pendingAt: '2026-03-02T10:20:00Z', firedAt: '2026-03-02T10:25:00Z', resolvedAt: '2026-03-02T10:35:00Z', clearedAt: null },
    ]);
    assert.equal(rule.firedCount, 1);
    assert.deepEqual(rule.dataProblems, [{ input: 'availability', problem: 'missing', count: 3, firstAt: '2026-03-02T10:40:00Z' }]);
    assert.deepEqual(rule.actions, ["create_incident(severity='critical', type='outage')", 'page_oncall_engineer()', "update_status_page(status='investigating')", 'start_war_room()']);
  });

  it('security_anomaly: fires on failed logins and on the traffic spike; one suspicious access is too short', () => {
    const rule = json.rules.find((r) => r.name === 'security_anomaly')!;
    assert.deepEqual(rule.episodes, [
      { pendingAt: '2026-03-02T10:45:00Z', firedAt: '2026-03-02T10:46:00Z', resolvedAt: '2026-03-02T10:49:00Z', clearedAt: null },
      { pendingAt: '2026-03-02T10:52:00Z', firedAt: '2026-03-02T10:53:00Z', resolvedAt: '2026-03-02T10:54:00Z', clearedAt: null },
      { pendingAt: '2026-03-02T10:57:00Z', firedAt: null, resolvedAt: null, clearedAt: '2026-03-02T10:58:00Z' },
    ]);
    assert.deepEqual(json.signals, [{ signal: 'unusual_traffic_patterns', metric: 'requests_per_second', unusualAt: ['2026-03-02T10:52:00Z', '2026-03-02T10:53:00Z'], builtIn: false, fromSeries: false }]);
  });

  it('lists the firing events in time order with the conditions that held', () => {
    assert.deepEqual(json.events.filter((e) => e.kind === 'firing').map((e) => `${e.at} ${e.rule}: ${e.holding.join(', ')}`), [
      '2026-03-02T10:25:00Z critical_outage: error_rate > 50%, response_time > 30s',
      '2026-03-02T10:46:00Z security_anomaly: failed_login_attempts > 1000/hour',
      '2026-03-02T10:53:00Z security_anomaly: unusual_traffic_patterns',
    ]);
  });

  it('prints a timeline per rule with the actions it would run', () => {
    const lines = text.split('\n');
    const block = lines.slice(lines.indexOf('critical_outage: fires when any of 3 conditions holds, for 5m'), lines.indexOf('critical_outage: fires when any of 3 conditions holds, for 5m') + 14);
    assert.deepEqual(block, [
      'critical_outage: fires when any of 3 conditions holds, for 5m',
      '  The service is down or unusable for most customers.',
      '  2026-03-02T10:10:00Z  +10m    pending   error_rate > 50%',
      '  2026-03-02T10:13:00Z  +13m    cleared   stopped holding before 5m had passed',
      '  2026-03-02T10:20:00Z  +20m    pending   response_time > 30s',
      '  2026-03-02T10:25:00Z  +25m    FIRING    error_rate > 50%, response_time > 30s',
      "                                          would run create_incident(severity='critical', type='outage')",
      '                                                    page_oncall_engineer()',
      "                                                    update_status_page(status='investigating')",
      '                                                    start_war_room()',
      '  2026-03-02T10:35:00Z  +35m    resolved  after 10m firing',
      '  fired once',
      '  availability: no data at 3 rows (first 2026-03-02T10:40:00Z); counted as not holding',
      '',
    ]);
    assert.match(text, /^Replayed 2 rules from .*triggers\.yaml over .*series\.csv\n {2}61 rows, 2026-03-02T10:00:00Z to 2026-03-02T11:00:00Z \(1h\)\n/);
    assert.match(text, /security_anomaly: fires when any of 3 conditions holds, for 1m\n[\s\S]*fired 2 times\n/);
    assert.match(text, /\nSignals\n {2}unusual_traffic_patterns: requests_per_second more than 3σ above its 30m baseline \(after 10 samples\); unusual at 2 rows: \+52m, \+53m\n {2}suspicious_file_access: a true\/false input, not computed; read from the series column \(live: push 1 or 0 to POST \/api\/v1\/metrics, or query it under detection\.metrics\)\n$/);
  });

  it('prints what docs/triggers.md shows', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/triggers.md', import.meta.url)), 'utf8');
    const relative = text.replace(RULES, 'examples/triggers.yaml').replace(SERIES, 'examples/series.csv');
    assert.ok(doc.includes(`\`\`\`\n${relative}\`\`\``), 'docs/triggers.md shows a different replay; paste the new output there');
  });

  it('the JSON is plain data', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  });
});

describe('rulesTestCommand errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ir-rules-test-'));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('a bad rules file is CONFIG_INVALID with file:line:column', () => {
    const rules = write('bad.yaml', 'triggers:\n  t:\n    conditions: ["x >> 1"]\n');
    assert.throws(() => rulesTestCommand(rules, SERIES), (e) => e instanceof AppError && e.code === 'CONFIG_INVALID' && e.message.includes(`${rules}:3:22: triggers.t.conditions[0]: expected a number after '>' at column 4, found '>'`));
  });

  it('a bad series is VALIDATION with file:line:column', () => {
    const series = write('bad.csv', 'timestamp,error_rate\n2026-03-02T10:00:00Z,lots\n');
    assert.throws(() => rulesTestCommand(RULES, series), (e) => e instanceof AppError && e.code === 'VALIDATION' && e.message.includes(`${series}:2:22: expected a number, true/false or nothing, got 'lots'`));
  });

  it('warns about inputs the series does not have', () => {
    const series = write('partial.csv', 'timestamp,error_rate\n2026-03-02T10:00:00Z,1\n');
    const { text, json } = rulesTestCommand(RULES, series);
    assert.deepEqual(json.absentInputs, ['response_time', 'availability', 'failed_login_attempts', 'suspicious_file_access']);
    assert.match(text, /warning: 'response_time' is read by a rule but is neither a column of the series nor a signal; its conditions never hold/);
  });
});
