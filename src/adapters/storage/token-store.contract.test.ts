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
    scopes: ['read', 'ingest', 'write'],
    kind: 'machine',
    expiresAt: undefined,
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
      assert.deepEqual(Object.keys(rows[0]!).sort(), ['created_at', 'created_by', 'expires_at', 'id', 'kind', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role', 'scopes', 'secret_hash', 'teams']);
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

    it('keeps a token\'s scopes, and a session\'s kind and expiry, as stored', async () => {
      await t.store.createToken(token({ id: 'tok_r', name: 'reader', secretHash: 'h-r', scopes: ['read', 'ingest'] }));
      await t.store.createToken(token({ id: 'ses_1', name: 'alice', secretHash: 'h-s', kind: 'session', expiresAt: epochMs(T0 + 3_600_000) }));
      assert.deepEqual((await t.store.findTokenByHash('h-r'))?.scopes, ['read', 'ingest']);
      assert.deepEqual(await t.store.findTokenByHash('h-s'), token({ id: 'ses_1', name: 'alice', secretHash: 'h-s', kind: 'session', expiresAt: epochMs(T0 + 3_600_000) }));
    });

    it('lets a person hold several sessions under one name, lists machine tokens only, and revokes a session by id alone', async () => {
      await t.store.createToken(token({ id: 'tok_m', name: 'alice', secretHash: 'h-m' }));
      await t.store.createToken(token({ id: 'ses_1', name: 'alice', secretHash: 'h-1', kind: 'session', expiresAt: epochMs(T0 + 1000) }));
      await t.store.createToken(token({ id: 'ses_2', name: 'alice', secretHash: 'h-2', kind: 'session', expiresAt: epochMs(T0 + 1000) }));
      assert.deepEqual((await t.store.listTokens()).map((r) => r.id), ['tok_m']);
      assert.equal((await t.store.revokeToken('alice', epochMs(T0 + 5)))?.id, 'tok_m');
      assert.equal(await t.store.revokeToken('alice', epochMs(T0 + 6)), undefined, 'a name never reaches a session');
      assert.equal((await t.store.revokeToken('ses_2', epochMs(T0 + 7)))?.revokedAt, T0 + 7);
      assert.equal((await t.store.findTokenByHash('h-1'))?.revokedAt, undefined);
    });

    it('gives tokens made before scopes existed every scope, as a machine token', async () => {
      await t.rawExec(`insert into ir_api_tokens (id, name, role, teams, secret_hash, prefix, created_at, created_by) values ('tok_old', 'old', 'viewer', '[]', 'h-old', 'irt_old', ${T0}, 'ada')`);
      const old = await t.store.findTokenByHash('h-old');
      assert.deepEqual([old?.scopes, old?.kind, old?.expiresAt], [['read', 'ingest', 'write'], 'machine', undefined]);
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
