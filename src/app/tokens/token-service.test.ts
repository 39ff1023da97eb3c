import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { nodeSecretSource } from '../../main/node-secret-source.js';
import type { Principal } from '../../domain/access/index.js';
import { MINUTE, epochMs, type EpochMs } from '../../domain/time/index.js';
import { TokenService } from './index.js';

const admin: Principal = { name: 'ada', role: 'admin', teams: [] };
const commander: Principal = { name: 'cam', role: 'commander', teams: [] };

for (const kind of STORE_KINDS) {
  describe(`API tokens (${kind})`, () => {
    let t: TestStore;
    let now: EpochMs;
    let tokens: TokenService;
    before(async () => {
      t = await openTestStore(kind);
      now = epochMs(Date.parse('2026-11-28T14:30:00Z'));
      tokens = new TokenService(t.store, { now: () => now }, nodeSecretSource);
    });
    after(() => t.cleanup());

    it('creates a token shown once; stores only its hash and a short prefix', async () => {
      const created = await tokens.create({ name: 'ci', role: 'Responder', teams: ['security', 'security', 'payments'] }, admin);
      assert.match(created.token, /^irt_[A-Za-z0-9_-]{43}$/);
      assert.equal(created.record.prefix, created.token.slice(0, 12));
      assert.deepEqual({ ...created.record, id: 'x' }, {
        id: 'x', name: 'ci', role: 'responder', teams: ['security', 'payments'], prefix: created.token.slice(0, 12),
        createdAt: '2026-11-28T14:30:00.000Z', createdBy: 'ada', revokedAt: null, lastUsedAt: null, scopes: ['read', 'ingest', 'write'],
      });
      const rows = JSON.stringify(await t.rawExec('select * from ir_api_tokens'));
      assert.ok(!rows.includes(created.token.slice(12)), 'the secret is not stored');
    });

    it('authenticates to the token\'s principal and touches lastUsedAt at most once a minute', async () => {
      const { token, record } = await tokens.create({ name: 'pager', role: 'viewer', teams: ['security'] }, admin);
      assert.deepEqual(await tokens.authenticate(token), { name: 'pager', role: 'viewer', teams: ['security'] });
      const firstUse = now;
      now = epochMs(now + 30_000);
      await tokens.authenticate(token);
      const lastUsed = () => tokens.list(admin).then((l) => l.find((r) => r.id === record.id)?.lastUsedAt);
      assert.equal(await lastUsed(), new Date(firstUse).toISOString());
      now = epochMs(firstUse + MINUTE);
      await tokens.authenticate(token);
      assert.equal(await lastUsed(), new Date(now).toISOString());
    });

    it('refuses malformed, unknown and revoked tokens', async () => {
      const { token } = await tokens.create({ name: 'old', role: 'admin' }, admin);
      for (const bad of ['', 'irt_', 'Bearer x', token + 'x', `irt_${'A'.repeat(43)}`]) assert.equal(await tokens.authenticate(bad), undefined);
      assert.equal((await tokens.revoke('old', admin)).name, 'old');
      assert.equal(await tokens.authenticate(token), undefined);
    });

    it('reads a token from the store at most once a second, and honours a revocation made elsewhere within that second', async () => {
      let reads = 0;
      const counting = new Proxy(t.store, {
        get(target, key, receiver) {
          if (key === 'findTokenByHash') return (hash: string) => { reads += 1; return target.findTokenByHash(hash); };
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const cached = new TokenService(counting, { now: () => now }, nodeSecretSource);
      const { token } = await tokens.create({ name: 'busy', role: 'viewer' }, admin);
      const start = now;
      await Promise.all([cached.authenticate(token), cached.authenticate(token)]);
      now = epochMs(start + 999);
      assert.deepEqual(await cached.authenticate(token), { name: 'busy', role: 'viewer', teams: [] });
      assert.equal(reads, 1);
      // Revoked by another server or the CLI: this service hears nothing, and stops trusting its read after a second.
      await t.store.revokeToken('busy', now);
      now = epochMs(start + 1000);
      assert.equal(await cached.authenticate(token), undefined);
      assert.equal(reads, 2);
      now = epochMs(start + 1500);
      assert.equal(await cached.identify(token), undefined);
      assert.equal(reads, 2, 'a revoked token is remembered too');
    });

    it('refuses a token revoked through the service at once, and tells its listeners', async () => {
      const { token } = await tokens.create({ name: 'quick', role: 'viewer' }, admin);
      const identified = await tokens.identify(token);
      assert.equal(identified?.principal.name, 'quick');
      const heard: string[] = [];
      const stop = tokens.onRevoked((hash) => heard.push(hash));
      await tokens.revoke('quick', admin);
      stop();
      assert.deepEqual(heard, [identified!.tokenHash]);
      assert.equal(await tokens.authenticate(token), undefined);
      assert.deepEqual([...await tokens.findDead([identified!.tokenHash, 'f'.repeat(64)])].sort(), [identified!.tokenHash, 'f'.repeat(64)]);
    });

    it('limits a token to the scopes it is created with, every scope by default, and refuses an unknown scope naming it', async () => {
      const scoped = await tokens.create({ name: 'scraper', role: 'viewer', scopes: 'ingest, read' }, admin);
      assert.deepEqual(scoped.record.scopes, ['read', 'ingest']);
      assert.deepEqual((await tokens.identify(scoped.token))?.scopes, ['read', 'ingest']);
      assert.deepEqual((await tokens.create({ name: 'full', role: 'viewer' }, admin)).record.scopes, ['read', 'ingest', 'write']);
      await assert.rejects(tokens.create({ name: 'odd', role: 'viewer', scopes: 'read,admin' }, admin), { code: 'VALIDATION', message: /scopes: unknown scope 'admin'/ });
      await assert.rejects(tokens.create({ name: 'none', role: 'viewer', scopes: ' , ' }, admin), { code: 'VALIDATION', message: /scopes: give at least one/ });
    });

    it('starts a session for a signed-in person that works by its hash until it ends, is audited once, and never appears in the list', async () => {
      const audited = new TokenService(t.store, { now: () => now }, nodeSecretSource, t.store);
      const start = now;
      const { tokenHash, expiresAt } = await audited.startSession({ principal: { name: 'alice', role: 'responder', teams: ['security'] }, ttlMs: 60 * MINUTE, detail: { via: 'oidc', subject: 'sub-1' } });
      assert.equal(expiresAt, start + 60 * MINUTE);
      assert.deepEqual(await audited.principalForHash(tokenHash), { name: 'alice', role: 'responder', teams: ['security'] });
      now = epochMs(start + 30 * MINUTE);
      assert.equal((await audited.principalForHash(tokenHash))?.name, 'alice');
      now = epochMs(start + 60 * MINUTE);
      assert.equal(await audited.principalForHash(tokenHash), undefined, 'ended');
      assert.deepEqual([...await audited.findDead([tokenHash])], [tokenHash]);
      assert.ok(!(await audited.list(admin)).some((r) => r.name === 'alice'));
      const signIns = (await t.store.readAdminAudit({ limit: 50 })).filter((a) => a.subject === 'alice');
      assert.deepEqual(signIns.map((a) => [a.action, a.actor, (a.detail as { via?: string }).via]), [['sign-in', 'alice', 'oidc']]);
    });

    it('validates name and role, and keeps live names unique', async () => {
      await assert.rejects(tokens.create({ name: 'x', role: 'root' }, admin), { code: 'VALIDATION', message: /unknown role 'root'/ });
      await assert.rejects(tokens.create({ name: 'has space', role: 'viewer' }, admin), { code: 'VALIDATION' });
      await assert.rejects(tokens.create({ name: 'ci', role: 'viewer' }, admin), { code: 'CONFLICT' });
      await assert.rejects(tokens.revoke('nobody', admin), { code: 'NOT_FOUND' });
    });

    it('needs token:manage (admin) for everything but authentication', async () => {
      await assert.rejects(tokens.create({ name: 'y', role: 'viewer' }, commander), { code: 'FORBIDDEN' });
      await assert.rejects(tokens.list(commander), { code: 'FORBIDDEN' });
      await assert.rejects(tokens.revoke('ci', commander), { code: 'FORBIDDEN' });
    });

    it('audits creation, revocation and sign-ins (a first use after a quiet hour) with actor and time', async () => {
      const audited = new TokenService(t.store, { now: () => now }, nodeSecretSource, t.store);
      const { token } = await audited.create({ name: 'audited', role: 'responder' }, admin);
      await audited.authenticate(token);
      now = epochMs(now + 10 * MINUTE);
      await audited.authenticate(token);
      now = epochMs(now + 61 * MINUTE);
      await audited.authenticate(token);
      await audited.revoke('audited', admin);
      // Lines with the same instant come back in any order; compare per instant.
      const lines = (await t.store.readAdminAudit({ limit: 10 })).filter((a) => a.subject === 'audited');
      const byTime = lines.map((a) => `${a.at - lines[lines.length - 1]!.at} ${a.action} ${a.actor}`).sort();
      assert.deepEqual(byTime, ['0 sign-in audited', '0 token.create ada', `${71 * MINUTE} sign-in audited`, `${71 * MINUTE} token.revoke ada`]);
    });
  });
}
