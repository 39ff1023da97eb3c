import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './http-harness.js';

// Helmet's defaults as the server sent them when the Fastify plugin set them on every request;
// the precomputed headers must stay exactly these.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const PER_RESPONSE = new Set(['x-request-id', 'content-type', 'content-length', 'date', 'connection', 'location']);

describe('security headers', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite');
  });
  after(() => h.close());

  for (const [url, status] of [['/healthz', 200], ['/api/v1/incidents', 200], ['/nope', 404], ['/app', 303]] as const) {
    it(`sends the same helmet header set on GET ${url} (${status})`, async () => {
      const res = await h.request('GET', url, { as: 'admin' });
      assert.equal(res.statusCode, status);
      const security = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !PER_RESPONSE.has(name)));
      assert.deepEqual(security, SECURITY_HEADERS);
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });
  }
});
