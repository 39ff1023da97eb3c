import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Harness } from './http-harness.js';

const RUNS_PER_STORE = 1500;

/** Hostile bodies: valid JSON of the wrong shape, and bytes that are not JSON (or not UTF-8) at all. */
const deep = fc.integer({ min: 20, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const deepObject = fc.integer({ min: 20, max: 3000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));
const hugeNumbers = fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '0.0000000000000000000000001e-400', 'NaN', 'Infinity');
const protoKeys = fc.constantFrom('__proto__', 'constructor', 'prototype').chain((k) =>
  fc.constantFrom(`{"${k}":{"isAdmin":true}}`, `{"severity":"low","${k}":{"role":"admin"}}`, `{"a":{"${k}":{"polluted":1}}}`, `[{"${k}":1}]`));
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28, 0xff, ...bytes]), Buffer.from('"}')]));
const longStrings = fc.integer({ min: 10_000, max: 200_000 }).map((n) => JSON.stringify({ title: 'x'.repeat(n), severity: 'low', type: 'data', environment: 'staging', text: 'y'.repeat(n), summary: 'z'.repeat(n) }));
const wrongShapes = fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.array(fc.anything()).map((v) => JSON.stringify(v) ?? '[]'));
const recordish = fc.dictionary(fc.constantFrom('severity', 'type', 'environment', 'title', 'done', 'status', 'message', 'role', 'person', 'summary', 'text', 'note', 'reason', 'name', 'teams', 'x'), fc.jsonValue()).map((v) => JSON.stringify(v));
const garbage = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '{', '{"a":1', 'null', 'true', '"str"', '{"a":1}{"b":2}'));

const body = fc.oneof(deep, deepObject, hugeNumbers, protoKeys, invalidUtf8, longStrings, wrongShapes, recordish, garbage);
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', '', 'application/*', 'JSON') },
);

for (const kind of STORE_KINDS) {
  describe(`malformed bodies on every JSON POST endpoint (${kind})`, () => {
    let h: Harness;
    let posts: string[];
    before(async () => {
      h = await startHarness(kind);
      const id = await declare(h, { severity: 'low', type: 'outage', environment: 'staging' });
      // Ingest endpoints answer in their senders' formats (test/alerts), not in the error envelope.
      const isIngest = (url: string) => h.app.alerts.registry.sources.some((s) => s.routes.some((r) => r.path === url));
      posts = h.routes.filter((r) => r.method === 'POST' && r.url.startsWith('/api/v1/') && !isIngest(r.url)).map((r) => r.url.replace(':id', id).replace(':step', '1.1'));
    });
    after(() => h.close());

    it('never answers 5xx, always answers in the error envelope, and stays healthy', async () => {
      assert.equal(posts.length, 33, posts.join(', '));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...posts), body, contentType, async (url, payload, type) => {
          const res = await h.request('POST', url, { as: 'admin', payload, headers: type === '' ? {} : { 'content-type': type } });
          assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
          if (res.statusCode >= 400) {
            const json = res.json() as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } };
            assert.equal(typeof json.error?.code, 'string', res.body.slice(0, 300));
            assert.equal(typeof json.error?.message, 'string');
            assert.ok(Array.isArray(json.error?.details));
          }
          assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined, 'no prototype pollution');
          assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype pollution');
        }),
        { numRuns: RUNS_PER_STORE },
      );
      assert.equal((await h.request('GET', '/healthz')).statusCode, 200);
      assert.equal((await h.request('GET', '/readyz')).statusCode, 200);
      assert.equal((await h.request('GET', '/api/v1/audit/verify', { as: 'admin' })).json().ok, true);
    });
  });
}
