import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors/index.js';
import { durationMs, epochMs, MINUTE, type EpochMs } from '../time/index.js';
import { evaluateCondition, evaluateRule, INITIAL_RULE_STATE, parseCondition, type Condition, type RuleState, type Samples, type TriggerRule } from './index.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const at = (minute: number): EpochMs => epochMs(T0 + minute * MINUTE);

function cond(text: string): Condition {
  const r = parseCondition(text);
  assert.ok(r.ok);
  return r.condition;
}

function rule(conditions: string[], options: { match?: 'any' | 'all'; forMinutes?: number } = {}): TriggerRule {
  return { name: 'r', conditions: conditions.map(cond), match: options.match ?? 'any', forMs: durationMs((options.forMinutes ?? 5) * MINUTE), actions: [] };
}

/** Evaluates once a minute from minute 0 and lists the transitions as "kind@minute". */
function timeline(r: TriggerRule, samples: readonly Samples[]): string[] {
  let state: RuleState = INITIAL_RULE_STATE;
  const out: string[] = [];
  samples.forEach((s, minute) => {
    const result = evaluateRule(r, state, s, at(minute));
    state = result.state;
    for (const t of result.transitions) out.push(`${t.kind}@${(t.at - T0) / MINUTE}`);
  });
  return out;
}

const errors = (...values: number[]): Samples[] => values.map((v) => ({ error_rate: v }));

describe('evaluateCondition', () => {
  const cases: [string, Samples, string][] = [
    ['error_rate > 50%', { error_rate: 50.1 }, 'holds'],
    ['error_rate > 50%', { error_rate: 50 }, 'fails'],
    ['error_rate >= 50%', { error_rate: 50 }, 'holds'],
    ['availability < 95%', { availability: 94.9 }, 'holds'],
    ['availability <= 95%', { availability: 95 }, 'holds'],
    ['queue_depth == 0', { queue_depth: 0 }, 'holds'],
    ['queue_depth != 0', { queue_depth: 0 }, 'fails'],
    ['response_time > 30s', { response_time: 30_001 }, 'holds'],
    ['response_time > 30s', { response_time: 30 }, 'fails'],
    ['failed_login_attempts > 1000/hour', { failed_login_attempts: 0.3 }, 'holds'],
    ['failed_login_attempts > 1000/hour', { failed_login_attempts: 0.25 }, 'fails'],
    ['unusual_traffic_patterns', { unusual_traffic_patterns: true }, 'holds'],
    ['unusual_traffic_patterns', { unusual_traffic_patterns: 1 }, 'holds'],
    ['unusual_traffic_patterns', { unusual_traffic_patterns: 0 }, 'fails'],
    ['not maintenance', { maintenance: false }, 'holds'],
    ['not maintenance', { maintenance: true }, 'fails'],
    ['error_rate > 50%', {}, 'missing'],
    ['error_rate > 50%', { error_rate: Number.NaN }, 'missing'],
    ['not maintenance', {}, 'missing'],
    ['error_rate > 50%', { error_rate: true }, 'not-a-number'],
    ['unusual_traffic_patterns', { unusual_traffic_patterns: 7 }, 'not-a-boolean'],
    ['constructor', {}, 'missing'],
  ];
  for (const [text, samples, outcome] of cases) {
    it(`'${text}' with ${JSON.stringify(samples)} → ${outcome}`, () => assert.equal(evaluateCondition(cond(text), samples), outcome));
  }
});

