import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTriggerRules, type TriggerRuleSet } from '../../domain/triggers/index.js';
import { checkRuleActions } from './index.js';

function rules(triggers: Record<string, string[]>): TriggerRuleSet {
  const parsed = parseTriggerRules({ triggers: Object.fromEntries(Object.entries(triggers).map(([name, actions]) => [name, { conditions: ['x > 1'], actions }])) });
  assert.ok(parsed.ok);
  return parsed.ruleSet;
}

describe('checkRuleActions', () => {
  it('accepts one declaration followed by anything, and a rule without actions', () => {
    assert.deepEqual(checkRuleActions(rules({ a: ["create_incident(severity='high')", 'page_oncall_engineer()'], b: [], c: ['create_security_incident()', 'scale()'] })), []);
  });

  it('wants exactly one incident per rule when the rule has actions', () => {
    assert.deepEqual(checkRuleActions(rules({ a: ['page_oncall_engineer()'], b: ["create_incident(severity='low')", 'create_security_incident()'] })), [
      'triggers.a.actions: page_oncall_engineer() is recorded on the incident the rule opens; add create_incident(severity=…) or create_security_incident() first',
      "triggers.b.actions: create_incident(severity='low') and create_security_incident() — a rule opens one incident; keep one of them",
    ]);
  });
});
