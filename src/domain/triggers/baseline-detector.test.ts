import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationMs, epochMs, MINUTE } from '../time/index.js';
import { evaluateBaseline, INITIAL_BASELINE_STATE, type BaselineDetector, type BaselineReading, type BaselineState } from './index.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const detector = (over: Partial<BaselineDetector> = {}): BaselineDetector => ({
  metric: 'requests_per_second', windowMs: durationMs(10 * MINUTE), thresholdSigma: 3, minSamples: 5, direction: 'both', ...over,
});

/** Feeds one value a minute from minute 0; returns every reading. */
function feed(d: BaselineDetector, values: readonly (number | undefined)[]): BaselineReading[] {
  let state: BaselineState = INITIAL_BASELINE_STATE;
  return values.map((v, i) => {
    const r = evaluateBaseline(d, state, v, epochMs(T0 + i * MINUTE));
    state = r.state;
    return r;
  });
}

const NORMAL = [100, 102, 98, 101, 99, 100, 103, 97];

describe('evaluateBaseline', () => {
  it('stays quiet until it has the minimum number of samples', () => {
    const readings = feed(detector({ minSamples: 5 }), [100, 100, 100, 100, 500]);
    assert.deepEqual(readings.map((r) => r.isUnusual), [false, false, false, false, false]);
  });

  it('flags a sample more than k standard deviations from the rolling mean', () => {
    const readings = feed(detector(), [...NORMAL, 160]);
    const last = readings[readings.length - 1]!;
    assert.equal(last.isUnusual, true);
    assert.equal(last.count, 8);
    assert.equal(last.mean, 100);
    assert.ok(last.zScore! > 3);
    assert.deepEqual(readings.slice(0, -1).map((r) => r.isUnusual), NORMAL.map(() => false));
  });

  it('does not flag a deviation within k sigma', () => {
    const last = feed(detector(), [...NORMAL, 104]).at(-1)!;
    assert.equal(last.isUnusual, false);
    assert.ok(Math.abs(last.zScore!) < 3);
  });

  for (const [direction, high, low] of [['above', true, false], ['below', false, true], ['both', true, true]] as const) {
    it(`direction ${direction}: a spike is ${high ? '' : 'not '}unusual, a drop is ${low ? '' : 'not '}unusual`, () => {
      assert.equal(feed(detector({ direction }), [...NORMAL, 200]).at(-1)!.isUnusual, high);
      assert.equal(feed(detector({ direction }), [...NORMAL, 10]).at(-1)!.isUnusual, low);
    });
  }

  it('forgets samples older than the window', () => {
    // A 3-minute window at minute 8 holds minutes 6 and 7 only: too few samples to judge.
    const last = feed(detector({ windowMs: durationMs(3 * MINUTE), minSamples: 3 }), [...NORMAL, 500]).at(-1)!;
    assert.equal(last.count, 2);
    assert.equal(last.isUnusual, false);
    assert.deepEqual(last.state.samples.map((s) => (s.at - T0) / MINUTE), [6, 7, 8]);
  });

  it('treats any change from a flat baseline as unusual, and no change as usual', () => {
    assert.equal(feed(detector(), [5, 5, 5, 5, 5, 6]).at(-1)!.isUnusual, true);
    assert.equal(feed(detector(), [5, 5, 5, 5, 5, 5]).at(-1)!.isUnusual, false);
  });

  it('reports a missing sample as undefined and leaves the baseline as it was', () => {
    const readings = feed(detector(), [...NORMAL, undefined, 101]);
    assert.equal(readings.at(-2)!.isUnusual, undefined);
    assert.equal(readings.at(-2)!.state.samples.length, NORMAL.length);
    assert.equal(readings.at(-1)!.isUnusual, false);
  });

  it('lets a lasting change become the new normal after a window', () => {
    const readings = feed(detector({ windowMs: durationMs(5 * MINUTE), minSamples: 3 }), [...NORMAL, 200, 201, 199, 200, 202, 200, 201, 199]);
    assert.equal(readings[NORMAL.length]!.isUnusual, true);
    assert.equal(readings.at(-1)!.isUnusual, false);
  });

  it('is a pure function of its state (same input, same reading)', () => {
    const d = detector();
    const state: BaselineState = { samples: NORMAL.map((value, i) => ({ at: epochMs(T0 + i * MINUTE), value })) };
    const now = epochMs(T0 + 8 * MINUTE);
    assert.deepEqual(evaluateBaseline(d, state, 150, now), evaluateBaseline(d, state, 150, now));
    assert.equal(state.samples.length, NORMAL.length);
  });
});
