import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import type { ApiTokenRecord } from '../../app/ports/index.js';
import { epochMs } from '../../domain/time/index.js';

const T0 = Date.parse('2026-11-28T14:30:00Z');

function token(overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  const id = overrides.id ?? 'tok_1';
  return {
    id,
    name: 'ci',
    role: 'responder',
    teams: ['security', 'payments'],
    secretHash: `hash-of-${id}`,
    prefix: 'irt_abcd1234',
    createdAt: epochMs(T0),
    createdBy: 'ada',
    revokedAt: undefined,
    lastUsedAt: undefined,
    ...overrides,
  };
}

for (const kind of STORE_KINDS) {
  describe(`TokenStore contract: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('finds a token by the hash of its secret, exactly as stored', async () => {
      await t.store.createToken(token());
      assert.deepStrictEqual(await t.store.findTokenByHash('hash-of-tok_1'), token());
      assert.equal(await t.store.findTokenByHash('hash-of-nothing'), undefined);
    });

    it('keeps only the hash: no column holds anything but the hash and a short prefix', async () => {
      await t.store.createToken(token());
      const rows = (await t.rawExec('select * from ir_api_tokens')) as Record<string, unknown>[];
      assert.deepEqual(Object.keys(rows[0]!).sort(), ['created_at', 'created_by', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role', 'secret_hash', 'teams']);
    });

    it('refuses a second live token with the same name, allows it once the first is revoked', async () => {
      await t.store.createToken(token());
      await assert.rejects(t.store.createToken(token({ id: 'tok_2' })), { code: 'CONFLICT', message: /A token named 'ci' already exists/ });
      await t.store.revokeToken('ci', epochMs(T0 + 1000));
      await t.store.createToken(token({ id: 'tok_2' }));
      assert.deepEqual((await t.store.listTokens()).map((r) => [r.id, r.revokedAt]), [['tok_2', undefined], ['tok_1', T0 + 1000]]);
    });

    it('lists newest first, revoked included', async () => {
      await t.store.createToken(token({ id: 'tok_a', name: 'a', createdAt: epochMs(T0) }));
      await t.store.createToken(token({ id: 'tok_b', name: 'b', createdAt: epochMs(T0 + 5) }));
      await t.store.revokeToken('tok_a', epochMs(T0 + 9));
      assert.deepEqual((await t.store.listTokens()).map((r) => r.name), ['b', 'a']);
    });

    it('revokes by id or by name; an unknown one is undefined; revoking again keeps the first instant', async () => {
      await t.store.createToken(token());
      assert.equal(await t.store.revokeToken('nope', epochMs(T0)), undefined);
      assert.equal((await t.store.revokeToken('tok_1', epochMs(T0 + 60_000)))?.revokedAt, T0 + 60_000);
      assert.equal((await t.store.revokeToken('tok_1', epochMs(T0 + 120_000)))?.revokedAt, T0 + 60_000);
      assert.equal((await t.store.findTokenByHash('hash-of-tok_1'))?.revokedAt, T0 + 60_000);
    });

    it('records when a token was last used', async () => {
      await t.store.createToken(token());
      await t.store.markTokenUsed('tok_1', epochMs(T0 + 42));
      assert.equal((await t.store.findTokenByHash('hash-of-tok_1'))?.lastUsedAt, T0 + 42);
    });

    it('is ready when migrated, and counts active incidents per severity', async () => {
      assert.deepEqual(await t.store.checkReady(), { ready: true });
      assert.deepEqual(await t.store.countActiveIncidents(), { critical: 0, high: 0, medium: 0, low: 0 });
    });

    it('is not ready once the schema is behind this build', async () => {
      const latest = Number(((await t.rawExec('select max(version) as v from ir_schema_migrations')) as { v: number | string }[])[0]!.v);
      await t.rawExec('delete from ir_schema_migrations where version = ?', [latest]);
      const r = await t.store.checkReady();
      assert.equal(r.ready, false);
      assert.match(r.ready ? '' : r.reason, new RegExp(`schema is at version ${latest - 1}, this build needs ${latest}`));
    });
  });
}