describe('evaluateRule: Prometheus `for:` semantics', () => {
  const r = rule(['error_rate > 50%'], { forMinutes: 5 });

  it('fires when the condition has held for exactly the duration', () => {
    assert.deepEqual(timeline(r, errors(0, 60, 60, 60, 60, 60, 60)), ['pending@1', 'firing@6']);
  });

  it('does not fire one evaluation short of the duration', () => {
    assert.deepEqual(timeline(r, errors(60, 60, 60, 60, 60, 0)), ['pending@0']);
  });

  it('resets the wait on a single false evaluation (flicker)', () => {
    assert.deepEqual(timeline(r, errors(60, 60, 60, 60, 0, 60, 60, 60, 60, 60, 60)), ['pending@0', 'pending@5', 'firing@10']);
  });

  it('resolves at the first evaluation where the condition no longer holds', () => {
    assert.deepEqual(timeline(r, errors(60, 60, 60, 60, 60, 60, 60, 0, 60)), ['pending@0', 'firing@5', 'resolved@7', 'pending@8']);
  });

  it('stays firing while the condition holds, with no repeated transitions', () => {
    assert.deepEqual(timeline(r, errors(60, 60, 60, 60, 60, 60, 70, 80, 90)), ['pending@0', 'firing@5']);
  });

  it('measures the duration between evaluations, however sparse', () => {
    let state: RuleState = INITIAL_RULE_STATE;
    state = evaluateRule(r, state, { error_rate: 60 }, at(0)).state;
    const later = evaluateRule(r, state, { error_rate: 60 }, at(30));
    assert.deepEqual(later.transitions, [{ kind: 'firing', at: at(30) }]);
    assert.deepEqual(later.state, { phase: 'firing', activeAt: at(0), firedAt: at(30), lastEvaluatedAt: at(30) });
  });

  it('fires at once, pending and firing at the same instant, with no duration', () => {
    assert.deepEqual(timeline(rule(['error_rate > 50%'], { forMinutes: 0 }), errors(0, 60, 0)), ['pending@1', 'firing@1', 'resolved@2']);
  });

  it('reports the pending spell a false evaluation cleared', () => {
    const pending = evaluateRule(r, INITIAL_RULE_STATE, { error_rate: 60 }, at(0));
    const cleared = evaluateRule(r, pending.state, { error_rate: 1 }, at(1));
    assert.equal(cleared.clearedPendingSince, at(0));
    assert.deepEqual(cleared.transitions, []);
    assert.equal(cleared.state.phase, 'inactive');
  });

  it('refuses evaluations out of time order', () => {
    const first = evaluateRule(r, INITIAL_RULE_STATE, { error_rate: 60 }, at(5));
    assert.throws(() => evaluateRule(r, first.state, { error_rate: 60 }, at(5)), (e) => e instanceof AppError && /evaluate in time order/.test(e.message));
  });
});

describe('evaluateRule: any vs all', () => {
  const series: Samples[] = [
    { error_rate: 60, response_time: 100 },
    { error_rate: 10, response_time: 40_000 },
    { error_rate: 60, response_time: 40_000 },
    { error_rate: 60, response_time: 40_000 },
    { error_rate: 60, response_time: 100 },
  ];

  it('any: one holding condition keeps the rule holding, whichever it is', () => {
    assert.deepEqual(timeline(rule(['error_rate > 50%', 'response_time > 30s'], { match: 'any', forMinutes: 4 }), series), ['pending@0', 'firing@4']);
  });

  it('all: every condition must hold at the same evaluation', () => {
    assert.deepEqual(timeline(rule(['error_rate > 50%', 'response_time > 30s'], { match: 'all', forMinutes: 1 }), series), ['pending@2', 'firing@3', 'resolved@4']);
  });
});

describe('evaluateRule: missing data counts as not holding and is reported', () => {
  it('resets a pending rule and names the metric', () => {
    const r = rule(['error_rate > 50%'], { forMinutes: 2 });
    assert.deepEqual(timeline(r, [{ error_rate: 60 }, {}, { error_rate: 60 }, { error_rate: 60 }, { error_rate: 60 }]), ['pending@0', 'pending@2', 'firing@4']);
    const result = evaluateRule(r, INITIAL_RULE_STATE, { availability: 99 }, at(0));
    assert.deepEqual(result.problems, [{ input: 'error_rate', problem: 'missing' }]);
    assert.equal(result.isHolding, false);
  });

  it('under any, the other conditions still decide', () => {
    const r = rule(['error_rate > 50%', 'availability < 95%'], { match: 'any' });
    const result = evaluateRule(r, INITIAL_RULE_STATE, { availability: 90 }, at(0));
    assert.equal(result.isHolding, true);
    assert.deepEqual(result.outcomes, ['missing', 'holds']);
    assert.deepEqual(result.problems, [{ input: 'error_rate', problem: 'missing' }]);
  });

  it('under all, one missing metric stops the rule holding', () => {
    const r = rule(['error_rate > 50%', 'availability < 95%'], { match: 'all' });
    assert.equal(evaluateRule(r, INITIAL_RULE_STATE, { availability: 90 }, at(0)).isHolding, false);
  });

  it('resolves a firing rule when its only metric disappears', () => {
    const r = rule(['error_rate > 50%'], { forMinutes: 1 });
    assert.deepEqual(timeline(r, [{ error_rate: 60 }, { error_rate: 60 }, {}]), ['pending@0', 'firing@1', 'resolved@2']);
  });
});
