import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_TTL_MS, SessionKeeper, readCookie } from './web-session.js';

const NOW = Date.parse('2026-11-28T14:30:00Z');
const SECRET = 'x'.repeat(40);

describe('web sessions', () => {
  it('opens a cookie it signed, until it expires', () => {
    const keeper = new SessionKeeper(SECRET);
    const { cookie, session } = keeper.create({ tokenHash: 'hash-of-token' }, NOW);
    assert.deepEqual(keeper.open(cookie, NOW + 1000), session);
    assert.equal(keeper.open(cookie, NOW + SESSION_TTL_MS), undefined);
  });

  it('keeps only the token hash and a nonce in the cookie', () => {
    const { cookie } = new SessionKeeper(SECRET).create({ tokenHash: 'hash-of-token' }, NOW);
    const payload = JSON.parse(Buffer.from(cookie.split('.')[0]!, 'base64url').toString('utf8')) as unknown[];
    assert.deepEqual(payload.slice(0, 2), ['t', 'hash-of-token']);
    assert.equal(payload.length, 4);
  });

  it('refuses a cookie that was altered or signed with another secret', () => {
    const keeper = new SessionKeeper(SECRET);
    const { cookie } = keeper.create({ tokenHash: 'hash-a' }, NOW);
    const forged = Buffer.from(JSON.stringify(['t', 'hash-b', NOW + SESSION_TTL_MS, 'n'])).toString('base64url');
    assert.equal(keeper.open(`${forged}.${cookie.split('.')[1]}`, NOW), undefined);
    assert.equal(new SessionKeeper('y'.repeat(40)).open(cookie, NOW), undefined);
    for (const junk of ['', '.', 'a.b.c', 'not-a-cookie']) assert.equal(keeper.open(junk, NOW), undefined);
  });

  it('carries a principal signed in another way (an identity provider), and refuses an altered role', () => {
    const keeper = new SessionKeeper(SECRET);
    const principal = { name: 'alice@example.com', role: 'responder' as const, teams: ['payments'] };
    const { cookie, session } = keeper.create({ principal }, NOW);
    assert.deepEqual(keeper.open(cookie, NOW + 1000), session);
    assert.deepEqual((keeper.open(cookie, NOW + 1000) as { principal: unknown }).principal, principal);
    const raised = Buffer.from(JSON.stringify(['p', ['alice@example.com', 'admin', []], NOW + SESSION_TTL_MS, 'n'])).toString('base64url');
    assert.equal(keeper.open(`${raised}.${cookie.split('.')[1]}`, NOW), undefined);
  });

  it('ends a session at sign-out', () => {
    const keeper = new SessionKeeper(SECRET);
    const { cookie, session } = keeper.create({ tokenHash: 'hash-a' }, NOW);
    keeper.signOut(session, NOW);
    assert.equal(keeper.open(cookie, NOW + 1), undefined);
  });

  it('accepts only the session\'s own CSRF token', () => {
    const keeper = new SessionKeeper(SECRET);
    const a = keeper.create({ tokenHash: 'hash-a' }, NOW).session;
    const b = keeper.create({ tokenHash: 'hash-a' }, NOW).session;
    assert.ok(keeper.isCsrfValid(a, keeper.csrfToken(a)));
    assert.ok(!keeper.isCsrfValid(a, keeper.csrfToken(b)));
    assert.ok(!keeper.isCsrfValid(a, undefined));
  });

  it('reads one cookie from a Cookie header', () => {
    assert.equal(readCookie('a=1; ir_session=abc.def; b=2', 'ir_session'), 'abc.def');
    assert.equal(readCookie('a=1', 'ir_session'), undefined);
    assert.equal(readCookie(undefined, 'ir_session'), undefined);
  });
});
