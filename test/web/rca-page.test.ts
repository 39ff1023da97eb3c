// The RCA in the web app: the document with its reconstructed timeline, edited from a form by a
// commander (the same rule as PATCH /incidents/{id}/rca), read-only for responders and viewers, and
// a 404 page for a security incident outside the team.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { declare, startHarness, type Harness } from '../http/http-harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

describe('the RCA page', () => {
  let h: Harness;
  let id: string;
  before(async () => {
    h = await startHarness('sqlite');
    id = await declare(h, { severity: 'high', type: 'outage', environment: 'production', title: 'Checkout API down' });
  });
  after(() => h.close());

  async function signIn(token: string): Promise<string> {
    const res = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: `token=${encodeURIComponent(token)}` });
    assert.equal(res.statusCode, 303, res.body);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  it('shows the analysis and saves an edit from the form', async () => {
    const cookie = await signIn(h.tokens.commander);
    const page = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Root Cause Analysis|${id}`));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf, 'the edit form is there for a responder');
    const body = new URLSearchParams({
      _csrf: csrf, rootCause: 'Connection pool exhausted by a retry storm', addFactors: 'No pool saturation alert\nRetries without backoff',
      addActions: '[Immediate] Add pool monitoring @alice due 2026-12-05',
    }).toString();
    const saved = await h.server.inject({ method: 'POST', url: `/app/incidents/${id}/rca`, headers: { ...FORM, cookie }, payload: body });
    assert.equal(saved.statusCode, 303, saved.body);
    const after = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie } });
    assert.match(after.body, /Connection pool exhausted by a retry storm/);
    assert.match(after.body, /Retries without backoff/);
    assert.match(after.body, /Add pool monitoring/);
  });

  it('names a malformed corrective action without losing the page', async () => {
    const cookie = await signIn(h.tokens.commander);
    const page = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await h.server.inject({ method: 'POST', url: `/app/incidents/${id}/rca`, headers: { ...FORM, cookie }, payload: new URLSearchParams({ _csrf: csrf, addActions: '[Someday] maybe' }).toString() });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /role="alert"/);
    assert.match(res.body, /Someday|Immediate/);
  });

  it('refuses a responder\'s edit exactly as the API does, and shows a responder no form', async () => {
    const commander = await signIn(h.tokens.commander);
    const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    const commanderPage = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie: commander } });
    assert.match(commanderPage.body, /Edit the analysis/);

    const api = await h.request('PATCH', `/api/v1/incidents/${id}/rca`, { as: 'responder', body: { rootCause: 'Changed by a responder' } });
    assert.equal(api.statusCode, 403, api.body);
    const apiMessage = (api.json() as { error: { message: string } }).error.message;

    const cookie = await signIn(h.tokens.responder);
    const page = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Edit the analysis/);
    // The sign-out form still carries the session's CSRF token: a hand-made post gets that far.
    const csrf = csrfOf(page.body);
    assert.ok(csrf);
    const res = await h.server.inject({
      method: 'POST', url: `/app/incidents/${id}/rca`, headers: { ...FORM, cookie },
      payload: new URLSearchParams({ _csrf: csrf, rootCause: 'Changed by a responder' }).toString(),
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.ok(res.body.includes(apiMessage.replace(/"/g, '&quot;')) || res.body.includes(apiMessage), `the page says what the API says: ${apiMessage}`);
    const after = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie } });
    assert.doesNotMatch(after.body, /Changed by a responder/);
  });

  it('is read-only for a viewer and hidden from those outside the security team', async () => {
    const viewer = await signIn(h.tokens.viewer);
    const page = await h.server.inject({ method: 'GET', url: `/app/incidents/${id}/rca`, headers: { cookie: viewer } });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Edit the analysis/);
    const securityId = await declare(h, { severity: 'high', type: 'security', environment: 'production', title: 'Token theft' }, 'security-admin');
    const hidden = await h.server.inject({ method: 'GET', url: `/app/incidents/${securityId}/rca`, headers: { cookie: viewer } });
    assert.equal(hidden.statusCode, 404);
    assert.doesNotMatch(hidden.body, /Token theft/);
  });
});
