// New heads of the event log pushed to other stores on the same database: PostgreSQL sends the
// head seq with NOTIFY when the appending transaction commits (nothing for a rolled-back one);
// SQLite pushes nothing (its event streams poll).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from './index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { declareIncident } from '../../../test/support/incidents.js';

/** Waits until `heads` holds `seq` (at most `ms`); true when it came. */
async function arrived(heads: readonly (number | undefined)[], seq: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!heads.includes(seq)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

for (const kind of STORE_KINDS) {
  describe(`event log heads pushed to other stores (${kind})`, () => {
    let db: TestStore;
    let listener: Store;
    before(async () => {
      db = await openTestStore(kind);
      listener = await db.reopen();
    });
    after(async () => {
      await db?.cleanup();
    });

    if (kind === 'sqlite') {
      it('pushes nothing: streams on SQLite poll', () => {
        assert.equal(listener.listenForAppends(() => undefined), undefined);
      });
      return;
    }

    it('tells a listening store the new head when another store commits events, and nothing for a write that failed', async () => {
      const heads: (number | undefined)[] = [];
      const stop = listener.listenForAppends((seq) => heads.push(seq));
      assert.ok(stop !== undefined, 'PostgreSQL pushes heads');
      // LISTEN is issued on a connection of its own, some time after subscribing (longer on a busy
      // machine): committed writes are announced once it is in place, which a write's head arriving tells.
      let isListening = false;
      for (let attempt = 0; attempt < 50 && !isListening; attempt++) {
        const written = await declareIncident(db.store);
        isListening = await arrived(heads, written.events.at(-1)!.seq, 200);
      }
      assert.ok(isListening, 'a committed head arrived');
      heads.length = 0;

      const failing = { write: (work: Parameters<Store['write']>[0]) => db.store.write(async (tx) => {
        await work(tx);
        throw new Error('rolled back');
      }) } as unknown as Store;
      await assert.rejects(declareIncident(failing), /rolled back/);
      const written = await declareIncident(db.store);
      const seq = written.events.at(-1)!.seq;
      assert.ok(await arrived(heads, seq, 10_000), `head ${seq} announced`);
      stop();
      assert.deepEqual(heads, [seq], 'only the committed head was announced');
    });
  });
}
