// Pushed metrics do not wait for the interval: a push asks for a prompt tick, and a pending rule fed
// by pushes is evaluated again the moment its duration has elapsed, so it fires at D (plus the
// prompt delay) after the crossing rather than at the next 1-minute tick. A rule read from a polled
// source stays interval-driven. Manual clock and manual timers: no sleeping.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MetricRead, MetricSource } from '../../src/app/ports/index.js';
import { epochMs, MINUTE, SECOND, type EpochMs } from '../../src/domain/time/index.js';
import { PROMPT_DELAY_MS, type TickScheduler } from '../../src/engine/detection/index.js';
import { openWorld, T0, type World } from './detection-world.js';

const RULES = `
triggers:
  checkout_errors:
    conditions: ["error_rate > 50%"]
    duration: 5 seconds
    actions:
      - create_incident(severity='high', type='outage', service='checkout')
  queue_backlog:
    conditions: ["queue_depth > 100"]
    duration: 5 seconds
    actions:
      - create_incident(severity='low', type='performance', service='queue')
`;

/** Timers on the manual clock: `runNext` moves the clock to the earliest due task and runs it. */
class ManualScheduler implements TickScheduler {
  private tasks: { due: EpochMs; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  constructor(private readonly clock: { now(): EpochMs; setNow(at: EpochMs): void }) {}

  after(delayMs: number, run: () => Promise<void>): () => void {
    const task = { due: epochMs(this.clock.now() + delayMs), seq: this.seq++, run };
    this.tasks.push(task);
    return () => { this.tasks = this.tasks.filter((t) => t !== task); };
  }

  /** Due instants of the waiting tasks, earliest first. */
  pending(): EpochMs[] {
    return this.tasks.map((t) => t.due).sort((a, b) => a - b);
  }

  async runNext(): Promise<EpochMs> {
    const next = [...this.tasks].sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
    assert.ok(next, 'a task is waiting');
    this.tasks = this.tasks.filter((t) => t !== next);
    this.clock.setNow(next.due);
    await next.run();
    return next.due;
  }
}

/** The interval loop subtracts the real time a tick took from its wait; allow that much. */
function assertPending(actual: readonly number[], expected: readonly number[], message?: string): void {
  assert.equal(actual.length, expected.length, message);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) < 20, `${message ?? 'pending'}: ${a - T0} ms after T0, expected ${expected[i]! - T0}`));
}

describe('a rule fed by pushed metrics fires at its duration, not at the next tick', () => {
  let w: World;
  let timers: ManualScheduler;
  let queueDepth = 0;
  const polled: MetricSource = {
    name: 'polled', metrics: ['queue_depth'],
    read: async (): Promise<MetricRead> => ({ samples: { queue_depth: queueDepth }, problems: [] }),
  };
  const push = (metric: string, value: number) => {
    // What POST /api/v1/metrics does (src/main/create-detection.ts): keep the sample, notify the engine.
    const outcome = w.pushed.push([{ metric, value }], w.now());
    if (outcome.accepted > 0) w.engine.notifyPushed();
  };

  before(async () => {
    w = await openWorld('sqlite', {
      rulesYaml: RULES, extraSources: [polled],
      scheduler: (clock) => (timers = new ManualScheduler(clock)),
    });
  });
  after(async () => {
    await w.engine.stop();
    await w.close();
  });

  it('evaluates a push after the prompt delay, coalesces a burst, and fires at the first evaluation after D', async () => {
    w.engine.start();
    assert.equal(await timers.runNext(), T0, 'the interval loop ticks at once');
    assertPending(timers.pending(), [epochMs(T0 + MINUTE)]);

    w.setNow(epochMs(T0 + 10 * SECOND)); // the crossing: 10:00:10
    const crossing = w.now();
    push('error_rate', 62.5);
    push('error_rate', 63);
    push('error_rate', 64);
    assertPending(timers.pending(), [epochMs(crossing + PROMPT_DELAY_MS), epochMs(T0 + MINUTE)], 'one prompt tick for the burst');

    const promptAt = await timers.runNext();
    assert.equal(promptAt, crossing + PROMPT_DELAY_MS);
    assert.equal(w.engine.ruleStates()['checkout_errors']?.phase, 'pending');
    assertPending(timers.pending(), [epochMs(promptAt + 5 * SECOND), epochMs(T0 + MINUTE)], 'a wake-up when the duration elapses');

    // Pushes while pending ask for prompt ticks; none of them fires the rule before D.
    w.setNow(epochMs(crossing + 2 * SECOND));
    push('error_rate', 70);
    await timers.runNext();
    assert.equal(w.engine.ruleStates()['checkout_errors']?.phase, 'pending');
    assert.deepEqual(await w.ruleIncidents('checkout_errors'), []);

    const firedAt = await timers.runNext();
    assert.equal(firedAt, promptAt + 5 * SECOND, 'the first evaluation after D is at D');
    assert.equal(w.engine.ruleStates()['checkout_errors']?.phase, 'firing');
    const incidents = await w.ruleIncidents('checkout_errors');
    assert.equal(incidents.length, 1);
    assert.ok(firedAt - crossing < 5 * SECOND + SECOND, 'within D + 1 s of the crossing');
    assertPending(timers.pending(), [epochMs(T0 + MINUTE)], 'nothing else waits but the interval');
  });

  it('keeps a rule read from a polled source interval-driven', async () => {
    queueDepth = 500;
    assertPending([await timers.runNext()], [T0 + MINUTE]);
    assert.equal(w.engine.ruleStates()['queue_backlog']?.phase, 'pending');
    assertPending(timers.pending(), [epochMs(T0 + 2 * MINUTE)], 'no wake-up for a polled rule');
    assertPending([await timers.runNext()], [T0 + 2 * MINUTE]);
    assert.equal(w.engine.ruleStates()['queue_backlog']?.phase, 'firing');
  });

  it('ignores pushes once stopped', async () => {
    await w.engine.stop();
    push('error_rate', 80);
    assertPending(timers.pending(), []);
  });
});
