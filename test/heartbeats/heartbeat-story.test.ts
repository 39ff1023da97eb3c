// The dead man's switch as a story on a manual clock, on SQLite and PostgreSQL: a nightly job pings,
// goes quiet, one incident opens (not one per tick, not again after a restart), and pings resolve it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_RESPONSE_CONFIG, type HeartbeatConfig } from '../../src/app/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import type { Store } from '../../src/adapters/storage/index.js';
import { epochMs, minutes, type EpochMs } from '../../src/domain/time/index.js';
import { HeartbeatChecker } from '../../src/engine/heartbeats/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores.js';

const BACKUP: HeartbeatConfig = { name: 'nightly-backup', intervalMs: minutes(5), graceMs: minutes(1), service: 'backups', severity: 'medium', incidentType: 'outage', environment: 'production' };

for (const kind of STORE_KINDS) {
  describe(`heartbeat monitor story (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = epochMs(Date.parse('2026-11-28T02:00:00Z'));
    const clock = { now: () => now };
    const later = (m: number) => { now = epochMs(now + m * 60_000); };
    const checkerOn = (store: Store) => new HeartbeatChecker({ heartbeats: [BACKUP], store, incidents: new IncidentService(store, clock, DEFAULT_RESPONSE_CONFIG), clock, intervalMs: minutes(1) });
    let checker: HeartbeatChecker;
    let firstIncident = '';

    before(async () => {
      db = await openTestStore(kind);
      checker = checkerOn(db.store);
    });
    after(async () => {
      await db?.cleanup();
    });

    it('starts watching the heartbeat on the first check and pings keep it quiet', async () => {
      assert.deepEqual((await checker.tick()).opened, []);
      for (let i = 0; i < 3; i++) {
        later(5);
        await db.store.recordPing('nightly-backup', now);
        assert.deepEqual((await checker.tick()).opened, []);
      }
    });

    it('stays quiet within interval + grace after the last ping', async () => {
      later(6);
      assert.deepEqual((await checker.tick()).opened, []);
    });

    it('opens ONE incident once the job has been silent longer than interval + grace', async () => {
      later(1);
      const report = await checker.tick();
      assert.equal(report.opened.length, 1);
      firstIncident = report.opened[0]!.incidentId;
      const incident = await db.store.findIncident(firstIncident);
      assert.equal(incident?.severity, 'medium');
      assert.equal(incident?.service, 'backups');
      assert.equal(incident?.title, "Heartbeat 'nightly-backup' missed");
      for (let i = 0; i < 5; i++) {
        later(3);
        assert.deepEqual((await checker.tick()).opened, [], 'no second incident while the first is open');
      }
    });

    it('a restarted server remembers the open incident and does not repeat it', async () => {
      checker = checkerOn(await db.reopen());
      later(10);
      assert.deepEqual(await checker.tick(), { at: now, opened: [], resolved: [] });
      assert.equal((await db.store.findHeartbeat('nightly-backup'))?.incidentId, firstIncident);
    });

    it('resolves the incident when pings resume', async () => {
      later(1);
      await db.store.recordPing('nightly-backup', now);
      const report = await checker.tick();
      assert.deepEqual(report.resolved, [{ name: 'nightly-backup', incidentId: firstIncident }]);
      assert.equal((await db.store.findIncident(firstIncident))?.status, 'resolved');
      assert.equal((await db.store.findHeartbeat('nightly-backup'))?.incidentId, undefined);
      later(1);
      assert.deepEqual((await checker.tick()).resolved, []);
    });

    it('going silent again opens a new incident', async () => {
      later(7);
      const report = await checker.tick();
      assert.equal(report.opened.length, 1);
      assert.notEqual(report.opened[0]!.incidentId, firstIncident);
    });
  });
}
