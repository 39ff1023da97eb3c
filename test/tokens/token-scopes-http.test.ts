// A token limited to scopes does only that over the API: GET routes need read, ingest routes
// (heartbeat pings) need ingest, every other change needs write; the OpenAPI document says which
// scope each operation needs. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const CONFIG = `
heartbeats:
  - name: nightly-backup
    interval: 5m
    grace: 1m
`;
const admin = { name: 'root', role: 'admin' as const, teams: [] };

for (const kind of STORE_KINDS) {
  describe(`token scopes over the API (${kind})`, () => {
    let h: Harness;
    const bearer: Record<string, string> = {};
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: CONFIG });
      for (const [name, scopes] of [['reader', 'read'], ['pinger', 'ingest'], ['writer', 'write'], ['reader-pinger', 'read,ingest']] as const) {
        const created = await h.app.tokens.create({ name, role: 'commander', scopes }, admin);
        assert.deepEqual(created.record.scopes, scopes.split(','));
        bearer[name] = `Bearer ${created.token}`;
      }
    });
    after(() => h.close());

    const call = (method: string, url: string, who: string, body?: unknown) =>
      h.request(method, url, { headers: { authorization: bearer[who]! }, ...(body === undefined ? {} : { body }) });

    it('lets a read token read and refuses its writes with 403 naming the scope it lacks', async () => {
      assert.equal((await call('GET', '/api/v1/incidents', 'reader')).statusCode, 200);
      const refused = await call('POST', '/api/v1/incidents', 'reader', { severity: 'high', type: 'outage', environment: 'production', title: 'Checkout errors' });
      assert.equal(refused.statusCode, 403, refused.body);
      const error = (refused.json() as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'FORBIDDEN');
      assert.match(error.message, /This token is limited to read; POST \/api\/v1\/incidents needs the write scope/);
      assert.equal((await call('POST', '/api/v1/heartbeats/nightly-backup/ping', 'reader')).statusCode, 403);
    });

    it('lets a write token change things but not read them', async () => {
      const declared = await call('POST', '/api/v1/incidents', 'writer', { severity: 'high', type: 'outage', environment: 'production', title: 'Checkout errors' });
      assert.equal(declared.statusCode, 201, declared.body);
      const read = await call('GET', '/api/v1/incidents', 'writer');
      assert.equal(read.statusCode, 403);
      assert.match(read.body, /needs the read scope/);
    });

    it('lets an ingest token ping a heartbeat and nothing else', async () => {
      const ping = await call('POST', '/api/v1/heartbeats/nightly-backup/ping', 'pinger');
      assert.equal(ping.statusCode, 200, ping.body);
      assert.equal((await call('GET', '/api/v1/incidents', 'pinger')).statusCode, 403);
      assert.equal((await call('POST', '/api/v1/heartbeats/nightly-backup/ping', 'reader-pinger')).statusCode, 200);
      assert.equal((await call('GET', '/api/v1/incidents', 'reader-pinger')).statusCode, 200);
    });

    it('asks a token sent to /metrics for the read scope, as every GET', async () => {
      const refused = await call('GET', '/metrics', 'pinger');
      assert.equal(refused.statusCode, 403, refused.body);
      const error = (refused.json() as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'FORBIDDEN');
      assert.match(error.message, /This token is limited to ingest; GET \/metrics needs the read scope/);
      assert.equal((await call('GET', '/metrics', 'writer')).statusCode, 403);
      const read = await call('GET', '/metrics', 'reader');
      assert.equal(read.statusCode, 200, read.body);
      assert.match(read.body, /^# (HELP|TYPE) /m);
      assert.equal((await h.request('GET', '/metrics')).statusCode, 200);
    });

    it('keeps every scope on a token created without --scope, and lists scopes', async () => {
      const listed = await h.request('GET', '/api/v1/tokens', { as: 'admin' });
      assert.equal(listed.statusCode, 200);
      const items = (listed.json() as { items: { name: string; scopes: string[] }[] }).items;
      assert.deepEqual(items.find((t) => t.name === 'admin')?.scopes, ['read', 'ingest', 'write']);
      assert.deepEqual(items.find((t) => t.name === 'reader-pinger')?.scopes, ['read', 'ingest']);
      const created = await h.request('POST', '/api/v1/tokens', { as: 'admin', body: { name: 'scraper', role: 'viewer', scopes: ['read'] } });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual((created.json() as { record: { scopes: string[] } }).record.scopes, ['read']);
      const bad = await h.request('POST', '/api/v1/tokens', { as: 'admin', body: { name: 'odd', role: 'viewer', scopes: ['admin'] } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /scopes/);
    });

    it('documents the scope of each operation in the OpenAPI document', async () => {
      const doc = (await h.request('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { security?: unknown }>> };
      assert.deepEqual(doc.paths['/incidents']?.['get']?.security, [{ bearer: ['read'] }]);
      assert.deepEqual(doc.paths['/incidents']?.['post']?.security, [{ bearer: ['write'] }]);
      assert.deepEqual(doc.paths['/openapi.json']?.['get']?.security, []);
    });
  });
}
