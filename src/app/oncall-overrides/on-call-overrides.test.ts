// Who may change on-call, and "take my shift" as the web app calls it, on both stores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../domain/access/index.js';
import { epochMs } from '../../domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { mayChangeOverride, OnCallOverrides, type OnCallDirectory } from './on-call-overrides.js';

const person = (id: string, name: string) => ({ id, name, contactMethods: [], notificationRules: [] });
const DIRECTORY: OnCallDirectory = {
  people: [person('alice', 'Alice Adams'), person('bob', 'Bob Brown'), { ...person('nina', 'Nina Nakamura'), timeZone: 'America/New_York' }],
  schedules: [{ id: 'primary', name: 'Primary', layers: [], overrides: [] }],
  displayTimeZone: 'Europe/Berlin',
};
const as = (name: string, role: Principal['role']): Principal => ({ name, role, teams: [] });

describe('mayChangeOverride', () => {
  const cases: [string, Principal, { personId: string; replacesPersonId?: string; createdBy?: string }, boolean][] = [
    ['an admin, for anyone', as('root', 'admin'), { personId: 'alice' }, true],
    ['a commander, for anyone', as('carol', 'commander'), { personId: 'alice' }, true],
    ['a responder putting themselves on call (by id)', as('bob', 'responder'), { personId: 'bob' }, true],
    ['a responder putting themselves on call (by name, any case)', as('bob brown', 'responder'), { personId: 'bob' }, true],
    ['a responder handing over their own shift', as('bob', 'responder'), { personId: 'alice', replacesPersonId: 'bob' }, true],
    ['a responder deleting an override they made', as('dan', 'responder'), { personId: 'alice', createdBy: 'dan' }, true],
    ['a responder for someone else', as('bob', 'responder'), { personId: 'alice' }, false],
    ['a viewer, even for themselves', as('bob', 'viewer'), { personId: 'bob' }, false],
  ];
  for (const [name, principal, o, expected] of cases) it(name, () => assert.equal(mayChangeOverride(principal, DIRECTORY, o), expected));
});

for (const kind of STORE_KINDS) {
  describe(`take my shift (${kind})`, () => {
    let db: TestStore;
    let overrides: OnCallOverrides;
    before(async () => {
      db = await openTestStore(kind);
      let n = 0;
      overrides = new OnCallOverrides(db.store, { now: () => epochMs(Date.parse('2026-11-01T00:00:00Z')) }, () => DIRECTORY, () => `ovr_${++n}`);
    });
    after(() => db?.cleanup());

    it('puts the caller on call, times read in the display zone, and the directory shows it', async () => {
      const made = await overrides.takeShift(as('Bob Brown', 'responder'), 'primary', '2026-11-10 22:00', '2026-11-11 06:00', 'cover Tuesday night');
      assert.deepEqual([made.personId, made.startAt, made.endAt, made.note], ['bob', '2026-11-10T21:00:00.000Z', '2026-11-11T05:00:00.000Z', 'cover Tuesday night']);
      const directory = await overrides.directoryAt(epochMs(Date.parse('2026-11-01T00:00:00Z')));
      assert.deepEqual(directory.schedules[0]?.overrides.map((o) => o.personId), ['bob']);
    });

    it('reads local times in the caller\'s own time zone when they have one', async () => {
      const made = await overrides.takeShift(as('nina', 'responder'), 'primary', '2026-11-10 22:00', '2026-11-11 06:00');
      assert.deepEqual([made.startAt, made.endAt], ['2026-11-11T03:00:00.000Z', '2026-11-11T11:00:00.000Z']);
    });

    it('refuses a caller who is not in people:', async () => {
      await assert.rejects(overrides.takeShift(as('mallory', 'admin'), 'primary', '2026-11-10 22:00', '2026-11-11 06:00'), /mallory is not in people:/);
    });
  });
}
