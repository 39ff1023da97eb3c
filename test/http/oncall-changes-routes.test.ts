// On-call changes over the API: overrides (who may make them, times in a zone, shown by /oncall and
// the calendar feeds, deleted), a test page through a real webhook channel with its outcome
// recorded, and reloading the configuration (admins only; a bad file changes nothing).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startConnectionRecorder, type ConnectionRecorder } from '../support/outbound-servers.js';
import { WORLD_CONFIG } from '../paging/paging-world.js';
import { startHarness, type Harness } from './http-harness.js';

const SECRET = `whsec_${Buffer.from('a-test-signing-secret-of-32-bytes!').toString('base64')}`;

function config(hookUrl: string, extra = ''): string {
  return WORLD_CONFIG
    .replace('      - { kind: email, address: alice@example.com }', `      - { kind: email, address: alice@example.com }\n      - { kind: webhook, address: "${hookUrl}/alice" }`)
    + `channels:\n  webhooks: { signing_secret_env: WEBHOOK_SIGNING_SECRET }\n  allow_private_addresses: [127.0.0.1/32]\n${extra}`;
}

for (const kind of STORE_KINDS) {
  describe(`on-call changes over the API (${kind})`, () => {
    let h: Harness;
    let hooks: ConnectionRecorder;
    const as = async (name: string, role: 'viewer' | 'responder' | 'commander' | 'admin') =>
      (await h.app.tokens.create({ name, role, teams: [] }, { name: 'root', role: 'admin', teams: [] })).token;
    const call = (method: string, url: string, token: string, body?: unknown) =>
      h.request(method, url, { headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body }) });
    let bob: string;
    let eve: string;
    let alice: string;
    let overrideId: string;
    before(async () => {
      hooks = await startConnectionRecorder((req, res) => res.writeHead(req.url === '/alice' ? 204 : 404).end());
      h = await startHarness(kind, {}, { configYaml: config(hooks.url), env: { WEBHOOK_SIGNING_SECRET: SECRET } });
      bob = await as('bob', 'responder');
      eve = await as('eve', 'responder');
      alice = await as('alice', 'viewer');
    });
    after(async () => {
      await h?.close();
      await hooks?.close();
    });

    it('lets a responder take a shift, read in the zone given, and shows it in /oncall and the calendar feeds', async () => {
      const res = await call('POST', '/api/v1/oncall/overrides', bob, { scheduleId: 'primary', personId: 'bob', from: '2027-01-10 09:00', to: '2027-01-10 17:00', timeZone: 'Europe/Berlin', note: 'cover Alice' });
      assert.equal(res.statusCode, 201, res.body);
      const made = (res.json() as { override: { id: string; startAt: string; endAt: string; personName: string; createdBy: string } }).override;
      overrideId = made.id;
      assert.deepEqual([made.startAt, made.endAt, made.personName, made.createdBy], ['2027-01-10T08:00:00.000Z', '2027-01-10T16:00:00.000Z', 'Bob Brown', 'bob']);
      const now = (await h.request('GET', '/api/v1/oncall?at=2027-01-10T12:00:00Z', { as: 'viewer' })).json() as { schedules: { onCall: { name: string; layer: string } }[] };
      assert.deepEqual([now.schedules[0]?.onCall.name, now.schedules[0]?.onCall.layer], ['Bob Brown', 'override']);
      const list = (await h.request('GET', '/api/v1/oncall/overrides?schedule=primary', { as: 'viewer' })).json() as { items: { id: string }[] };
      assert.deepEqual(list.items.map((o) => o.id), [overrideId]);
      const feed = await h.request('GET', '/api/v1/oncall/people/bob/calendar.ics?days=366', { as: 'viewer' });
      assert.equal(feed.statusCode, 200, feed.body);
      assert.match(feed.body, /DTSTART:20270110T080000Z/);
    });

    it('refuses viewers, a responder putting someone else on call, an unknown schedule and a time DST skips', async () => {
      const viewer = await call('POST', '/api/v1/oncall/overrides', alice, { scheduleId: 'primary', personId: 'alice', from: '2027-01-11T00:00Z', to: '2027-01-11T08:00Z' });
      assert.equal(viewer.statusCode, 403, viewer.body);
      const other = await call('POST', '/api/v1/oncall/overrides', eve, { scheduleId: 'primary', personId: 'bob', from: '2027-01-11T00:00Z', to: '2027-01-11T08:00Z' });
      assert.equal(other.statusCode, 403, other.body);
      const unknown = await call('POST', '/api/v1/oncall/overrides', bob, { scheduleId: 'primery', personId: 'bob', from: '2027-01-11T00:00Z', to: '2027-01-11T08:00Z' });
      assert.equal(unknown.statusCode, 404, unknown.body);
      assert.match(unknown.body, /did you mean 'primary'/);
      const gap = await call('POST', '/api/v1/oncall/overrides', bob, { scheduleId: 'primary', personId: 'bob', from: '2030-03-10 02:30', to: '2030-03-10 09:00', timeZone: 'America/New_York' });
      assert.equal(gap.statusCode, 400, gap.body);
      const error = (gap.json() as { error: { message: string; details: { path: string }[] } }).error;
      assert.match(error.message, /does not exist in America\/New_York/);
      assert.deepEqual(error.details.map((d) => d.path), ['from']);
    });

    it('lets only the people concerned, commanders and admins delete an override, and audits create and delete', async () => {
      assert.equal((await call('DELETE', `/api/v1/oncall/overrides/${overrideId}`, eve)).statusCode, 403);
      const deleted = await call('DELETE', `/api/v1/oncall/overrides/${overrideId}`, await as('carol', 'commander'));
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.equal((await call('DELETE', `/api/v1/oncall/overrides/${overrideId}`, bob)).statusCode, 404);
      const now = (await h.request('GET', '/api/v1/oncall?at=2027-01-10T12:00:00Z', { as: 'viewer' })).json() as { schedules: { onCall: { name: string } }[] };
      assert.equal(now.schedules[0]?.onCall.name, 'Alice Adams');
      const audit = await h.app.store.readAdminAudit({ limit: 20 });
      assert.deepEqual(audit.filter((a) => a.subject === overrideId).map((a) => `${a.action} ${a.actor}`).reverse(), ['oncall.override.create bob', 'oncall.override.delete carol']);
    });

    it('sends a test page through the webhook channel, signed, and records that it arrived', async () => {
      const res = await call('POST', '/api/v1/people/alice/test-page', alice, { method: 'webhook' });
      assert.equal(res.statusCode, 200, res.body);
      const items = (res.json() as { items: { contactMethodId: string; outcome: string }[] }).items;
      assert.deepEqual(items.map((i) => [i.contactMethodId, i.outcome]), [['alice-webhook-4', 'delivered']]);
      const seen = hooks.requests.at(-1);
      assert.equal(seen?.url, '/alice');
      assert.match(String(seen?.headers['webhook-signature']), /^v1,/);
      assert.match(seen?.body ?? '', /This is a test of your Webhook contact method/);
      const recorded = await h.app.store.listContactTests(0 as never);
      assert.deepEqual(recorded.map((t) => [t.personId, t.contactMethodId, t.outcome, t.requestedBy]), [['alice', 'alice-webhook-4', 'delivered', 'alice']]);
      // Someone else's methods are for commanders and admins.
      assert.equal((await call('POST', '/api/v1/people/alice/test-page', bob, {})).statusCode, 403);
      assert.equal((await call('POST', '/api/v1/people/alice/test-page', bob, { method: 'pager' })).statusCode, 403);
      const unknown = await h.request('POST', '/api/v1/people/alice/test-page', { as: 'admin', body: { method: 'pager' } });
      assert.equal(unknown.statusCode, 400, unknown.body);
    });

    it('pages a person about an incident by their own rules, on the timeline, for responders who may see it', async () => {
      const declared = await h.request('POST', '/api/v1/incidents', { as: 'admin', body: { severity: 'low', type: 'outage', environment: 'production', title: 'Search slow', service: 'checkout-api' } });
      assert.equal(declared.statusCode, 201, declared.body);
      const id = (declared.json() as { incident: { id: string } }).incident.id;
      const paged = await call('POST', `/api/v1/incidents/${id}/pages`, bob, { personId: 'alice' });
      assert.equal(paged.statusCode, 202, paged.body);
      assert.equal((paged.json() as { detail: string }).detail, 'bob paged Alice Adams (sms, voice after 5 min)');
      const messages = ((await h.request('GET', `/api/v1/incidents/${id}/messages`, { as: 'viewer' })).json() as { items: { channel: string; recipient: string; purpose: string }[] }).items;
      assert.deepEqual(messages.filter((m) => m.purpose === 'page').map((m) => `${m.channel} ${m.recipient}`).sort(), ['sms Alice Adams', 'voice Alice Adams']);
      const timeline = await h.app.incidents.timeline(id);
      assert.ok(timeline.some((e) => e.actor === 'bob' && e.data.kind === 'action-recorded' && e.data.action === 'page'), 'on the timeline');
      assert.equal((await call('POST', `/api/v1/incidents/${id}/pages`, alice, { personId: 'bob' })).statusCode, 403);
      const unknown = await call('POST', `/api/v1/incidents/${id}/pages`, bob, { personId: 'zed' });
      assert.equal(unknown.statusCode, 404, unknown.body);
      const security = await h.request('POST', '/api/v1/incidents', { as: 'security-admin', body: { severity: 'high', type: 'security', environment: 'production' } });
      const secId = (security.json() as { incident: { id: string } }).incident.id;
      const hidden = await call('POST', `/api/v1/incidents/${secId}/pages`, bob, { personId: 'alice' });
      assert.equal(hidden.statusCode, 404, hidden.body);
    });

    it('reloads the configuration for admins only, applies it at once, and keeps it when the new file is bad', async () => {
      assert.equal((await h.request('POST', '/api/v1/config/reload', { as: 'commander' })).statusCode, 403);
      const file = join(h.cwd, 'incident-response.yaml');
      const withBob = config(hooks.url).replace('participants: [alice] }', 'participants: [bob] }');
      await writeFile(file, withBob);
      const res = await h.request('POST', '/api/v1/config/reload', { as: 'admin' });
      assert.equal(res.statusCode, 200, res.body);
      const summary = res.json() as { sections: string[]; schedules: { changed: string[] }; needsRestart: string[] };
      assert.deepEqual([summary.sections, summary.schedules.changed, summary.needsRestart], [['schedules'], ['primary'], []]);
      const now = (await h.request('GET', '/api/v1/oncall?at=2027-01-10T12:00:00Z', { as: 'viewer' })).json() as { schedules: { onCall: { name: string } }[] };
      assert.equal(now.schedules[0]?.onCall.name, 'Bob Brown');

      await writeFile(file, `${withBob}\nescalation_policies:\n  broken: { steps: nope }\n`);
      const bad = await h.request('POST', '/api/v1/config/reload', { as: 'admin' });
      assert.equal(bad.statusCode, 400, bad.body);
      const error = (bad.json() as { error: { message: string; details: { message: string }[] } }).error;
      assert.match(error.message, /not reloaded; serve keeps the one it had/);
      assert.ok(error.details.some((d) => /^line \d+, column \d+: /.test(d.message)), JSON.stringify(error.details));
      const still = (await h.request('GET', '/api/v1/oncall?at=2027-01-10T12:00:00Z', { as: 'viewer' })).json() as { schedules: { onCall: { name: string } }[] };
      assert.equal(still.schedules[0]?.onCall.name, 'Bob Brown');
      const reloads = (await h.app.store.readAdminAudit({ limit: 50 })).filter((a) => a.action === 'config.reload');
      assert.equal(reloads.length, 1);
      assert.deepEqual((reloads[0]?.detail as { sections: string[] }).sections, ['schedules']);
    });
  });
}
