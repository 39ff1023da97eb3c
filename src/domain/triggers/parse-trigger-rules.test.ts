import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationMs, MINUTE } from '../time/index.js';
import { parseTriggerRules, type RuleIssue, type TriggerRuleSet } from './index.js';

function ok(data: unknown): TriggerRuleSet {
  const r = parseTriggerRules(data);
  assert.ok(r.ok, `expected rules to parse, got ${r.ok ? '' : JSON.stringify(r.issues)}`);
  return r.ruleSet;
}

function issues(data: unknown): readonly RuleIssue[] {
  const r = parseTriggerRules(data);
  assert.ok(!r.ok, 'expected rules to be rejected');
  return r.issues;
}

describe('parseTriggerRules', () => {
  it('reads the spec form with defaults: match any, no duration fires at once, no actions', () => {
    const set = ok({ triggers: { quick: { conditions: ['error_rate > 50%'] } } });
    assert.equal(set.triggers.length, 1);
    const [r] = set.triggers;
    assert.equal(r!.match, 'any');
    assert.equal(r!.forMs, 0);
    assert.deepEqual(r!.actions, []);
    assert.deepEqual(set.signals, []);
  });

  it('reads match, duration, actions and signals with their defaults', () => {
    const set = ok({
      triggers: { slow: { conditions: ['p99_latency >= 250ms', 'not maintenance'], match: 'all', duration: '10 minutes', actions: ['page_oncall_engineer()'] } },
      signals: { spike: { metric: 'rps' }, dip: { metric: 'rps', window: '15m', threshold: 2.5, min_samples: 4, direction: 'below' } },
    });
    assert.equal(set.triggers[0]!.match, 'all');
    assert.equal(set.triggers[0]!.forMs, durationMs(10 * MINUTE));
    assert.deepEqual(set.triggers[0]!.actions, [{ name: 'page_oncall_engineer' }]);
    assert.deepEqual(set.signals, [
      { name: 'spike', detector: { metric: 'rps', windowMs: durationMs(60 * MINUTE), thresholdSigma: 3, minSamples: 10, direction: 'both' } },
      { name: 'dip', detector: { metric: 'rps', windowMs: durationMs(15 * MINUTE), thresholdSigma: 2.5, minSamples: 4, direction: 'below' } },
    ]);
  });

  it('collects every problem with its path, and the column inside condition and action strings', () => {
    assert.deepEqual(issues({
      triggers: {
        a: { conditions: ['error_rate 50%', 'availability < 95%'], mach: 'all', duration: 300, actions: ['create_incident()'] },
        b: { conditions: [], match: 'every' },
      },
      signal: {},
    }), [
      { path: ['signal'], isKey: true, message: "unknown key 'signal' — did you mean 'signals'? (triggers, incident_triggers, signals)" },
      { path: ['triggers', 'a', 'mach'], isKey: true, message: "unknown key 'mach' — did you mean 'match'? (description, conditions, match, duration, actions)" },
      { path: ['triggers', 'a', 'conditions', 0], column: 12, message: "expected a comparison operator after 'error_rate' at column 12 (>, >=, <, <=, ==, !=), found '50%'" },
      { path: ['triggers', 'a', 'duration'], message: 'expected a duration such as "5 minutes", "90s" or "1h", got the number 300 (a bare number has no unit)' },
      { path: ['triggers', 'a', 'actions', 0], column: 17, message: "create_incident() needs 'severity' at column 17, e.g. create_incident(severity='critical')" },
      { path: ['triggers', 'b', 'conditions'], message: 'expected a list of at least one condition' },
      { path: ['triggers', 'b', 'match'], message: "unknown match 'every' (any, all)" },
    ]);
  });

  it('requires triggers', () => {
    assert.deepEqual(issues({}), [{ path: [], message: "expected at least one trigger under 'triggers'" }]);
    assert.deepEqual(issues(null), [{ path: [], message: "expected at least one trigger under 'triggers'" }]);
    assert.deepEqual(issues({ triggers: {} }), [{ path: ['triggers'], message: "expected at least one trigger under 'triggers'" }]);
  });

  it('rejects a name used as two different things in one file', () => {
    assert.deepEqual(issues({
      triggers: {
        a: { conditions: ['response_time > 30s'] },
        b: { conditions: ['response_time > 30', 'unusual'] },
      },
      signals: { unusual: { metric: 'rps' } },
    }), [{ path: ['triggers', 'b', 'conditions', 0], message: "'response_time' is used here as a plain number but as a duration in triggers.a.conditions[0]; a name must mean one thing in the whole file" }]);
    assert.deepEqual(issues({ triggers: { a: { conditions: ['spike > 3'] } }, signals: { spike: { metric: 'rps' } } }), [
      { path: ['triggers', 'a', 'conditions', 0], message: "'spike' is used here as a plain number but as a signal (true or false) in signals.spike; a name must mean one thing in the whole file" },
    ]);
  });

  it('checks signal definitions', () => {
    assert.deepEqual(issues({ triggers: { a: { conditions: ['x'] } }, signals: { s: { window: 'soon', threshold: -1, min_samples: 1.5, direction: 'up' } } }), [
      { path: ['signals', 's'], message: "missing 'metric': the numeric metric whose baseline this signal watches" },
      { path: ['signals', 's', 'window'], message: `'soon' is not a duration; expected e.g. "15 minutes", "2h" or "1d"` },
      { path: ['signals', 's', 'threshold'], message: 'expected a positive number of standard deviations, e.g. 3, got the number -1' },
      { path: ['signals', 's', 'min_samples'], message: 'expected a whole number of samples, at least 2, got the number 1.5' },
      { path: ['signals', 's', 'direction'], message: "unknown direction 'up' (above, below, both)" },
    ]);
  });
});

