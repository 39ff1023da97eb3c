// New heads of the event log pushed to other stores on the same database: PostgreSQL sends the
// head seq with NOTIFY when the appending transaction commits (nothing for a rolled-back one);
// SQLite pushes nothing (its event streams poll).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from './index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { declareIncident } from '../../../test/support/incidents.js';

/** Resolves with the next head pushed to `store`, and the unsubscribe function. */
function nextPush(store: Store): { head: Promise<number | undefined>; stop: () => void } {
  let stop: (() => void) | undefined;
  const head = new Promise<number | undefined>((resolve, reject) => {
    stop = store.listenForAppends((seq) => resolve(seq));
    if (stop === undefined) reject(new Error('this store pushes nothing'));
  });
  return { head, stop: () => stop?.() };
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
      const first = nextPush(listener);
      // LISTEN is issued on a connection of its own: wait until it is in place by round-tripping a
      // notification of a committed write, then check the heads that follow.
      let written = await declareIncident(db.store);
      let pushed = await first.head;
      first.stop();
      assert.equal(pushed, written.events.at(-1)!.seq);

      const heads: (number | undefined)[] = [];
      const stop = listener.listenForAppends((seq) => heads.push(seq))!;
      const failing = { write: (work: Parameters<Store['write']>[0]) => db.store.write(async (tx) => {
        await work(tx);
        throw new Error('rolled back');
      }) } as unknown as Store;
      await assert.rejects(declareIncident(failing), /rolled back/);
      const next = nextPush(listener);
      written = await declareIncident(db.store);
      pushed = await next.head;
      next.stop();
      stop();
      assert.equal(pushed, written.events.at(-1)!.seq);
      assert.deepEqual(heads, [pushed], 'only the committed head was announced');
    });
  });
}
