// Two detection engines on one database, on a manual clock: only the lease holder evaluates, and
// when it stops renewing, the other takes over with the rule state it wrote — a pending `for:`
// fires once, on time, and the old holder's stale fence makes it act on nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Firing } from '../../src/app/actions/index.js';
import type { MetricSource } from '../../src/app/ports/index.js';
import { durationMs, epochMs, MINUTE, SECOND, type EpochMs } from '../../src/domain/time/index.js';
import { parseTriggerRules } from '../../src/domain/triggers/index.js';
import { PushedMetrics } from '../../src/app/detection/index.js';
import { DetectionEngine } from '../../src/engine/detection/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores.js';

const T0 = epochMs(Date.parse('2026-03-02T10:00:00Z'));
const INTERVAL = durationMs(15 * SECOND);
/** Renewed by each tick here (serve also renews every third of it between ticks). */
const LEASE = durationMs(20 * SECOND);

for (const kind of STORE_KINDS) {
  describe(`detection take-over on one database (${kind})`, () => {
    let db: TestStore;
    before(async () => {
      db = await openTestStore(kind);
    });
    after(async () => {
      await db?.cleanup();
    });

    it('carries a pending for: over to the instance that takes the lease, which fires it once, on time', async () => {
      const parsed = parseTriggerRules({ triggers: { 'api-errors': { conditions: ['error_rate > 5%'], duration: '2m', actions: ["create_incident(severity='high')"] } } });
      assert.ok(parsed.ok);
      let now: EpochMs = T0;
      const clock = { now: () => now };
      const firings: { by: string; firing: Firing }[] = [];
      const source: MetricSource = { name: 'fake', metrics: ['error_rate'], read: async () => ({ samples: { error_rate: 9 }, problems: [] }) };
      const engineFor = async (holder: string) => new DetectionEngine({
        ruleSet: parsed.ruleSet, sources: [source], clock, intervalMs: INTERVAL,
        leadership: { store: kind === 'sqlite' && holder === 'b' ? await db.reopen() : db.store, holder, leaseMs: LEASE },
        actions: {
          onFiring: async (_rule, firing) => {
            firings.push({ by: holder, firing });
            return { incidentId: 'INC-2026-0302-001', isNewIncident: true, ran: [], skipped: [] };
          },
          onResolved: async () => undefined,
          whenIdle: async () => undefined,
        },
      });
      const a = await engineFor('a');
      const b = await engineFor('b');

      // 10:00:00 a takes the lease and the rule starts pending; b follows and evaluates nothing.
      const first = await a.tick();
      assert.equal(first.leaseToken, 1);
      assert.deepEqual(first.transitions.map((t) => t.kind), ['pending']);
      const follower = await b.tick();
      assert.equal(follower.isEvaluated, false);
      assert.equal(follower.leaseToken, undefined);
      assert.equal(b.isLeader(), false);

      // 10:00:15 and 10:00:30 a evaluates again; then it stops (killed: it never hands the lease back).
      for (let i = 0; i < 2; i++) {
        now = epochMs(now + INTERVAL);
        assert.equal((await a.tick()).isEvaluated, true);
        assert.equal((await b.tick()).isEvaluated, false);
      }

      // 10:00:45 a's lease, renewed at 10:00:30, still runs; at 10:00:50 it has run out: b takes it,
      // and the rule is still pending since 10:00:00.
      now = epochMs(now + INTERVAL);
      assert.equal((await b.tick()).isEvaluated, false);
      now = epochMs(T0 + 30 * SECOND + LEASE);
      const takeOver = await b.tick();
      assert.equal(takeOver.leaseToken, 2);
      assert.deepEqual(takeOver.transitions, []);
      assert.deepEqual(b.ruleStates()['api-errors'], { phase: 'pending', activeAt: T0, lastEvaluatedAt: now });

      // 10:01:45 not yet; 10:02:00 two minutes after it started holding: it fires, once, by b.
      now = epochMs(T0 + MINUTE + 45 * SECOND);
      assert.deepEqual((await b.tick()).transitions, []);
      now = epochMs(T0 + 2 * MINUTE);
      const fired = await b.tick();
      assert.deepEqual(fired.transitions.map((t) => t.kind), ['firing']);
      assert.deepEqual(firings, [{ by: 'b', firing: { firedAt: T0 + 2 * MINUTE, activeAt: T0, holding: ['error_rate > 5%'] } }]);

      // a comes back with its old token: the lease is b's, so a evaluates nothing and fires nothing,
      // and shows what b read last.
      const back = await a.tick();
      assert.equal(back.isEvaluated, false);
      assert.equal(a.isLeader(), false);
      assert.deepEqual(a.latestReading(), JSON.parse(JSON.stringify(b.latestReading())));
      assert.equal(a.latestReading()?.recentFirings[0]?.rule, 'api-errors');
      now = epochMs(now + INTERVAL);
      assert.deepEqual((await b.tick()).fired, []);
      assert.equal(firings.length, 1);
    });

    it('finishes a firing the previous holder wrote but did not act on, instead of firing again', async () => {
      const parsed = parseTriggerRules({ triggers: { 'db-down': { conditions: ['not db_up'], duration: '0', actions: ["create_incident(severity='critical')"] } } });
      assert.ok(parsed.ok);
      let now: EpochMs = epochMs(T0 + 10 * MINUTE);
      const clock = { now: () => now };
      const firings: string[] = [];
      const source: MetricSource = { name: 'fake', metrics: ['db_up'], read: async () => ({ samples: { db_up: false }, problems: [] }) };
      const engineFor = (holder: string, onFiring: () => Promise<void>) => new DetectionEngine({
        ruleSet: parsed.ruleSet, sources: [source], clock, intervalMs: INTERVAL,
        leadership: { store: db.store, holder, leaseMs: LEASE },
        actions: {
          onFiring: async () => {
            await onFiring();
            firings.push(holder);
            return { incidentId: 'INC-2026-0302-002', isNewIncident: true, ran: [], skipped: [] };
          },
          onResolved: async () => undefined,
          whenIdle: async () => undefined,
        },
      });
      // c's actions fail (its process is on the way down) after it recorded the firing.
      const c = engineFor('c', async () => { throw new Error('process exiting'); });
      const d = engineFor('d', async () => undefined);
      const dying = await c.tick();
      assert.deepEqual(dying.transitions.map((t) => t.kind), ['pending', 'firing']);
      assert.deepEqual(dying.failed, [{ rule: 'db-down', error: 'process exiting' }]);

      now = epochMs(now + 2 * INTERVAL);
      const took = await d.tick();
      assert.deepEqual(took.transitions, [], 'the rule is still firing: no new firing');
      assert.deepEqual(took.fired.map((f) => f.rule), ['db-down']);
      assert.deepEqual(firings, ['d']);
      now = epochMs(now + INTERVAL);
      assert.deepEqual((await d.tick()).fired, []);
      assert.deepEqual(firings, ['d']);
    });

    it('hands the lease back when stopped, so another instance takes over at once', async () => {
      const parsed = parseTriggerRules({ triggers: { quiet: { conditions: ['error_rate > 50%'], duration: '1m', actions: ["create_incident(severity='low')"] } } });
      assert.ok(parsed.ok);
      const now = epochMs(T0 + 60 * MINUTE);
      const source: MetricSource = { name: 'fake', metrics: ['error_rate'], read: async () => ({ samples: { error_rate: 1 }, problems: [] }) };
      const engine = new DetectionEngine({
        ruleSet: parsed.ruleSet, sources: [source], clock: { now: () => now }, intervalMs: INTERVAL,
        leadership: { store: db.store, holder: 'stopping', leaseMs: LEASE },
        actions: { onFiring: async () => ({ incidentId: undefined, isNewIncident: false, ran: [], skipped: [] }), onResolved: async () => undefined, whenIdle: async () => undefined },
      });
      const led = await engine.tick();
      assert.ok(led.leaseToken !== undefined);
      assert.equal(await db.store.acquireLease('detection', 'next', now, LEASE), undefined);
      await engine.stop();
      assert.equal(engine.isLeader(), false);
      assert.deepEqual(await db.store.acquireLease('detection', 'next', now, LEASE), { token: led.leaseToken + 1, expiresAt: now + LEASE });
    });

    it('evaluates on the lease holder what was pushed to another instance', async () => {
      const parsed = parseTriggerRules({ triggers: { 'queue-backlog': { conditions: ['queue_depth > 1000'], duration: '0', actions: ["create_incident(severity='low')"] } } });
      assert.ok(parsed.ok);
      let now = epochMs(T0 + 2 * 60 * MINUTE);
      const fired: string[] = [];
      const instance = async (holder: string) => {
        const store = kind === 'sqlite' ? db.store : await db.reopen();
        const pushed = new PushedMetrics(durationMs(2 * MINUTE), new Map(), store);
        const engine = new DetectionEngine({
          ruleSet: parsed.ruleSet, sources: [pushed], clock: { now: () => now }, intervalMs: INTERVAL,
          leadership: { store, holder, leaseMs: LEASE },
          actions: {
            onFiring: async (rule) => { fired.push(`${rule.name} by ${holder}`); return { incidentId: undefined, isNewIncident: false, ran: [], skipped: [] }; },
            onResolved: async () => undefined, whenIdle: async () => undefined,
          },
        });
        return { pushed, engine };
      };
      const leader = await instance('pusher-leader');
      const follower = await instance('pusher-follower');
      assert.ok((await leader.engine.tick()).leaseToken !== undefined);
      assert.equal((await follower.engine.tick()).leaseToken, undefined);

      assert.deepEqual(await follower.pushed.record([{ metric: 'queue_depth', value: 4_200 }], now), { accepted: 1, ignored: 0 });
      now = epochMs(now + INTERVAL);
      const tick = await leader.engine.tick();
      assert.equal(tick.samples['queue_depth'], 4_200);
      assert.deepEqual(fired, ['queue-backlog by pusher-leader']);
    });
  });
}
