import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentStore } from '../../app/ports/index.js';
import { StatusPageReader, type MaintenanceStore } from '../../app/status-page/index.js';
import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import { DAY, MINUTE, epochMs, type EpochMs } from '../../domain/time/index.js';
import { StatusPagePublisher } from './status-page-publisher.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const PAGE = { name: 'Acme Status', url: 'https://status.example.com', timeZone: 'UTC', components: [{ id: 'api', name: 'Public API' }] };

/** A publisher over the real page reader on a store with no incidents and the given windows, counting page reads. */
function world(windows: MaintenanceWindow[]) {
  let now = T0;
  let reads = 0;
  const store = { chainHead: async () => ({ seq: 0, hash: '' }), listIncidents: async () => [], readIncidentEvents: async () => [] } as unknown as IncidentStore;
  const maintenance = { listMaintenances: async () => { reads += 1; return windows.filter((w) => w.endsAt > now - 90 * DAY); } } as unknown as MaintenanceStore;
  const publisher = new StatusPagePublisher(new StatusPageReader(store, PAGE, maintenance), { now: () => now });
  return {
    publisher,
    get reads() { return reads; },
    at(t: EpochMs) { now = t; },
    summary: async () => JSON.parse((await publisher.document('/api/v2/summary.json')).body.toString('utf8')) as { components: { status: string }[] },
    etag: async () => (await publisher.document('/api/v2/summary.json')).etag,
  };
}

const window = (startsAt: number, endsAt: number): MaintenanceWindow => ({
  id: 'mnt_1', title: 'Database upgrade', componentIds: ['api'], startsAt: epochMs(startsAt), endsAt: epochMs(endsAt), createdAt: epochMs(T0 - DAY),
});

describe('the status page served from memory', () => {
  it('serves one build until an event is seen, and changes the ETag exactly when the content changes', async () => {
    const windows: MaintenanceWindow[] = [window(T0 + 2 * DAY, T0 + 2 * DAY + MINUTE)];
    const w = world(windows);
    const [first] = await Promise.all([w.etag(), w.etag(), w.publisher.document('/status')]);
    assert.equal(w.reads, 1, 'requests arriving together share one build');
    w.at(epochMs(T0 + 5000));
    assert.equal(await w.etag(), first);
    assert.equal(w.reads, 1);

    w.publisher.eventsSeen(7);
    assert.equal(await w.etag(), first, 'rebuilt, and the same bytes keep the same ETag');
    assert.equal(w.reads, 2);

    windows.push({ ...window(T0 + 3 * DAY, T0 + 3 * DAY + MINUTE), id: 'mnt_2', title: 'Network maintenance' });
    assert.equal(await w.etag(), first, 'a change not yet announced is not seen');
    w.publisher.changed();
    assert.notEqual(await w.etag(), first);
    assert.equal(w.reads, 3);
  });

  it('rebuilds at the instant a maintenance window starts and ends, never later', async () => {
    // Within the 10-second rebuild bound, so only the window's own instants can cause the rebuilds.
    const w = world([window(T0 + 4000, T0 + 8000)]);
    assert.equal((await w.summary()).components[0]!.status, 'operational');
    w.at(epochMs(T0 + 4000 - 1));
    assert.equal((await w.summary()).components[0]!.status, 'operational');
    assert.equal(w.reads, 1);
    w.at(epochMs(T0 + 4000));
    assert.equal((await w.summary()).components[0]!.status, 'under_maintenance');
    w.at(epochMs(T0 + 8000));
    assert.equal((await w.summary()).components[0]!.status, 'operational');
    assert.equal(w.reads, 3);
  });

  it('rebuilds when the UTC day rolls over (the uptime bars move), and at least every 10 seconds', async () => {
    const w = world([]);
    await w.etag();
    w.at(epochMs(T0 + 9999));
    await w.etag();
    assert.equal(w.reads, 1);
    w.at(epochMs(T0 + 10_000));
    await w.etag();
    assert.equal(w.reads, 2);
    const midnight = epochMs(Math.ceil(T0 / DAY) * DAY);
    w.at(epochMs(midnight - 1));
    await w.etag();
    const reads = w.reads;
    w.at(midnight);
    await w.etag();
    assert.equal(w.reads, reads + 1);
  });

  it('tells when events up to a sequence number have been seen', async () => {
    const w = world([]);
    let seen = false;
    const waiting = w.publisher.whenSeen(3).then(() => { seen = true; });
    w.publisher.eventsSeen(2);
    await Promise.resolve();
    assert.equal(seen, false);
    w.publisher.eventsSeen(3);
    await waiting;
    assert.equal(seen, true);
    await w.publisher.whenSeen(1);
  });
});
