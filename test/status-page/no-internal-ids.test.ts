// The public page never names an incident by its internal id (INC-…, SEC-…: they tell the type,
// the day and how many incidents we had that day): every public document is scanned, JSON, HTML
// and feeds alike, after publishing an outage and a security incident and resolving one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { statusPageFiles } from '../../src/adapters/status-page/index.js';
import type { Harness } from '../http/http-harness.js';
import { STORE_KINDS } from '../support/stores.js';
import { caughtUp, declareIncident, postUpdate, publicId, publish, startSubscribableHarness } from './status-page-world.js';

const INTERNAL_ID = /\b[A-Z]{2,6}-\d{4}-\d{4}-\d{3,}\b/;

for (const kind of STORE_KINDS) {
  describe(`public status page names incidents by public ids only (${kind})`, () => {
    let h: Harness;
    const ids: string[] = [];
    before(async () => {
      h = await startSubscribableHarness(kind);
      const outage = await declareIncident(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down', service: 'checkout' });
      await postUpdate(h, outage, 'investigating', 'Payments are failing for some customers.');
      await publish(h, outage, { title: 'Payments failing', componentIds: ['api'], impact: 'major' });
      const security = await declareIncident(h, { severity: 'high', type: 'security', environment: 'production', title: 'Credential stuffing' });
      await postUpdate(h, security, 'identified', 'Some sign-ins are slower while we block abusive traffic.');
      await publish(h, security, { title: 'Slower sign-ins', componentIds: ['web'], impact: 'minor' });
      const resolved = await declareIncident(h, { severity: 'high', type: 'performance', environment: 'production', title: 'Search slow' });
      await publish(h, resolved, { title: 'Search is slow', componentIds: ['api'], impact: 'minor' });
      await h.request('POST', `/api/v1/incidents/${resolved}/resolve`, { as: 'admin', body: { summary: 'Index rebuilt' } });
      ids.push(outage, security, resolved);
      await caughtUp(h);
    });
    after(() => h.close());

    it('leaves every internal id out of every public document, and lists each incident under its public id', async () => {
      assert.ok(ids.some((id) => id.startsWith('SEC-')), `a security incident is among them: ${ids.join(', ')}`);
      // A subscriber, so the pages behind its links exist too; and every public GET route the server registered is fetched.
      assert.equal((await h.request('POST', '/status/subscriptions', { body: { kind: 'email', address: 'reader@example.com' } })).statusCode, 202);
      const token = (await h.app.store.findStatusSubscriber('email', 'reader@example.com', ''))!.token;
      const files = statusPageFiles(h.app.config.statusPage!.components).map((f) => f.urlPath);
      const publicGets = h.routes.filter((r) => r.method === 'GET' && (r.url.startsWith('/status') || r.url.startsWith('/api/v2/'))).map((r) => r.url);
      for (const route of publicGets) assert.ok(files.includes(route) || route.includes(':token'), `public route ${route} is not scanned`);
      const paths = [...files, ...publicGets.filter((r) => r.includes(':token')).map((r) => r.replace(':token', token))];
      assert.ok(paths.includes('/status/components/web/feed.atom'), paths.join(', '));
      assert.ok(paths.some((p) => p.startsWith('/status/subscriptions/unsubscribe/')), paths.join(', '));
      for (const path of paths) {
        const res = await h.request('GET', path);
        assert.equal(res.statusCode, 200, path);
        const match = INTERNAL_ID.exec(res.body);
        assert.equal(match, null, `${path} shows ${match?.[0]}`);
        for (const id of ids) assert.ok(!res.body.includes(id), `${path} shows ${id}`);
      }
      const incidents = (await h.request('GET', '/api/v2/incidents.json')).json() as { incidents: { id: string; name: string }[] };
      const expected = await Promise.all(ids.map((id) => publicId(h, id)));
      assert.deepEqual(incidents.incidents.map((i) => i.id).sort(), [...expected].sort());
      for (const id of expected) assert.match(id, /^[0-9a-f]{12}$/);
    });
  });
}
