import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import type { DeliveryOutcome, Notifier } from '../../src/app/ports/index.js';
import { durationMs, epochMs, HOUR, MINUTE, SECOND, type EpochMs } from '../../src/domain/time/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';
import { PagingEngine, type EngineLog } from '../../src/engine/paging/index.js';

const T0 = epochMs(Date.UTC(2026, 10, 28, 3, 0, 0));
const CONFIG = `
services:
  api: { name: API, escalation_policy: main }
people:
  alice: { name: Alice, contact_methods: [{ kind: email, address: alice@example.com }] }
escalation_policies:
  main: { name: Main, steps: [{ targets: [{ person: alice }] }, { delay_minutes: 10, targets: [{ person: alice }] }] }
paging:
  war_room_severities: []
  engine: { heartbeat_url: "https://hc.example.com/ping/abc", heartbeat_interval: 1m, overdue_after: 30s, slow_tick: 1s }
`;

class Logs implements EngineLog {
  readonly lines: string[] = [];
  info(_o: object, msg: string) { this.lines.push(`info ${msg}`); }
  warn(_o: object, msg: string) { this.lines.push(`warn ${msg}`); }
  error(_o: object, msg: string) { this.lines.push(`error ${msg}`); }
}

for (const kind of STORE_KINDS) {
  describe(`the engine watches itself (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = T0;
    const config = parseConfig(CONFIG, 'incident-response.yaml');
    const clock = { now: () => now };
    let n = 0;
    const newId = () => `msg_${++n}`;
    const paging = new PagingService(config, newId);
    let incidents: IncidentService;
    const sent: string[] = [];
    const notifier: Notifier = { deliver: async (m): Promise<DeliveryOutcome> => (sent.push(m.address), { kind: 'delivered', detail: 'ok' }) };
    before(async () => {
      db = await openTestStore(kind);
      incidents = new IncidentService(db.store, clock, config, paging);
    });
    after(() => db.cleanup());

    it('reports timers nobody fired within overdue_after, and stops reporting once they fire', async () => {
      const logs = new Logs();
      const overdue: number[] = [];
      const engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'a', random: () => 0.5, newId, log: logs, onOverdue: (c) => overdue.push(c) });
      await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'API down', service: 'api' }, { name: 'carol' });
      now = epochMs(T0 + 10 * MINUTE + 29 * SECOND);
      assert.equal(await engine.auditOverdue(), 0, 'due 29 s ago: not yet overdue');
      now = epochMs(T0 + 10 * MINUTE + 31 * SECOND);
      assert.equal(await engine.auditOverdue(), 1);
      assert.ok(logs.lines.some((l) => /^error 1 timer\(s\) are overdue/.test(l)), logs.lines.join('\n'));
      await engine.tick();
      await engine.tick();
      assert.equal(await engine.auditOverdue(), 0);
      assert.deepEqual(overdue, [0, 1, 0]);
    });

    it('a claimed timer whose instance died is taken over when its lease runs out', async () => {
      await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'API slow', service: 'api' }, { name: 'carol' });
      now = epochMs(now + 10 * MINUTE);
      const dead = await db.store.claimTimers('dead-instance', now, 30_000, 10);
      assert.equal(dead.length, 1);
      const engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'b', random: () => 0.5, newId });
      assert.equal((await engine.tick()).timersFired, 0, 'the lease is still held');
      const before = sent.length;
      now = epochMs(now + 31 * SECOND);
      const report = await engine.tick();
      assert.equal(report.timersFired, 1);
      await engine.tick();
      assert.equal(sent.length - before, 1, 'step 2 sent once, by the instance that took over');
    });

    it('pings the heartbeat URL after healthy passes, at most once per interval', async () => {
      const pings: string[] = [];
      const clock = new ManualClock(now);
      // Idle loops look every 10 s here (not 250 ms), so a minute on the clock is a few passes.
      const tenSeconds = { ...config.paging, engine: { ...config.paging.engine, pollMs: durationMs(10 * SECOND) } };
      const engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: tenSeconds, owner: 'c', random: () => 0.5, newId, ping: async (url) => { pings.push(url); } });
      engine.start();
      try {
        await engine.whenIdle();
        assert.deepEqual(pings, ['https://hc.example.com/ping/abc'], 'once the loops have each ended a healthy pass');
        await clock.advance(59 * SECOND);
        await engine.whenIdle();
        assert.equal(pings.length, 1, 'not again within the interval, however many passes ran');
        await clock.advance(1 * SECOND);
        await engine.whenIdle();
        assert.equal(pings.length, 2);
      } finally {
        await engine.stop();
      }
    });

    it('logs a slow pass with its counts', async () => {
      const logs = new Logs();
      const clock = new ManualClock(now);
      // The provider takes 3 s to answer: on the engine's clock, as everything it waits for.
      const slowNotifier: Notifier = { deliver: async () => { await clock.advance(3 * SECOND); return { kind: 'delivered', detail: 'ok' }; } };
      await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'API flapping', service: 'api' }, { name: 'carol' });
      const engine = new PagingEngine({ store: db.store, incidents, paging, notifier: slowNotifier, clock, config: config.paging, owner: 'd', random: () => 0.5, newId, log: logs });
      engine.start();
      try {
        await engine.whenIdle();
      } finally {
        await engine.stop();
      }
      assert.ok(logs.lines.includes('warn slow engine tick'), logs.lines.join('\n'));
    });

    it('sleeps until the next timer falls due rather than polling, and wakes at once for pages this process queues', async () => {
      const clock = new ManualClock(now);
      const fired: EpochMs[] = [];
      const watching: Notifier = {
        deliver: async (m): Promise<DeliveryOutcome> => {
          if (m.subject.includes('API gone')) fired.push(clock.now());
          return { kind: 'delivered', detail: 'ok' };
        },
      };
      // Polling once an hour: only the due time itself, or a commit of this process, can wake the loops in time.
      const hourly = { ...config.paging, engine: { ...config.paging.engine, pollMs: durationMs(HOUR) } };
      const engine = new PagingEngine({ store: db.store, incidents, paging, notifier: watching, clock, config: hourly, owner: 'e', random: () => 0.5, newId });
      engine.start();
      try {
        await engine.whenIdle();
        const service = new IncidentService(db.store, clock, config, paging);
        await service.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'API gone', service: 'api' }, { name: 'carol' });
        await engine.whenIdle();
        assert.deepEqual(fired, [clock.now()], 'the first step is sent without the clock moving');
        const declaredAt = clock.now();
        await clock.advance(10 * MINUTE - SECOND);
        await engine.whenIdle();
        assert.equal(fired.length, 1, 'nothing before step 2 is due');
        await clock.advance(SECOND);
        await engine.whenIdle();
        assert.deepEqual(fired.slice(1), [declaredAt + 10 * MINUTE], 'step 2 at its due instant');
      } finally {
        await engine.stop();
      }
    });
  });
}
