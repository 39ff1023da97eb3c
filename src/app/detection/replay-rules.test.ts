import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { epochMs, isoUtc, MINUTE } from '../../domain/time/index.js';
import { parseTriggerRules, type Samples, type TriggerRuleSet } from '../../domain/triggers/index.js';
import { replayRules, type MetricSeries } from './index.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const minute = (m: number) => epochMs(T0 + m * MINUTE);
const hhmm = (at: number) => isoUtc(epochMs(at)).slice(11, 16);

function rules(data: unknown): TriggerRuleSet {
  const r = parseTriggerRules(data);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
  return r.ruleSet;
}

/** One row a minute from 10:00, in the order given (rows may be shuffled by the caller). */
function series(metrics: string[], samples: Samples[]): MetricSeries {
  return { metrics, rows: samples.map((s, i) => ({ at: minute(i), samples: s, line: i + 2 })) };
}

describe('replayRules', () => {
  const set = rules({
    triggers: {
      outage: { conditions: ['error_rate > 50%'], duration: '2 minutes', actions: ["create_incident(severity='critical')"] },
      anomaly: { conditions: ['spike'], duration: '0' },
    },
    signals: { spike: { metric: 'rps', window: '10 minutes', min_samples: 3, direction: 'above' } },
  });
  const data = series(['error_rate', 'rps'], [
    { error_rate: 1, rps: 100 }, { error_rate: 60, rps: 101 }, { error_rate: 60, rps: 99 }, { error_rate: 60, rps: 100 },
    { error_rate: 1, rps: 500 }, { error_rate: 60, rps: 100 }, { rps: 100 },
  ]);

  it('lists pending, firing and resolved per rule in time order, with the conditions that held', () => {
    const result = replayRules(set, data);
    assert.deepEqual(result.events.map((e) => `${hhmm(e.at)} ${e.rule} ${e.kind} ${e.holding.join('+')}`), [
      '10:01 outage pending error_rate > 50%',
      '10:03 outage firing error_rate > 50%',
      '10:04 outage resolved ',
      '10:04 anomaly pending spike',
      '10:04 anomaly firing spike',
      '10:05 outage pending error_rate > 50%',
      '10:05 anomaly resolved ',
    ]);
  });

  it('summarises each rule: episodes, firings, where it ended, data gaps', () => {
    const [outage, anomaly] = replayRules(set, data).rules;
    assert.deepEqual(outage, {
      rule: 'outage',
      episodes: [{ pendingAt: minute(1), firedAt: minute(3), resolvedAt: minute(4) }, { pendingAt: minute(5), clearedAt: minute(6) }],
      firedCount: 1,
      finalPhase: 'inactive',
      dataProblems: [{ input: 'error_rate', problem: 'missing', count: 1, firstAt: minute(6) }],
    });
    assert.equal(anomaly!.firedCount, 1);
  });

  it('computes signals with their detector and reports when they were unusual', () => {
    const result = replayRules(set, data);
    assert.deepEqual(result.signals, [{ signal: 'spike', metric: 'rps', unusualAt: [minute(4)], isFromSeries: false }]);
    assert.deepEqual([result.evaluations, result.from, result.to], [7, minute(0), minute(6)]);
  });

  it('sorts rows by time first', () => {
    const shuffled: MetricSeries = { ...data, rows: [...data.rows].reverse() };
    assert.deepEqual(replayRules(set, shuffled).events, replayRules(set, data).events);
  });

  it('names inputs that nothing provides', () => {
    const result = replayRules(rules({ triggers: { t: { conditions: ['availability < 95%', 'error_rate > 5%'] } } }), series(['error_rate'], [{ error_rate: 1 }]));
    assert.deepEqual(result.absentInputs, ['availability']);
  });

  it('refuses two rows at one instant and a column that shadows a computed signal', () => {
    const twice: MetricSeries = { metrics: ['error_rate'], rows: [{ at: minute(0), samples: {}, line: 2 }, { at: minute(0), samples: {}, line: 5 }] };
    assert.throws(() => replayRules(set, twice), (e) => e instanceof AppError && e.message === 'the series has two rows at 2026-03-02T10:00:00Z (lines 2 and 5); keep one row per instant');
    assert.throws(() => replayRules(set, series(['spike', 'rps'], [{ spike: true }])), (e) => e instanceof AppError && /the series has a column 'spike', but the rules compute 'spike' from 'rps'/.test(e.message));
  });

  it('reports a rule still firing at the end of the series', () => {
    const result = replayRules(rules({ triggers: { t: { conditions: ['x > 1'], duration: '1m' } } }), series(['x'], [{ x: 2 }, { x: 2 }]));
    assert.deepEqual(result.rules[0]!.episodes, [{ pendingAt: minute(0), firedAt: minute(1) }]);
    assert.equal(result.rules[0]!.finalPhase, 'firing');
  });
});
