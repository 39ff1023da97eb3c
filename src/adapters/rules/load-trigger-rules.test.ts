import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppError, type Issue } from '../../domain/errors/index.js';
import { loadTriggerRulesFile, parseTriggerRulesYaml } from './index.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

function problems(yaml: string): { error: AppError; issues: readonly Issue[] } {
  try {
    parseTriggerRulesYaml(yaml, 'rules.yaml');
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, 'CONFIG_INVALID');
    return { error: e, issues: e.issues };
  }
  assert.fail('expected the rules to be rejected');
}

const at = (i: Issue) => `${i.line}:${i.column} ${i.path}`;

describe('parseTriggerRulesYaml', () => {
  it('reads the DESIGN form, flow lists included', () => {
    const set = parseTriggerRulesYaml(lines(
      'triggers:',
      '  critical_outage:',
      '    conditions: ["error_rate > 50%", "response_time > 30s", "availability < 95%"]',
      '    match: any',
      '    duration: 5 minutes',
      `    actions: ["create_incident(severity='critical', type='outage')", "page_oncall_engineer()",`,
      `              "update_status_page('investigating')", "start_war_room()"]`,
    ), 'rules.yaml');
    assert.deepEqual(set.triggers.map((t) => [t.name, t.conditions.length, t.actions.map((a) => a.name)]), [
      ['critical_outage', 3, ['create_incident', 'page_oncall_engineer', 'update_status_page', 'start_war_room']],
    ]);
  });

  it('points into a quoted condition at the offending character', () => {
    const { issues } = problems(lines(
      'triggers:',
      '  outage:',
      '    conditions: ["error_rate 50%"]',
    ));
    // Line 3: the string starts with its quote at column 18; 'error_rate ' is 11 characters.
    assert.deepEqual(issues.map(at), ['3:30 triggers.outage.conditions[0]']);
    assert.match(issues[0]!.message, /expected a comparison operator after 'error_rate' at column 12/);
  });

  it('points into plain and single-quoted list items', () => {
    const { error, issues } = problems(lines(
      'triggers:',
      '  security:',
      '    conditions:',
      '      - failed_login_attempts > 1000hrs/',
      "      - 'availability < 95 pct'",
      '    actions:',
      "      - create_incident(severity='critcal')",
    ));
    assert.deepEqual(issues.map(at), [
      '4:37 triggers.security.conditions[0]',
      '5:28 triggers.security.conditions[1]',
      '7:34 triggers.security.actions[0]',
    ]);
    assert.match(error.message, /^rules file rules\.yaml is invalid \(3 problems\):\n {2}rules\.yaml:4:37: triggers\.security\.conditions\[0\]: unknown unit 'hrs\/' at column 29/);
    assert.match(error.message, /rules\.yaml:7:34: triggers\.security\.actions\[0\]: unknown severity 'critcal' at column 26 — did you mean 'critical'\?/);
  });

  it('points at an unknown key with did-you-mean, and at wrong values', () => {
    const { issues } = problems(lines(
      'triggers:',
      '  outage:',
      '    conditions: [error_rate > 50%]',
      '    durration: 5 minutes',
      '    match: most',
    ));
    assert.deepEqual(issues.map((i) => `${at(i)}: ${i.message}`), [
      "4:5 triggers.outage.durration: unknown key 'durration' — did you mean 'duration'? (description, conditions, match, duration, actions)",
      "5:12 triggers.outage.match: unknown match 'most' (any, all)",
    ]);
  });

  it('points at the enclosing rule when a required key is missing', () => {
    const { issues } = problems(lines('triggers:', '  outage:', '    duration: 5 minutes'));
    assert.deepEqual(issues.map(at), ['3:5 triggers.outage']);
  });

  it('reports YAML syntax errors with line and column', () => {
    const { issues } = problems(lines('triggers:', '  outage:', '    conditions: ["a > 1"', '    duration: 5m'));
    assert.ok(issues.length > 0);
    assert.ok(issues.every((i) => i.line !== undefined && i.message.startsWith('YAML syntax error')));
  });

  it('loads a file and names an unreadable one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ir-rules-'));
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, lines('triggers:', '  t: { conditions: [x], duration: 1m }'));
    assert.equal(loadTriggerRulesFile(path).triggers[0]!.name, 't');
    assert.throws(() => loadTriggerRulesFile(join(dir, 'nope.yaml')), (e) => e instanceof AppError && e.code === 'VALIDATION' && e.message.startsWith(`cannot read rules file ${join(dir, 'nope.yaml')}`));
  });
});
