// Several servers on one database: only the holder of the relay lease relays, so two instances
// never race to the same Statuspage incident or annotation; when the holder stops, another takes
// over after the lease lapses. Both stores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RelayPass } from '../../src/app/integrations/index.js';
import { epochMs, type EpochMs } from '../../src/domain/time/index.js';
import { IntegrationLoop } from '../../src/engine/integrations/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';

const INTERVAL = 10_000;
const quiet = { info: () => undefined, error: () => undefined };

for (const kind of STORE_KINDS) {
  describe(`one relay at a time across instances (${kind})`, () => {
    let db: TestStore;
    let now: EpochMs = epochMs(Date.UTC(2026, 11, 5, 14, 0, 0));
    const passes: string[] = [];
    const loop = (holder: string) => new IntegrationLoop(
      { runOnce: async (): Promise<RelayPass> => { passes.push(holder); return { events: 0, done: 0, unchanged: 0, retrying: 0, failed: 0 }; } },
      { now: () => now }, INTERVAL, quiet, { store: db.store, holder },
    );
    before(async () => { db = await openTestStore(kind); });
    after(() => db.cleanup());

    it('the first instance to ask relays; the other passes nothing while the lease runs', async () => {
      const a = loop('server-a');
      const b = loop('server-b');
      assert.notEqual(await a.tick(), undefined);
      assert.equal(await b.tick(), undefined);
      now = epochMs(now + INTERVAL);
      assert.notEqual(await a.tick(), undefined);
      assert.equal(await b.tick(), undefined);
      assert.deepEqual(passes, ['server-a', 'server-a']);
    });

    it('takes over once the holder has been silent for three intervals', async () => {
      const b = loop('server-b');
      now = epochMs(now + 2 * INTERVAL);
      assert.equal(await b.tick(), undefined, 'still within the lease');
      now = epochMs(now + INTERVAL + 1);
      assert.notEqual(await b.tick(), undefined);
      assert.deepEqual(passes.slice(-1), ['server-b']);
    });
  });
}
