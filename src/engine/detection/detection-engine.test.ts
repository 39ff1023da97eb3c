import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Firing } from '../../app/actions/index.js';
import type { MetricRead, MetricSource } from '../../app/ports/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../domain/time/index.js';
import { parseTriggerRules } from '../../domain/triggers/index.js';
import { DetectionEngine } from './index.js';

const T0 = epochMs(Date.parse('2026-03-02T10:00:00Z'));

function setup(options: { failFirstFirings?: number; readError?: string } = {}) {
  const parsed = parseTriggerRules({ triggers: { hot: { conditions: ['temp > 90'], duration: '0', actions: ["create_incident(severity='low')"] } } });
  assert.ok(parsed.ok);
  let now: EpochMs = T0;
  let temp: number | undefined = 95;
  let failures = options.failFirstFirings ?? 0;
  const firings: Firing[] = [];
  const resolutions: EpochMs[] = [];
  const logs: string[] = [];
  const source: MetricSource = {
    name: 'fake',
    metrics: ['temp'],
    read: async (): Promise<MetricRead> => {
      if (options.readError !== undefined && temp === undefined) throw new Error(options.readError);
      return { samples: temp === undefined ? {} : { temp: temp }, problems: temp === undefined ? [{ metric: 'temp', message: 'sensor offline' }] : [] };
    },
  };
  const engine = new DetectionEngine({
    ruleSet: parsed.ruleSet,
    sources: [source],
    clock: { now: () => now },
    intervalMs: MINUTE,
    log: { info: (_o, m) => logs.push(`info ${m}`), warn: (_o, m) => logs.push(`warn ${m}`), error: (_o, m) => logs.push(`error ${m}`) },
    actions: {
      onFiring: async (_rule, firing) => {
        if (failures-- > 0) throw new Error('store unavailable');
        firings.push(firing);
        return { incidentId: 'INC-2026-0302-001', isNewIncident: true, ran: [], skipped: [] };
      },
      onResolved: async (_rule, at) => {
        resolutions.push(at);
        return undefined;
      },
      whenIdle: async () => undefined,
    },
  });
  return {
    engine, firings, resolutions, logs,
    advance: () => { now = epochMs(now + MINUTE); },
    setTemp: (t: number | undefined) => { temp = t; },
  };
}

describe('DetectionEngine', () => {
  it('runs a firing\'s actions once, retrying on later ticks while they fail', async () => {
    const w = setup({ failFirstFirings: 2 });
    const first = await w.engine.tick();
    assert.deepEqual(first.failed, [{ rule: 'hot', error: 'store unavailable' }]);
    w.advance();
    await w.engine.tick();
    w.advance();
    const third = await w.engine.tick();
    assert.deepEqual(third.fired.map((f) => f.rule), ['hot']);
    assert.deepEqual(w.firings.map((f) => f.firedAt), [T0], 'the firing keeps its own instant across retries');
    w.advance();
    assert.deepEqual((await w.engine.tick()).fired, []);
    assert.equal(w.firings.length, 1);
  });

  it('notes a resolution, and does not evaluate twice at one instant', async () => {
    const w = setup();
    await w.engine.tick();
    const again = await w.engine.tick();
    assert.equal(again.isEvaluated, false);
    w.advance();
    w.setTemp(20);
    assert.deepEqual((await w.engine.tick()).transitions.map((t) => t.kind), ['resolved']);
    assert.deepEqual(w.resolutions, [epochMs(T0 + MINUTE)]);
  });

  it('logs a metric that cannot be read when it goes missing and when it is back, not on every tick', async () => {
    const w = setup();
    w.setTemp(undefined);
    for (let i = 0; i < 3; i++) {
      await w.engine.tick();
      w.advance();
    }
    w.setTemp(10);
    await w.engine.tick();
    assert.deepEqual(w.logs.filter((l) => /metric/.test(l)), ['warn metric not read; rules count it as missing data', 'info metric read again']);
  });

  it('counts a source that throws as missing data for all its metrics', async () => {
    const w = setup({ readError: 'boom' });
    w.setTemp(undefined);
    const report = await w.engine.tick();
    assert.deepEqual(report.sourceProblems, [{ source: 'fake', metric: 'temp', message: 'boom' }]);
    assert.deepEqual(report.transitions, []);
  });
});
