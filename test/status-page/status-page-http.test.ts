import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import type { Harness } from '../http/http-harness.js';
import { DOCUMENT_SHAPES } from './statuspage-shape.js';
import { findAll, parseXml } from './parse-xml.js';
import { caughtUp, declareIncident, getJson, postUpdate, publicId, publish, startStatusPageHarness } from './status-page-world.js';

const SECRET_NOTE = 'internal-note-db-password-rotated';
const COMMANDER = 'Zelda Quark';

for (const kind of STORE_KINDS) {
  describe(`public status page over HTTP (${kind})`, () => {
    let h: Harness;
    let outageId: string;
    let quietId: string;
    let stagingId: string;
    let securityId: string;
    let outagePublic: string;
    let securityPublic: string;
    before(async () => {
      h = await startStatusPageHarness(kind);
      outageId = await declareIncident(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'Primary DB failover stuck on db-7', service: 'checkout' });
      await postUpdate(h, outageId, 'investigating', 'We are investigating errors on the API.');
      await h.request('POST', `/api/v1/incidents/${outageId}/notes`, { as: 'admin', body: { text: SECRET_NOTE } });
      await h.request('POST', `/api/v1/incidents/${outageId}/roles`, { as: 'admin', body: { role: 'commander', person: COMMANDER } });
      await publish(h, outageId, { title: 'API errors', componentIds: ['api'], impact: 'major' });
      quietId = await declareIncident(h, { severity: 'high', type: 'performance', environment: 'production', title: 'Unpublished slowness in search' });
      stagingId = await declareIncident(h, { severity: 'high', type: 'outage', environment: 'staging', title: 'Staging cluster down' });
      securityId = await declareIncident(h, { severity: 'high', type: 'security', environment: 'production', title: 'Credential stuffing from botnet 10.1.2.0/24' });
      await postUpdate(h, securityId, 'identified', 'Some sign-ins are being slowed while we block abusive traffic.');
      outagePublic = await publicId(h, outageId);
      securityPublic = await publicId(h, securityId);
    });
    after(() => h.close());

    it('serves every Statuspage document without a token, in Statuspage\'s documented shape', async () => {
      for (const [path, shape] of Object.entries(DOCUMENT_SHAPES)) {
        const res = await h.request('GET', `/api/v2/${path}`);
        assert.equal(res.statusCode, 200, path);
        assert.match(String(res.headers['content-type']), /^application\/json/, path);
        assert.equal(res.headers['access-control-allow-origin'], '*', path);
        const parsed = shape.safeParse(res.json());
        assert.ok(parsed.success, `${path}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
      }
    });

    it('shows a published incident with its updates in summary.json, unresolved.json and the page, with "Next update by"', async () => {
      const summary = await getJson(h, 'summary.json');
      const incident = summary['incidents'].find((i: { id: string }) => i.id === outagePublic);
      assert.ok(incident, 'the published incident is in summary.json');
      assert.equal(incident.name, 'API errors');
      assert.equal(incident.impact, 'major');
      assert.equal(incident.status, 'investigating');
      assert.deepEqual(incident.incident_updates.map((u: { body: string }) => u.body), ['We are investigating errors on the API.']);
      assert.match(incident.next_update_at, /^\d{4}-\d\d-\d\dT/);
      assert.equal(summary['components'].find((c: { id: string }) => c.id === 'api').status, 'partial_outage');
      assert.equal(summary['components'].find((c: { id: string }) => c.id === 'web').status, 'operational');
      assert.deepEqual(summary['status'], { indicator: 'major', description: 'Partial System Outage' });
      const unresolved = await getJson(h, 'incidents/unresolved.json');
      assert.ok(unresolved['incidents'].some((i: { id: string }) => i.id === outagePublic));

      const html = await h.request('GET', '/status');
      assert.equal(html.statusCode, 200);
      assert.match(String(html.headers['content-type']), /^text\/html/);
      assert.match(html.body, /API errors/);
      assert.match(html.body, /We are investigating errors on the API\./);
      assert.match(html.body, /Next update by \d\d:\d\d UTC/);
      assert.match(html.body, /prefers-color-scheme:dark/);
      assert.doesNotMatch(html.body, /<script/i);
    });

    it('never shows unpublished or non-production incidents, internal titles, notes, roles or people', async () => {
      await assert.rejects(publish(h, stagingId, { componentIds: ['api'], impact: 'minor' }), /only production incidents/);
      const everything = [
        (await h.request('GET', '/status')).body,
        (await h.request('GET', '/status/feed.rss')).body,
        (await h.request('GET', '/status/feed.atom')).body,
        ...(await Promise.all(Object.keys(DOCUMENT_SHAPES).map(async (p) => (await h.request('GET', `/api/v2/${p}`)).body))),
      ].join('\n');
      for (const hidden of [quietId, stagingId, 'Unpublished slowness', 'Staging cluster down', 'Primary DB failover', SECRET_NOTE, COMMANDER, 'security-admin', 'checkout', securityId]) {
        assert.ok(!everything.includes(hidden), `the public page leaks '${hidden}'`);
      }
    });

    it('shows a published security incident only by its public title and public updates', async () => {
      await assert.rejects(publish(h, securityId, { componentIds: ['web'], impact: 'minor' }), /give the public title/);
      await publish(h, securityId, { title: 'Slower sign-ins', componentIds: ['web'], impact: 'minor' });
      const unresolved = await getJson(h, 'incidents/unresolved.json');
      const incident = unresolved['incidents'].find((i: { id: string }) => i.id === securityPublic);
      assert.equal(incident.name, 'Slower sign-ins');
      assert.deepEqual(incident.incident_updates.map((u: { body: string }) => u.body), ['Some sign-ins are being slowed while we block abusive traffic.']);
      const page = (await h.request('GET', '/status')).body + JSON.stringify(unresolved);
      assert.ok(!page.includes('Credential stuffing'), 'internal title leaked');
      assert.ok(!page.includes('10.1.2.0'), 'internal detail leaked');
      assert.equal((await getJson(h, 'components.json'))['components'].find((c: { id: string }) => c.id === 'web').status, 'degraded_performance');
    });

    it('refuses viewers, and answers NOT_FOUND for incidents the publisher may not see', async () => {
      await assert.rejects(publish(h, outageId, { componentIds: ['api'], impact: 'major' }, 'viewer'), { code: 'FORBIDDEN' });
      const { statusPageAdmin } = await import('../../src/main/status-page-wiring.js');
      await assert.rejects(statusPageAdmin(h.app, { name: 'rick', role: 'responder', teams: [] }).publish(securityId, { title: 'x', componentIds: [], impact: 'none' }), { code: 'NOT_FOUND' });
      await assert.rejects(publish(h, outageId, { componentIds: ['apii'], impact: 'major' }), /did you mean 'api'/);
    });

    it('serves RSS and Atom feeds that parse as XML and list published incidents', async () => {
      const rss = await h.request('GET', '/status/feed.rss');
      assert.match(String(rss.headers['content-type']), /^application\/rss\+xml/);
      const channel = parseXml(rss.body);
      assert.equal(channel.name, 'rss');
      assert.ok(findAll(channel, 'title').some((t) => t.text === 'API errors'));
      const atom = await h.request('GET', '/status/feed.atom');
      assert.match(String(atom.headers['content-type']), /^application\/atom\+xml/);
      const feed = parseXml(atom.body);
      assert.equal(feed.name, 'feed');
      assert.ok(findAll(feed, 'entry').length >= 1);
    });

    it('moves a resolved incident to history: components operational again, indicator none, no next update', async () => {
      const res = await h.request('POST', `/api/v1/incidents/${outageId}/resolve`, { as: 'admin', body: { summary: 'Replaced the failing db-7 replica' } });
      assert.equal(res.statusCode, 200);
      const summary = await getJson(h, 'summary.json');
      assert.ok(!summary['incidents'].some((i: { id: string }) => i.id === outagePublic));
      assert.equal(summary['components'].find((c: { id: string }) => c.id === 'api').status, 'operational');
      const all = await getJson(h, 'incidents.json');
      const resolved = all['incidents'].find((i: { id: string }) => i.id === outagePublic);
      assert.equal(resolved.status, 'resolved');
      assert.equal(resolved.next_update_at, null);
      assert.equal(resolved.incident_updates[0].body, 'This incident has been resolved.');
      assert.ok(!JSON.stringify(all).includes('db-7'), 'the internal resolution summary leaked');
      const html = (await h.request('GET', '/status')).body;
      assert.match(html, /Past incidents \(90 days\)[\s\S]*API errors/);
    });

    it('takes an unpublished incident off the page', async () => {
      const { statusPageAdmin } = await import('../../src/main/status-page-wiring.js');
      const outcome = await statusPageAdmin(h.app, { name: 'pat', role: 'responder', teams: ['security'] }).unpublish(securityId);
      assert.equal(outcome.changed, true);
      await caughtUp(h);
      assert.ok(!(await h.request('GET', '/status')).body.includes('Slower sign-ins'));
      assert.equal((await getJson(h, 'status.json'))['status'].indicator, 'none');
    });
  });
}
