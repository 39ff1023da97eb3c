import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondition, type Condition } from './index.js';

function ok(text: string): Condition {
  const r = parseCondition(text);
  assert.ok(r.ok, `expected '${text}' to parse, got ${r.ok ? '' : r.error.message}`);
  return r.condition;
}

function err(text: string): { message: string; column: number } {
  const r = parseCondition(text);
  assert.ok(!r.ok, `expected '${text}' to be rejected`);
  return r.error;
}

describe('parseCondition: comparisons', () => {
  const cases: [string, string, string, 'number' | 'percent' | 'duration' | 'rate', number][] = [
    ['error_rate > 50%', 'error_rate', '>', 'percent', 50],
    ['availability < 95%', 'availability', '<', 'percent', 95],
    ['availability <= 99.95%', 'availability', '<=', 'percent', 99.95],
    ['error_rate >= 5 %', 'error_rate', '>=', 'percent', 5],
    ['response_time > 30s', 'response_time', '>', 'duration', 30_000],
    ['p99_latency >= 250ms', 'p99_latency', '>=', 'duration', 250],
    ['lag > 5m', 'lag', '>', 'duration', 300_000],
    ['lag > 2 min', 'lag', '>', 'duration', 120_000],
    ['lag > 1h', 'lag', '>', 'duration', 3_600_000],
    ['lag > 1.5 sec', 'lag', '>', 'duration', 1500],
    ['backup_age > 1d', 'backup_age', '>', 'duration', 86_400_000],
    ['failed_login_attempts > 1000/hour', 'failed_login_attempts', '>', 'rate', 1000 / 3600],
    ['failed_login_attempts > 3600/h', 'failed_login_attempts', '>', 'rate', 1],
    ['requests > 120/min', 'requests', '>', 'rate', 2],
    ['requests > 120/minute', 'requests', '>', 'rate', 2],
    ['requests > 5/sec', 'requests', '>', 'rate', 5],
    ['requests > 5/s', 'requests', '>', 'rate', 5],
    ['signups < 86400/day', 'signups', '<', 'rate', 1],
    ['requests > 10 /hour', 'requests', '>', 'rate', 10 / 3600],
    ['queue_depth != 0', 'queue_depth', '!=', 'number', 0],
    ['replicas == 3', 'replicas', '==', 'number', 3],
    ['temperature < -5', 'temperature', '<', 'number', -5],
    ['ratio > .5', 'ratio', '>', 'number', 0.5],
    ['  node:cpu_usage:rate5m>90%  ', 'node:cpu_usage:rate5m', '>', 'percent', 90],
  ];
  for (const [text, metric, operator, kind, value] of cases) {
    it(`reads '${text}'`, () => {
      const c = ok(text);
      assert.equal(c.kind, 'compare');
      if (c.kind !== 'compare') return;
      assert.equal(c.metric, metric);
      assert.equal(c.operator, operator);
      assert.equal(c.threshold.kind, kind);
      assert.ok(Math.abs(c.threshold.value - value) < 1e-12, `${c.threshold.value} ≠ ${value}`);
      assert.equal(c.text, text.trim());
    });
  }
});

describe('parseCondition: signals', () => {
  for (const [text, signal, isNegated] of [
    ['unusual_traffic_patterns', 'unusual_traffic_patterns', false],
    ['suspicious_file_access', 'suspicious_file_access', false],
    ['not maintenance_window', 'maintenance_window', true],
    ['  not   deploy_in_progress ', 'deploy_in_progress', true],
  ] as const) {
    it(`reads '${text}'`, () => {
      assert.deepEqual(ok(text), { kind: 'signal', signal, isNegated, text: text.trim() });
    });
  }
});

describe('parseCondition: errors name the column and what was expected', () => {
  const cases: [string, number, string][] = [
    ['error_rate 50%', 12, "expected a comparison operator after 'error_rate' at column 12 (>, >=, <, <=, ==, !=), found '50%'"],
    ['failed_login_attempts > 1000hrs/', 29, "unknown unit 'hrs/' at column 29 — did you mean '/hrs'? (use %, ms, s, m, min, h, or a rate such as /s, /min, /hour, /day)"],
    ['response_time > 30 secz', 20, "unknown unit 'secz' at column 20 — did you mean 'sec'? (use %, ms, s, m, min, h, or a rate such as /s, /min, /hour, /day)"],
    ['logins > 100/hor', 13, "unknown unit '/hor' at column 13 — did you mean '/hr'? (use %, ms, s, m, min, h, or a rate such as /s, /min, /hour, /day)"],
    ['x > 5 y', 7, "unknown unit 'y' at column 7 (use %, ms, s, m, min, h, or a rate such as /s, /min, /hour, /day)"],
    ['error_rate = 5', 12, "'=' is not a comparison operator at column 12; write '=='"],
    ['error_rate => 5', 12, "'=>' is not a comparison operator at column 12; write '>='"],
    ['error_rate =< 5', 12, "'=<' is not a comparison operator at column 12; write '<='"],
    ['error_rate <> 5', 12, "'<>' is not a comparison operator at column 12; write '!='"],
    ['error_rate === 5', 12, "'===' is not a comparison operator at column 12; write '=='"],
    ['error_rate >', 13, "expected a number after '>' at column 13, found the end of the condition"],
    ['error_rate > high', 14, "expected a number after '>' at column 14, found 'high'"],
    ['error_rate > 5% > 3', 17, "expected the end of the condition at column 17, found '>'; a condition is one comparison or one signal"],
    ['error_rate > 5% and latency > 3s', 17, "unexpected 'and' at column 17: list each condition separately and set 'match: all'"],
    ['a or b', 3, "unexpected 'or' at column 3: list each condition separately and set 'match: any'"],
    ['', 1, 'expected a metric or signal name at column 1, found an empty condition'],
    ['   ', 4, 'expected a metric or signal name at column 4, found an empty condition'],
    ['> 5', 1, "expected a metric or signal name at column 1, found '>'"],
    ['50% < error_rate', 1, "expected a metric or signal name at column 1, found '50%'"],
    ['!maintenance', 1, "expected a metric or signal name at column 1, found '!'; negate a signal with 'not', e.g. 'not maintenance_window'"],
    ['not', 4, "expected a signal name after 'not' at column 4, found the end of the condition"],
    ['not error_rate > 5', 16, "unexpected '>' at column 16: 'not' applies to a boolean signal, not to a comparison; write the opposite comparison instead (e.g. 'x <= 5' for 'not x > 5')"],
    ['not a b', 7, "expected the end of the condition at column 7, found 'b'; a condition is one comparison or one signal"],
  ];
  for (const [text, column, message] of cases) {
    it(`rejects '${text}' at column ${column}`, () => {
      assert.deepEqual(err(text), { message, column });
    });
  }
});
