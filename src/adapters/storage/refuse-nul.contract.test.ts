// The store's last line against NUL characters: the same VALIDATION error on every store, naming
// the column, and nothing written (PostgreSQL text cannot hold U+0000; SQLite could).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { isAppError } from '../../domain/errors/index.js';
import { epochMs } from '../../domain/time/index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));

function isNulRefusal(column: string) {
  return (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, 'VALIDATION');
    assert.deepEqual(error.issues.map((i) => i.path), [column]);
    assert.match(error.message, /NUL character/);
    return true;
  };
}

for (const kind of STORE_KINDS) {
  describe(`NUL characters at the store: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('refuses an insert holding a NUL with VALIDATION naming the column, and stores nothing', async () => {
      const record = {
        id: 'tok_nul', name: 'c\u0000i', role: 'responder' as const, teams: [], secretHash: 'hash-nul', prefix: 'irt_abcd',
        createdAt: T0, createdBy: 'ada', revokedAt: undefined, lastUsedAt: undefined, scopes: ['read' as const], kind: 'machine' as const, expiresAt: undefined,
      };
      await assert.rejects(t.store.createToken(record), isNulRefusal('name'));
      assert.equal(await t.store.findTokenByHash('hash-nul'), undefined);
    });

    it('refuses a lookup by a value holding a NUL instead of failing in the driver', async () => {
      await assert.rejects(t.store.findTokenByHash('hash\u0000'), isNulRefusal('value'));
    });
  });
}
