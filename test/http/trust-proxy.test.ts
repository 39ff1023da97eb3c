// Behind a TLS proxy (`server.trust_proxy`): each client is limited by its own address from
// X-Forwarded-For, and the web session cookie is Secure when X-Forwarded-Proto says https. Without
// it, those headers are ignored: every caller is the address that connected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './http-harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BAD = 'irt_' + 'x'.repeat(43);

async function get(h: Harness, token: string, headers: Record<string, string>): Promise<number> {
  const res = await h.server.inject({ method: 'GET', url: '/api/v1/incidents', headers: { authorization: `Bearer ${token}`, ...headers } });
  return res.statusCode;
}

describe('behind a proxy: server.trust_proxy set', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite', { failedAuthMax: 3 }, { configYaml: 'server:\n  trust_proxy: 1\n' });
  });
  after(() => h?.close());

  it('limits failed authentication per real client address, so bad tokens from one client do not lock out another', async () => {
    for (let i = 0; i < 3; i++) assert.equal(await get(h, BAD, { 'x-forwarded-for': '203.0.113.5' }), 401);
    assert.equal(await get(h, BAD, { 'x-forwarded-for': '203.0.113.5' }), 429);
    assert.equal(await get(h, h.tokens.admin, { 'x-forwarded-for': '203.0.113.5' }), 429, 'the guessing address stays limited');
    assert.equal(await get(h, h.tokens.admin, { 'x-forwarded-for': '198.51.100.7' }), 200, 'another client is not locked out');
    assert.equal(await get(h, BAD, { 'x-forwarded-for': '198.51.100.7' }), 401);
  });

  it('marks the session cookie Secure when the proxy says the request came over https', async () => {
    const tls = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: { ...FORM, 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.10' }, payload: `token=${encodeURIComponent(h.tokens.viewer)}` });
    assert.equal(tls.statusCode, 303, tls.body);
    assert.match(String(tls.headers['set-cookie']), /; Secure/);
    const plain = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: { ...FORM, 'x-forwarded-proto': 'http', 'x-forwarded-for': '192.0.2.10' }, payload: `token=${encodeURIComponent(h.tokens.viewer)}` });
    assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/);
  });
});

describe('not behind a proxy: server.trust_proxy unset', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite', { failedAuthMax: 3 });
  });
  after(() => h?.close());

  it('ignores X-Forwarded-For: a client cannot pick a fresh address to guess from', async () => {
    for (let i = 0; i < 3; i++) assert.equal(await get(h, BAD, { 'x-forwarded-for': `203.0.113.${i + 1}` }), 401);
    assert.equal(await get(h, BAD, { 'x-forwarded-for': '203.0.113.99' }), 429);
  });

  it('ignores X-Forwarded-Proto: the cookie is Secure only on a real https connection', async () => {
    const res = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: { ...FORM, 'x-forwarded-proto': 'https' }, payload: `token=${encodeURIComponent(h.tokens.viewer)}` });
    assert.equal(res.statusCode, 303, res.body);
    assert.doesNotMatch(String(res.headers['set-cookie']), /Secure/);
  });
});
