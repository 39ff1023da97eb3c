// The web app's session over HTTP, in process: signing in, what the cookie may do on the API, CSRF,
// revocation and sign-out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { declare, startHarness, type Harness } from '../http/http-harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('web sessions over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite');
  });
  after(() => h.close());

  async function signIn(token: string): Promise<string> {
    const res = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: `token=${encodeURIComponent(token)}` });
    assert.equal(res.statusCode, 303, res.body);
    const header = String(res.headers['set-cookie']);
    assert.match(header, /^ir_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    assert.ok(!header.includes(token), 'the cookie does not carry the token');
    return header.split(';')[0]!;
  }

  it('refuses an unknown token and sends pages without a session to the sign-in page', async () => {
    const wrong = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: 'token=irt_nope' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /That token is not valid/);
    const empty = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: 'token=+' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Paste an API token/);
    const page = await h.server.inject({ method: 'GET', url: '/app' });
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/app/sign-in');
    const forged = await h.server.inject({ method: 'GET', url: '/app', headers: { cookie: 'ir_session=eyJ4Ijp9.AAAA' } });
    assert.equal(forged.statusCode, 303);
  });

  it('lets the cookie read the API (the event stream) but never write through it', async () => {
    const cookie = await signIn(h.tokens.responder);
    assert.equal((await h.server.inject({ method: 'GET', url: '/api/v1/incidents', headers: { cookie } })).statusCode, 200);
    const write = await h.server.inject({ method: 'POST', url: '/api/v1/incidents', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ severity: 'low', type: 'outage', environment: 'staging' }) });
    assert.equal(write.statusCode, 401);
  });

  it('refuses a form post without the session CSRF token or from another site', async () => {
    const cookie = await signIn(h.tokens.responder);
    const page = await h.server.inject({ method: 'GET', url: '/app/incidents/new', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf);
    const body = 'severity=low&type=outage&environment=staging&title=From+the+form';
    assert.equal((await h.server.inject({ method: 'POST', url: '/app/incidents', headers: { ...FORM, cookie }, payload: body })).statusCode, 403);
    assert.equal((await h.server.inject({ method: 'POST', url: '/app/incidents', headers: { ...FORM, cookie, 'sec-fetch-site': 'cross-site' }, payload: `${body}&_csrf=${encodeURIComponent(csrf)}` })).statusCode, 403);
    const ok = await h.server.inject({ method: 'POST', url: '/app/incidents', headers: { ...FORM, cookie, 'sec-fetch-site': 'same-origin' }, payload: `${body}&_csrf=${encodeURIComponent(csrf)}` });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.match(String(ok.headers.location), /^\/app\/incidents\/INC-/);
  });

  it('shows a declarer outside the security team a receipt for the security incident they declared, not a room that answers 404', async () => {
    const cookie = await signIn(h.tokens.responder);
    const form = await h.server.inject({ method: 'GET', url: '/app/incidents/new', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(csrf);
    const body = `severity=critical&type=security&environment=production&title=${encodeURIComponent('Badge reader logs wiped')}&_csrf=${encodeURIComponent(csrf)}`;
    const res = await h.server.inject({ method: 'POST', url: '/app/incidents', headers: { ...FORM, cookie, 'sec-fetch-site': 'same-origin' }, payload: body });
    assert.equal(res.statusCode, 200, `${res.statusCode} ${String(res.headers.location)}`);
    const id = /SEC-\d{4}-\d{4}-\d{3}/.exec(res.body)?.[0];
    assert.ok(id, res.body);
    assert.match(res.body, /handed to the security team/);
    assert.match(res.body, /SEV-1 security/);
    for (const hidden of ['Checklist', 'Timeline', 'Acknowledge', 'Response due']) assert.ok(!res.body.includes(hidden), hidden);
    const room = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}`, headers: { cookie } });
    assert.equal(room.statusCode, 404);
    const stored = (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'security-viewer' })).json() as { title: string; declaredBy: string };
    assert.deepEqual([stored.title, stored.declaredBy], ['Badge reader logs wiped', 'responder']);
  });

  it('shows a viewer the FORBIDDEN message when acting, and a 404 page for a security incident', async () => {
    const securityId = await declare(h, { severity: 'high', type: 'security', environment: 'production', title: 'Token theft' }, 'security-admin');
    const outageId = await declare(h, { severity: 'high', type: 'outage', environment: 'production', title: 'API down' });
    const cookie = await signIn(h.tokens.viewer);
    const page = await h.server.inject({ method: 'GET', url: `/app/incidents/${outageId}`, headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const ack = await h.server.inject({ method: 'POST', url: `/app/incidents/${outageId}/do/acknowledge`, headers: { ...FORM, cookie }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    assert.equal(ack.statusCode, 403);
    assert.match(ack.body, /class="error" role="alert"/);
    const hidden = await h.server.inject({ method: 'GET', url: `/app/incidents/${securityId}`, headers: { cookie } });
    assert.equal(hidden.statusCode, 404);
    assert.ok(!hidden.body.includes('Token theft'));
  });

  it('ends the session when the token is revoked, and at sign-out', async () => {
    const { token } = await h.app.tokens.create({ name: 'short-lived', role: 'viewer' }, { name: 'root', role: 'admin', teams: [] });
    const cookie = await signIn(token);
    assert.equal((await h.server.inject({ method: 'GET', url: '/app', headers: { cookie } })).statusCode, 200);
    await h.app.tokens.revoke('short-lived', { name: 'root', role: 'admin', teams: [] });
    assert.equal((await h.server.inject({ method: 'GET', url: '/app', headers: { cookie } })).statusCode, 303);

    const other = await signIn(h.tokens.viewer);
    const page = await h.server.inject({ method: 'GET', url: '/app', headers: { cookie: other } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const out = await h.server.inject({ method: 'POST', url: '/app/sign-out', headers: { ...FORM, cookie: other }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    assert.equal((await h.server.inject({ method: 'GET', url: '/app', headers: { cookie: other } })).statusCode, 303);
  });
});
