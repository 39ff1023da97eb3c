// "Page this person" on the on-call page: a responder picks an active incident beside whoever is on
// call and pages them by their own rules; viewers get no form, and an incident they may not see
// cannot be chosen or forced. Both stores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WORLD_CONFIG } from '../paging/paging-world.js';
import { startHarness, type Harness } from '../http/http-harness.js';
import { STORE_KINDS } from '../support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`page this person from the on-call page (${kind})`, () => {
    let h: Harness;
    const cookies: Record<string, string> = {};
    const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: WORLD_CONFIG });
      for (const [name, role] of [['bob', 'responder'], ['vic', 'viewer']] as const) {
        const token = (await h.app.tokens.create({ name, role, teams: [] }, { name: 'root', role: 'admin', teams: [] })).token;
        const res = await h.request('POST', '/app/sign-in', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
        assert.equal(res.statusCode, 303, res.body);
        cookies[name] = String(res.headers['set-cookie']).split(';')[0]!;
      }
    });
    after(() => h.close());

    const page = (who: string) => h.server.inject({ method: 'GET', url: '/app/oncall', headers: { cookie: cookies[who]! } });

    it('offers the active incidents beside the person on call, pages them, and puts it on the timeline', async () => {
      const none = await page('bob');
      assert.doesNotMatch(none.body, /action="\/app\/oncall\/page"/, 'no active incident, nothing to page about');
      const declared = await h.request('POST', '/api/v1/incidents', { as: 'admin', body: { severity: 'low', type: 'outage', environment: 'production', title: 'Search slow' } });
      const id = (declared.json() as { incident: { id: string } }).incident.id;
      const secret = await h.request('POST', '/api/v1/incidents', { as: 'security-admin', body: { severity: 'high', type: 'security', environment: 'production', title: 'Token leak' } });
      const secretId = (secret.json() as { incident: { id: string } }).incident.id;

      const form = await page('bob');
      assert.match(form.body, /<form class="inline page-person" method="post" action="\/app\/oncall\/page">/);
      assert.match(form.body, /<input type="hidden" name="person" value="alice"/);
      assert.match(form.body, new RegExp(`<option value="${id}">SEV-4 ${id}: Search slow</option>`));
      assert.doesNotMatch(form.body, new RegExp(secretId), 'a hidden incident is not offered');

      const send = (incident: string) => h.server.inject({
        method: 'POST', url: '/app/oncall/page',
        headers: { cookie: cookies['bob']!, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        payload: new URLSearchParams({ _csrf: csrfOf(form.body), incident, person: 'alice' }).toString(),
      });
      const done = await send(id);
      assert.equal(done.statusCode, 200, done.body.slice(0, 300));
      assert.match(done.body, new RegExp(`Paged — ${id}: bob paged Alice Adams \\(sms, voice after 5 min\\)\\.`));
      const messages = await h.app.store.listMessages({ incidentId: id });
      assert.deepEqual(messages.filter((m) => m.purpose === 'page').map((m) => `${m.channel} ${m.recipientName}`).sort(), ['sms Alice Adams', 'voice Alice Adams']);

      const forced = await send(secretId);
      assert.equal(forced.statusCode, 404);
      assert.equal((await h.app.store.listMessages({ incidentId: secretId })).filter((m) => m.purpose === 'page' && m.recipientName === 'Alice Adams').length, 0);
    });

    it('shows a viewer no paging form', async () => {
      assert.doesNotMatch((await page('vic')).body, /action="\/app\/oncall\/page"/);
    });
  });
}