describe('parseTriggerRules: the product description\'s incident_triggers form', () => {
  it('reads incident_triggers like triggers and points problems at that key', () => {
    const set = ok({ incident_triggers: { critical_outage: { conditions: ['error_rate > 50%'], duration: '5 minutes', actions: ["create_incident(severity='critical')"] } } });
    assert.deepEqual(set.triggers.map((t) => [t.name, t.forMs]), [['critical_outage', 300_000]]);
    const bad = issues({ incident_triggers: { critical_outage: { conditions: ['error_rate >> 50%'] } } });
    assert.deepEqual(bad.map((i) => i.path), [['incident_triggers', 'critical_outage', 'conditions', 0]]);
  });

  it('refuses a file with both triggers and incident_triggers', () => {
    const both = issues({ triggers: { a: { conditions: ['x > 1'] } }, incident_triggers: { b: { conditions: ['y > 1'] } } });
    assert.match(both[0]!.message, /under 'triggers' or under 'incident_triggers', not both/);
  });

  it('adds the built-in unusual_traffic_patterns baseline only when a rule reads it and signals does not define it', () => {
    const builtIn = ok({ incident_triggers: { s: { conditions: ['unusual_traffic_patterns'] } } }).signals;
    assert.deepEqual(builtIn.map((s) => [s.name, s.isBuiltIn, s.detector.metric, s.detector.windowMs, s.detector.thresholdSigma, s.detector.direction]), [['unusual_traffic_patterns', true, 'requests_per_second', 3_600_000, 3, 'both']]);
    const own = ok({ triggers: { s: { conditions: ['unusual_traffic_patterns'] } }, signals: { unusual_traffic_patterns: { metric: 'rps' } } }).signals;
    assert.deepEqual(own.map((s) => [s.name, s.isBuiltIn, s.detector.metric]), [['unusual_traffic_patterns', undefined, 'rps']]);
    assert.deepEqual(ok({ triggers: { s: { conditions: ['error_rate > 1'] } } }).signals, []);
  });
});
